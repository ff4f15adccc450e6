"""Quote and attribution accuracy with the shared scorer (``../shared/eval/marsad_eval.py``).

Runs ``docs ../shared/eval/seeds`` through the scorer's subprocess interface and reports quote
precision/recall/F1, speaker accuracy and ``via`` (outlet) accuracy, plus the quote misses.

    .venv/bin/python benchmarks/quotes.py           # the whole `marsad extract` pipeline
    .venv/bin/python benchmarks/quotes.py --fast    # only the stages quotes need (iterating)

``--fast`` runs this file as the system command (``--run IN OUT``): structure, segment, entities
and quotes only.  Writes ``benchmarks/results/quotes.json``.  Skips with a message when
``../shared`` is absent.
"""
from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
SCORER = SHARED / "marsad_eval.py"
PY = sys.executable
FAST_STAGES = ("structure:Structure", "segment:Segment", "entities:Entities", "quotes:Quotes")


def run_fast(inp: str, out: str) -> None:
    """A system command for the scorer: only the stages the quotes stage needs."""
    from marsad.io.readers import iter_records, make_doc
    from marsad.pipeline import Pipeline, load_stage

    pipe = Pipeline([load_stage("marsad.stages." + s) for s in FAST_STAGES])
    with open(out, "w", encoding="utf-8") as f:
        for rec in iter_records([Path(inp)]):
            d = pipe(make_doc(rec))
            f.write(json.dumps(d.to_json(include_text=False), ensure_ascii=False) + "\n")


def score(fast: bool) -> dict:
    with tempfile.TemporaryDirectory() as td:
        out = Path(td) / "figures.json"
        argv = [PY, str(SCORER), "--misses", "--json", str(out)]
        if fast:
            argv += ["--cmd", f"{shlex.quote(PY)} {shlex.quote(__file__)} --run {{input}} {{output}}"]
        else:
            argv += ["--cmd", f"{shlex.quote(str(Path(PY).with_name('marsad')))} extract {{input}} --out {{output}}"]
        argv += ["docs", str(SHARED / "seeds")]
        t0 = time.perf_counter()
        p = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
        secs = time.perf_counter() - t0
        if p.returncode != 0 or not out.exists():
            raise SystemExit(f"scorer failed ({p.returncode}):\n{p.stderr[-3000:]}")
        figures = json.loads(out.read_text(encoding="utf-8"))
    misses = [ln[5:] for ln in p.stdout.splitlines() if ln.startswith("MISS ") and "quote" in ln]
    return {
        "quotes": figures["quotes"],
        "quote_speaker_acc": figures["quote_speaker_acc"],
        "quote_via_acc": figures["quote_via_acc"],
        "quote_misses": misses,
        "seconds": round(secs, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fast", action="store_true", help="run only structure/segment/entities/quotes")
    ap.add_argument("--run", nargs=2, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.run:
        run_fast(*a.run)
        return 0
    if not SCORER.exists():
        print(f"skipped: {SCORER} not found (../shared is absent on this machine)")
        return 0
    res = {"dataset": "shared/eval/seeds", "pipeline": "fast" if a.fast else "marsad extract", **score(a.fast)}
    q = res["quotes"]
    print(f"quotes   P {q['p']:.3f}  R {q['r']:.3f}  F1 {q['f1']:.3f}  (tp {q['tp']}, fp {q['fp']}, fn {q['fn']})")
    print(f"speaker  {res['quote_speaker_acc']['acc']:.3f}  (n {res['quote_speaker_acc']['n']})")
    print(f"via      {res['quote_via_acc']['acc']:.3f}  (n {res['quote_via_acc']['n']})")
    for m in res["quote_misses"]:
        print("miss:", m)
    dest = ROOT / "benchmarks" / "results" / "quotes.json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {dest.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
