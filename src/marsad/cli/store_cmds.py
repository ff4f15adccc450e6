"""``marsad ingest``, ``marsad serve`` and ``marsad export``: the observatory's commands."""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from marsad import SCHEMA, settings
from marsad.errors import MarsadError, batch_exit_status


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None,
                   help="SQLite file or postgresql:// URL (default: MARSAD_DB, else marsad.db)")


def _db(args) -> str:
    return args.db or settings.get("db")


# ---------------------------------------------------------------- ingest
def add_ingest_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="analyse articles and store them (SQLite or PostgreSQL)",
                       description="Run the pipeline over .txt/.html/.jsonl/.jsonl.gz inputs (or load "
                                   "already-analysed marsad.doc/1 JSONL as is) and write articles, "
                                   "entities, events, quotes and quantities into the store. The same article "
                                   "again is a no-op; a changed text replaces its analysis. A document that "
                                   "cannot be analysed is counted and the run goes on; exit status 1 only "
                                   "when every document failed (or, with --strict, any did).")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _db_arg(p)
    p.add_argument("--published", help="publication date YYYY-MM-DD for inputs that carry none")
    p.add_argument("--workers", "-j", type=int, default=None, help="analysis worker processes")
    p.add_argument("--limit", type=int, default=None, help="stop after this many articles")
    p.add_argument("--quiet", "-q", action="store_true")
    p.add_argument("--strict", action="store_true",
                   help="exit with status 1 when any document failed (default: only when all did)")
    p.set_defaults(func=cmd_ingest)


def _is_analysed(path: Path) -> bool:
    """A JSONL file whose first record is already a marsad.doc/1 record with its text."""
    name = path.name.lower()
    if not name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return False
    opener = gzip.open if name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    obj = json.loads(line)
                    return isinstance(obj, dict) and obj.get("schema") == SCHEMA and "text" in obj
    except (OSError, ValueError):
        return False
    return False


def iter_analysed(paths, *, published: str | None = None, workers: int = 1,
                  stored: dict[str, str] | None = None) -> Iterator[dict]:
    """marsad.doc/1 records for the inputs: analysed by the pipeline, or read as they are.

    ``stored`` maps article ids to the text hash already in the store: such articles are not
    analysed again (a re-run after an interruption finishes only what is missing); they come out
    as ``{"id", "unchanged": True}`` markers.
    """
    from marsad.io.readers import expand_paths, iter_records
    from marsad.parallel import run
    from marsad.store.ingest import text_hash

    skipped: list[str] = []

    def fresh(records):
        for r in records:
            if stored and "error" not in r and stored.get(str(r.get("id"))) == text_hash(r["text"]):
                skipped.append(str(r["id"]))
                continue
            yield r

    for f in expand_paths(paths):
        if _is_analysed(f):
            opener = gzip.open if f.name.lower().endswith(".gz") else open
            with opener(f, "rt", encoding="utf-8") as fh:
                for i, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        yield {"id": f"{f.stem}:{i}", "error": MarsadError("E104", f"line {i}: {exc.msg}").as_record()}
        else:
            for res in run(fresh(iter_records([f], published=published)), workers=workers, keep=True):
                while skipped:
                    yield {"id": skipped.pop(), "unchanged": True}
                yield res.record if res.record is not None else json.loads(res.line)
            while skipped:
                yield {"id": skipped.pop(), "unchanged": True}


