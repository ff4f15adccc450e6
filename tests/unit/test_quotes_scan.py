"""Quotes fast paths: :meth:`Phrases.scan` gives exactly what :meth:`Phrases.match` gives at every
token, and the block gate (``Lexicon.opening``) holds every form at which a verb, participle or
nominal cue can match, so skipping blocks without one cannot lose a quote.  Sentences written for
these tests."""
from __future__ import annotations

import pytest

from marsad.arabic.normalise import key
from marsad.doc import Doc
from marsad.stages.quote_lex import PROCLITICS, Lexicon
from marsad.stages.quotes import Quotes
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure

SENTENCES = [
    "وقال المتحدث باسم الوزارة إن القوات انسحبت من المدينة صباح اليوم",
    "وأضاف مصدر أمني رفض الكشف عن اسمه أن الهجوم وقع فجرا قرب السوق",
    "بحسب ما أعلنت الوكالة في بيان نشرته على موقعها فإن المفاوضات توقفت",
    "وأكد الناشط لقناة محلية أن الاحتجاجات مستمرة ، مضيفا أنها ستبقى سلمية",
    "وكشف المسؤول عن خطة جديدة ، وأشار إلى أن التنفيذ يبدأ الشهر المقبل",
    "ذهب الأطفال إلى المدرسة ولعبوا في الحديقة حتى المساء",
]


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.load()


def _all_phrase_norms(lex: Lexicon) -> list[list[str]]:
    """Token lists that put every listed phrase (bare and with و/ف) among other words."""
    out = []
    for ph in (lex.cues, lex.via, lex.anonymity):
        for entries in ph.table.values():
            for words, _ in entries:
                for p in ("", *PROCLITICS):
                    out.append(["كلمة", p + words[0], *words[1:], "اخري", words[0]])
    return out


@pytest.mark.parametrize("prefix", [True, False])
def test_scan_equals_match_everywhere(lex: Lexicon, prefix: bool) -> None:
    cases = [key(s).split() for s in SENTENCES] + _all_phrase_norms(lex)
    checked = 0
    for norms in cases:
        for ph in (lex.cues, lex.via, lex.anonymity):
            want = {k: m for k in range(len(norms)) if (m := ph.match(norms, k, prefix=prefix)) is not None}
            assert ph.scan(norms, prefix=prefix) == want, norms
            assert ph.scan(norms, prefix=prefix, forms=set(norms)) == want
            # the block's forms narrowed to those that start some phrase (Quotes._blocks)
            assert ph.scan(norms, prefix=prefix, forms=lex.any_start.intersection(norms)) == want
            # with the indices of those forms' tokens handed in (Quotes._blocks): only they are visited
            at = [k for k, w in enumerate(norms) if w in lex.any_start]
            assert ph.scan(norms, prefix=prefix, forms=lex.any_start.intersection(norms), at=at) == want
            checked += len(want)
    assert checked > 100  # the cases do contain matches


def test_opening_gate_is_a_superset(lex: Lexicon) -> None:
    for norms in [key(s).split() for s in SENTENCES] + _all_phrase_norms(lex):
        for k, (_, info) in lex.cues.scan(norms).items():
            if info["kind"] in ("verb", "participle", "nominal"):
                assert norms[k] in lex.opening, norms[k]


def test_block_without_cue_is_skipped_and_others_still_read() -> None:
    text = ("ذهب الأطفال إلى المدرسة ولعبوا في الحديقة حتى المساء.\n\n"
            "وقال المدير إن المدرسة ستفتح أبوابها غدا.")
    doc = Quotes()(Segment()(Structure()(Doc(text, id="t"))))
    assert len(doc.quotes) == 1
    q = doc.quotes[0]
    assert doc.text[q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"] == "وقال"
    assert "ستفتح" in doc.text[q["content"]["start"]:q["content"]["end"]]


def test_complement_gate_keeps_every_one_word_complement(lex: Lexicon) -> None:
    """The block reader scans for complements only at ``complement_starts``: the one-word
    complement matches found so are those of a scan over every form."""
    def complements(norms: list[str], forms: set[str]) -> set[int]:
        return {k for k, (ln, info) in lex.cues.scan(norms, prefix=False, forms=forms).items()
                if ln == 1 and info["kind"] == "complement"}

    found = 0
    for norms in [key(s).split() for s in SENTENCES] + _all_phrase_norms(lex):
        want = complements(norms, set(norms))
        assert complements(norms, lex.complement_starts & set(norms)) == want, norms
        found += len(want)
    assert found > 10


def test_block_of_complements_only_gives_nothing_and_later_block_is_read() -> None:
    # the first block has أن (a complement match) but no verb, participle or nominal cue
    text = ("من المؤكد أن المدرسة جميلة وأن الحديقة واسعة.\n\n"
            "وأكد المدير أن المدرسة ستفتح أبوابها غدا.")
    doc = Quotes()(Segment()(Structure()(Doc(text, id="t"))))
    assert [doc.text[q["cue"]["start"]:q["cue"]["end"]] for q in doc.quotes] == ["وأكد"]
    assert doc.user_data["attributions"] == []


def test_positions_are_the_indices_a_scan_finds():
    """``positions`` (count/index scans per wanted form) equals a test of every item, ascending."""
    from marsad.stages.quote_lex import positions
    words = key("قال المتحدث إن الجيش قال إن القصف توقف وقال الأهالي إن").split() + ['"', "قال", '"']
    for wanted in ({"قال"}, {"قال", "ان"}, {'"'}, {"غير موجودة"}, set()):
        assert positions(words, wanted) == [k for k, w in enumerate(words) if w in wanted]
    assert positions(words, {"قال"}) == [0, 4, len(words) - 2]


def test_doc_mentions_overlapping_is_the_filter() -> None:
    """DocMentions.overlapping (bisection over the starts) gives the mentions a test of every one
    gives, in order, for spans inside, across and outside mentions of several lengths."""
    from marsad.stages.quote_block import DocMentions

    items = sorted(((s, s + ln, f"e{s}") for s in range(0, 200, 7) for ln in (1, 3, 30) if s % 3 or ln < 30),
                   key=lambda x: (x[0], -x[1]))
    dm = DocMentions(items)
    for lo in range(-5, 215, 3):
        for hi in (lo, lo + 1, lo + 8, lo + 50):
            assert dm.overlapping(lo, hi) == [m for m in items if m[1] > lo and m[0] < hi], (lo, hi)
    assert DocMentions([]).overlapping(0, 10) == []
