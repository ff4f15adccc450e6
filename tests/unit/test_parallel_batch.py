"""Records analysed stage by stage in batches (marsad.parallel.process_records, Pipeline.batch):
the same records as one at a time, and a failing or runaway document costs only itself."""
import time

import pytest

from marsad.doc import Doc
from marsad.parallel import process_record, process_records, run
from marsad.pipeline import Pipeline, default_pipeline

RECS = [
    {"id": "b1", "text": "قال مصدر أمني إن مسلحين هاجموا نقطة تفتيش في مدينة الرمادي فجر اليوم وقتلوا جنديين.",
     "published": "2016-05-02"},
    {"id": "b2", "text": "   "},  # empty: an error record from make_doc
    {"id": "b3", "text": "نفت وزارة الداخلية المصرية اعتقال ناشطين في القاهرة، وقالت إن التظاهرة مرت بهدوء.",
     "published": "2016-05-02"},
    {"id": "b4", "text": 42},  # not a text
    {"id": "b5", "text": "أعلنت الأمم المتحدة وصول قافلة مساعدات إلى مدينة تعز اليمنية أمس الأحد."},
]


@pytest.fixture(scope="module")
def pipeline():
    return default_pipeline()


def test_batch_gives_the_records_of_one_at_a_time(pipeline):
    one = [process_record(r, pipeline).line for r in RECS]
    assert [r.line for r in process_records(RECS, pipeline)] == one
    assert [r.id for r in process_records(RECS, pipeline)] == ["b1", "b2", "b3", "b4", "b5"]
    # the single-process run goes through batches too, in input order
    assert [r.line for r in run(iter(RECS), workers=1, batch_size=2, pipeline=pipeline)] == one
    assert any('"events":[{' in x for x in one)  # real analyses, not only error records


def test_pipeline_batch_equals_call(pipeline):
    from marsad.io.readers import make_doc

    single = [pipeline(make_doc(r)).to_json() for r in RECS]
    assert [d.to_json() for d in pipeline.batch([make_doc(r) for r in RECS])] == single
    assert [d.to_json() for d in pipeline.pipe((make_doc(r) for r in RECS), batch_size=2)] == single


class _Boom:
    name = "boom"
    requires = frozenset({"tokens"})
    provides = frozenset({"boom"})

    def __init__(self, bad: str, *, sleep: float = 0.0) -> None:
        self.bad, self.sleep, self.seen = bad, sleep, []

    def __call__(self, doc: Doc) -> Doc:
        self.seen.append(doc.id)
        if doc.id == self.bad:
            if self.sleep:
                t0 = time.monotonic()
                while time.monotonic() - t0 < self.sleep:  # Python work the alarm can interrupt
                    pass
            else:
                raise ValueError("a broken stage")
        return doc


def _pipeline(stage):
    base = default_pipeline().stages
    return Pipeline([base[0], base[1], stage, base[2]])  # structure, segment, boom, entities


def test_a_stage_failing_on_one_document_fails_only_that_one():
    boom = _Boom("b3")
    pl = _pipeline(boom)
    out = process_records(RECS, pl, keep=True)
    codes = [(r.record.get("error") or {}).get("code") for r in out]
    assert codes[2] == "E109" and "a broken stage" in out[2].record["error"]["message"]
    assert codes[0] is None and codes[4] is None
    assert out[0].record["entities"] and out[4].record["entities"]  # later stages ran for them
    assert "b2" not in boom.seen  # an error record from the start runs no stage


def test_a_runaway_document_times_out_alone(monkeypatch):
    monkeypatch.setenv("MARSAD_DOC_TIMEOUT", "0.5")
    pl = _pipeline(_Boom("b1", sleep=5.0))
    t0 = time.monotonic()
    out = process_records(RECS, pl, keep=True)
    assert time.monotonic() - t0 < 4.0  # interrupted, not run to the end
    assert out[0].record["error"]["code"] == "E110"
    assert "error" not in out[2].record and out[2].record["entities"]
    assert "error" not in out[4].record


class _SeesGc(_Boom):
    def __call__(self, doc: Doc) -> Doc:
        import gc

        self.seen.append(gc.isenabled())
        return doc


def test_collector_is_paused_over_a_batch_and_the_batch_settled_before_it_resumes():
    import gc

    stage = _SeesGc("none")
    calls = []

    def settle(docs):
        calls.append((docs, gc.isenabled()))

    assert gc.isenabled()
    pl = _pipeline(stage)
    process_records(RECS[:2], pl)  # (the warm-up article runs before the batch, outside it)
    stage.seen.clear()
    out = process_records(RECS, pl, settle=settle)
    assert len(out) == len(RECS)
    assert stage.seen == [False, False, False]  # b1, b3, b5: paused in the stages
    assert calls == [(len(RECS), False)]  # settled once, for the whole batch, still paused
    assert gc.isenabled()  # and resumed