def cmd_ingest(args: argparse.Namespace) -> int:
    from marsad.io.readers import expand_paths, parse_date
    from marsad.parallel import default_workers
    from marsad.progress import progress
    from marsad.store import ingest_record, open_store

    published = None
    if args.published:
        published = parse_date(args.published)
        if published is None:
            raise MarsadError("E203", args.published)
    expand_paths(args.paths)  # E201 early
    workers = args.workers if args.workers is not None else default_workers()
    counts: Counter[str] = Counter()
    t0 = time.perf_counter()
    with open_store(_db(args)) as db, progress(total=args.limit, unit="doc", disable=args.quiet) as bar:
        stored = {r["id"]: r["text_hash"] for r in db.query("SELECT id, text_hash FROM articles")}
        for rec in iter_analysed(args.paths, published=published, workers=workers, stored=stored):
            if rec.get("unchanged"):
                counts["unchanged"] += 1
                counts["skipped"] += 1
            else:
                counts[ingest_record(db, rec)] += 1
            bar.update(1)
            if args.limit and sum(counts.values()) - counts["skipped"] >= args.limit:
                break
        size = db.size_bytes()
    secs = time.perf_counter() - t0
    if not args.quiet:
        n = sum(counts.values()) - counts["skipped"]
        print(f"marsad: {n} articles: {counts['added']} added, {counts['replaced']} replaced, "
              f"{counts['unchanged']} unchanged ({counts['skipped']} not analysed again), "
              f"{counts['error']} errors; {secs:.1f} s; "
              f"database {size / 1e6:.1f} MB", file=sys.stderr)
    return batch_exit_status(sum(counts.values()), counts["error"], strict=args.strict)


# ---------------------------------------------------------------- serve
def add_serve_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="HTTP API and web page over the store",
                       description="Serve the JSON API (/api/..., /openapi.json) and the web page. Binds "
                                   "MARSAD_HOST:MARSAD_PORT (default 127.0.0.1:8765). Writes (POST /api/ingest, "
                                   "DELETE) need the MARSAD_TOKEN token.")
    _db_arg(p)
    p.add_argument("--host", default=None, help="address to bind (default: MARSAD_HOST, 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default: MARSAD_PORT, 8765; 0 = any free)")
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from marsad.api.server import make_server

    host = args.host or settings.get("host")
    port = args.port if args.port is not None else settings.get("port")
    srv = make_server(db_url=_db(args), host=host, port=port, token=settings.get("token"))
    h, p = srv.server_address[:2]
    print(f"marsad: serving {_db(args)} on http://{h}:{p}/ (writes {'enabled' if srv.token else 'disabled: set MARSAD_TOKEN'})",
          file=sys.stderr, flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
    return 0


# ---------------------------------------------------------------- export
def add_export_parser(sub: argparse._SubParsersAction) -> None:
    from marsad.export import FORMATS

    p = sub.add_parser("export", help="export stored articles/events (jsonl, csv, geojson, acled-csv)",
                       description="jsonl: article records; csv: one row per event report; geojson: events "
                                   "with coordinates; acled-csv: ACLED's columns, one row per event cluster.")
    _db_arg(p)
    p.add_argument("--format", "-f", choices=FORMATS, default="jsonl")
    p.add_argument("--out", "-o", default="-", help="output file (written atomically); '-' for stdout")
    for name, help_ in (("type", "PLOVER types, comma-separated"), ("mode", "PLOVER modes"),
                        ("status", "occurred,ongoing,planned,possible,negated"),
                        ("source", "named,anonymous,unattributed"), ("country", "ISO alpha-2 codes"),
                        ("date-from", "YYYY-MM-DD"), ("date-to", "YYYY-MM-DD"), ("actor", "actor key or name"),
                        ("place", "place name"), ("q", "full-text query"), ("lat", "latitude"),
                        ("lon", "longitude"), ("radius-km", "radius around lat/lon")):
        p.add_argument(f"--{name}", default=None, help=help_)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from marsad.export import export
    from marsad.io.atomic import atomic_writer
    from marsad.store import open_store
    from marsad.store.query import event_filters

    raw = {k: getattr(args, k) for k in ("type", "mode", "status", "source", "country", "date_from", "date_to",
                                         "actor", "place", "q", "lat", "lon", "radius_km")}
    filters = event_filters(raw)
    with open_store(_db(args), readonly=True) as db, atomic_writer(args.out) as out:
        n = export(db, args.format, out, filters)
    print(f"marsad: exported {n} {'records' if args.format == 'jsonl' else 'items'} ({args.format})", file=sys.stderr)
    return 0
