"""Places benchmark: gazetteer size and load time, lookups/s, and the shared scorer's geo figures.

    .venv/bin/python benchmarks/geo.py            # all figures -> benchmarks/results/geo.json

* gazetteer: file size, places, names, time to open it and answer a first lookup (fresh process);
* lookups/s: uncached key lookups over a sample of the gazetteer's own keys;
* ``geo ../shared/eval/geo/idrisi_ar_train.jsonl``: recognised share, accuracy within 161 km / 25 km;
* ``docs ../shared/eval/seeds``: the place part (every non-optional place resolved within tolerance).

The shared scorer runs this file's ``extract`` mode: structure, segment, the entities stage when
one exists, and geocode (no NER yet: places come from gazetteer lookup alone); with ``--system``
(and geocode in DEFAULT_STAGES) it runs the full ``marsad extract`` instead.
Needs ../shared (skips the scorer parts with a reason when absent).
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "marsad_eval.py"
PY = sys.executable


class _NoEntities:
    """Stands in for the entities stage while it does not exist (provides an empty layer)."""

    name = "no-entities"
    requires = frozenset({"tokens"})
    provides = frozenset({"entities"})

    def __call__(self, doc):
        return doc


def geocode_pipeline():
    from marsad.pipeline import DEFAULT_STAGES, Pipeline, load_stage
    from marsad.stages.geocode import Geocode

    # only the stages geocoding reads (later stages may be mid-edit by others)
    specs = []
    for spec in DEFAULT_STAGES:
        specs.append(spec)
        if spec.endswith(":Geocode"):
            break
    stages = [load_stage(s) for s in specs
              if s.rsplit(":", 1)[1] in ("Structure", "Segment", "Geocode") or "entit" in s.lower()]
    if not any(s.name == "geocode" for s in stages):
        if not any("entities" in s.provides for s in stages):
            stages.append(_NoEntities())
        stages.append(Geocode())
    return Pipeline(stages)


def extract(inputs: list[str], out: str) -> int:
    from marsad.io.readers import iter_records, make_doc

    pipe = geocode_pipeline()
    with open(out, "w", encoding="utf-8") as f:
        for rec in iter_records(inputs):
            if rec.get("error"):
                f.write(json.dumps({"schema": "marsad.doc/1", "id": rec.get("id"), "error": rec["error"]},
                                   ensure_ascii=False) + "\n")
                continue
            d = pipe(make_doc(rec))
            f.write(json.dumps(d.to_json(include_text=False), ensure_ascii=False) + "\n")
    return 0


def _system_cmd() -> str:
    from marsad.pipeline import DEFAULT_STAGES

    if any(s.endswith(":Geocode") for s in DEFAULT_STAGES) and "--system" in sys.argv:
        return f"{ROOT / '.venv/bin/marsad'} extract {{input}} --out {{output}}"
    return f"{PY} {Path(__file__).resolve()} extract {{input}} --out {{output}}"


def gazetteer_figures() -> dict:
    from marsad.resources import path
    from marsad.resources.gazetteer import Gazetteer

    p = path("gazetteer.sqlite")
    code = ("import time; t=time.perf_counter(); from marsad.resources.gazetteer import Gazetteer; "
            "g=Gazetteer(); g.lookup('الموصل'); print(time.perf_counter()-t)")
    loads = [float(subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(3)]
    g = Gazetteer()
    stats = g.stats()
    keys = [r[0] for r in g.db.execute("SELECT key FROM names").fetchall()]
    random.Random(4).shuffle(keys)
    sample = keys[:20000]
    t = time.perf_counter()
    for k in sample:
        g.lookup_key(k)
    dt = time.perf_counter() - t
    return {"bytes": p.stat().st_size, "mb": round(p.stat().st_size / 1e6, 1), **stats,
            "load_first_lookup_s": round(min(loads), 4), "lookups_per_s": round(len(sample) / dt)}


def scorer(*args: str) -> dict | None:
    if not SCORER.exists():
        print(f"skip: {SCORER} not found (needs ../shared)")
        return None
    out = ROOT / "benchmarks" / "results" / "geo_scorer.tmp"
    cmd = [PY, str(SCORER), "--cmd", _system_cmd(), "--json", str(out), *args]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0 or not out.exists():
        print(r.stdout[-2000:], r.stderr[-2000:])
        return None
    res = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return res


def main() -> int:
    res: dict = {"gazetteer": gazetteer_figures(), "system": _system_cmd()}
    print("gazetteer:", json.dumps(res["gazetteer"]))
    geo = scorer("geo", str(SHARED / "eval/geo/idrisi_ar_train.jsonl"))
    if geo is not None:
        res["idrisi"] = geo
        print("idrisi:", json.dumps(geo))
    docs = scorer("docs", str(SHARED / "eval/seeds"))
    if docs is not None:
        res["seeds"] = docs
        print("seeds:", json.dumps(docs, ensure_ascii=False)[:3000])
    out = ROOT / "benchmarks" / "results" / "geo.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "extract":
        a = sys.argv[2:]
        raise SystemExit(extract(a[:a.index("--out")], a[a.index("--out") + 1]))
    raise SystemExit(main())
