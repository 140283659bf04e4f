#!/usr/bin/env bash
# Trains the shipped syntax model (UPOS tagger, lemma table, FEATS predictor, dependency
# parser) from ../shared/data/ud and the word clusters of data/fr/ner/clusters.tsv (made by
# scripts/derive_clusters.py; copied into the model), deterministically (seed 1), and writes
# data/fr/syntax/model.bin; then scores it. Learns from Sequoia train (LGPL-LR), Rhapsodie
# and ParisStories train and dev (CC BY-SA 4.0) and GSD dev (CC BY-SA 4.0); Sequoia dev chooses
# the epochs. ParTUT (non-commercial) is not used. With --no-gsd, GSD dev stays out of training
# so that it can be scored as unseen data (the model is then written to
# /tmp/depeche-syntax-nogsd.bin). EPOCHS=N changes the number of epochs (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DEPECHE_SHARED:-../shared}/data/ud
TRAIN=("$D/fr_sequoia-ud-train.conllu" "$D/fr_rhapsodie-ud-train.conllu" "$D/fr_parisstories-ud-train.conllu"
  "$D/fr_rhapsodie-ud-dev.conllu" "$D/fr_parisstories-ud-dev.conllu")
# Treebanks mark FEATS differently: the spoken ones (Rhapsodie, ParisStories) leave out most
# noun features and mark Case on pronouns, GSD writes Number=Plur on numerals and Voice=Act on
# participles. The FEATS predictor learns Sequoia's conventions, from Sequoia train only.
FEATS=("$D/fr_sequoia-ud-train.conllu")
OUT=data/fr/syntax/model.bin
EVAL=("$D/fr_sequoia-ud-dev.conllu")
if [[ "${1:-}" == "--no-gsd" ]]; then
  OUT=/tmp/depeche-syntax-nogsd.bin
  EVAL+=("$D/fr_gsd-ud-dev.conllu")
else
  TRAIN+=("$D/fr_gsd-ud-dev.conllu")
fi
BIN=${CARGO_TARGET_DIR:-target}/release/depeche
cargo build --release --quiet
"$BIN" parse train --train "${TRAIN[@]}" \
  --clusters data/fr/ner/clusters.tsv --feats-train "${FEATS[@]}" \
  --dev "$D/fr_sequoia-ud-dev.conllu" --out "$OUT" --seed 1 --epochs "${EPOCHS:-20}"
cargo build --release --quiet   # embed the new model
"$BIN" eval parse --model "$OUT" "${EVAL[@]}"
