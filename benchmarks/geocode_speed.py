"""CPU time per pipeline stage (geocode's share in particular) on SaudiNewsNet articles.

    .venv/bin/python benchmarks/geocode_speed.py              # first 300 articles
    .venv/bin/python benchmarks/geocode_speed.py --n 1000

Builds the default pipeline once, runs it on one article to load every resource, then times
each stage (``time.process_time``, so other processes on a shared machine count less) over the
first N articles of ``../shared/corpus/saudinewsnet.jsonl.gz``.  Prints ms/article and share per
stage and writes ``benchmarks/results/geocode_speed.json``.  Needs ../shared (exits 0 with a
reason when absent).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300, help="articles (default 300)")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found")
        return 0
    from marsad.io.readers import make_doc, record_from_obj
    from marsad.pipeline import DEFAULT_STAGES, load_stage

    recs = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            recs.append(json.loads(line))
            if len(recs) >= args.n:
                break
    t0 = time.perf_counter()
    stages = [load_stage(s) for s in DEFAULT_STAGES]

    def run(rec: dict, acc: dict[str, float] | None) -> None:
        d = make_doc(record_from_obj(rec, fallback=str(rec.get("id")), loc="bench"))
        for st in stages:
            t = time.process_time()
            d = st(d)
            if acc is not None:
                acc[st.name] = acc.get(st.name, 0.0) + time.process_time() - t

    run(recs[0], None)  # loads every resource (gazetteer keys, models)
    warm = time.perf_counter() - t0
    acc: dict[str, float] = {}
    for rec in recs:
        run(rec, acc)
    total = sum(acc.values())
    per = {k: {"ms_per_article": round(1000 * v / len(recs), 2), "share": round(v / total, 3)}
           for k, v in acc.items()}
    for k, v in per.items():
        print(f"{k:10s} {v['ms_per_article']:8.2f} ms/article  {100 * v['share']:5.1f}%")
    print(f"{'total':10s} {1000 * total / len(recs):8.2f} ms/article  (build + warm-up {warm:.1f} s)")
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    out = {"command": " ".join([Path(sys.executable).name, *sys.argv]), "commit": commit,
           "articles": len(recs), "cpu_ms_per_article": round(1000 * total / len(recs), 2),
           "stages": per, "build_and_warmup_s": round(warm, 2), "loadavg_at_end": os.getloadavg()}
    res = ROOT / "benchmarks" / "results" / "geocode_speed.json"
    res.parent.mkdir(parents=True, exist_ok=True)
    res.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {res.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
