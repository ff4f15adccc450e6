"""find() skips openers that start a date only before a "past" word when none follows them soon:
the readers, run without that gate, find no date at such an opener (Arabic written for this test)."""
from __future__ import annotations

import datetime as dt

from marsad.arabic.dates import DateReader
from marsad.arabic.normalise import fold
from marsad.arabic.numtokens import tokens

# continuations that make dates after other openers; none holds a past word
AFTER = ["الأيام القليلة", "3 أيام", "الشهر المقبل", "رمضان 1437", "عام 2015", "يومين", "أمس",
         "الأسبوع المقبل", "12 حزيران 2016", "ثلاثة أسابيع", "الساعات", "يوم الأحد", "مطلع الشهر الجاري"]


# no past word, or one far after the opener (the gate then looks for a count after it)
TAILS = ["", " ثم عاد الهدوء إلى أحياء المدينة كلها الأسبوع الماضي"]


def _dates(reader, text):
    folded = fold(text)
    toks = tokens(folded)
    return toks, reader.find(folded, toks, dt.date(2016, 6, 20))


def test_gated_openers_start_no_date_without_a_past_word_after_them():
    gated, ungated = DateReader(), DateReader()
    ungated._need_past = frozenset()
    assert "في" in gated._need_past and "خلال" in gated._need_past
    assert "قبل" not in gated._need_past and "منذ" not in gated._need_past  # قبل يومين
    words = sorted(gated._need_past)
    for w in words[::7] + ["في", "وفي", "خلال", "طوال"]:
        for after, tail in ((a, t) for a in AFTER for t in TAILS):
            text = f"قال المتحدث {w} {after} إن القصف توقف{tail}"
            toks, got = _dates(ungated, text)
            start = toks.starts[2]  # the opener's token
            assert all(d.start != start for d in got), (w, after, tail)
            assert _dates(gated, text)[1] == got, (w, after, tail)


def test_a_gated_opener_before_a_past_word_is_still_read():
    reader = DateReader()
    for text in ("تصاعد القصف في الأيام الأخيرة على المدينة",
                 "قتل عشرة خلال الأيام الماضية في المدينة",
                 "وخلال 3 أيام الماضية وصلت قوافل"):
        _, got = _dates(reader, text)
        assert got and got[0].kind == "relative" and got[0].resolved, text


def test_numeric_hint_is_in_every_numeric_date():
    from marsad.arabic.dates import _NUMERIC_HINT, _NUMERIC_RE

    samples = ["وقع في 12/6/2016 صباحا", "في 2016-06-12", "بتاريخ 1.6.2016م", "9/11/2001",
               "12/6/16 و 3-4-5", "سعر 1.5 و 2015-2016", "رقم 123/45/6789", "1/2/3/4"]
    for s in samples:
        found = [m.span() for m in _NUMERIC_RE.finditer(s)]
        assert not found or _NUMERIC_HINT.search(s), s
        for a, b in found:
            assert _NUMERIC_HINT.search(s[a:b]), s
    reader = DateReader()
    _, got = _dates(reader, "قال المتحدث إن القصف بدأ في 12/6/2016 وتوقف في 2016-06-14")
    assert [(d.first.isoformat(), d.kind) for d in got] == [("2016-06-12", "absolute"), ("2016-06-14", "absolute")]


def test_a_reader_marked_unable_to_start_at_a_word_finds_nothing_there():
    reader = DateReader()
    published = dt.date(2016, 6, 20)
    forms = sorted(reader._opener.forms) + ["12", "3", "2016", "1437", "45", "الاثنين"]
    marked = 0
    for w in forms[::3] + forms[-6:]:
        can = reader._can_start(w)
        for after in AFTER[:8]:
            folded = fold(f"قال {w} {after} الماضي")
            toks = tokens(folded)
            words, i = toks.words, 1
            got = (reader._absolute(toks, words, i, published), reader._year_cue(toks, words, i),
                   reader._relative(toks, words, i, published), reader._weekday(toks, words, i, published))
            for ok, found in zip(can, got, strict=True):
                assert ok or found is None, (w, after)
                marked += not ok
    assert marked > 1000
