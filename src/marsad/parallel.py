"""Run the pipeline over a stream of records on all cores, in input order, with bounded memory.

Each worker process builds its pipeline once (resources are loaded once per process, not per
document).  Records travel in small batches; at most ``2 × workers`` batches are in flight, so a
corpus of any size streams through in constant memory.  Results come back as ready-to-write JSON
lines, in input order.

One document can never stop a run: an exception anywhere in its analysis becomes an E109 error
record, and if a worker process dies (killed, out of memory, a crash in native code) the pool is
restarted, the batch it held is re-run one document at a time, and only a document that kills a
worker again becomes an E109 record.
"""
from __future__ import annotations

import contextlib
import gc
import json
import logging
import math
import os
import signal
import threading
import time
import weakref
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from marsad import settings
from marsad.errors import MarsadError

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)


@dataclass
class Result:
    id: str
    line: str  # the marsad.doc/1 record as one JSON line (no newline)
    error: str | None  # error code, if the document failed
    events: int = 0
    record: dict | None = field(default=None, repr=False)  # kept only when asked for


def default_workers() -> int:
    """MARSAD_WORKERS, else the cores this process may run on."""
    n = settings.get("workers")
    if n and n > 0:
        return n
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


_PIPELINE = None  # this worker process's pipeline (set by _init_worker, one per process)
_INIT_ERROR: tuple[str, str] | None = None  # why building it failed (reported to the parent)
_SETTLE: GcSettler | None = None  # this worker process's collector settings (see GcSettler)


def tune_gc() -> None:
    """Garbage-collector settings for a process that analyses many documents.

    A Doc allocates hundreds of thousands of small objects (tokens, words, spans) that reference
    counting frees; the cyclic collector's default gen-0 threshold (700 allocations) makes it
    rescan them constantly (~20% of the text layer's time).  Resources loaded so far are frozen
    out of its scans.  Called by the processes Marsad starts (extract/ingest workers, the CLI's
    single-process run), never at import.
    """
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


class GcSettler:
    """Called after each document: freezes what survived it out of the cyclic collector's scans.

    What outlives a document is the pipeline's per-form caches, which grow by a few thousand
    objects per article; without this every collection rescans them (~0.6 ms per article, ~4% of
    the pipeline).  A finished document leaves no cyclic garbage behind (checked with
    ``gc.DEBUG_SAVEALL`` over 400 corpus articles, and by a unit test), and frozen objects are still freed by reference
    counting; a full collection every ``sweep`` documents bounds what an unexpected cycle could
    leak.  Collections inside a large document still happen as usual, except in a batch
    (:func:`process_records`), where the collector is paused.
    """

    __slots__ = ("n", "sweep")

    def __init__(self, *, sweep: int = 10_000) -> None:
        self.n = 0
        self.sweep = sweep

    def __call__(self, docs: int = 1) -> None:
        """After ``docs`` more documents (a batch of them: the sweep still comes every ``sweep``
        documents)."""
        before, self.n = self.n, self.n + docs
        if self.n // self.sweep > before // self.sweep:
            gc.unfreeze()
            gc.collect()
        gc.freeze()


