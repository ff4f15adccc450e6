"""Fast paths of fold/key and Doc.clean_index agree with their plain definitions (Arabic we wrote)."""
from __future__ import annotations

from bisect import bisect_right

import pytest

from marsad.arabic.normalise import _CLEAN_MAP, FOLD, fold, key
from marsad.doc import Doc

WORDS = ["مدينة", "أمس", "إلى", "آلاف", "مستشفى", "مسؤول", "رئيس", "سيارة", "قتلى", "في", "کتاب", "گروه",
         "بغداد", "", "ي", "ة"]


def plain_fold(s: str) -> str:
    return "".join(FOLD.get(c, c) for c in s)


def plain_key(s: str) -> str:
    cleaned = "".join(_CLEAN_MAP.get(c, c) for c in s)
    return " ".join(plain_fold(cleaned).split())


@pytest.mark.parametrize("n", [1, 2, 5, 30])  # short strings (< 64 chars) and long ones
def test_fold_equals_character_map(n):
    for w in WORDS:
        s = " ".join([w] * n)
        assert fold(s) == plain_fold(s)
    every = "".join(FOLD) * n
    assert fold(every) == plain_fold(every)


@pytest.mark.parametrize("s", [
    "مدينة",  # nothing to clean, something to fold
    "بغداد",  # nothing to clean or fold
    "  قُتِلَ   ٣ــ أشخاص،\u200f  ",  # diacritics, tatweel, digits, punctuation, invisible mark, spaces
    "«الأمم المتحدة»\u00a0اليوم",
    "",
    "   ",
])
def test_key_equals_definition(s):
    assert key(s) == plain_key(s)


@pytest.mark.parametrize("text", [
    "قَالَ المتحدثُ إنَّ ثلاثةً قُتلوا.",
    "\u200fبغداد\u200f - وصل الوفد ـــ اليوم.ً",
    "ًًً",
    "لا حركات هنا",
])
def test_clean_index_is_first_kept_character_at_or_after(text):
    d = Doc(text, id="t")
    marks = d.offsets.marks
    kept = [j + bisect_right(marks, j) for j in range(len(d.clean))]  # original index of each clean one
    for orig in range(len(text) + 1):
        want = next((j for j, o in enumerate(kept) if o >= orig), len(d.clean))
        assert d.clean_index(orig) == want, orig
    # and through the orig_span round trip of every token-like span
    for j in range(len(d.clean)):
        assert d.clean_index(d.orig_span(j, j + 1)[0]) == j


@pytest.mark.parametrize("text", [
    "وَقَصَفَتْ الطائراتُ مواقـــعَ المسلحين\u200f ليلاً، «وقال» ١٢ شخصاً؟",
    "\u064e\u064eبداية مشكولة\u0640",  # marks at the very start and end
    "نص بلا تشكيل، فقط علامات ترقيم «هنا».",
    "\u200b\u200c" * 3 + "كتب\u0651\u064e" * 20 + "\ufeff",
])
def test_clean_marks_equal_the_deleted_positions(text):
    from marsad.arabic.normalise import _DELETE, clean

    cleaned, offsets = clean(text)
    # the definition: the k-th deleted character of the original sits at clean index p_k - k
    deleted = [p for p, c in enumerate(text) if c in _DELETE]
    assert offsets.marks == tuple(p - k for k, p in enumerate(deleted))
    assert cleaned == "".join(_CLEAN_MAP.get(c, c) for c in text)
    for j in range(len(cleaned)):  # every clean character maps back to its original
        assert _CLEAN_MAP.get(text[offsets.to_original(j)], text[offsets.to_original(j)]) == cleaned[j]
