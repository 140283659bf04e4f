#!/usr/bin/env bash
# The Python package and the Spark job against the CLI, on the same OrangeSum dev articles:
#   1. CLI:    depeche extract FILE --format jsonl -j 2            (articles/s, wall clock)
#   2. Python: Pipeline().pipe(dicts, threads=2), every result a dict (articles/s)
#   3. Spark:  examples/spark/depeche_events.py in local[2], JVM and session start excluded
# and prints the ratios the goals name (Python ≥ 0.8 × CLI; Spark ≥ 0.5 × CLI -j 2). It checks
# the outputs too: Python's lines equal the CLI's, and Spark wrote as many events as the CLI
# found. Needs target/release/depeche and the package installed in .venv-ci/test (run
# crates/depeche-py/ci.sh first) or in $PYTHON.
#   bash bench/python.sh [N]      (default N = 4000; the text stays in ../shared, never here)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-4000}"
src="../shared/data/news-fr/orangesum/orangesum-dev.jsonl"
bin="${DEPECHE_BIN:-target/release/depeche}"
python="${PYTHON:-.venv-ci/test/bin/python}"
[ -f "$src" ] || { echo "no $src" >&2; exit 1; }
[ -x "$bin" ] || cargo build --release --bin depeche
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in"
head -n "$n" "$src" > "$tmp/in/articles.jsonl"
echo "articles: $(wc -l < "$tmp/in/articles.jsonl") from $src; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

start=$(date +%s.%N)
"$bin" extract "$tmp/in/articles.jsonl" --format jsonl -q -j 2 > "$tmp/cli.jsonl"
cli_s=$(echo "$(date +%s.%N) - $start" | bc)

py_s=$("$python" - "$tmp/in/articles.jsonl" "$tmp/cli.jsonl" <<'PY'
import json, sys, time
import depeche
src, cli = sys.argv[1], sys.argv[2]
start = time.perf_counter()
nlp = depeche.Pipeline()
with open(src, encoding="utf-8") as f:
    docs = list(nlp.pipe((json.loads(line) for line in f), threads=2))
elapsed = time.perf_counter() - start
with open(cli, encoding="utf-8") as f:
    want = [json.loads(line) for line in f]
assert docs == want, "Python and CLI outputs differ"
print(f"{elapsed:.3f}")
PY
)

export PYSPARK_PYTHON="$python"
"$python" examples/spark/depeche_events.py --input "$tmp/in" --output "$tmp/out" --master 'local[2]' 2> "$tmp/spark.log"
spark_s=$(grep -o 'in [0-9.]* s after Spark started' "$tmp/spark.log" | cut -d' ' -f2)
"$python" - "$tmp/out" "$tmp/cli.jsonl" <<'PY'
import json, sys
import pyarrow.dataset as ds
out, cli = sys.argv[1], sys.argv[2]
with open(cli, encoding="utf-8") as f:
    want = sum(len(json.loads(line)["events"]) for line in f)
got = ds.dataset(f"{out}/events", format="parquet", partitioning="hive").count_rows()
assert got == want, f"Spark wrote {got} events, the CLI found {want}"
print(f"events: {want} (CLI) = {got} (Spark)")
PY

docs=$(wc -l < "$tmp/in/articles.jsonl")
awk -v n="$docs" -v c="$cli_s" -v p="$py_s" -v s="$spark_s" 'BEGIN {
  printf "CLI -j 2:            %7.1f articles/s (%.2f s)\n", n / c, c
  printf "Python pipe(threads=2): %4.1f articles/s (%.2f s)  ratio %.2f (goal >= 0.80)\n", n / p, p, c / p
  printf "Spark local[2]:      %7.1f articles/s (%.2f s)  ratio %.2f (goal >= 0.50)\n", n / s, s, c / s
}'
