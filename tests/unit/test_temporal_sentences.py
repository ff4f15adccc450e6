"""The temporal stage finds a count's sentence in original offsets and maps only that sentence
to the clean view: the same bounds as mapping every sentence first (Arabic written for this test)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from marsad.arabic.numtokens import tokens
from marsad.doc import Doc
from marsad.pipeline import load_stage
from marsad.stages.temporal import Temporal

# vowel marks and tatweel are deleted from the clean view, so clean and original offsets differ
TEXTS = [
    "قُتِلَ ثلاثةُ جنودٍ. وأُصيبَ خمسةٌ آخرون!\nوفي اليومِ التالي اعتُقِلَ 12 مسلحاً.",
    "اشتبكــت القوات مع 40 عنصراً؟ نعم. ثم انسحبت بعد ساعتين",
    "سقط قتيلان.\n\nوجُرِحَ 7",
]


def _by_every_sentence(doc: Doc, starts: list[int], cpos: int) -> tuple[int, int, int, int]:
    sents = Temporal._sentences(doc)
    k = max(0, bisect_right([a for a, _ in sents], cpos) - 1)
    cs, ce = sents[k]
    return cs, ce, bisect_left(starts, cs), bisect_left(starts, ce)


def test_sentence_of_token_is_the_one_of_mapping_every_sentence():
    structure, segment = load_stage("marsad.stages.structure:Structure"), load_stage("marsad.stages.segment:Segment")
    stage = Temporal()
    checked = 0
    for text in TEXTS:
        doc = segment(structure(Doc(text, id="t")))
        assert doc.sentences and len(doc.clean) < len(doc.text)
        starts = tokens(doc.folded).starts
        sent_of = stage._sentence_of(doc, starts)
        for cpos in starts:
            assert sent_of(cpos) == _by_every_sentence(doc, starts, cpos), (text, cpos)
            checked += 1
    assert checked > 30
