"""Store benchmark: ingest time and database size for N articles of ../shared/corpus/saudinewsnet.jsonl.gz,
and search latency (median / p95) on the result.

    python benchmarks/store.py                 # 3,000 articles, the default pipeline, SQLite
    python benchmarks/store.py --all           # all 31,030 articles
    python benchmarks/store.py --store-only    # records without analysis (text, meta): the store alone
    python benchmarks/store.py --db postgresql://...   # PostgreSQL (an empty database)
    python benchmarks/store.py --analysed OUT.jsonl    # records already analysed by `marsad extract`
                                                       # (e.g. the whole corpus, extracted on all cores)

Writes benchmarks/results/store.json.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"
QUERIES = ["الرياض", "وزير الداخلية", '"خادم الحرمين الشريفين"', "بالمملكة", "الأمطار", "داعش", "اليمن",
           "الْحُوثِيِّين", "مجلس الوزراء", "التعليم", "الهلال", "المرور", '"ولي العهد"', "سوق الأسهم",
           "جدة", "الصحة", "بالقصيم", "الإرهاب", "مكافحة الفساد", "النفط"]


def records(n: int | None, *, store_only: bool, workers: int, analysed: str | None = None):
    from marsad.io.readers import iter_records, make_doc
    from marsad.parallel import run

    if analysed:
        with open(analysed, encoding="utf-8") as f:
            for line in islice(f, n):
                yield json.loads(line)
        return

    src = islice(iter_records([CORPUS]), n)
    if store_only:
        for rec in src:
            if "error" in rec:
                yield rec
            else:
                yield make_doc(rec).to_json()
        return
    for res in run(src, workers=workers, keep=True):
        yield res.record


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=3000, help="articles to ingest (default 3000)")
    ap.add_argument("--all", action="store_true", help="the whole corpus (31,030 articles)")
    ap.add_argument("--store-only", action="store_true", help="skip the analysis pipeline")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--analysed", default=None, help="ingest this marsad.doc/1 JSONL (output of marsad extract)")
    ap.add_argument("--db", default=None, help="SQLite path or postgresql:// URL (default: a temporary file)")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each query")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "store.json"))
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not present", file=sys.stderr)
        return 0
    from marsad.store import ingest_record, open_store
    from marsad.store import query as Q

    n = None if args.all else args.n
    tmp = tempfile.TemporaryDirectory()
    url = args.db or str(Path(tmp.name) / "bench.db")
    db = open_store(url)
    counts: dict[str, int] = {}
    t_ingest = 0.0
    t0 = time.perf_counter()
    for rec in records(n, store_only=args.store_only, workers=args.workers, analysed=args.analysed):
        t = time.perf_counter()
        st = ingest_record(db, rec)
        t_ingest += time.perf_counter() - t
        counts[st] = counts.get(st, 0) + 1
    total = time.perf_counter() - t0
    if db.kind == "sqlite":
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = db.size_bytes()
    stats = Q.stats(db)
    lat: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for q in QUERIES:
        Q.search(db, q, limit=20)  # warm
        for _ in range(args.repeat):
            t = time.perf_counter()
            items, tot = Q.search(db, q, limit=20)
            lat.setdefault(q, []).append((time.perf_counter() - t) * 1000)
            hits[q] = tot
    ev_lat = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        Q.list_events(db, Q.event_filters({"q": "الرياض", "date_from": "2015-01-01"}), limit=50, offset=0)
        ev_lat.append((time.perf_counter() - t) * 1000)
    all_ms = sorted(x for v in lat.values() for x in v)
    p95 = all_ms[min(len(all_ms) - 1, int(0.95 * len(all_ms)))]
    n_art = sum(counts.values())
    out = {
        "command": " ".join(sys.argv[1:]) or "(defaults)", "backend": db.kind, "articles": n_art,
        "statuses": counts, "pipeline": not args.store_only, "workers": args.workers,
        "analysed_input": args.analysed,
        "wall_seconds": round(total, 1), "store_seconds": round(t_ingest, 1),
        "store_ms_per_article": round(1000 * t_ingest / max(1, n_art), 2),
        "db_bytes": size, "db_mb": round(size / 1e6, 1), "events": stats["events"], "entities": stats["entities"],
        "duplicate_groups": stats["duplicate_groups"], "clusters_multi": stats["clusters_multi"],
        "search_ms": {"median": round(statistics.median(all_ms), 2), "p95": round(p95, 2),
                      "max": round(all_ms[-1], 2), "queries": len(QUERIES), "repeat": args.repeat},
        "search_hits": hits,
        "event_filter_with_search_ms_median": round(statistics.median(ev_lat), 2),
    }
    db.close()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "search_hits"}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
