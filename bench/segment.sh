#!/usr/bin/env bash
# Segmentation throughput benchmark: depeche against spaCy's French tokenizer, same text, same
# run. `bench/segment.sh --setup` first creates bench/.venv with spaCy 3.8 from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--setup" ]]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet "spacy>=3.8,<3.9"
fi
cargo bench --bench segment
