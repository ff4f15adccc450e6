"""``marsad extract PATH... --out OUT.jsonl``: one marsad.doc/1 record per article."""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from marsad.errors import MarsadError, batch_exit_status
from marsad.io.atomic import atomic_writer
from marsad.io.readers import expand_paths, input_bytes, iter_records, parse_date
from marsad.parallel import default_workers, run
from marsad.progress import progress


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="analyse articles and write marsad.doc/1 JSONL",
                       description="Read .txt/.html/.jsonl/.jsonl.gz files or directories and write one "
                                   "marsad.doc/1 record per article, in input order. A document that cannot be "
                                   "analysed becomes an error record and the run goes on. Exit status 0: "
                                   "the run finished and at least one document was analysed; 1: every "
                                   "document failed (or, with --strict, any did); 2: usage error.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="input files or directories")
    p.add_argument("--out", "-o", default="-", help="output JSONL file (written atomically); '-' for stdout")
    p.add_argument("--published", help="publication date YYYY-MM-DD for inputs that carry none")
    p.add_argument("--workers", "-j", type=int, default=None,
                   help="worker processes (default: MARSAD_WORKERS, else all cores)")
    p.add_argument("--no-text", action="store_true", help="leave the article text out of the records")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.add_argument("--strict", action="store_true",
                   help="exit with status 1 when any document became an error record")
    p.set_defaults(func=cmd_extract)


def cmd_extract(args: argparse.Namespace) -> int:
    published = None
    if args.published:
        published = parse_date(args.published)
        if published is None:
            raise MarsadError("E203", args.published)
    files = expand_paths(args.paths)  # fails early (E201) on a missing path
    workers = args.workers if args.workers is not None else default_workers()
    errors: Counter[str] = Counter()
    n = events = 0
    t0 = time.perf_counter()
    # the bar counts input bytes (known up front, even for .jsonl.gz) so it can show an ETA;
    # the number of documents and their rate are shown beside it
    total = input_bytes(files)
    with atomic_writer(args.out) as out, progress(total=total, unit="B", disable=args.quiet) as bar:
        records = iter_records(files, published=published, on_bytes=bar.update)
        for res in run(records, workers=workers, include_text=not args.no_text):
            out.write(res.line + "\n")
            n += 1
            events += res.events
            if res.error:
                errors[res.error] += 1
            if n % 50 == 0 and not bar.disable:
                bar.set_postfix_str(f"{n} docs, {n / (time.perf_counter() - t0):.0f} docs/s", refresh=False)
    secs = time.perf_counter() - t0
    if not args.quiet:
        errs = ", ".join(f"{c}×{k}" for k, c in sorted(errors.items())) or "none"
        print(f"marsad: {n} articles, {sum(errors.values())} errors ({errs}), {events} events, "
              f"{secs:.1f} s ({n / secs if secs else 0:.0f} articles/s, {workers} workers)", file=sys.stderr)
    return batch_exit_status(n, sum(errors.values()), strict=args.strict)
