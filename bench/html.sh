#!/usr/bin/env bash
# Main-text extraction, depeche against trafilatura 2.3.1 on the same pages in the same run:
# quality on the OrangeSum saved pages and the Zyte benchmark, and speed on one core with the
# ratio. `bench/html.sh --setup` first creates bench/.venv with trafilatura from PyPI.
# Needs ../shared/data beside the clone (see bench/html_extract.py for the measures).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--setup" ]]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet "trafilatura==2.3.1" lxml_html_clean
fi
cargo build --release --quiet
# One core for both, as the goal is stated per core.
exec taskset -c 0 bench/.venv/bin/python bench/html_extract.py --depeche target/release/depeche "$@"
