#!/usr/bin/env python3
"""Chooses the OrangeSum articles of the development gold by a fixed, written rule.

Rule (deterministic, no reading of the articles' content beyond section, date and length):
  1. Candidates: articles of orangesum-dev.jsonl whose section is Monde, Politique, France or
     Fait-divers, published 2016-01-01 to 2020-12-31, whose body (`text`) is 700 to 3,500
     characters long.
  2. Order the candidates by sha256("depeche-news-gold:" + id), hex ascending.
  3. Take the first 72 Monde, 30 Politique, 30 France and 28 Fait-divers (160 articles).
  4. Halves: within each section, in that order, articles at even positions (0, 2, 4, ...) are
     the tuning half, odd positions the sealed half.
  Batch 2 (session 9, events, quotes and counts only): after those, in the same order, the next
  22 Monde, 9 Politique, 9 France and 8 Fait-divers (48 articles) that are not in
  eval/news/reviewed-ids.txt (articles whose depeche output was read during development);
  halves alternate within each section as in step 4.

Usage: python3 eval/news/select.py [ORANGESUM_JSONL] > eval/news/selection.tsv
"""
import hashlib
import json
import sys

import os

QUOTAS = {"Monde": 72, "Politique": 30, "France": 30, "Fait-divers": 28}
QUOTAS_2 = {"Monde": 22, "Politique": 9, "France": 9, "Fait-divers": 8}
REVIEWED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reviewed-ids.txt")


def key(doc_id):
    return hashlib.sha256(("depeche-news-gold:" + doc_id).encode()).hexdigest()


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/news-fr/orangesum/orangesum-dev.jsonl"
    cands = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("section") not in QUOTAS:
                continue
            pub = d.get("published") or ""
            if not ("2016-01-01" <= pub[:10] <= "2020-12-31"):
                continue
            if not (700 <= len(d["text"]) <= 3500):
                continue
            cands.append((key(d["id"]), d["id"], d["section"]))
    cands.sort()
    with open(REVIEWED, encoding="utf-8") as f:
        reviewed = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    taken = {s: [] for s in QUOTAS}
    taken_2 = {s: [] for s in QUOTAS}
    for _, doc_id, section in cands:
        if len(taken[section]) < QUOTAS[section]:
            taken[section].append(doc_id)
        elif len(taken_2[section]) < QUOTAS_2[section] and doc_id not in reviewed:
            taken_2[section].append(doc_id)
    print("id\tsection\thalf\tbatch")
    for batch, (quotas, chosen) in enumerate([(QUOTAS, taken), (QUOTAS_2, taken_2)], 1):
        for section in quotas:
            if len(chosen[section]) < quotas[section]:
                sys.exit(f"only {len(chosen[section])} candidates in {section}")
            for i, doc_id in enumerate(chosen[section]):
                print(f"{doc_id}\t{section}\t{'tuning' if i % 2 == 0 else 'sealed'}\t{batch}")


if __name__ == "__main__":
    main()
