"""The openers DateReader lets through only before a past word (DateReader._need_past)."""


def test_phrases_found_by_first_word_are_those_of_the_full_scan():
    # _needs_past looks the relative phrases up by their first word; for every opener form, the
    # phrases it finds so are those a scan of all phrases finds
    from marsad.arabic.dates import DateReader

    r = DateReader()
    for w in r._opener.forms:
        firsts = {w, w[1:]} if w[:1] in "وفبل" and len(w) > 3 else {w}
        grouped = sorted(k for f in firsts for k in r._rel_by_first.get(f, ()))
        assert grouped == sorted(k for k in r.rel.phrases if k[0] in firsts), w
    assert "في" in r._need_past and "امس" not in r._need_past  # في needs a past word; أمس is a date
