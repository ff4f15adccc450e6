"""Quantity accuracy on the gold seed articles with the shared scorer, and the temporal stage's speed.

    .venv/bin/python benchmarks/quantities.py

Runs ``marsad_eval.py docs ../shared/eval/seeds`` over the whole default pipeline (``marsad
extract``), and reports quantity precision/recall/F1 and the number of forbidden quantities
(phone numbers, years).  Then times the temporal stage alone (CPU time) over the first 300
articles of ``../shared/corpus/saudinewsnet.jsonl.gz`` and counts what it found there.  Prints the
figures and writes ``benchmarks/results/quantities.json``.  Skips with a message when
``../shared`` is absent.
"""
from __future__ import annotations

import collections
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "marsad_eval.py"
CORPUS = SHARED / "corpus" / "saudinewsnet.jsonl.gz"
OUT = ROOT / "benchmarks" / "results" / "quantities.json"
N_CORPUS = 300


def score() -> dict:
    marsad = Path(sys.executable).with_name("marsad")
    cmd = f"{marsad} extract {{input}} --out {{output}}"
    with tempfile.TemporaryDirectory() as tmp:
        js = Path(tmp) / "s.json"
        p = subprocess.run([sys.executable, str(SCORER), "--cmd", cmd, "--json", str(js), "--misses",
                            "docs", str(SHARED / "eval" / "seeds")], capture_output=True, text=True, cwd=ROOT)
        if p.returncode != 0:
            raise SystemExit(p.stderr[-3000:])
        res = json.loads(js.read_text(encoding="utf-8"))
    misses = [ln for ln in p.stdout.splitlines() if "quantity" in ln]
    return {"quantities": res["quantities"], "forbidden_quantities": res["forbidden_quantities"],
            "quantity_misses": misses}


def speed() -> dict:
    from marsad.doc import Doc
    from marsad.stages.temporal import Temporal

    stage = Temporal()
    docs = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs.append(Doc(r["text"], id=str(r.get("id")), meta={"published": r.get("published")}))
            if len(docs) >= N_CORPUS:
                break
    chars = sum(len(d.text) for d in docs)
    t0 = time.process_time()
    for d in docs:
        stage(d)
    cpu = time.process_time() - t0
    kinds = collections.Counter(q["kind"] for d in docs for q in d.quantities)
    dates = collections.Counter(x["kind"] for d in docs for x in d.dates)
    resolved = sum(x["resolved"] for d in docs for x in d.dates)
    return {"docs": len(docs), "chars": chars, "cpu_seconds": round(cpu, 3),
            "chars_per_cpu_second": round(chars / cpu) if cpu else None,
            "ms_per_doc": round(1000 * cpu / len(docs), 2),
            "quantity_kinds": dict(kinds), "date_kinds": dict(dates),
            "dates_resolved": resolved, "dates_total": sum(dates.values())}


def main() -> None:
    if not SCORER.exists():
        print(f"skipped: {SCORER} not found (needs ../shared)")
        return
    res = {"seeds": score()}
    if CORPUS.exists():
        res["speed"] = speed()
    print(json.dumps(res, ensure_ascii=False, indent=1))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
