"""Throughput of ``marsad extract`` with 1 and 2 workers on the SaudiNewsNet corpus.

Runs the real CLI (a subprocess per run) over the first N articles (default 2000; ``--all`` for
the whole 31,030) of ``../shared/corpus/saudinewsnet.jsonl.gz`` and reports, per worker count:
articles/s, MB/s (UTF-8 bytes of article text), peak RSS of every process (parent and each
worker, read from ``/proc/<pid>/status`` VmHWM while it runs), CPU-seconds per 1,000 articles
(``getrusage(RUSAGE_CHILDREN)``), and the scaling efficiency ``rate(W) / (W × rate(1))``.

    .venv/bin/python benchmarks/throughput.py                 # 2000 articles, 1 and 2 workers
    .venv/bin/python benchmarks/throughput.py --all           # the whole corpus
    .venv/bin/python benchmarks/throughput.py --name throughput_baseline
    .venv/bin/python benchmarks/throughput.py --repeat 3 --baseline 3b06644   # + the foundation, interleaved

A rate measured once is only comparable with rates measured in the same machine state (this VM's
speed drifts by tens of per cent over a day); ``--baseline COMMIT`` re-runs an earlier commit's
extract (its ``src/`` from git, first on PYTHONPATH) between the runs and reports two ratios: the
ratio of the median rates (``ratio_1_worker``), and the median of each repeat's ratio of its two
adjacent 1-worker runs (``paired_median_ratio_1_worker``; the baseline runs before this commit in
even repeats and after it in odd ones), which the drift between repeats does not move.

Writes ``benchmarks/results/<name>.json`` with the command line, git commit and a description
of the machine.  The machine may be shared: the load average at the start is recorded too.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_at_start": os.getloadavg(),
    }


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (from /proc/<pid>/task/*/children)."""
    out: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError):
                out += [int(x) for x in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    return out


def _hwm_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def run_extract(inp: Path, workers: int, *, src: Path | None = None) -> dict:
    """One ``marsad extract`` run; ``src``: another source tree of the package to run instead
    (an earlier commit, put first on PYTHONPATH)."""
    out = Path(tempfile.mkdtemp(prefix="marsad-bench-")) / "out.jsonl"
    cmd = [sys.executable, "-m", "marsad.cli.main", "extract", str(inp), "--out", str(out),
           "--workers", str(workers)]
    env = dict(os.environ, MARSAD_PROGRESS="never")
    if src is not None:
        env["PYTHONPATH"] = str(src)
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    peak: dict[int, int] = {}
    while proc.poll() is None:
        todo = [proc.pid]
        while todo:  # the parent and all its descendants (pool workers)
            p = todo.pop()
            kb = _hwm_kb(p)
            if kb is not None:
                peak[p] = max(peak.get(p, 0), kb)
            todo += _children(p)
        time.sleep(0.1)
    stderr = proc.stderr.read() if proc.stderr else ""
    secs = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    n = errors = events = 0
    if out.exists():
        with out.open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                n += 1
                errors += "error" in rec
                events += len(rec.get("events") or ())
        out.unlink()
    out.parent.rmdir()
    rss = sorted(peak.items())  # parent first (lowest pid), then workers
    return {
        "workers": workers,
        "command": " ".join(cmd),
        "exit_status": proc.returncode,
        "summary": stderr.strip().splitlines()[-1] if stderr.strip() else "",
        "articles": n,
        "errors": errors,
        "events": events,
        "loadavg_at_start": round(load, 2),
        "seconds": round(secs, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mb_parent": round(rss[0][1] / 1024, 1) if rss else None,
        "peak_rss_mb_workers": [round(kb / 1024, 1) for _, kb in rss[1:]],
        "max_largest_process_rss_mb": round(after.ru_maxrss / 1024, 1),
    }


def compiled_status(src: Path) -> dict[str, int]:
    """How the modules listed for compiling run in the tree ``src`` (marsad/_compiled.py): a count
    per state ("compiled", or "pure", "stale", "not built" when the source runs); {} for a version
    from before compiled modules."""
    code = ("import json, marsad; from marsad.pipeline import default_pipeline; default_pipeline()\n"
            "try:\n    from marsad._compiled import status\nexcept ImportError:\n    status = dict\n"
            "print(json.dumps(status()))")
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(src)}, check=False)
    if out.returncode != 0:
        return {}
    counts: dict[str, int] = {}
    for state in json.loads(out.stdout).values():
        counts[state] = counts.get(state, 0) + 1
    return counts


