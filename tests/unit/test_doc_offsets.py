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


def _runs(tokens):
    """Where the tokens' sentence number changes: the plain definition of Doc.sent_cuts."""
    return [0] + [i for i in range(1, len(tokens)) if tokens[i].sent != tokens[i - 1].sent] + (
        [len(tokens)] if tokens else [])


def test_sentence_cuts_and_numbers_follow_the_token_list():
    """Doc.sent_cuts and Doc.sent_of: recorded by the segmenter, made again when the token list is
    another one (where a sentence has no token left, it has no run)."""
    text = ("قال الوزير إن القوات دخلت المدينة. وأضاف أن العملية مستمرة.\n\nوكانت الاشتباكات قد اندلعت أمس."
            " ثم توقفت!")
    d = Doc(text, id="t")
    Structure()(d)
    Segment()(d)
    assert len(d.sentences) >= 4
    assert d._cuts is not None and d._cuts[0] is d.tokens  # recorded as the tokens were made
    assert d.sent_cuts == _runs(d.tokens) and d.sent_cuts is d.sent_cuts
    assert d.sent_of == [t.sent for t in d.tokens] and d.sent_of is d.sent_of
    assert all(d.tokens[a].sent != d.tokens[b].sent for a, b in zip(d.sent_cuts[:-2], d.sent_cuts[1:-1], strict=True))
    full = d.tokens
    d.tokens = d.tokens[:5]
    assert d.sent_cuts == _runs(d.tokens) and d.sent_of == [t.sent for t in d.tokens]
    d.tokens.pop()
    assert d.sent_cuts == _runs(d.tokens) and d.sent_of == [t.sent for t in d.tokens]
    d.tokens = [t for t in full if t.sent != 1]  # no token of sentence 1
    assert d.sent_cuts == _runs(d.tokens) and d.sent_of == [t.sent for t in d.tokens]
    assert 1 not in d.sent_of and 2 in d.sent_of
    d.tokens = []
    assert d.sent_cuts == [0] and d.sent_of == []
