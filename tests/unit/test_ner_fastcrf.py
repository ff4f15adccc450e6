"""The numpy decoder (marsad.ner.fastcrf) gives python-crfsuite's labels, sentence for sentence."""
from __future__ import annotations

import gzip
import json

import pytest

pytest.importorskip("numpy")

from marsad.doc import Doc  # noqa: E402
from marsad.ner.fastcrf import FastCRF, read_model  # noqa: E402
from marsad.ner.tagger import Tagger  # noqa: E402
from marsad.stages.segment import Segment  # noqa: E402
from marsad.stages.structure import Structure  # noqa: E402

TEXTS = [
    "قال وزير الخارجية الأردني أيمن الصفدي في عمّان إن بلاده تدعم جهود الأمم المتحدة.",
    "وصل الرئيس إلى بغداد قادماً من أنقرة، واجتمع مع رئيس الوزراء في قصر السلام.\n"
    "وأعلنت وزارة الدفاع أن قوات الحشد الشعبي انسحبت من قرية كفر نبل وبالرمادي.",
    "سالم",
    "؟؟ ، !",
    "أعلنت كتائب المقاومة الموصلية مسؤوليتها، وذكرت وكالة الأنباء الكويتية أن الشيخ جابر "
    "الأحمد الصباح استقبل السفير الفرنسي في الكويت يوم الأحد.",
]


@pytest.fixture(scope="module")
def tagger():
    return Tagger.load()


def _docs(texts):
    structure, segment = Structure(), Segment()
    return [segment(structure(Doc(t, id=f"d{i}"))) for i, t in enumerate(texts)]


def _crfsuite(tagger, doc):
    return [(idx, tagger.crf.tag(xs)) for idx, xs in tagger.features.sentences(doc)]


def test_model_reader_matches_crfsuite_dump(tagger):
    labels, attr, w, trans = read_model(tagger.model_path)
    info = tagger.crf.info()
    assert labels == tagger.crf.labels()
    li = {lab: k for k, lab in enumerate(labels)}
    for (a, lab), weight in list(info.state_features.items())[:2000]:
        assert abs(w[attr[a], li[lab]] - weight) < 1e-5
    for (x, y), weight in info.transitions.items():
        assert abs(trans[li[x], li[y]] - weight) < 1e-5
    assert not w[-1].any()  # the row of unknown attributes is zero


def test_same_labels_as_crfsuite_on_written_text(tagger):
    fast = FastCRF(tagger.model_path, tagger.features)
    for doc in _docs(TEXTS):
        assert fast.tag(doc) == _crfsuite(tagger, doc)
    assert tagger.tag(_docs(TEXTS[:1])[0])  # the tagger uses it and finds names


def test_cache_reset_keeps_labels(tagger, monkeypatch):
    import marsad.ner.fastcrf as fc

    monkeypatch.setattr(fc, "MAX_CACHE", 5)
    fast = FastCRF(tagger.model_path, tagger.features)
    docs = _docs(TEXTS)
    for doc in docs + docs:
        assert fast.tag(doc) == _crfsuite(tagger, doc)


@pytest.mark.shared
def test_same_labels_as_crfsuite_on_corpus(tagger, shared):
    p = shared / "corpus" / "saudinewsnet.jsonl.gz"
    if not p.exists():
        pytest.skip(f"{p} is not present")
    texts = []
    with gzip.open(p, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= 40:
                break
    fast = FastCRF(tagger.model_path, tagger.features)
    for doc in _docs(texts):
        assert fast.tag(doc) == _crfsuite(tagger, doc)
