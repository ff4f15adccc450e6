"""Events, issue 6 step 5, on Arabic written for these tests: a month-year date is a report time
(no bare-year penalty) unless it opens a period (منذ), and a relative clause up to 4 words before
the trigger (التي قال الجنود إنهم هاجموها) is background."""
from __future__ import annotations

from marsad.io.readers import make_doc


def signals(base, events, text, trigger):
    d = base(make_doc({"id": "t", "text": text}))
    events(d)
    for v in d.events:
        t = v["trigger"]
        assert d.text[t["start"]:t["end"]] == t["text"]
        if t["text"] == trigger:
            return v["specificity"]["signals"]
    raise AssertionError(f"no event on {trigger}: {[v['trigger']['text'] for v in d.events]}")


def test_month_year_is_no_bare_year(base, events):
    sig = signals(base, events, "وفي نيسان 2009 خطف مسلحون ثلاثة مهندسين قرب المطار.", "خطف")
    assert "year(-1)" not in sig
    sig = signals(base, events, "وفي أكتوبر (تشرين الأول) 2011 قتلت القوات خمسة مهربين.", "قتلت")
    assert "year(-1)" not in sig


def test_bare_year_and_since_month_year_keep_the_penalty(base, events):
    sig = signals(base, events, "وفي عام 2009 خطف مسلحون ثلاثة مهندسين قرب المطار.", "خطف")
    assert "year(-1)" in sig
    sig = signals(base, events, "ومنذ نيسان 2009 خطف مسلحون ثلاثة مهندسين قرب المطار.", "خطف")
    assert "year(-1)" in sig


def test_relative_clause_a_few_words_before_is_background(base, events):
    sig = signals(base, events, "زار الوزير القرية التي قال الجنود إنهم هاجموها.", "هاجموها")
    assert "relative-clause(-2)" in sig
    # a clause break after the relative pronoun ends its clause
    sig = signals(base, events, "وصل الوفد الذي يرأسه الوزير، وهاجم الجنود المخفر.", "وهاجم")
    assert "relative-clause(-2)" not in sig
