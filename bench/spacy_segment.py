"""Times spaCy's French tokenizer (spacy.blank("fr")) and tokenizer + sentencizer on the corpus
that benches/segment.rs writes, one paragraph per line, one thread, best of several runs.
Prints lines "NAME: X MB/s (...)" that the Rust bench turns into ratios."""
import sys
import time

import spacy

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    paragraphs = [line.rstrip("\n") for line in f if line.strip()]
size = sum(len(p.encode("utf-8")) + 1 for p in paragraphs)

nlp = spacy.blank("fr")
nlp.add_pipe("sentencizer")


def best_of(fn, min_runs=3, min_seconds=3.0):
    best, runs, start = float("inf"), 0, time.perf_counter()
    while runs < min_runs or time.perf_counter() - start < min_seconds:
        t = time.perf_counter()
        counts = fn()
        best = min(best, time.perf_counter() - t)
        runs += 1
    return best, runs, counts


def tokens_only():
    return sum(len(nlp.tokenizer(p)) for p in paragraphs), 0


def tokens_and_sentences():
    n_tok = n_sent = 0
    for doc in nlp.pipe(paragraphs, batch_size=256):
        n_tok += len(doc)
        n_sent += sum(1 for _ in doc.sents)
    return n_tok, n_sent


for name, fn in [("spacy.blank(fr) tokenizer+sentencizer", tokens_and_sentences), ("spacy.blank(fr) tokenizer only", tokens_only)]:
    secs, runs, (n_tok, n_sent) = best_of(fn)
    print(f"{name}: {size / 1e6 / secs:.2f} MB/s (best of {runs} runs, spaCy {spacy.__version__}; {n_tok} tokens, {n_sent} sentences)")
