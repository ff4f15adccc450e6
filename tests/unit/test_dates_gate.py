"""find() skips openers that start a date only before a "past" word when none follows them:
the readers, run without that gate, find no date at such an opener (Arabic written for this test)."""
from __future__ import annotations

import datetime as dt

from marsad.arabic.dates import DateReader
from marsad.arabic.normalise import fold
from marsad.arabic.numerals import tokenize_words

# continuations that make dates after other openers; none holds a past word
AFTER = ["الأيام القليلة", "3 أيام", "الشهر المقبل", "رمضان 1437", "عام 2015", "يومين", "أمس",
         "الأسبوع المقبل", "12 حزيران 2016", "ثلاثة أسابيع", "الساعات", "يوم الأحد", "مطلع الشهر الجاري"]


def _dates(reader, text):
    folded = fold(text)
    toks, words = tokenize_words(folded)
    return toks, reader.find(folded, toks, dt.date(2016, 6, 20), words=words)


def test_gated_openers_start_no_date_without_a_past_word_after_them():
    gated, ungated = DateReader(), DateReader()
    ungated._need_past = frozenset()
    assert "في" in gated._need_past and "خلال" in gated._need_past
    assert "قبل" not in gated._need_past and "منذ" not in gated._need_past  # قبل يومين
    words = sorted(gated._need_past)
    for w in words[::7] + ["في", "وفي", "خلال", "طوال"]:
        for after in AFTER:
            text = f"قال المتحدث {w} {after} إن القصف توقف"
            toks, got = _dates(ungated, text)
            start = toks[2].start  # the opener's token
            assert all(d.start != start for d in got), (w, after)
            assert _dates(gated, text)[1] == got, (w, after)


def test_a_gated_opener_before_a_past_word_is_still_read():
    reader = DateReader()
    for text in ("تصاعد القصف في الأيام الأخيرة على المدينة",
                 "قتل عشرة خلال الأيام الماضية في المدينة",
                 "وخلال 3 أيام الماضية وصلت قوافل"):
        _, got = _dates(reader, text)
        assert got and got[0].kind == "relative" and got[0].resolved, text
