"""Shared by the scripts that derive word lists from the French FrameNet (ASFALDA 1.3):
its sentences as space-separated words, and depeche's own analysis of them.

- `NS`: the FrameNet XML namespace.
- `space_words(text)`: a sentence's words (ASFALDA writes them space-separated) and the
  character offsets of each, so that frame element labels can be mapped to words.
- `parse_words(binary, sentences, caller)`: runs `depeche parse --conllu` once over all the
  sentences (each a list of words, gold tokenization kept) and returns, for each sentence, its
  words by 1-based id as (lemma in lower case, UPOS, head id).

Python 3.11 standard library only. FrameNet's text is never written anywhere but a temporary
file.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

NS = "{http://framenet.icsi.berkeley.edu}"


def space_words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The words of a space-separated sentence and the (start, end) character offsets of each."""
    words, offsets, i = [], [], 0
    for w in text.split(" "):
        if w:
            words.append(w)
            offsets.append((i, i + len(w)))
        i += len(w) + 1
    return words, offsets


def parse_words(
    binary: Path, sentences: list[list[str]], caller: str
) -> list[dict[int, tuple[str, str, int]]]:
    """Each sentence's words by id as (lemma, UPOS, head), by `depeche parse --conllu`."""
    with tempfile.TemporaryDirectory() as tmp:
        conllu = Path(tmp) / "sentences.conllu"
        with conllu.open("w", encoding="utf-8") as out:
            for n, words in enumerate(sentences):
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
            sys.exit(f"{caller}: {binary} parse failed: {run.stderr.strip()}")
    parsed: list[dict[int, tuple[str, str, int]]] = [{} for _ in sentences]
    n = None
    for line in run.stdout.splitlines():
        if line.startswith("# sent_id"):
            n = int(line.split("=")[1])
        elif line and not line.startswith("#") and n is not None:
            cols = line.split("\t")
            if cols[0].isdigit():
                head = int(cols[6]) if cols[6].isdigit() else 0
                parsed[n][int(cols[0])] = (cols[2].lower(), cols[3], head)
    return parsed