@contextlib.contextmanager
def _loading() -> Iterator[None]:
    """Loading a pipeline's resources with the cyclic collector paused, then freezing them.

    The loaded tables are a few very large containers (the gazetteer's key sets, the lexicons,
    the knowledge base); a collection while they are young visits every entry of each to free
    nothing: one such collection took ~65 ms of a process's start, and its reads evicted the
    processor's caches.  What was loaded lives as long as the process, so it is frozen out of
    later scans at once (GcSettler would freeze it after the first batch)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if paused:
            gc.enable()


def _init_worker() -> None:
    global _PIPELINE, _INIT_ERROR, _SETTLE
    from marsad.pipeline import Pipeline

    tune_gc()
    _SETTLE = GcSettler()
    try:
        with _loading():
            _PIPELINE = Pipeline()
    except MarsadError as exc:
        _INIT_ERROR = (exc.code, exc.detail)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which stops the run
        _INIT_ERROR = ("E109", f"building the pipeline: {type(exc).__name__}: {exc}")


def _result(out: dict, keep: bool, include_text: bool) -> Result:
    if not include_text:
        out.pop("text", None)
    err = (out.get("error") or {}).get("code")
    return Result(str(out.get("id")), json_line(out), err, len(out.get("events", ()) or ()),
                  out if keep else None)


try:  # the records' encoder: orjson when installed (a dependency), else the standard library's
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the installation
    _orjson = None


def json_line(out: dict) -> str:
    """A record as one JSON line: compact, with the text as UTF-8 characters, not \\u escapes.

    orjson writes it about four times faster than ``json.dumps`` (~0.15 ms per article, 1.5% of
    a run); the standard encoder, with the same separators, writes it where orjson is missing
    or refuses the record (a lone surrogate, a key that is no string).  The two agree byte for
    byte except in the spelling of very small floats (1e-05 / 0.00001), which a record never
    holds (tests/unit/test_json_line.py compares them on records of Arabic we wrote)."""
    if _orjson is not None:
        try:
            return _orjson.dumps(out).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError
            pass
    # check_circular=False only drops the encoder's per-container cycle bookkeeping (~10% of the
    # encoding): a record is a fresh tree of dicts and lists
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _failed(rec: dict, message: str, *, code: str = "E109", detail: str | None = None) -> dict:
    from marsad import SCHEMA

    return {"schema": SCHEMA, "id": str(rec.get("id") or "doc"),
            "error": MarsadError(code, message if detail is None else detail).as_record()}


class _Timeout(BaseException):
    """Raised by the alarm inside a stage: a BaseException, so a stage's ``except Exception``
    cannot swallow it."""


class _Watch:
    """The time limit of documents, step by step: one SIGALRM handler and one periodic timer (a
    tick every ``tick`` seconds) for a whole batch, and a step only sets :attr:`deadline` (a
    ``time.perf_counter`` time; infinite between steps).  The tick that finds the deadline passed
    raises :class:`_Timeout` in the step, so a step is interrupted at most one tick after its time
    is up: Python code between bytecodes; one long call into C (a regular expression, a parser)
    finishes first.  (A handler and a one-shot timer set and restored around every step were
    ~10 µs per step, 2–4% of a run.)

    Off (no limit) for 0, where there is no ``setitimer``, and outside the main thread of the
    process."""

    def __init__(self, limit: float) -> None:
        self.deadline = math.inf
        self.on = bool(limit and limit > 0 and hasattr(signal, "setitimer")
                       and threading.current_thread() is threading.main_thread())
        self.tick = min(0.1, max(limit / 10, 0.001)) if self.on else 0.0
        self._old = None

    def _alarm(self, signum, frame) -> None:
        if time.perf_counter() >= self.deadline:
            self.deadline = math.inf  # (raised once: the step's clean-up is not interrupted)
            raise _Timeout

    def __enter__(self) -> _Watch:
        if self.on:
            self._old = signal.signal(signal.SIGALRM, self._alarm)
            # system calls the tick lands in (a read of the gazetteer, a write) are restarted
            # instead of failing with EINTR in a library that does not retry them
            signal.siginterrupt(signal.SIGALRM, False)
            signal.setitimer(signal.ITIMER_REAL, self.tick, self.tick)
        return self

    def __exit__(self, *exc) -> None:
        if self.on:
            self.deadline = math.inf
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old if self._old is not None else signal.SIG_DFL)


_WARMUP = "بغداد - قال المتحدث باسم الشرطة إن ثلاثة أشخاص قتلوا في انفجار يوم الاثنين الماضي."


def _warm(pipeline, warmed: weakref.WeakSet) -> None:
    """Run the pipeline once on a short article so that stages load their resources lazily
    OUTSIDE the per-document time limit."""
    if pipeline not in warmed:
        from marsad.io.readers import make_doc

        with _loading():
            pipeline(make_doc({"id": "warm-up", "text": _WARMUP}))
        warmed.add(pipeline)


_WARMED: weakref.WeakSet = weakref.WeakSet()  # pipelines already warmed up in this process


def process_record(rec: dict, pipeline=None, *, keep: bool = False, include_text: bool = True) -> Result:
    """Analyse one record from :func:`marsad.io.readers.iter_records`; never raises on bad input.

    This is THE per-article function: ``marsad extract`` (one or many processes) and
    :mod:`marsad.spark` call it, or :func:`process_records`, which gives the same records for
    several at once, so their outputs are identical.  A document taking longer
    than MARSAD_DOC_TIMEOUT seconds becomes an E110 error record.
    """
    from marsad.io.readers import make_doc
    from marsad.pipeline import default_pipeline

    try:
        pl = pipeline or _PIPELINE or default_pipeline()
        limit = settings.get("doc_timeout")
        if limit and "error" not in rec:
            _warm(pl, _WARMED)
        try:
            with _Watch(limit) as watch:
                watch.deadline = time.perf_counter() + limit
                out = pl(make_doc(rec)).to_json()
        except _Timeout:
            out = _failed(rec, "", code="E110", detail=f"longer than {limit:g} s")
        return _result(out, keep, include_text)
    except _Timeout:  # the alarm fired just as the document finished: count it as timed out
        return _result(_failed(rec, "", code="E110", detail=f"longer than {limit:g} s"), keep, include_text)
    except MarsadError:
        raise  # configuration problems (missing resources, bad settings) stop the run
    except Exception as exc:  # noqa: BLE001 - one document must never stop a batch
        log.exception("analysing %s failed", rec.get("id"))
        return _result(_failed(rec, f"{type(exc).__name__}: {exc}"), keep, include_text)


def process_records(recs: list[dict], pipeline=None, *, keep: bool = False,
                    include_text: bool = True, settle: GcSettler | None = None) -> list[Result]:
    """:func:`process_record` for each record, the pipeline run stage by stage over them all
    (:meth:`marsad.pipeline.Pipeline.batch`: less time, as each stage's tables stay in the
    processor's caches).  The same results, in order: a record that fails or takes longer than
    MARSAD_DOC_TIMEOUT seconds (its stages' times added up) becomes its error record, and the
    others go on.  ``settle``: called on the batch's documents before the collector resumes."""
    from marsad.pipeline import default_pipeline

    pl = pipeline or _PIPELINE
    if pl is None:
        with _loading():
            pl = default_pipeline()
    if len(recs) < 2 or not hasattr(pl, "batch"):  # (a pipeline-like callable: one at a time)
        out = [process_record(r, pipeline, keep=keep, include_text=include_text) for r in recs]
        if settle is not None:
            settle(len(recs))
        return out
    limit = settings.get("doc_timeout")
    if limit and any("error" not in r for r in recs):
        _warm(pl, _WARMED)
    # The cyclic collector is paused over the batch: its documents are freed by reference
    # counting and leave no cycles behind (GcSettler), so the young-generation scans that a
    # batch's live documents trigger (~20 ms each, 2–3% of a run) found nothing to free; what
    # the batch left in the caches is settled before it resumes (else its first scan reads it).
    paused = gc.isenabled()
    gc.disable()
    try:
        with _Watch(limit) as watch:
            return _batch(pl, recs, limit, watch, keep, include_text)
    finally:
        if settle is not None:
            settle(len(recs))
        if paused:
            gc.enable()


def _batch(pl, recs: list[dict], limit: float, watch: _Watch, keep: bool,
           include_text: bool) -> list[Result]:
    from marsad.io.readers import make_doc

    outs: list[dict | None] = [None] * len(recs)
    docs: list = [None] * len(recs)
    left = [limit or 0.0] * len(recs)  # each document's time still allowed

    def timed(i: int, work):
        """``work()`` within document i's remaining time; None when that runs out."""
        if not watch.on:
            return work()
        t0 = time.perf_counter()
        try:
            if left[i] <= 0:  # (its last step ended past its time, between two ticks)
                raise _Timeout
            watch.deadline = t0 + left[i]
            return work()
        except _Timeout:
            outs[i] = _failed(recs[i], "", code="E110", detail=f"longer than {limit:g} s")
            return None
        finally:
            watch.deadline = math.inf
            left[i] -= time.perf_counter() - t0

    for i, rec in enumerate(recs):
        try:
            docs[i] = timed(i, lambda rec=rec: make_doc(rec))
        except MarsadError:
            raise  # configuration problems stop the run, as in process_record
        except Exception as exc:  # noqa: BLE001 - one document must never stop a batch
            log.exception("analysing %s failed", rec.get("id"))
            outs[i] = _failed(rec, f"{type(exc).__name__}: {exc}")
    docs = pl.batch(docs, run=timed)  # (a document timed out is None from then on)
    res = []
    for i, d in enumerate(docs):
        if outs[i] is None and d is not None:
            try:
                out = timed(i, d.to_json)
                if out is not None:  # (else timed recorded the E110 record)
                    outs[i] = out
            except Exception as exc:  # noqa: BLE001 - one document must never stop a batch
                log.exception("analysing %s failed", recs[i].get("id"))
                outs[i] = _failed(recs[i], f"{type(exc).__name__}: {exc}")
        res.append(_result(outs[i], keep, include_text))
    return res


def _process_batch(batch: list[dict], keep: bool, include_text: bool) -> list[Result] | tuple[str, str]:
    if _INIT_ERROR is not None:
        return _INIT_ERROR
    return process_records(batch, keep=keep, include_text=include_text, settle=_SETTLE)


def _batches(records: Iterable[dict], size: int) -> Iterator[list[dict]]:
    it = iter(records)
    while True:
        b = list(islice(it, size))
        if not b:
            return
        yield b


def _checked(res: list[Result] | tuple[str, str]) -> list[Result]:
    if isinstance(res, tuple):  # the worker could not build its pipeline: stop the run
        raise MarsadError(*res)
    return res


class _Pool:
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(self, workers: int) -> None:
        # imported here: a one-worker run (and every worker process) never needs the pool
        # machinery (concurrent.futures.process pulls in multiprocessing, sockets, queues ...)
        from concurrent.futures import ProcessPoolExecutor

        self.executor = ProcessPoolExecutor
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
        self.restarts = 0

    def submit(self, batch: list[dict], keep: bool, include_text: bool) -> Future:
        """The batch's future.  Never raises when a worker has died: once the executor has seen
        the death it refuses new work with BrokenProcessPool, which is then handed back as an
        already failed future, so the batch goes the way of every batch in flight at that
        moment (``run``'s collect: fresh pool, one document at a time).  Whether the death is
        seen before or after this call is a race; both ways must lose nothing."""
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(_process_batch, batch, keep, include_text)
        except BrokenProcessPool as exc:
            fut: Future = Future()
            fut.set_exception(exc)
            return fut

    def restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.restarts += 1
        log.warning("a worker process died; restarting the pool (restart %d)", self.restarts)
        self.pool = self.executor(max_workers=self.workers, initializer=_init_worker)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


#: Records per :func:`process_records` call in one process (``run`` with one worker, Spark): 32
#: took ~4% less time than 16 on corpus articles (in-process, alternating the two on the same
#: chunks); the pool's batches stay at ``batch_size`` (16), the unit of work handed to a worker.
STAGE_BATCH = 32


def run(records: Iterable[dict], *, workers: int = 1, batch_size: int = 16, keep: bool = False,
        include_text: bool = True, pipeline=None) -> Iterator[Result]:
    """Yield a :class:`Result` per record, in input order."""
    if workers <= 1:
        tune_gc()
        settle = GcSettler()
        for batch in _batches(records, max(batch_size, STAGE_BATCH)):
            yield from process_records(batch, pipeline, keep=keep, include_text=include_text, settle=settle)
        return
    from concurrent.futures.process import BrokenProcessPool

    window = 2 * workers
    pending: deque[tuple[list[dict], Future]] = deque()
    pool = _Pool(workers)

    def collect() -> list[Result]:
        batch, fut = pending.popleft()
        try:
            return _checked(fut.result())
        except BrokenProcessPool:
            pass
        # a worker died: re-run this batch one document at a time in a fresh pool, then resubmit
        # the batches still in flight (their futures died with the pool)
        pool.restart()
        out: list[Result] = []
        for rec in batch:
            try:
                out += _checked(pool.submit([rec], keep, include_text).result())
            except BrokenProcessPool:
                out.append(_result(_failed(rec, "the worker process died while analysing this document "
                                                "(killed, out of memory or crashed)"), keep, include_text))
                pool.restart()
        for i, (b, f) in enumerate(pending):
            if not (f.done() and not f.cancelled() and f.exception() is None):
                pending[i] = (b, pool.submit(b, keep, include_text))
        return out

    try:
        for batch in _batches(records, batch_size):
            pending.append((batch, pool.submit(batch, keep, include_text)))
            while len(pending) >= window:
                yield from collect()
        while pending:
            yield from collect()
    finally:
        pool.close()
