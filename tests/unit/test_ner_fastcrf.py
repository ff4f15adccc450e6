"""The numpy decoder (marsad.ner.fastcrf) gives python-crfsuite's labels, sentence for sentence."""
from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from marsad.doc import Doc
from marsad.ner.fastcrf import FastCRF, read_model
from marsad.ner.tagger import Tagger
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure

TEXTS = [
    "قال وزير الخارجية الأردني أيمن الصفدي في عمّان إن بلاده تدعم جهود الأمم المتحدة.",
    "وصل الرئيس إلى بغداد قادماً من أنقرة، واجتمع مع رئيس الوزراء في قصر السلام.\n"
    "وأعلنت وزارة الدفاع أن قوات الحشد الشعبي انسحبت من قرية كفر نبل وبالرمادي.",
    "سالم",
    "؟؟ ، !",
    "أعلنت كتائب المقاومة الموصلية مسؤوليتها، وذكرت وكالة الأنباء الكويتية أن الشيخ جابر "
    "الأحمد الصباح استقبل السفير الفرنسي في الكويت يوم الأحد.",
    "التقى المتحدث باسم الحكومة اليمنية مع مبعوث الأمم المتحدة في الرياض وجدة ومسقط، "
    "ثم غادر إلى القاهرة. وصرح العميد الركن سامي الحسن لمريم بأن الوضع هادئ في درعا.\n\n"
    "رحب الاتحاد الأوروبي وجامعة الدول العربية بالاتفاق الموقع في جنيف يوم 12 مارس 2015.",
]


@pytest.fixture(scope="module")
def tagger():
    return Tagger.load()


def _docs(texts):
    structure, segment = Structure(), Segment()
    return [segment(structure(Doc(t, id=f"d{i}"))) for i, t in enumerate(texts)]


def _crfsuite(tagger, doc):
    """python-crfsuite on the feature strings the model knows (bytes), sentence by sentence."""
    return [(idx, tagger.crf.tag(xs)) for idx, xs in tagger.run_features.sentences(doc)]


def test_model_reader_matches_crfsuite_dump(tagger):
    labels, attrs, w, trans = read_model(tagger.model_path)
    info = tagger.crf.info()
    assert labels == tagger.crf.labels()
    assert {a.decode("utf-8") for a in attrs} == set(info.attributes)
    row = {a.decode("utf-8"): k + 1 for k, a in enumerate(attrs)}
    li = {lab: k for k, lab in enumerate(labels)}
    for (a, lab), weight in list(info.state_features.items())[:3000]:
        assert abs(w[row[a], li[lab]] - weight) < 1e-5
    for (x, y), weight in info.transitions.items():
        assert abs(trans[li[x], li[y]] - weight) < 1e-5
    assert not w[0].any()  # row 0 stands for "no feature"


def test_same_labels_as_crfsuite_on_written_text(tagger):
    docs = _docs(TEXTS)
    for doc in docs:
        assert tagger.labels(doc) == _crfsuite(tagger, doc)
    # names are found through the decoder; the text has bigram, trigger and lexicon marks
    assert tagger.tag(docs[0]) and tagger.tag(docs[5])
    feats = {x[:3] for doc in docs for _, xs in tagger.run_features.sentences(doc) for f in xs for x in f}
    assert {b"bg=", b"tg=", b"ta1", b"tb1", b"lxb", b"lxa", b"gn-"} <= feats


def test_labels_of_a_sentence_alone_and_within_a_document(tagger):
    """Sentences decoded together (padded, longest first) get the labels each gets alone."""
    one = _docs([TEXTS[5]])[0]
    alone = [_docs([one.text[one.tokens[idx[0]].start:one.tokens[idx[-1]].end]])[0]
             for idx, _ in tagger.labels(one)]
    together = [labs for _, labs in tagger.labels(one)]
    assert [labs for d in alone for _, labs in tagger.labels(d)] == together


def test_cache_reset_keeps_labels(tagger, monkeypatch):
    import marsad.ner.fastcrf as fc

    monkeypatch.setattr(fc, "MAX_CACHE", 5)
    fast = FastCRF(tagger.model_path, tagger.features)
    names = fast.labels
    docs = _docs(TEXTS)
    for doc in docs + docs:
        cuts, lab = fast.decode(doc)
        got = [(list(range(a, b)), [names[k] for k in lab[a:b].tolist()]) for a, b in zip(cuts, cuts[1:], strict=False)]
        assert got == _crfsuite(tagger, doc)


def test_empty_document(tagger):
    doc = _docs([""])[0]
    assert tagger.labels(doc) == [] and tagger.tag_tokens(doc) == []


def test_marks_added_in_list_order(tagger):
    """np.add.at adds a token's repeated rows one after the other, in index order (the order
    crfsuite adds a token's attributes): checked on values whose sums depend on the order."""
    s = np.zeros((2, 1))
    rows = np.array([[1e16], [1.0], [-1e16], [1.0]])
    np.add.at(s, [0, 0, 0, 1], rows)
    assert s[0, 0] == ((1e16 + 1.0) - 1e16) and s[1, 0] == 1.0


@pytest.mark.shared
def test_same_labels_as_crfsuite_on_corpus(tagger, shared):
    p = shared / "corpus" / "saudinewsnet.jsonl.gz"
    if not p.exists():
        pytest.skip(f"{p} is not present")
    texts = []
    with gzip.open(p, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line).get("text") or "")
            if len(texts) >= 40:
                break
    for doc in _docs(texts):
        assert tagger.labels(doc) == _crfsuite(tagger, doc)
