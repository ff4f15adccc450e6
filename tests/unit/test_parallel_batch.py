"""Records analysed stage by stage in batches (marsad.parallel.process_records, Pipeline.batch):
the same records as one at a time, and a failing or runaway document costs only itself."""
import sys
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


class _Busy(_Boom):
    """``sleep`` seconds of Python work on document ``bad``, in every instance of the stage."""

    def __init__(self, bad: str, sleep: float, name: str) -> None:
        super().__init__(bad, sleep=sleep)
        self.name, self.done = name, []

    def __call__(self, doc: Doc) -> Doc:
        super().__call__(doc)
        self.done.append(doc.id)
        return doc


def test_a_documents_time_is_its_stages_added_up(monkeypatch):
    # two stages of 0.35 s each: neither is over the 0.5 s limit, the document is
    monkeypatch.setenv("MARSAD_DOC_TIMEOUT", "0.5")
    base = default_pipeline().stages
    first, second = _Busy("b3", 0.35, "busy1"), _Busy("b3", 0.35, "busy2")
    pl = Pipeline([base[0], base[1], first, second, base[2]])
    out = process_records(RECS, pl, keep=True)
    assert out[2].record["error"]["code"] == "E110"
    assert "error" not in out[0].record and out[0].record["entities"]
    assert "b3" in first.done  # the first stage ran to its end,
    assert "b3" in second.seen and "b3" not in second.done  # the second was stopped on the way


def test_the_alarm_is_given_back_after_a_batch(monkeypatch):
    import signal

    monkeypatch.setenv("MARSAD_DOC_TIMEOUT", "30")
    rang = []

    def mine(signum, frame):
        rang.append(signum)

    old = signal.signal(signal.SIGALRM, mine)
    try:
        pl = _pipeline(_Boom("none"))
        process_records(RECS[:2], pl)  # (warm-up)
        out = process_records(RECS, pl, keep=True)
        assert "error" not in out[0].record
        assert signal.getsignal(signal.SIGALRM) is mine  # the caller's handler is back
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # and no timer left running
        assert rang == []
    finally:
        signal.signal(signal.SIGALRM, old)


class _Sleeps(_Boom):
    def __call__(self, doc: Doc) -> Doc:
        t0 = time.monotonic()
        time.sleep(0.3)  # a system call the timer's ticks land in
        self.seen.append(time.monotonic() - t0)
        return doc


def test_ticks_within_the_limit_change_nothing(monkeypatch):
    monkeypatch.setenv("MARSAD_DOC_TIMEOUT", "0.6")  # ticks every 0.06 s
    stage = _Sleeps("none")
    pl = _pipeline(stage)
    process_records(RECS[:2], pl)  # (warm-up)
    stage.seen.clear()
    out = process_records(RECS[:3], pl, keep=True)
    assert "error" not in out[0].record and "error" not in out[2].record
    assert len(stage.seen) == 2 and all(s >= 0.3 for s in stage.seen)  # each slept its time out


class _ReadsPipe(_Boom):
    """Reads from a pipe with the C library's read(), which does not retry a call a signal
    interrupts (Python's own os.read does): how a C library's system call meets the ticks."""

    def __call__(self, doc: Doc) -> Doc:
        import ctypes
        import subprocess

        libc = ctypes.CDLL(None, use_errno=True)
        with subprocess.Popen(["sh", "-c", "sleep 0.3; echo x"], stdout=subprocess.PIPE) as proc:
            buf = ctypes.create_string_buffer(8)
            got = libc.read(proc.stdout.fileno(), buf, 8)
            self.seen.append((got, ctypes.get_errno()))
        return doc


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads with the C library's read()")
def test_system_calls_the_ticks_land_in_are_restarted(monkeypatch):
    monkeypatch.setenv("MARSAD_DOC_TIMEOUT", "5")  # ticks every 0.1 s, three during the read
    stage = _ReadsPipe("none")
    pl = _pipeline(stage)
    process_records(RECS[:2], pl)  # (warm-up)
    stage.seen.clear()
    out = process_records(RECS[:1] + RECS[2:3], pl, keep=True)
    assert "error" not in out[0].record
    assert [got for got, _ in stage.seen] == [2, 2]  # "x\n", not -1 (EINTR)


def test_one_record_alone_times_out_too(monkeypatch):
    """process_record (one record, not a batch): the same limit, and the alarm given back."""
    import signal

    monkeypatch.setenv("MARSAD_DOC_TIMEOUT", "0.4")
    pl = _pipeline(_Boom("b1", sleep=5.0))
    before = signal.getsignal(signal.SIGALRM)
    t0 = time.monotonic()
    out = process_record(RECS[0], pl, keep=True)
    assert time.monotonic() - t0 < 4.0
    assert out.record["error"]["code"] == "E110"
    assert "error" not in process_record(RECS[2], pl, keep=True).record
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
