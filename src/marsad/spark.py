"""Marsad on Apache Spark: the per-article function of ``marsad extract``, over a cluster.

    spark-submit --master yarn src/marsad/spark.py corpus/*.jsonl.gz --out hdfs:///marsad/docs
    python -m marsad.spark corpus.jsonl --out docs.parquet          # local mode, all cores

Input: JSONL / JSONL.gz files (one article per line, as for ``marsad extract``) or Parquet
tables with the same columns (``id``, ``text``, ``title``?, ``published``?, ``outlet``?, ``url``?).
Every line or row becomes exactly the record :func:`marsad.parallel.process_record` makes for it
in ``marsad extract`` (same ids for id-less lines, same error records).

Output: a Parquet table, one row per article:

* ``seq`` (long): input order, ``file_number × 2**40 + line_or_row_number`` (sort by it);
* ``id``, ``schema`` (strings); ``error_code`` (string, null unless the article failed);
* ``error``, ``meta``, ``entities``, ``events``, ``quotes``, ``quantities``, ``dates``,
  ``blocks``, ``extra`` (JSON strings; ``extra`` holds any further top-level contract fields);
* ``text`` (string; null with ``--no-text``).

The nested parts are stored as JSON strings, not Spark structs: the contract is open (stages add
fields freely, an entity carries stage-specific extras), so a struct schema would break on every
new field; a JSON string is lossless, and Spark (``from_json``, ``get_json_object``), DuckDB and
pandas query it directly.  :func:`row_to_record` turns a row back into the contract's record.

Resources: each Python worker builds ONE pipeline (:func:`marsad.pipeline.default_pipeline`) on
its first partition and reuses it for every later row and partition (Spark reuses Python
workers), so lexicons, gazetteer and models load once per executor process, never per row.
``--ship-data`` additionally sends the driver's data directory to every executor once
(``SparkContext.addFile``) for clusters whose nodes have Marsad's code but not its data.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from marsad import SCHEMA

#: top-level record fields stored as JSON-string columns
JSON_FIELDS = ("meta", "entities", "events", "quotes", "quantities", "dates", "blocks")
_OTHER = {"schema", "id", "error", "text", *JSON_FIELDS}
_FILE_SHIFT = 40


def spark_schema():
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    cols = [StructField("seq", LongType(), False), StructField("id", StringType(), False),
            StructField("schema", StringType(), False), StructField("error_code", StringType(), True),
            StructField("error", StringType(), True)]
    cols += [StructField(f, StringType(), True) for f in JSON_FIELDS]
    cols += [StructField("extra", StringType(), True), StructField("text", StringType(), True)]
    return StructType(cols)


def _dumps(v) -> str:
    return json.dumps(v, ensure_ascii=False)


def record_to_row(seq: int, rec: dict) -> tuple:
    """One output row (in :func:`spark_schema` order) for a marsad.doc/1 record."""
    err = rec.get("error")
    extra = {k: v for k, v in rec.items() if k not in _OTHER}
    return (seq, str(rec.get("id")), rec.get("schema", SCHEMA), (err or {}).get("code"),
            _dumps(err) if err is not None else None,
            *(_dumps(rec[f]) if f in rec else None for f in JSON_FIELDS),
            _dumps(extra) if extra else None, rec.get("text"))


def row_to_record(row) -> dict:
    """The marsad.doc/1 record a Parquet row (a ``Row`` or a dict) stands for."""
    d = row.asDict() if hasattr(row, "asDict") else dict(row)
    rec: dict = {"schema": d["schema"], "id": d["id"]}
    if d.get("error") is not None:
        rec["error"] = json.loads(d["error"])
    for f in JSON_FIELDS:
        if d.get(f) is not None:
            rec[f] = json.loads(d[f])
    if d.get("text") is not None:
        rec["text"] = d["text"]
    if d.get("extra"):
        rec.update(json.loads(d["extra"]))
    return rec


# ------------------------------------------------------------------ executor side
def analyse_partition(rows: Iterable[tuple[int, dict]], *, include_text: bool = True,
                      data_dir: str | None = None) -> Iterator[tuple]:
    """Analyse one partition of ``(seq, record)`` pairs; runs on an executor.

    The pipeline is built once per Python worker process and reused (see the module docstring).
    """
    if data_dir:
        import os

        from pyspark import SparkFiles

        # point this executor at the shipped copy of the data directory (before the pipeline
        # loads anything); settings.get reads it from the environment
        os.environ["MARSAD_DATA_DIR"] = SparkFiles.get(data_dir)
    from itertools import islice

    from marsad.parallel import STAGE_BATCH, process_records
    from marsad.pipeline import default_pipeline

    pipeline = default_pipeline()
    rows = iter(rows)
    # several at a time, stage by stage (process_records: the records of process_record, less time)
    while batch := list(islice(rows, STAGE_BATCH)):
        results = process_records([rec for _, rec in batch], pipeline, keep=True, include_text=include_text)
        for (seq, _), res in zip(batch, results, strict=True):
            yield record_to_row(seq, res.record)


# ------------------------------------------------------------------ driver side
def _local(p: str) -> str:
    """A local path as ``marsad extract`` names it (so error messages match); URLs unchanged."""
    return p if "://" in p else str(Path(p))


def _jsonl_records(sc, path: str, fileno: int, published: str | None):
    from marsad.io.readers import parse_jsonl_line

    def parse(pair):
        line, idx = pair
        rec = parse_jsonl_line(line.encode("utf-8", "surrogatepass"), path=path, lineno=idx + 1,
                               published=published)
        return [] if rec is None else [((fileno << _FILE_SHIFT) + idx + 1, rec)]

    return sc.textFile(path).zipWithIndex().flatMap(parse)


def _parquet_records(spark, path: str, fileno: int, published: str | None):
    from marsad.io.readers import _doc_id, record_from_obj

    stem = _doc_id(Path(path))

    def convert(pair):
        row, idx = pair
        n = idx + 1
        return ((fileno << _FILE_SHIFT) + n,
                record_from_obj(row.asDict(), fallback=f"{stem}:{n}", loc=f"{path}:{n}", published=published))

    return spark.read.parquet(path).rdd.zipWithIndex().map(convert)


def input_records(spark, paths: list[str], *, fmt: str = "auto", published: str | None = None):
    """An RDD of ``(seq, record)`` for the inputs, records as :func:`iter_records` makes them."""
    sc = spark.sparkContext
    parts = []
    for i, raw in enumerate(paths):
        p = _local(raw)
        kind = fmt if fmt != "auto" else ("parquet" if p.rstrip("/").endswith(".parquet") or
                                          (Path(p).is_dir() and any(Path(p).glob("*.parquet")))
                                          else "jsonl")
        parts.append(_parquet_records(spark, p, i, published) if kind == "parquet"
                     else _jsonl_records(sc, p, i, published))
    return parts[0] if len(parts) == 1 else sc.union(parts)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="marsad.spark", description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", metavar="PATH", help="JSONL(.gz) files or Parquet tables (local, "
                                                             "hdfs://, s3a://, ...)")
    ap.add_argument("--out", "-o", required=True, help="output Parquet directory")
    ap.add_argument("--format", choices=("auto", "jsonl", "parquet"), default="auto",
                    help="input format (auto: .parquet or a directory of them is Parquet, else JSONL)")
    ap.add_argument("--published", help="publication date YYYY-MM-DD for inputs that carry none")
    ap.add_argument("--no-text", action="store_true", help="leave the article text out of the rows")
    ap.add_argument("--partitions", type=int, default=0,
                    help="repartition the input into N partitions (default: at least the cluster's "
                         "default parallelism, so one .gz file still uses every core)")
    ap.add_argument("--mode", choices=("error", "overwrite"), default="error",
                    help="when --out exists: fail (default) or replace it")
    ap.add_argument("--ship-data", action="store_true",
                    help="send this machine's Marsad data directory to every executor once")
    ap.add_argument("--strict", action="store_true",
                    help="exit with status 1 when any document became an error record")
    ap.add_argument("--master", help="Spark master when not run through spark-submit (e.g. local[2])")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from marsad.errors import MarsadError, batch_exit_status
    from marsad.io.readers import parse_date

    published = None
    if args.published:
        published = parse_date(args.published)
        if published is None:
            print(f"marsad.spark: {MarsadError('E203', args.published)}", file=sys.stderr)
            return 2
    builder = SparkSession.builder.appName("marsad")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    t0 = time.perf_counter()
    data_dir = None
    if args.ship_data:
        from marsad import resources

        d = resources.data_dir()
        sc.addFile(str(d), recursive=True)
        data_dir = d.name
    rdd = input_records(spark, list(args.paths), fmt=args.format, published=published)
    want = args.partitions or sc.defaultParallelism
    if args.partitions or rdd.getNumPartitions() < want:
        rdd = rdd.repartition(want)
    out = rdd.mapPartitions(partial(analyse_partition, include_text=not args.no_text, data_dir=data_dir))
    spark.createDataFrame(out, schema=spark_schema()).write.mode(args.mode).parquet(args.out)
    # the summary, like marsad extract's, from the written table
    df = spark.read.parquet(args.out)
    n = df.count()
    errors = {r["error_code"]: r["count"] for r in
              df.where(F.col("error_code").isNotNull()).groupBy("error_code").count().collect()}
    events = df.select(F.sum(F.json_array_length("events"))).first()[0] or 0
    secs = time.perf_counter() - t0
    errs = ", ".join(f"{c}×{k}" for k, c in sorted(errors.items())) or "none"
    print(f"marsad.spark: {n} articles, {sum(errors.values())} errors ({errs}), {events} events, "
          f"{secs:.1f} s ({n / secs if secs else 0:.0f} articles/s, {want} partitions)", file=sys.stderr)
    return batch_exit_status(n, sum(errors.values()), strict=args.strict)


def _script() -> int:  # pragma: no cover - the spark-submit entry point
    spark_main = __import__("marsad.spark", fromlist=["main"]).main
    try:
        return spark_main()
    finally:
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is not None:
            active.stop()


if __name__ == "__main__":  # pragma: no cover
    # run as a file (spark-submit path/to/marsad/spark.py): do not let this file's directory
    # shadow top-level modules, and call the installed module so executors import it by name
    if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
        sys.path.pop(0)
    sys.exit(_script())