def checkout(commit: str, dest: Path) -> Path:
    """The package sources of ``commit`` (git archive of src/) under ``dest``, byte-compiled, with
    its optional C extensions built from its own C sources when it has a setup.py (else an
    earlier commit of ours would run its slower pure-Python fallbacks: not what it was)."""
    paths = ["src"]
    if subprocess.run(["git", "cat-file", "-e", f"{commit}:setup.py"], cwd=ROOT, capture_output=True).returncode == 0:
        paths += ["setup.py", "pyproject.toml"]
    arch = subprocess.run(["git", "archive", commit, *paths], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=arch, check=True)
    if "setup.py" in paths:
        built = subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--inplace"], cwd=dest,
                               capture_output=True, text=True, check=False)
        if built.returncode != 0:
            print(f"note: {commit}'s C extensions did not build; its Python fallbacks run", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "src" / "marsad")], check=False,
                   stdout=subprocess.DEVNULL)
    return dest / "src"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="first N articles (default 2000)")
    ap.add_argument("--all", action="store_true", help="the whole corpus (31,030 articles)")
    ap.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--name", default="throughput", help="results file name (without .json)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per worker count, interleaved (1,2,1,2,…); the run with the median rate is "
                         "reported, every run is kept under all_runs (the machine may be shared)")
    ap.add_argument("--baseline", metavar="COMMIT",
                    help="also run this earlier commit's extract with 1 worker, interleaved with the "
                         "1-worker runs (same machine state), and report the ratio of the medians")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found (the benchmark reads ../shared at run time)")
        return 0
    compiled = compiled_status(ROOT / "src")
    if set(compiled) - {"compiled"}:
        print(f"note: some modules run from source ({compiled}); rebuild with pip install -e .", file=sys.stderr)
    tmpdir = Path(tempfile.mkdtemp(prefix="marsad-bench-in-"))
    inp = tmpdir / "slice.jsonl"
    n = 0
    text_bytes = 0
    with gzip.open(args.corpus, "rt", encoding="utf-8") as src, inp.open("w", encoding="utf-8") as dst:
        for line in src:
            if not args.all and n >= args.n:
                break
            dst.write(line)
            text_bytes += len(json.loads(line).get("text", "").encode("utf-8"))
            n += 1
    # byte-compile the package first, as `pip install` does: where PYTHONDONTWRITEBYTECODE is set
    # (this workplace sets it) an edited module would otherwise be compiled again by every process
    # (~0.1 CPU-s each), which no installed copy of Marsad pays
    import marsad

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(marsad.__file__).parent)],
                   check=False, stdout=subprocess.DEVNULL)
    counts = [int(x) for x in args.workers.split(",")]
    every: dict[int, list[dict]] = {w: [] for w in counts}
    base_src = checkout(args.baseline, tmpdir) if args.baseline else None
    base_runs: list[dict] = []
    pairs: list[float] = []  # per repeat: this commit's 1-worker rate / the baseline's, adjacent runs

    def run_base() -> dict:
        r = run_extract(inp, 1, src=base_src)
        r["articles_per_s"] = round(r["articles"] / r["seconds"], 1) if r["seconds"] else None
        base_runs.append(r)
        print(f"baseline {args.baseline} workers=1: {r['articles_per_s']} art/s, {r['cpu_seconds']} CPU-s")
        return r

    for rep in range(max(1, args.repeat)):
        # the baseline runs right before this commit's 1-worker run in even repeats and right
        # after it in odd ones, so that a steady drift of the machine's speed favours neither
        b = run_base() if base_src is not None and rep % 2 == 0 else None
        for w in counts:
            r = run_extract(inp, w)
            r["articles_per_s"] = round(r["articles"] / r["seconds"], 1) if r["seconds"] else None
            r["mb_per_s"] = round(text_bytes / 1e6 / r["seconds"], 2) if r["seconds"] else None
            r["cpu_s_per_1000_articles"] = round(1000 * r["cpu_seconds"] / max(r["articles"], 1), 2)
            every[w].append(r)
            print(f"workers={w}: {r['articles']} articles in {r['seconds']} s = {r['articles_per_s']} art/s, "
                  f"{r['mb_per_s']} MB/s, {r['cpu_s_per_1000_articles']} CPU-s/1000, peak RSS parent "
                  f"{r['peak_rss_mb_parent']} MB workers {r['peak_rss_mb_workers']} MB, errors {r['errors']}")
            if w == 1 and base_src is not None:
                if b is None:
                    b = run_base()
                if b["articles_per_s"] and r["articles_per_s"]:
                    pairs.append(round(r["articles_per_s"] / b["articles_per_s"], 3))
        if base_src is not None and b is None:  # (no 1-worker run among the counts)
            run_base()
    # the median run of each worker count (by rate; the lower middle one for an even count)
    runs = [sorted(every[w], key=lambda r: r["articles_per_s"] or 0)[(len(every[w]) - 1) // 2] for w in counts]
    base = next((r for r in runs if r["workers"] == 1), None)
    for r in runs:
        if base and base["articles_per_s"] and r["articles_per_s"]:
            r["scaling_efficiency"] = round(r["articles_per_s"] / (r["workers"] * base["articles_per_s"]), 2)
    shutil.rmtree(tmpdir, ignore_errors=True)
    result = {
        "benchmark": "throughput",
        "command_line": " ".join([Path(sys.executable).name, *sys.argv]),
        "git_commit": git_commit(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "corpus": str(args.corpus.name),
        "articles": n,
        "text_mb": round(text_bytes / 1e6, 2),
        "machine": machine(),
        # the Cython-compiled modules that ran (a stale build runs the sources: slower)
        "compiled_modules": compiled,
        "runs": runs,
        "repeat": max(1, args.repeat),
        "all_runs": {str(w): [{k: r[k] for k in ("seconds", "cpu_seconds", "articles_per_s",
                                                   "cpu_s_per_1000_articles", "loadavg_at_start")
                               if k in r} for r in every[w]] for w in counts},
    }
    if base_runs:
        rates = sorted(r["articles_per_s"] or 0 for r in base_runs)
        mid = rates[(len(rates) - 1) // 2]
        one = base["articles_per_s"] if base else None
        result["baseline"] = {"commit": args.baseline, "workers": 1, "articles_per_s_median": mid,
                              "runs": [{k: r[k] for k in ("seconds", "cpu_seconds", "articles_per_s",
                                                          "loadavg_at_start")} for r in base_runs],
                              "ratio_1_worker": round(one / mid, 3) if one and mid else None,
                              # each repeat's ratio of adjacent runs, and their median: the drift
                              # between repeats (tens of per cent on this VM) cancels within a pair
                              "pair_ratios_1_worker": pairs,
                              "paired_median_ratio_1_worker": (
                                  sorted(pairs)[(len(pairs) - 1) // 2] if pairs else None)}
        print(f"baseline {args.baseline}: median {mid} art/s; this commit with 1 worker: {one} art/s "
              f"(ratio {result['baseline']['ratio_1_worker']}); ratios of adjacent runs {pairs}, "
              f"median {result['baseline']['paired_median_ratio_1_worker']}")
    for r in runs:
        if "scaling_efficiency" in r and r["workers"] > 1:
            print(f"scaling efficiency with {r['workers']} workers: {r['scaling_efficiency']}")
    res_dir = ROOT / "benchmarks" / "results"
    res_dir.mkdir(parents=True, exist_ok=True)
    (res_dir / f"{args.name}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
    print(f"wrote {res_dir / (args.name + '.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
