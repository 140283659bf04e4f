#!/usr/bin/env bash
# Measures `depeche serve` against the goals of issue 18, on the 4,000 OrangeSum development
# articles (../shared/data/news-fr/orangesum/orangesum-dev.jsonl), over loopback:
#
#   1. GET /v1/events with filters (12 filter combinations in turn, bench/serve_events.lua),
#      64 connections, wrk: latency percentiles, requests/s, errors (goal: p99 < 50 ms, none);
#   2. POST /v1/annotate of a 3 KB article (the dev article whose JSON is closest to 3,000
#      bytes), 16 connections, 2 annotation slots: requests/s (goal ≥ 300/s on 2 cores), with
#      the baseline of `depeche extract -j 2` on the same article 400 times in the same run;
#   3. the web page's first render in headless Chromium with 40,000 and 100,000 event
#      records (the dev database's records repeated by bench/serve_scale.py; goal < 1 s).
#
# Needs wrk (apt-get install wrk), Chromium and tests/e2e/node_modules (tests/e2e/run.sh
# installs both). Prints numbers; checks nothing. DURATION=20 (seconds per wrk run).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
[ -d "$shared" ] || shared=/work/shared
articles="$shared/data/news-fr/orangesum/orangesum-dev.jsonl"
out=bench/out/serve
duration="${DURATION:-20}"
mkdir -p "$out"
cargo build --release -q
bin=target/release/depeche
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

if [ ! -f "$out/dev.db" ]; then
  echo "== ingest $(wc -l < "$articles") articles into $out/dev.db"
  /usr/bin/time -f "   %e s, %M KB peak" "$bin" ingest "$articles" --db "$out/dev.db" -q
fi
"$bin" check --db "$out/dev.db" --format json

server=""
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
trap stop EXIT
start() { # DB, extra flags…
  local db="$1"; shift
  "$bin" serve --db "$db" --addr 127.0.0.1:0 "$@" 2> "$out/serve.log" &
  server=$!
  for _ in $(seq 1 200); do
    grep -q "listening on" "$out/serve.log" && break
    sleep 0.1
  done
  base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$out/serve.log" | head -n 1)
  [ -n "$base" ] || { cat "$out/serve.log"; exit 1; }
}

cpu() { # CPU seconds (user + system) the server has used so far
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server/stat"
}
per_request() { # CPU before, file with wrk's output: the server's CPU time per request
  local requests
  requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$2")
  python3 -c "print(f'   server CPU: {$(cpu) - $1:.1f} s for $requests requests = {1000 * ($(cpu) - $1) / $requests:.2f} ms per request')"
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start "$out/dev.db"
echo "== GET /v1/events with filters: wrk -t 2 -c 64 -d ${duration}s --latency"
before=$(cpu)
wrk -t 2 -c 64 -d "${duration}s" --latency -s bench/serve_events.lua "$base" > "$out/events.txt"
grep -E "Latency|50%|90%|99%|Requests/sec|requests in|Non-2xx|Socket errors" "$out/events.txt"
per_request "$before" "$out/events.txt"
stop

python3 - "$articles" > "$out/article.json" <<'PY'
import json, sys
best = None
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    doc = {k: d.get(k) for k in ("id", "title", "text", "published") if d.get(k)}
    size = len(json.dumps(doc, ensure_ascii=False).encode())
    if best is None or abs(size - 3000) < abs(best[0] - 3000):
        best = (size, doc)
print(json.dumps(best[1], ensure_ascii=False))
PY
echo "== POST /v1/annotate, one article of $(wc -c < "$out/article.json") bytes"
for _ in $(seq 1 400); do cat "$out/article.json"; done > "$out/article-x400.jsonl"
t0=$(date +%s.%N)
"$bin" extract -j 2 -q --format jsonl "$out/article-x400.jsonl" > /dev/null
t1=$(date +%s.%N)
baseline=$(python3 -c "print(f'{400 / ($t1 - $t0):.1f}')")
echo "   baseline: depeche extract -j 2 on the article 400 times: $baseline articles/s"
start "$out/dev.db" --max-annotations 2
before=$(cpu)
BODY="$out/article.json" wrk -t 2 -c 16 -d "${duration}s" --latency -s bench/serve_annotate.lua \
  "$base/v1/annotate" | tee "$out/annotate.txt" \
  | grep -E "Latency|50%|99%|Requests/sec|requests in|Non-2xx|Socket errors"
rate=$(sed -n 's/Requests\/sec: *\([0-9.]*\)/\1/p' "$out/annotate.txt")
python3 -c "print(f'   server / baseline: {$rate / $baseline:.2f}')"
per_request "$before" "$out/annotate.txt"
stop

for n in 40000 100000; do
  python3 bench/serve_scale.py "$out/dev.db" "$out/scaled-$n.db" "$n"
  start "$out/scaled-$n.db"
  echo "== the page with $n events, headless Chromium"
  node bench/serve_render.mjs "$base" 5
  stop
done
