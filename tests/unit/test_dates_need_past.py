"""The openers DateReader lets through only before a past word (DateReader._need_past)."""


def test_openers_needing_a_past_word_are_those_of_the_full_phrase_scan():
    # DateReader groups the relative phrases by first word to find them; the full scan agrees
    from marsad.arabic.dates import DateReader

    r = DateReader()
    full = frozenset(w for w in r._opener.forms if r._needs_past(w))
    assert full == r._need_past
    assert "في" in full and "امس" not in full  # في needs a past word after it; أمس is a date
