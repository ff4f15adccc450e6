"""The worker pool when a worker dies (killed, out of memory): nothing raises out of submit, and
run() still returns every document."""
from __future__ import annotations

import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from marsad.parallel import _Pool
from tests.conftest import child_pids

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")

REC = {"id": "p1", "text": "قال وزير الدفاع إن القوات سيطرت على بلدة صغيرة شمال المدينة أمس."}


def test_submit_after_a_worker_died_hands_back_a_failed_future():
    pool = _Pool(1)
    try:
        first = pool.submit([REC], False, True).result(timeout=120)
        assert [r.id for r in first] == ["p1"]
        workers = child_pids(os.getpid())
        assert workers
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        # wait until the executor has seen the death (a future submitted before that fails too)
        t0 = time.monotonic()
        while time.monotonic() - t0 < 60:
            fut = pool.submit([REC], False, True)  # must not raise, before or after
            with pytest.raises(BrokenProcessPool):
                fut.result(timeout=60)
            if getattr(pool.pool, "_broken", True):  # the executor refuses new work from here on
                break
            time.sleep(0.05)
        late = pool.submit([REC], False, True)  # the case that used to raise out of submit
        with pytest.raises(BrokenProcessPool):
            late.result(timeout=5)
        pool.restart()
        again = pool.submit([REC], False, True).result(timeout=120)
        assert [r.id for r in again] == ["p1"] and not again[0].error
    finally:
        pool.close()
