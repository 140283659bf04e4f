"""The Spark job's Dask variant, for machines without a JVM: JSON Lines files in, Parquet
events, mentions and entities out (one file per input file and table).

    python examples/dask/depeche_events.py --input DIR --output DIR

Each task annotates one file with the pipeline of its worker process (loaded once per process);
the files are read exactly as ``depeche extract`` reads them (``Pipeline.files_to_arrow``), so
WARC archives, HTML pages and feeds work too. Re-running overwrites the same files.
"""

import argparse
import glob
import os

import dask.bag as db
import pyarrow as pa
import pyarrow.parquet as pq

_PIPELINE = None


def annotate(path, root, output):
    global _PIPELINE
    if _PIPELINE is None:
        import depeche

        _PIPELINE = depeche.Pipeline()
    name = os.path.relpath(path, root).replace(os.sep, "__")
    for table, batch in _PIPELINE.files_to_arrow([path], errors="skip").items():
        os.makedirs(os.path.join(output, table), exist_ok=True)
        pq.write_table(pa.Table.from_batches([batch]), os.path.join(output, table, name + ".parquet"))
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description="depeche on Dask: files in, Parquet tables out")
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--scheduler", default="processes", help="dask scheduler (processes, threads, sync)")
    args = parser.parse_args(argv)
    patterns = ("*.jsonl", "*.ndjson", "*.warc", "*.warc.gz")
    files = sorted(p for pat in patterns for p in glob.glob(os.path.join(args.input, "**", pat), recursive=True))
    done = db.from_sequence(files, npartitions=max(1, len(files))).map(annotate, args.input, args.output)
    done.compute(scheduler=args.scheduler)


if __name__ == "__main__":
    main()
