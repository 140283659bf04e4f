#!/usr/bin/env bash
# Trains the shipped NER model from ../shared/data/ner, deterministically, and writes
# data/fr/ner/model.bin; then scores it. The word clusters and gazetteer it uses are the ones
# in data/fr/ner/ (see scripts/derive_clusters.py and scripts/derive_gazetteer.py).
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DEPECHE_SHARED:-../shared}/data/ner
cargo build --release --quiet
./target/release/depeche ner train \
  --train "$D/wikineural-fr.train.conll" "$D/hipe2020-fr.train-v0.9.conll" \
  --dev "$D/wikineural-fr.dev.conll" \
  --out data/fr/ner/model.bin --seed 1 --epochs 12
cargo build --release --quiet   # embed the new model
./target/release/depeche ner eval --model data/fr/ner/model.bin "$D/wikineural-fr.dev.conll"
for f in hipe2020-fr.dev newseye-fr.dev newseye-fr.dev2 letemps-fr.dev; do
  ./target/release/depeche ner eval --model data/fr/ner/model.bin --types PER,LOC,ORG "$D/$f.conll" | tail -1 | sed "s/^/$f: /"
done
