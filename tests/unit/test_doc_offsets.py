"""Doc's offset mapping between the original text and its clean view, read from the few deleted
characters (bisections), against the whole clean -> original array (Arabic we wrote)."""
from __future__ import annotations

from bisect import bisect_left

import pytest

from marsad.arabic.normalise import extend_over_marks
from marsad.doc import Doc
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure

TEXTS = [
    # vowels, shadda, tanween, tatweel, an invisible mark, marks at the very start and end
    "\u064eوَقَصَفَتْ الطائراتُ مواقـــعَ المسلحين\u200f ليلاً، وقُتِلَ 12 مسلّحاً وبالموصلِ وللموصلِ هدوءٌ\u0651",
    "عاد الهدوء إلى المدينة اليوم. وقال المتحدث إن الوضع مستقر.",  # nothing deleted
    "ـــ\u200f\u200f ـ",  # only deleted characters and a space
]


@pytest.mark.parametrize("text", TEXTS)
def test_clean_index_and_orig_span_are_those_of_the_array(text):
    d = Doc(text, id="t")
    c2o = d.offsets.array(len(d.clean)) if d.offsets.marks else list(range(len(text)))
    assert d.deleted_offsets() == tuple(i for i in range(len(text)) if i not in set(c2o))
    for o in range(len(text) + 1):
        assert d.clean_index(o) == bisect_left(c2o, o), o
    n = len(d.clean)
    for cs in range(n + 1):
        for ce in range(cs, n + 1):
            start = c2o[cs] if cs < n else len(text)
            want = (start, start) if ce <= cs else (start, extend_over_marks(text, c2o[ce - 1] + 1))
            if not d.offsets.marks:
                want = (cs, ce)
            assert d.orig_span(cs, ce) == want, (cs, ce)


@pytest.mark.parametrize("text", TEXTS[:2])
def test_words_of_split_tokens_map_through_the_marks(text):
    d = Doc(text, id="t")
    Structure()(d)
    Segment()(d)
    c2o = d.offsets.array(len(d.clean)) if d.offsets.marks else list(range(len(text)))
    words = d.words
    assert any(w.role != "stem" for w in words)  # some token split into clitics
    at: dict[int, int] = {}  # token -> clean index where its next piece starts
    for w in words:
        t = d.tokens[w.token]
        cs = bisect_left(c2o, t.start)
        # the piece's clean span (right after the token's previous piece), mapped back through
        # the array
        a = at.get(w.token, cs)
        assert d.clean.startswith(w.form, a)
        at[w.token] = a + len(w.form)
        assert (w.start, w.end) == (c2o[a], extend_over_marks(text, c2o[a + len(w.form) - 1] + 1))
        assert Doc(text[w.start:w.end], id="x").clean == w.form


def test_norms_follow_the_token_list():
    """Doc.norms: recorded by the segmenter, made again when the token list is another one."""
    d = Doc("قال الوزير إن القوات دخلت المدينة.", id="t")
    Structure()(d)
    Segment()(d)
    assert d.norms == [t.norm for t in d.tokens] and d.norms is d.norms
    d.tokens = d.tokens[:3]
    assert d.norms == [t.norm for t in d.tokens[:3]] and len(d.norms) == 3
    d.tokens.pop()
    assert d.norms == [t.norm for t in d.tokens] and len(d.norms) == 2
