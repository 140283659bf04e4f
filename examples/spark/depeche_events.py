"""Annotate a directory of news with depeche on Spark; write Parquet events, mentions, entities.

    spark-submit examples/spark/depeche_events.py --input DIR --output DIR [--partitions N]

Input: every JSON Lines file (``*.jsonl``, ``*.ndjson``: one ``{"text", "title", "id",
"published", "url", "source"}`` object per line, as ``depeche extract`` reads them) and every
WARC archive (``*.warc``, ``*.warc.gz``: one document per HTML response) under ``--input``,
recursively. JSON Lines are read by Spark line by line; a WARC archive is handed whole to one
task and read by depeche's own WARC and HTML readers (those of ``depeche extract``), so the
documents are the CLI's.

Each partition is annotated by one ``depeche.Pipeline`` per Python worker, loaded once and kept
for the worker's later tasks, through ``mapInArrow``: documents in and rows out as Arrow
batches, annotated once and written three times from Spark's cache. Output: ``OUTPUT/events/``, ``OUTPUT/mentions/`` and
``OUTPUT/entities/``, Parquet, partitioned by ``date`` (the event's day; an entity's
publication date), with the schemas of ``depeche.arrow_schemas()``. Each directory is
overwritten whole, so a re-run gives the same output. A document that cannot be read or
annotated is logged by its worker and skipped.

On a cluster the executors need the package (and pyarrow, pandas): install the wheel on every
node, or ship a packed venv with ``--archives env.tar.gz#env`` and
``PYSPARK_PYTHON=./env/bin/python``. ``--py-files`` cannot carry it: Python does not load an
extension module from a zip. See README, "Python and Spark".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from typing import Any, Dict, Iterable, Iterator

TABLES = ("events", "mentions", "entities")
# Documents handed to the pipeline at once: rows of one chunk are built in Python together.
CHUNK = 256

_PIPELINE = None


def pipeline():
    """This worker's pipeline, loaded on first use."""
    global _PIPELINE
    if _PIPELINE is None:
        import depeche

        _PIPELINE = depeche.Pipeline()
    return _PIPELINE


def with_id(line: str) -> str:
    """A JSON Lines line whose object has an ``id``: a document without one is named by a hash of
    its line, so that ids do not depend on how Spark split the input (re-runs give the same)."""
    try:
        obj = json.loads(line)
    except ValueError:
        return line  # depeche reports it with its own message
    if isinstance(obj, dict) and obj.get("id") in (None, ""):
        obj["id"] = "doc-" + hashlib.sha1(line.encode("utf-8")).hexdigest()[:16]
        return json.dumps(obj, ensure_ascii=False)
    return line


def union_schema():
    """One Arrow schema for the three tables, so that one pass annotates for all of them: a
    ``kind`` column and one struct column per table, set on the rows of that table only.
    ``first_seen`` travels as seconds (int64) and becomes a timestamp in Spark."""
    import depeche
    import pyarrow as pa

    fields = []
    for name, schema in depeche.arrow_schemas().items():
        columns = [
            pa.field(f.name, pa.int64()) if f.name == "first_seen" else f.with_nullable(True) for f in schema
        ]
        fields.append(pa.field(name, pa.struct(columns)))
    return pa.schema([pa.field("kind", pa.string())] + fields)


