"""CoNLL reading, type mapping and BIO alignment of the NER training data (sentences written here)."""
from __future__ import annotations

from pathlib import Path

from marsad.ner.corpora import is_heldout, read_conll, to_text, token_spans
from marsad.ner.tagger import decode, make_features
from marsad.ner.train import analyse, bio
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "x.conll"
    p.write_text(body, encoding="utf-8")
    return p


def test_read_conll_levels_and_blank_lines(tmp_path):
    p = _write(tmp_path, "زار O\nسالم B-PERS\nمدينة O\n\u200e\nحمص B-GPE\n. O\n\n")
    sents = read_conll(p)
    assert len(sents) == 2
    assert sents[0][1] == ("سالم", ["B-PERS"])


def test_nested_mapped_keeps_inner_org_inside_occupation():
    sent = [("مدير", ["B-OCC", "O"]), ("هيئة", ["I-OCC", "B-ORG"]), ("المياه", ["I-OCC", "I-ORG"]),
            ("في", ["O", "O"]), ("حلب", ["B-GPE", "O"])]
    assert token_spans(sent, "wojood") == [(1, 3, "ORG"), (4, 5, "PLACE")]
    assert token_spans(sent, "wojood", nested="outer") == [(4, 5, "PLACE")]


def test_newsfane_and_aqmar_types():
    nf = [("المدرب", ["O"]), ("كريم", ["B-Athlete"]), ("من", ["O"]), ("نادي", ["B-Sports"]),
          ("الشباب", ["I-Sports"]), ("و", ["O"]), ("الصينيون", ["B-Group"]), ("كتاب", ["B-Book"])]
    assert token_spans(nf, "newsfane") == [(1, 2, "PERSON"), (3, 5, "ORG"), (6, 7, "NORP"), (7, 8, "MISC")]
    aq = [("نهر", ["B-LOC"]), ("دجلة", ["I-LOC"]), ("لغة", ["B-MIS1"]), ("x", ["IO"])]
    assert token_spans(aq, "aqmar") == [(0, 2, "PLACE"), (2, 3, "MISC")]


def test_char_spans_and_bio_alignment_skip_nothing_inside():
    sent = [("قال", ["O"]), ("وزير", ["O"]), ("الدفاع", ["O"]), ("ناصر", ["B-PERS"]), ("العلي", ["I-PERS"]),
            ("في", ["O"]), ("وبالموصل", ["B-GPE"])]
    text, spans = to_text(sent, token_spans(sent, "wojood"))
    assert [text[s:e] for s, e, _ in spans] == ["ناصر العلي", "وبالموصل"]
    doc = analyse(text, Structure(), Segment())
    feats = make_features()
    (idx, xs), = feats.sentences(doc)
    labels = bio(doc, spans, idx)
    assert labels == ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "B-PLACE"]
    assert decode(labels) == [(3, 5, "PERSON"), (6, 7, "PLACE")]


def test_decode_stray_inside_and_type_change():
    assert decode(["I-ORG", "I-ORG", "I-PERSON", "O", "B-PLACE", "B-PLACE"]) == [
        (0, 2, "ORG"), (2, 3, "PERSON"), (4, 5, "PLACE"), (5, 6, "PLACE")]


def test_heldout_is_every_tenth():
    assert [i for i in range(30) if is_heldout(i)] == [9, 19, 29]


def test_decode_agrees_with_the_plain_bio_reading():
    """decode's fast path for "O" gives the spans of the plain reading (every label looked at,
    an "O" appended to close the last span) on random label sequences, including stray I-,
    type changes and labels outside BIO."""
    import random

    def plain(labels):
        spans, start, typ = [], 0, None
        for i, lab in enumerate([*labels, "O"]):
            t = lab[2:] if lab[:2] in ("B-", "I-") else None
            if typ is not None and (t is None or lab[:2] == "B-" or t != typ):
                spans.append((start, i, typ))
                typ = None
            if t is not None and typ is None:
                start, typ = i, t
        return spans

    rng = random.Random(7)
    alphabet = ["O", "O", "O", "B-PLACE", "I-PLACE", "B-ORG", "I-ORG", "I-PERSON", "X"]
    for _ in range(3000):
        labels = [rng.choice(alphabet) for _ in range(rng.randrange(0, 12))]
        assert decode(labels) == plain(labels)
