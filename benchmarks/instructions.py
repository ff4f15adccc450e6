"""Instructions per article of the pipeline, counted by valgrind (a speed figure that does not drift).

CPU time on a shared VM moves by up to half within the hour, so two versions timed one after the
other cannot be compared to a few per cent.  The number of instructions a run executes is the same
from run to run (exactly, with hashing fixed and numpy's worker threads off, as here), so it
compares versions, stages and the foundation directly.  It is not time: memory effects (cache
and TLB misses of large tables) cost time and no instructions, so a time ratio is somewhat worse
than the instruction ratio (`docs/scale.md`, session 15).

Each run is ``valgrind --tool=cachegrind --cache-sim=no`` over a small driver that builds the
default pipeline, analyses the first N articles of ``../shared/corpus/saudinewsnet.jsonl.gz`` and
writes each record with ``json.dumps`` (as ``marsad extract`` does, with its garbage-collector
settings); a run with no article gives the start-up, subtracted to get instructions per article.

    .venv/bin/python benchmarks/instructions.py                      # this tree, first 300 articles
    .venv/bin/python benchmarks/instructions.py -n 100 --stages       # + instructions per stage
    .venv/bin/python benchmarks/instructions.py --baseline 3b06644   # + the foundation, and the ratio

Needs valgrind (Debian: ``apt install valgrind``); prints "skipped" without it or without the
corpus.  About 20 times slower than the run itself: 300 articles take 2–3 minutes per version.
Writes ``benchmarks/results/<name>.json``.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import CORPUS, ROOT, checkout, compiled_status, git_commit, machine  # noqa: E402

# The driver run under valgrind: argv = corpus, N, K.  K < 0: the whole pipeline and the JSON of
# each record; K >= 0: only the first K stages (no JSON), for the per-stage differences.  The
# collector settings are those of marsad extract when the version has them.
_DRIVER = r'''
import gzip, itertools, json, sys
from marsad.io.readers import make_doc
from marsad.pipeline import default_pipeline
try:
    from marsad.parallel import GcSettler, tune_gc
except ImportError:  # a version from before them
    tune_gc, GcSettler = (lambda: None), (lambda: (lambda: None))
corpus, n, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    recs = [json.loads(line) for line in itertools.islice(f, n)]
pl = default_pipeline()
pl(make_doc({"id": "warm", "text": "قال المتحدث إن القوات دخلت المدينة أمس."}))
stages = list(getattr(pl, "stages", []))
tune_gc()
settle = GcSettler()
try:  # as marsad extract -j 1 runs: STAGE_BATCH records at a time, stage by stage, json_line
    from marsad.parallel import STAGE_BATCH, process_records
except ImportError:  # a version from before them: one record at a time, json.dumps
    process_records = None
if k < 0 and process_records is not None:
    for i in range(0, len(recs), STAGE_BATCH):
        process_records(recs[i:i + STAGE_BATCH], pl, settle=settle)
else:
    for r in recs:
        if k < 0:
            json.dumps(pl(make_doc(r)).to_json(), ensure_ascii=False)
        else:
            d = make_doc(r)
            for s in stages[:k]:
                d = s(d)
        settle()
'''
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def count(src: Path, corpus: Path, n: int, k: int, driver: Path) -> int:
    """Instructions of one driver run with ``src`` first on the path."""
    # fixed hashing, and no numpy worker threads: an idle OpenBLAS thread spins, and its
    # instructions made the count vary by ~2% from run to run; with these it is exact
    # and no document time limit: valgrind delivers its timer's signals late, and one delivered
    # after the handler was put back killed a run ("Alarm clock")
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "MARSAD_DOC_TIMEOUT": "0"}
    out = subprocess.run([shutil.which("valgrind") or "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                          sys.executable, str(driver), str(corpus), str(n), str(k)],
                         capture_output=True, text=True, env=env, check=False)
    m = _REFS.search(out.stderr)
    if out.returncode != 0 or not m:
        raise RuntimeError(f"valgrind run failed ({out.returncode}): {out.stderr[-800:]}")
    return int(m.group(1).replace(",", ""))


def stage_names(src: Path) -> list[str]:
    code = "from marsad.pipeline import default_pipeline; print(' '.join(s.name for s in default_pipeline().stages))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}, check=True)
    return out.stdout.split()


def measure(src: Path, corpus: Path, n: int, driver: Path, *, stages: bool) -> dict:
    # byte-compiled first: a module compiled during a run (a fresh checkout, or one imported only
    # when the first article needs it) would add its compiling to the start-up or to the articles
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src / "marsad")], check=False,
                   stdout=subprocess.DEVNULL)
    start = count(src, corpus, 0, -1, driver)
    total = count(src, corpus, n, -1, driver)
    res = {"startup_minstr": round(start / 1e6, 1), "minstr_per_article": round((total - start) / n / 1e6, 3)}
    if stages:
        names = stage_names(src)
        counts = [count(src, corpus, n, k, driver) for k in range(len(names) + 1)]
        per = {"make_doc": (counts[0] - start) / n}
        per.update({nm: (counts[i + 1] - counts[i]) / n for i, nm in enumerate(names)})
        per["json"] = (total - counts[-1]) / n
        res["minstr_per_article_by_stage"] = {k: round(v / 1e6, 3) for k, v in per.items()}
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=300, help="first N articles (default 300)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--stages", action="store_true", help="also count each stage (a run per stage)")
    ap.add_argument("--baseline", metavar="COMMIT", help="also count this earlier commit (its src/ from git)")
    ap.add_argument("--name", default="instructions", help="results file name (without .json)")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("skipped: valgrind is not installed")
        return 0
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found (the benchmark reads ../shared at run time)")
        return 0
    if args.n < 1:
        ap.error("-n must be at least 1")
    with tempfile.TemporaryDirectory(prefix="marsad-instr-") as tmp:
        driver = Path(tmp) / "driver.py"
        driver.write_text(_DRIVER, encoding="utf-8")
        res = {"benchmark": "instructions", "command_line": " ".join(["python", *sys.argv]),
               "git_commit": git_commit(), "corpus": args.corpus.name, "articles": args.n,
               "machine": machine(),
               "this_tree": measure(ROOT / "src", args.corpus, args.n, driver, stages=args.stages)}
        res["this_tree"]["compiled_modules"] = compiled_status(ROOT / "src")
        print(f"this tree: {res['this_tree']['minstr_per_article']} M instructions per article, "
              f"start-up {res['this_tree']['startup_minstr']} M")
        for k, v in res["this_tree"].get("minstr_per_article_by_stage", {}).items():
            print(f"  {k:12s} {v:8.3f} M")
        if args.baseline:
            base_dir = Path(tmp) / "base"
            base_dir.mkdir()
            base_src = checkout(args.baseline, base_dir)
            base = measure(base_src, args.corpus, args.n, driver, stages=False)
            base["commit"] = args.baseline
            base["compiled_extensions"] = sorted(p.name.split(".")[0] for p in base_src.rglob("*.so"))
            res["baseline"] = base
            res["ratio"] = round(base["minstr_per_article"] / res["this_tree"]["minstr_per_article"], 3)
            print(f"baseline {args.baseline}: {base['minstr_per_article']} M per article; "
                  f"ratio (baseline / this tree) {res['ratio']}")
    out = ROOT / "benchmarks" / "results" / f"{args.name}.json"
    out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
