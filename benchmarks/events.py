"""Event coding accuracy with the shared scorer (``../shared/eval/marsad_eval.py``).

Scores, through the scorer's subprocess interface:

* ``events ../shared/eval/events/assault_gsr_dev.csv``  (ASSAULT sentence detection F1)
* ``events ../shared/eval/events/protest_gsr_dev.csv``  (PROTEST sentence detection F1)
* ``docs ../shared/eval/seeds``                         (event F1, actor/status accuracy)

    .venv/bin/python benchmarks/events.py            # the whole `marsad extract` pipeline
    .venv/bin/python benchmarks/events.py --fast     # only the stages events needs (iterating)

``--fast`` runs this file as the system command (``--run IN OUT``): the default pipeline
without the geocoder, which events do not need.  Writes ``benchmarks/results/events.json``.
Skips with a message when ``../shared`` is absent.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
SCORER = SHARED / "marsad_eval.py"
PY = sys.executable


def run_fast(inp: str, out: str) -> None:
    """A system command for the scorer: default stages minus geocoding, then write JSONL."""
    from marsad.io.readers import iter_records, make_doc
    from marsad.pipeline import DEFAULT_STAGES, Pipeline, load_stage

    specs = [s for s in DEFAULT_STAGES if "geocode" not in s]
    if not any(s.endswith(":Events") for s in specs):
        specs.append("marsad.stages.events:Events")
    stages = [load_stage(s) for s in specs]
    have = {"text"}
    for st in stages:
        have |= set(st.provides)
    if "entities" not in have:   # entities stage not there yet: run events without entities
        for st in stages:
            if st.name == "events":
                st.requires = frozenset(st.requires - {"entities"})
    pipe = Pipeline(stages)
    with open(out, "w", encoding="utf-8") as f:
        for rec in iter_records([Path(inp)]):
            d = pipe(make_doc(rec))
            f.write(json.dumps(d.to_json(include_text=False), ensure_ascii=False) + "\n")


def score(args: list[str], cmd: str | None) -> dict:
    argv = [PY, str(SCORER)]
    if cmd:
        argv += ["--cmd", cmd]
    argv += args
    t0 = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        raise SystemExit(p.stderr[-3000:])
    res = json.loads(p.stdout[: p.stdout.rindex("}") + 1])
    res["wall_seconds"] = round(time.perf_counter() - t0, 2)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fast", action="store_true", help="skip the geocoder (faster while iterating)")
    ap.add_argument("--run", nargs=2, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "events.json"))
    a = ap.parse_args()
    if a.run:
        run_fast(*a.run)
        return
    if not SCORER.exists():
        print(f"skipped: {SCORER} not found (the shared evaluation data is not available)")
        return
    cmd = f"{PY} {Path(__file__).resolve()} --run {{input}} {{output}}" if a.fast else \
        f"{Path(PY).parent / 'marsad'} extract {{input}} --out {{output}} --quiet"
    out = {"command": "fast (no geocoder)" if a.fast else "marsad extract", "results": {}}
    for name, args in (("assault_gsr_dev", ["events", str(SHARED / "events" / "assault_gsr_dev.csv")]),
                       ("protest_gsr_dev", ["events", str(SHARED / "events" / "protest_gsr_dev.csv")]),
                       ("seeds", ["docs", str(SHARED / "seeds")])):
        r = score(args, cmd)
        out["results"][name] = r
        if name == "seeds":
            keep = {k: r[k] for k in ("events", "event_actor_acc", "event_recipient_acc", "event_location_acc",
                                      "event_status_acc", "event_full_acc")}
            print(name, json.dumps(keep, ensure_ascii=False))
        else:
            print(name, json.dumps(r["detection"]), f"{r['seconds']:.1f}s")
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT).stdout.strip()
    except OSError:
        commit = ""
    out["commit"] = commit
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("wrote", a.out)


if __name__ == "__main__":
    main()
