"""The collector settings of a process that analyses many documents (marsad.parallel.GcSettler)."""
import gc
import weakref

from marsad.parallel import GcSettler, run


class _Node:
    pass


def test_settler_freezes_survivors_and_sweeps_left_cycles():
    settle = GcSettler(sweep=3)
    try:
        before = gc.get_freeze_count()
        survivors = [[i] for i in range(200)]  # what a document leaves in the caches
        settle()
        assert gc.get_freeze_count() >= before + 200
        node = _Node()
        node.me = node  # a cycle nobody references any more
        ref = weakref.ref(node)
        del node
        settle()  # frozen: an ordinary collection leaves it alone
        gc.collect()
        assert ref() is not None
        settle()  # every third call: a full sweep frees it
        assert ref() is None
        assert len(survivors) == 200
    finally:
        gc.unfreeze()


def test_single_process_run_leaves_no_cycles_and_keeps_order():
    texts = ["قال مسؤول محلي إن قذيفة سقطت على سوق في المدينة صباح الأحد.",
             "أعلنت وزارة الصحة وصول شحنة أدوية إلى المستشفى المركزي.",
             ""]
    try:
        gc.collect()
        out = list(run([{"id": f"d{i}", "text": t} for i, t in enumerate(texts)], workers=1))
        assert [r.id for r in out] == ["d0", "d1", "d2"]
        assert out[2].error is not None and out[0].error is None
        gc.unfreeze()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            list(run([{"id": "again", "text": texts[0]}], workers=1))
            gc.unfreeze()
            gc.collect()
            left = [o for o in gc.garbage if type(o).__module__.startswith("marsad")]
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        assert left == []  # a finished document leaves no cyclic garbage behind
    finally:
        gc.unfreeze()
        gc.set_threshold(700, 10, 10)


_LOAD_PROBE = r"""
import gc, json
from marsad.parallel import run
seen = []
gc.callbacks.append(lambda phase, info: phase == "start" and seen.append(info["generation"]))
out = list(run([{"id": "a", "text": "قال مسؤول محلي إن قذيفة سقطت على سوق في المدينة صباح الأحد."}], workers=1))
print(json.dumps({"collections": seen, "frozen": gc.get_freeze_count(), "error": out[0].error}))
"""


def test_loading_the_pipeline_runs_no_collection_and_freezes_what_it_loaded():
    # in a fresh interpreter: this one's pipeline is built already
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _LOAD_PROBE], capture_output=True, text=True, check=True,
                         timeout=120)
    res = json.loads(out.stdout.strip().splitlines()[-1])
    assert res["error"] is None
    # the resources are large young containers: a collection would visit every entry (~65 ms)
    assert res["collections"] == []
    assert res["frozen"] > 50_000  # the loaded tables (their containers), out of later scans
