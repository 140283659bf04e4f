#!/usr/bin/env bash
# The browser tests of the web page and the property-based run against the OpenAPI document,
# on a small database built here from tests/e2e/make_fixture.py. Run by .ci/run after
# `cargo test` (it reuses that debug build). Needs Chromium (installed from Debian when
# /usr/bin/chromium is missing), Node with npm (playwright-core, pinned by package-lock.json,
# into tests/e2e/node_modules) and Python 3 (schemathesis and openapi-spec-validator, pinned
# below, into tests/e2e/.venv). SCREENSHOT=docs/serve.png also writes the README's screenshot.
set -euo pipefail
cd "$(dirname "$0")/../.."
e2e=tests/e2e
out="$e2e/out"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium
fi
(cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
if [ ! -x "$e2e/.venv/bin/st" ] || [ ! -x "$e2e/.venv/bin/openapi-spec-validator" ]; then
  python3 -m venv "$e2e/.venv"
  "$e2e/.venv/bin/pip" install -q schemathesis==4.32.5 openapi-spec-validator==0.9.0
fi

cargo build -q
bin=target/debug/depeche
rm -rf "$out"
mkdir -p "$out"
python3 "$e2e/make_fixture.py" > "$out/articles.jsonl"
"$bin" ingest "$out/articles.jsonl" --db "$out/e2e.db" -q
expect_events=$("$bin" query --db "$out/e2e.db" --format jsonl | wc -l)
expect_quad4=$("$bin" query --db "$out/e2e.db" --quad 4 --format jsonl | wc -l)
echo "test database: $expect_events event records, $expect_quad4 in quad class 4"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$out/token"

server=""
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; }
trap stop EXIT
# Port 0: the system picks a free port; the server names it on stderr.
"$bin" serve --db "$out/e2e.db" --addr 127.0.0.1:0 --token-file "$out/token" \
  --timeout 5 2> "$out/serve.log" &
server=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$out/serve.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$out/serve.log"; exit 1; }
  sleep 0.2
done
base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$out/serve.log" | head -n 1)
[ -n "$base" ] || { cat "$out/serve.log"; exit 1; }
echo "server: $base"

echo "== browser tests (Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
BASE_URL="$base" EXPECT_EVENTS="$expect_events" EXPECT_QUAD4="$expect_quad4" \
  SCREENSHOT="${SCREENSHOT:-}" node "$e2e/page.test.mjs"

echo "== the OpenAPI document validates (openapi-spec-validator, OpenAPI 3.1 schema)"
python3 -c "import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())" \
  "$base/openapi.json" > "$out/openapi.json"
"$e2e/.venv/bin/openapi-spec-validator" --schema 3.1 "$out/openapi.json"

echo "== schemathesis against $base/openapi.json"
# Every operation, examples generated from the schema (and mutated to be invalid): no
# response may be a 5xx, and every response must match its documented schema and status.
"$e2e/.venv/bin/st" run "$base/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "${ST_EXAMPLES:-40}" --seed 1 --header "Authorization: Bearer $(cat "$out/token")" \
  --no-color --request-timeout 20 --workers 1
echo "e2e: all passed"
