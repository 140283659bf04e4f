"""spaCy's French tagger, lemmatizer and parser on the gold words of a CoNLL-U file, one thread:
words per second of CPU time, and UPOS, lemma, UFeats, UAS and LAS on those words (CoNLL 2018
style: punctuation counted, UFeats on the universal features, LAS on the main relation), for
`bench/parse.sh` to print beside depeche's.

    python bench/spacy_parse.py MODEL FILE.conllu [--rounds N]
"""
import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402


# conll18_ud_eval.py's UNIVERSAL_FEATURES.
UNIVERSAL = {"PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy",
             "Number", "Case", "Definite", "Degree", "VerbForm", "Mood", "Tense", "Aspect",
             "Voice", "Evident", "Polarity", "Person", "Polite"}


def ufeats(feats):
    return sorted(f for f in feats.split("|") if f.split("=", 1)[0] in UNIVERSAL)


def sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            sent.append(cols)
    if sent:
        yield sent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("conllu")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    nlp = spacy.load(args.model, exclude=["ner"])
    gold = list(sentences(args.conllu))
    words = sum(len(s) for s in gold)
    best = None
    for _ in range(args.rounds):
        docs = [Doc(nlp.vocab, words=[c[1] for c in s]) for s in gold]
        start = time.process_time()
        for _, proc in nlp.pipeline:
            docs = list(proc.pipe(docs, batch_size=256))
        elapsed = time.process_time() - start
        best = elapsed if best is None else min(best, elapsed)
    upos = lemma = feats = uas = las = 0
    for s, doc in zip(gold, docs):
        for c, tok in zip(s, doc):
            head = 0 if tok.head.i == tok.i else tok.head.i + 1
            rel = tok.dep_.lower().split(":")[0]
            upos += tok.pos_ == c[3]
            lemma += tok.lemma_ == c[2]
            feats += ufeats(str(tok.morph)) == ufeats(c[5])
            if str(head) == c[6]:
                uas += 1
                las += rel == c[7].split(":")[0] or (rel == "root" and c[7] == "root")
    print(f"spacy {args.model}: words {words}  UPOS {upos / words:.4f}  lemma {lemma / words:.4f}"
          f"  UFeats {feats / words:.4f}  UAS {uas / words:.4f}  LAS {las / words:.4f}  speed {words / best:.0f} words/s")


if __name__ == "__main__":
    main()
