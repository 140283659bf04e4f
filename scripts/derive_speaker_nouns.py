#!/usr/bin/env python3
"""Derive data/fr/quote/speaker-nouns-framenet.tsv (nouns that name who speaks or judges) from
the French FrameNet (ASFALDA 1.3, ../shared/data/frames/asfalda): the head nouns of the frame
elements that hold the speaker, the communicator, the cognizer, the author or the source, over
all 143 frames.

Usage (from the repository root, after `cargo build --release`):

    python3 scripts/derive_speaker_nouns.py [--shared ../shared/data] [--bin target/release/depeche]

How: every annotated sentence (its text is tokenized with spaces) is written as CoNLL-U;
depeche's own tagger and parser (`depeche parse --conllu`) give each word its lemma, UPOS and
head. The head of a frame element is its word whose head lies outside the element. When that
word is a NOUN, its lemma is counted. A lemma is kept when it is a lower-case word seen at
least MIN_COUNT times. The quote stage (src/quote/attribute/) reads the list to tell a noun
phrase that may speak ("le ministre", "le communiqué", "la direction") from one that may not
("ce clip", "la réouverture des mosquées"). Python 3.11 standard library only; the output does
not depend on the run (the parser is deterministic).

FrameNet's text is never copied: only lemmas, frame element names and counts are written.
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "data" / "fr" / "quote" / "speaker-nouns-framenet.tsv"
COMMAND = "python3 scripts/derive_speaker_nouns.py --shared ../shared/data"
NS = "{http://framenet.icsi.berkeley.edu}"

# Frame elements that hold whoever speaks, writes, judges or thinks.
ROLES = {
    "Speaker", "Communicator", "Cognizer", "Author", "Source", "Interlocutor_1",
    "Interlocutor_2", "Interlocutors", "Complainer", "Judge", "Evaluator", "Arguer",
}
MIN_COUNT = 1
WORD = re.compile(r"^[a-zàâçéèêëîïôûùüÿœ][a-zàâçéèêëîïôûùüÿœ'-]*$")


def elements(frames_dir: Path):
    """(words, element word indices, role) for every speaker-like element with a span."""
    for path in sorted(frames_dir.glob("allanno_*.xml")):
        root = ET.parse(path).getroot()
        for s in root.iter(NS + "sentence"):
            text = (s.findtext(NS + "text") or "").strip()
            words, offsets, i = [], [], 0
            for w in text.split(" "):
                if w:
                    words.append(w)
                    offsets.append((i, i + len(w)))
                i += len(w) + 1
            if not words or len(words) > 150:
                continue
            for label in s.iter(NS + "label"):
                role = label.get("name")
                if role not in ROLES or label.get("start") is None:
                    continue
                start, end = int(label.get("start", "0")), int(label.get("end", "0"))
                inside = [k for k, (a, b) in enumerate(offsets) if a >= start and b <= end + 1]
                if inside:
                    yield words, inside, role


def parse(binary: Path, items):
    """Each item's words as (lemma, UPOS, head) by `depeche parse --conllu`, by item index."""
    with tempfile.TemporaryDirectory() as tmp:
        conllu = Path(tmp) / "elements.conllu"
        with conllu.open("w", encoding="utf-8") as out:
            for n, (words, _, _) in enumerate(items):
                out.write(f"# sent_id = {n}\n")
                for k, w in enumerate(words):
                    out.write(f"{k + 1}\t{w}\t_\t_\t_\t_\t_\t_\t_\t_\n")
                out.write("\n")
        run = subprocess.run(
            [str(binary), "parse", "--conllu", str(conllu)],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            sys.exit(f"derive_speaker_nouns: {binary} parse failed: {run.stderr.strip()}")
    parsed, rows, n = {}, {}, None
    for line in run.stdout.splitlines() + [""]:
        if line.startswith("# sent_id"):
            n, rows = int(line.split("=")[1]), {}
        elif not line:
            if n is not None:
                parsed[n] = rows
            n = None
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit() and cols[6].isdigit():
                rows[int(cols[0])] = (cols[2].lower(), cols[3], int(cols[6]))
    return parsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--bin", default=str(REPO / "target" / "release" / "depeche"))
    args = parser.parse_args()
    binary = Path(args.bin)
    if not binary.exists():
        sys.exit(f"derive_speaker_nouns: {binary} not found: run cargo build --release first")
    items = list(elements(Path(args.shared) / "frames" / "asfalda"))
    parsed = parse(binary, items)
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for n, (_, inside, role) in enumerate(items):
        rows = parsed.get(n, {})
        ids = {k + 1 for k in inside}
        heads = [i for i in sorted(ids) if i in rows and rows[i][2] not in ids]
        if len(heads) != 1:
            continue
        lemma, upos, _ = rows[heads[0]]
        if upos == "NOUN" and WORD.match(lemma):
            counts[lemma][role] += 1
    kept = sorted(
        (lemma, roles) for lemma, roles in counts.items() if sum(roles.values()) >= MIN_COUNT
    )
    with OUT.open("w", encoding="utf-8") as out:
        out.write(
            "# Nouns that name who speaks, writes or judges, derived from the French FrameNet\n"
            "# (ASFALDA 1.3): head nouns of its speaker, communicator, cognizer, author and\n"
            "# source frame elements, over all its frames.\n"
            f"# Generated by: {COMMAND}. Do not edit: change the script.\n"
            "# Columns: lemma, annotated uses as such a head, frame elements (name:count).\n"
            "# Read by src/quote/lexicon.rs.\n"
        )
        for lemma, roles in kept:
            detail = ",".join(f"{r}:{c}" for r, c in sorted(roles.items()))
            out.write(f"{lemma}\t{sum(roles.values())}\t{detail}\n")
    print(f"derive_speaker_nouns: {len(kept)} nouns written to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
