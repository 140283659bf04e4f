"""Annotate a directory of news with depeche on Spark; write Parquet events, mentions, entities.

    spark-submit examples/spark/depeche_events.py --input DIR --output DIR [--partitions N]

Input: every JSON Lines file (``*.jsonl``, ``*.ndjson``: one ``{"text", "title", "id",
"published", "url", "source"}`` object per line, as ``depeche extract`` reads them) and every
WARC archive (``*.warc``, ``*.warc.gz``: one document per HTML response) under ``--input``,
recursively. JSON Lines are read by Spark line by line; a WARC archive is handed whole to one
task and read by depeche's own WARC and HTML readers (those of ``depeche extract``), so the
documents are the CLI's.

Each partition is annotated by one ``depeche.Pipeline`` per Python worker, loaded once and kept
for the worker's later tasks. Output: ``OUTPUT/events/``, ``OUTPUT/mentions/`` and
``OUTPUT/entities/``, Parquet, partitioned by ``date`` (the event's day; an entity's
publication date), with the schemas of ``depeche.arrow_schemas()``. Each directory is
overwritten whole, so a re-run gives the same output. A document that cannot be read or
annotated is logged by its worker and skipped.

On a cluster the executors need the package: install the wheel on them, or ship it with
``--py-files depeche-…-abi3-manylinux….whl`` (a wheel is a zip archive Python imports from;
the extension module inside it is extracted by Spark's Python workers). See README, "Python and
Spark".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from typing import Any, Dict, Iterable, Iterator, List, Tuple

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


def _rows(tables: Dict[str, Any]) -> Iterator[Tuple[str, Dict[str, Any]]]:
    for name in TABLES:
        for row in tables[name].to_pylist():
            yield name, row


def annotate_lines(lines: Iterable[str]) -> Iterator[Tuple[str, Dict[str, Any]]]:
    """A partition of JSON Lines lines → (table, row) pairs."""
    nlp = pipeline()
    chunk: List[str] = []
    for line in lines:
        if line.strip():
            chunk.append(with_id(line))
        if len(chunk) >= CHUNK:
            yield from _rows(nlp.to_arrow(chunk, errors="skip"))
            chunk = []
    if chunk:
        yield from _rows(nlp.to_arrow(chunk, errors="skip"))


def annotate_archives(files: Iterable[Tuple[str, bytes]]) -> Iterator[Tuple[str, Dict[str, Any]]]:
    """A partition of whole WARC files → (table, row) pairs, read by depeche's WARC reader."""
    nlp = pipeline()
    for path, data in files:
        name = os.path.basename(path)
        with tempfile.TemporaryDirectory() as tmp:
            local = os.path.join(tmp, name)
            with open(local, "wb") as f:
                f.write(data)
            yield from _rows(nlp.files_to_arrow([local], errors="skip"))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="directory of JSON Lines and WARC files")
    parser.add_argument("--output", required=True, help="directory for events/, mentions/, entities/")
    parser.add_argument("--partitions", type=int, default=0, help="JSON Lines partitions (default: Spark's)")
    parser.add_argument("--master", default=None, help="Spark master when not given by spark-submit (local[2])")
    args = parser.parse_args(argv)

    import depeche
    from pyspark.sql import SparkSession, functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    builder = SparkSession.builder.appName("depeche-events")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    started = time.perf_counter()  # JVM and session start excluded from the timing below
    sc = spark.sparkContext
    source = os.path.abspath(args.input) if "://" not in args.input else args.input

    parts = []
    lines = (
        spark.read.option("recursiveFileLookup", "true")
        .option("pathGlobFilter", "*.{jsonl,ndjson}")
        .text(source)
    )
    lines_rdd = lines.rdd.map(lambda row: row.value)
    if args.partitions:
        lines_rdd = lines_rdd.repartition(args.partitions)
    parts.append(lines_rdd.mapPartitions(annotate_lines))
    if _has_archives(source):
        archives = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .option("pathGlobFilter", "*.{warc,warc.gz}")
            .load(source)
            .select("path", "content")
        )
        parts.append(archives.rdd.map(lambda row: (row.path, bytes(row.content))).mapPartitions(annotate_archives))
    rows = parts[0] if len(parts) == 1 else sc.union(parts)
    rows = rows.persist()

    schemas = depeche.arrow_schemas()
    date_of = {
        "events": F.date_format("day", "yyyy-MM-dd"),
        "mentions": F.date_format("day", "yyyy-MM-dd"),
        "entities": F.substring("published", 1, 10),
    }
    for name in TABLES:
        table = rows.filter(lambda pair, name=name: pair[0] == name).map(lambda pair: pair[1])
        frame = spark.createDataFrame(table, schema=from_arrow_schema(schemas[name]))
        frame = frame.withColumn("date", date_of[name])
        frame.write.mode("overwrite").partitionBy("date").parquet(os.path.join(args.output, name))
    rows.unpersist()
    print(f"depeche_events: wrote {args.output} in {time.perf_counter() - started:.2f} s after Spark started", file=sys.stderr)
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
