"""Entity accuracy on the gold seed articles with the shared scorer, and the stage's speed.

    .venv/bin/python benchmarks/entities.py

Runs ``marsad_eval.py docs ../shared/eval/seeds`` with this file as the system command
(``--run IN OUT``: structure, segment, entities and, when present, geocode), so the figures are
those of the entities stage (and the geocoder's places), not of later stages.  Also times the
entities stage alone over the seed texts.  Prints the figures and writes
``benchmarks/results/entities.json``.  Skips with a message when ``../shared`` is absent.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
SCORER = SHARED / "marsad_eval.py"
OUT = ROOT / "benchmarks" / "results" / "entities.json"
STAGES = ["structure:Structure", "segment:Segment", "entities:Entities", "geocode:Geocode"]


def _pipeline(*, tagger: bool = True):
    from marsad.pipeline import DEFAULT_STAGES, Pipeline, load_stage

    specs = [f"marsad.stages.{s}" for s in STAGES if f"marsad.stages.{s}" in DEFAULT_STAGES
             or s.startswith(("structure", "segment", "entities"))]
    stages = [load_stage(s, **({"use_tagger": tagger} if s.endswith(":Entities") else {})) for s in specs]
    return Pipeline(stages)


def run(inp: str, out: str, *, tagger: bool) -> None:
    from marsad.io.readers import iter_records, make_doc

    pipe = _pipeline(tagger=tagger)
    with open(out, "w", encoding="utf-8") as f:
        for rec in iter_records([Path(inp)]):
            d = pipe(make_doc(rec))
            f.write(json.dumps(d.to_json(include_text=False), ensure_ascii=False) + "\n")


def score(tagger: bool) -> dict:
    cmd = f"{sys.executable} {Path(__file__).resolve()} --run {{input}} {{output}}" + ("" if tagger else " --no-tagger")
    with tempfile.TemporaryDirectory() as tmp:
        js = Path(tmp) / "s.json"
        p = subprocess.run([sys.executable, str(SCORER), "--cmd", cmd, "--json", str(js), "--misses",
                            "docs", str(SHARED / "seeds")], capture_output=True, text=True, cwd=ROOT)
        if p.returncode != 0:
            raise SystemExit(p.stderr[-3000:])
        res = json.loads(js.read_text(encoding="utf-8"))
    misses = [ln for ln in p.stdout.splitlines() if ln.startswith("MISS") and "entity" in ln]
    return {"entities": res["entities"], "entity_type_acc": res["entity_type_acc"],
            "geocoding_acc": res.get("geocoding_acc"), "entity_misses": misses}


def speed() -> dict:
    from marsad.io.readers import make_doc
    from marsad.pipeline import Pipeline, load_stage
    from marsad.stages.entities import Entities

    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    pre = Pipeline([load_stage("marsad.stages.structure:Structure"), load_stage("marsad.stages.segment:Segment")])
    docs = [pre(make_doc({"id": str(i), "text": t})) for i, t in enumerate(texts)]
    out = {}
    for label, stage in (("kb_rules_coref", Entities(use_tagger=False)), ("with_tagger", Entities())):
        stage(docs[0])  # load resources
        reps, t0 = 20, time.perf_counter()
        for _ in range(reps):
            for d in docs:
                stage(d)
        secs = time.perf_counter() - t0
        chars = reps * sum(len(d.text) for d in docs)
        out[label] = {"chars_per_s": round(chars / secs), "ms_per_doc": round(1000 * secs / (reps * len(docs)), 2)}
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", nargs=2, metavar=("IN", "OUT"))
    ap.add_argument("--no-tagger", action="store_true")
    a = ap.parse_args(argv)
    if a.run:
        run(*a.run, tagger=not a.no_tagger)
        return
    if not SCORER.exists():
        print(f"skipped: {SCORER} not found (../shared is absent)")
        return
    res = {"seeds_with_tagger": score(True), "seeds_without_tagger": score(False), "speed": speed()}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(res, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
