"""The Arabic text layer: cleaning with an offset map, folding, keys."""
from __future__ import annotations

import pytest

from marsad.arabic.normalise import ascii_digits, clean, fold, key, strip_diacritics
from marsad.doc import Doc


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("قُتِلَ", "قتل"),                       # harakat
        ("الْمَوْصِلُ", "الموصل"),                # sukun, damma
        ("مـــــقـتـل", "مقتل"),                  # tatweel
        ("شدّد", "شدد"),                         # shadda
        ("مسلحاً", "مسلحا"),                    # tanwin
        ("هٰذا", "هذا"),                         # superscript alef
    ],
)
def test_strip_diacritics(raw, expected):
    assert strip_diacritics(raw) == expected
    assert clean(raw)[0] == expected


def test_digits_and_punctuation_unified():
    c, _ = clean("قُتل ٣٥ شخصاً و۴۲ جريحاً، «وفق» المصدر؛ هل؟")
    assert "35" in c and "42" in c
    assert '"وفق"' in c and "," in c and ";" in c and c.endswith("?")
    assert ascii_digits("٢٠١٦") == "2016"


def test_invisible_marks_removed_and_mapped_back():
    raw = "\ufeffبغداد\u200f - \u200eقال\u200b مسؤول"
    c, om = clean(raw)
    assert c == "بغداد - قال مسؤول"
    for j, ch in enumerate(c):
        assert raw[om.to_original(j)] == ch


@pytest.mark.parametrize(
    "raw",
    [
        "وَبِالْمَوْصِلِ اشْتِبَاكَاتٌ عَنِيفَةٌ",
        "قـــال المتحدث: «لن نتراجع» ١٢ مرة\u200f.",
        "\ufeff\u202bنص\u202c مختلط with English و123",
        "",
        "ـــــ",
    ],
)
def test_offset_map_round_trip(raw):
    c, om = clean(raw)
    for j, ch in enumerate(c):
        o = om.to_original(j)
        # the original character maps to the clean one (digits/punctuation are mapped 1:1)
        assert clean(raw[o])[0] == ch
    d = Doc(raw, id="t")
    for j in range(len(c)):
        s, e = d.orig_span(j, j + 1)
        assert clean(raw[s:e])[0] == c[j]


def test_folding_is_one_to_one():
    s = "أإآٱى ة ؤ ئ"
    assert len(fold(s)) == len(s)
    assert fold("إرفع") == "ارفع" and fold("ليبيا") == "ليبيا" and fold("مدرسة") == "مدرسه"
    assert key("  الْمَوْصِل\u200f ") == key("الموصل")
    assert key("أسامة") == key("اسامه")


def test_presentation_forms():
    # U+FEE3 U+FEEE U+FEBB U+FEDE: positional forms of م و ص ل
    assert clean("\ufee3\ufeee\ufebb\ufede")[0] == "موصل"


def test_span_keeps_vowel_marks():
    d = Doc("قُتِلَ جنديٌّ", id="t")
    c = d.clean
    j = c.index("جندي")
    s, e = d.orig_span(j, j + 4)
    assert d.text[s:e] == "جنديٌّ"


@pytest.mark.parametrize("raw", ["ـقُتِلَ ٣٥\u200f\u200fمسلحاًـ", "بلا تشكيل", "ًٌٍ", "أَ"])
def test_offset_array_matches_bisect_map(raw):
    c, om = clean(raw)
    arr = om.array(len(c))
    assert arr == [om.to_original(j) for j in range(len(c))]
