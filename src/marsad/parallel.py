"""Run the pipeline over a stream of records on all cores, in input order, with bounded memory.

Each worker process builds its pipeline once (resources are loaded once per process, not per
document).  Records travel in small batches; at most ``2 × workers`` batches are in flight, so a
corpus of any size streams through in constant memory.  Results come back as ready-to-write JSON
lines, in input order.
"""
from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

from marsad import settings


@dataclass
class Result:
    id: str
    line: str  # the marsad.doc/1 record as one JSON line (no newline)
    error: str | None  # error code, if the document failed
    events: int = 0
    record: dict | None = field(default=None, repr=False)  # kept only when asked for


def default_workers() -> int:
    n = settings.get("workers")
    return n if n and n > 0 else (os.cpu_count() or 1)


_PIPELINE = None


def _init_worker() -> None:
    global _PIPELINE
    from marsad.pipeline import Pipeline

    _PIPELINE = Pipeline()


def process_record(rec: dict, pipeline=None, *, keep: bool = False) -> Result:
    from marsad.io.readers import make_doc
    from marsad.pipeline import default_pipeline

    pl = pipeline or _PIPELINE or default_pipeline()
    doc = pl(make_doc(rec))
    out = doc.to_json()
    err = (out.get("error") or {}).get("code")
    return Result(doc.id, json.dumps(out, ensure_ascii=False), err, len(out.get("events", ()) or ()),
                  out if keep else None)


def _process_batch(batch: list[dict], keep: bool) -> list[Result]:
    return [process_record(r, keep=keep) for r in batch]


def _batches(records: Iterable[dict], size: int) -> Iterator[list[dict]]:
    it = iter(records)
    while True:
        b = list(islice(it, size))
        if not b:
            return
        yield b


def run(records: Iterable[dict], *, workers: int = 1, batch_size: int = 16, keep: bool = False,
        pipeline=None) -> Iterator[Result]:
    """Yield a :class:`Result` per record, in input order."""
    if workers <= 1:
        for rec in records:
            yield process_record(rec, pipeline, keep=keep)
        return
    window = 2 * workers
    pending: deque[Future] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        for batch in _batches(records, batch_size):
            pending.append(pool.submit(_process_batch, batch, keep))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
