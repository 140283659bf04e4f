#!/usr/bin/env python3
"""Derive data/fr/quote/speech-verbs-framenet.tsv (verbs of saying, by lemma) from the French
FrameNet (ASFALDA 1.3, ../shared/data/frames/asfalda): the verbs that evoke its frames of
saying, telling, requesting, judging, confirming and denying, answering, promising, revealing.

Usage (from the repository root, after `cargo build --release`):

    python3 scripts/derive_speech_verbs.py [--shared ../shared/data] [--bin target/release/depeche]

How: every annotated sentence of the frames listed in FRAMES (their texts are tokenized with
spaces) is written as CoNLL-U with its words; depeche's own tagger and lemmatizer
(`depeche parse --conllu`) give each target word its lemma and UPOS; the lemmas of the targets
tagged VERB are counted per frame. A lemma is kept when it is a French infinitive, is not a
light or support verb (LIGHT: "faire une déclaration" is the noun's doing), and is seen at least
MIN_COUNT times over the listed frames, and is a real verb: a lemma of a VERB in the UD
training treebanks, or a word written somewhere in those treebanks or in the FrameNet
sentences. That drops what the lemmatizer makes of unusual forms ("reconnair", "précire"),
which no text writes. The output names the frames and counts of each lemma
so the list can be reviewed; the quote lexicon (src/quote/lexicon.rs) conjugates each lemma by
data/fr/events/conjugation.txt. Python 3.11 standard library only; the output does not depend
on the run (the tagger is deterministic).

FrameNet's text is never copied: only lemmas, frame names and counts are written.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from framenet_parse import NS, parse_words, space_words

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "data" / "fr" / "quote" / "speech-verbs-framenet.tsv"
COMMAND = "python3 scripts/derive_speech_verbs.py --shared ../shared/data"

# Frames whose verbs attribute words to a speaker ("« … », a déclaré X", "X a dénoncé « … »").
# Left out: frames of thinking (FR_Awareness-Certainty-Opinion: "penser", "croire"), of
# perceiving (FR_Becoming_aware), of causing, trading, deciding or permitting.
FRAMES = [
    "FR_Statement-manner-noise",
    "FR_Telling",
    "FR_Request",
    "FR_Judgment_communication",
    "Judgment_direct_address",
    "Complaining",
    "Communication_response",
    "Response",
    "FR_Commitment.to_do",
    "FR_Commitment.veracity",
    "FR_Confirming",
    "FR_Expressing_truth_of_content",
    "FR_Expressing_truth_of_proposition",
    "FR_Attempt_suasion.to_do",
    "FR_Attempt_suasion.content",
    "FR_Justifying",
    "FR_Speak_on_topic",
    "Convey_importance",
    "Explaining_the_facts",
    "Reveal_secret",
    "Summarizing",
    "Mention",
    "Evoking",
    "Adducing",
    "FR_Taking_sides",
    "FR_Hail",
    "Predicting",
    "Questioning",
]
# Light and support verbs: they evoke a frame only with a noun ("faire une déclaration", "mettre
# en garde", "prendre la parole"), so alone they attribute nothing.
LIGHT = {
    "avoir", "être", "faire", "mettre", "prendre", "donner", "porter", "laisser", "voir",
    "vouloir", "tenir", "tomber", "devoir", "pouvoir", "aller", "venir", "accepter", "refuser",
    "parler", "aborder", "exposer", "appeler", "défendre", "pousser", "presser",
    # Frequent in other senses in news: renting, singing, surveying, agreeing, supporting,
    # opposing, countering.
    "louer", "chanter", "sonder", "convenir", "soutenir", "opposer", "contrer", "conter",
}
MIN_COUNT = 2
INFINITIVE = re.compile(r"^[a-zàâçéèêëîïôûùüÿœ'-]+(er|ir|re|oir)$")


def sentences(frames_dir: Path):
    """(frame, words, target word index) for every annotated target of the listed frames."""
    for frame in FRAMES:
        path = frames_dir / f"allanno_{frame}.xml"
        if not path.exists():
            sys.exit(f"derive_speech_verbs: {path} is missing")
        root = ET.parse(path).getroot()
        for s in root.iter(NS + "sentence"):
            words, offsets = space_words((s.findtext(NS + "text") or "").strip())
            if not words or len(words) > 150:
                continue
            for annotation in s.iter(NS + "annotationSet"):
                labels = [
                    label
                    for layer in annotation.iter(NS + "layer")
                    if layer.get("name") == "Target"
                    for label in layer.iter(NS + "label")
                ]
                if not labels:
                    continue
                start = int(labels[0].get("start", "-1"))
                hit = [k for k, (a, b) in enumerate(offsets) if a <= start < b]
                if hit:
                    yield frame, words, hit[0]


def lemmatize(binary: Path, items):
    """The (lemma, UPOS) of each item's target word, by `depeche parse --conllu`."""
    parsed = parse_words(binary, [words for _, words, _ in items], "derive_speech_verbs")
    found = {}
    for n, rows in enumerate(parsed):
        target = items[n][2] + 1
        if target in rows:
            found[n] = rows[target][:2]
    return found