def union_batches(tables: Dict[str, Any], schema) -> Iterator[Any]:
    """``Pipeline.to_arrow``'s three batches as batches of :func:`union_schema`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for name in TABLES:
        batch = tables[name]
        n = batch.num_rows
        if n == 0:
            continue
        columns = []
        for field in schema:
            if field.name == "kind":
                columns.append(pa.array([name] * n, pa.string()))
            elif field.name == name:
                children = [
                    pc.cast(batch.column(f.name), f.type) if f.name == "first_seen" else batch.column(f.name)
                    for f in field.type
                ]
                columns.append(pa.StructArray.from_arrays(children, fields=list(field.type)))
            else:
                columns.append(pa.nulls(n, field.type))
        yield pa.RecordBatch.from_arrays(columns, schema=schema)


def annotate_lines(batches: Iterable[Any]) -> Iterator[Any]:
    """mapInArrow: batches of JSON Lines lines (column ``value``) → batches of
    :func:`union_schema`."""
    nlp, schema = pipeline(), union_schema()
    for batch in batches:
        lines = [with_id(line) for line in batch.column("value").to_pylist() if line and line.strip()]
        for i in range(0, len(lines), CHUNK):
            yield from union_batches(nlp.to_arrow(lines[i : i + CHUNK], errors="skip"), schema)


def annotate_archives(batches: Iterable[Any]) -> Iterator[Any]:
    """mapInArrow: batches of whole WARC files (``path``, ``content``) → batches of
    :func:`union_schema`, read by depeche's WARC reader."""
    nlp, schema = pipeline(), union_schema()
    for batch in batches:
        for path, data in zip(batch.column("path").to_pylist(), batch.column("content").to_pylist()):
            with tempfile.TemporaryDirectory() as tmp:
                local = os.path.join(tmp, os.path.basename(path))
                with open(local, "wb") as f:
                    f.write(data)
                yield from union_batches(nlp.files_to_arrow([local], errors="skip"), schema)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="directory of JSON Lines and WARC files")
    parser.add_argument("--output", required=True, help="directory for events/, mentions/, entities/")
    parser.add_argument("--partitions", type=int, default=0, help="JSON Lines partitions (default: at least twice the cores)")
    parser.add_argument("--master", default=None, help="Spark master when not given by spark-submit (local[2])")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession, functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    builder = SparkSession.builder.appName("depeche-events")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    started = time.perf_counter()  # JVM and session start excluded from the timing below
    source = os.path.abspath(args.input) if "://" not in args.input else args.input
    schema = from_arrow_schema(union_schema())

    lines = (
        spark.read.option("recursiveFileLookup", "true")
        .option("pathGlobFilter", "*.{jsonl,ndjson}")
        .text(source)
    )
    # A file of JSON Lines under 128 MB is one or two partitions: spread it over every core
    # (a shuffle of the text only, small next to annotation).
    partitions = args.partitions or max(lines.rdd.getNumPartitions(), 2 * spark.sparkContext.defaultParallelism)
    annotated = lines.repartition(partitions).mapInArrow(annotate_lines, schema)
    if _has_archives(source):
        archives = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .option("pathGlobFilter", "*.{warc,warc.gz}")
            .load(source)
            .select("path", "content")
        )
        annotated = annotated.unionByName(archives.mapInArrow(annotate_archives, schema))
    # Annotated once, written three times.
    annotated = annotated.persist()

    date_of = {
        "events": F.date_format("day", "yyyy-MM-dd"),
        "mentions": F.date_format("day", "yyyy-MM-dd"),
        "entities": F.substring("published", 1, 10),
    }
    phases = []
    for name in TABLES:
        phase = time.perf_counter()
        frame = annotated.filter(F.col("kind") == name).select(f"{name}.*")
        if name == "events":
            frame = frame.withColumn("first_seen", F.timestamp_seconds("first_seen"))
        # One task per date writes it: one file per date, not one per date and task.
        frame = frame.withColumn("date", date_of[name]).repartition("date")
        frame.write.mode("overwrite").partitionBy("date").parquet(os.path.join(args.output, name))
        phases.append(f"{name} {time.perf_counter() - phase:.1f} s")
    annotated.unpersist()
    print(
        f"depeche_events: wrote {args.output} in {time.perf_counter() - started:.2f} s after Spark "
        f"started ({', '.join(phases)}; the first includes annotation)",
        file=sys.stderr,
    )
    spark.stop()


def _has_archives(source: str) -> bool:
    """Whether a local input holds WARC files (a remote one is assumed to)."""
    if "://" in source:
        return True
    for _, _, names in os.walk(source):
        if any(n.endswith((".warc", ".warc.gz")) for n in names):
            return True
    return False


if __name__ == "__main__":
    main()