def attested(shared: Path) -> tuple[set[str], set[str]]:
    """The VERB lemmas of the UD training and development treebanks (not ParTUT), and every
    word written in them or in the FrameNet sentences (lower case)."""
    lemmas: set[str] = set()
    words: set[str] = set()
    for path in sorted((shared / "ud").glob("*.conllu")):
        # Test splits are held out; ParTUT is non-commercial.
        if "test" in path.name or "partut" in path.name:
            continue
        for line in path.open(encoding="utf-8"):
            cols = line.split("\t")
            if len(cols) > 3 and cols[0].isdigit():
                words.add(cols[1].lower())
                if cols[3] == "VERB":
                    lemmas.add(cols[2].lower())
    for path in sorted((shared / "frames" / "asfalda").glob("allanno_*.xml")):
        for s in ET.parse(path).getroot().iter(NS + "sentence"):
            words.update(w.lower() for w in (s.findtext(NS + "text") or "").split())
    return lemmas, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--bin", default=str(REPO / "target" / "release" / "depeche"))
    args = parser.parse_args()
    binary = Path(args.bin)
    if not binary.exists():
        sys.exit(f"derive_speech_verbs: {binary} not found: run cargo build --release first")
    items = list(sentences(Path(args.shared) / "frames" / "asfalda"))
    lemmas = lemmatize(binary, items)
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for n, (lemma, upos) in lemmas.items():
        if upos == "VERB":
            counts[lemma][items[n][0]] += 1
    ud_lemmas, words = attested(Path(args.shared))
    kept = sorted(
        (lemma, frames)
        for lemma, frames in counts.items()
        if INFINITIVE.match(lemma)
        and lemma not in LIGHT
        and sum(frames.values()) >= MIN_COUNT
        and (lemma in ud_lemmas or lemma in words)
    )
    with OUT.open("w", encoding="utf-8") as out:
        out.write(
            "# Verbs of saying derived from the French FrameNet (ASFALDA 1.3, frames of saying,\n"
            "# telling, requesting, judging, confirming, answering, promising, revealing).\n"
            f"# Generated by: {COMMAND}. Do not edit: change the script.\n"
            "# Columns: lemma, annotated uses as a verb over the frames, frames (name:count).\n"
            "# Read by src/quote/lexicon.rs, which conjugates each lemma\n"
            "# (data/fr/events/conjugation.txt); speech-verbs.txt is read first.\n"
        )
        for lemma, frames in kept:
            listed = ",".join(f"{f}:{c}" for f, c in sorted(frames.items()))
            out.write(f"{lemma}\t{sum(frames.values())}\t{listed}\n")
    print(f"{OUT.relative_to(REPO)}: {len(kept)} lemmas from {len(items)} annotated targets")


if __name__ == "__main__":
    main()
