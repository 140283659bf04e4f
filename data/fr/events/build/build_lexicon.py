#!/usr/bin/env python3
"""Build data/fr/events/lexicon.tsv, depeche's French event lexicon, from reviewable inputs.

Inputs (hand-written, in this folder):
  translations.tsv   French entries translated by sense from the CAMEO codebook and from
                     PETRARCH's English verb blocks, entries read off the tuning gold, and
                     ASFALDA lexical units picked from asfalda-review.txt ("asfalda").
  asfalda-frames.tsv French FrameNet frames of saying, judging, requesting, agreeing and
                     committing, with the CAMEO roots their lexical units may carry.
Reference data (read from ../shared/data, never copied):
  events/cameo/cameo_codes_merged.tsv   every CAMEO code: each entry's code must be there;
  events/petrarch2/CAMEO.2.0.txt        each petrarch:BLOCK must be a verb block there;
  frames/asfalda/allanno_*.xml          lexical units (target words) of each frame;
  ud/*.conllu                           form -> lemma, to lemmatise ASFALDA's target words.

Outputs:
  ../lexicon.tsv        one entry a line: code, entry, frame, flags, sources;
  ../README.md          the per-root counts table between its BEGIN/END COUNTS markers;
  asfalda-review.txt    lexical units of the mapped frames that no entry covers yet: candidates
                        for a person to translate into translations.tsv (never added blindly).

Run from the repository root:  python3 data/fr/events/build/build_lexicon.py [--shared ../shared/data]
The build is deterministic: the same inputs give the same bytes.
"""

import argparse
import collections
import csv
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
EVENTS = os.path.dirname(HERE)
NS = "{http://framenet.icsi.berkeley.edu}"
# Words of an idiom that need not appear in its frame (determiners, possessives, contractions).
FUNCTION_WORDS = {
    "un", "une", "le", "la", "les", "l'", "des", "du", "de", "d'", "son", "sa", "ses", "leur",
    "leurs", "à", "au", "aux", "en",
}
# ParTUT is non-commercial: not used even for a build-time lemma map.
UD_FILES = [
    "fr_gsd-ud-dev.conllu", "fr_sequoia-ud-train.conllu", "fr_sequoia-ud-dev.conllu",
    "fr_rhapsodie-ud-train.conllu", "fr_rhapsodie-ud-dev.conllu",
    "fr_parisstories-ud-train.conllu", "fr_parisstories-ud-dev.conllu",
]


def fail(msg):
    sys.exit(f"build_lexicon: {msg}")


def read_tsv(path, ncols):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != ncols:
                fail(f"{path}:{n}: expected {ncols} tab-separated columns, got {len(cols)}")
            rows.append((n, [c.strip() for c in cols]))
    return rows


def cameo_codes(shared):
    path = os.path.join(shared, "events/cameo/cameo_codes_merged.tsv")
    with open(path, encoding="utf-8", errors="replace") as f:
        return {r["code"]: r for r in csv.DictReader(f, delimiter="\t")}


def petrarch_blocks(shared):
    """Verb block name, and each verb listed in a block -> the codes the block's verbs and
    patterns give."""
    path = os.path.join(shared, "events/petrarch2/CAMEO.2.0.txt")
    blocks = collections.defaultdict(set)
    members = collections.defaultdict(set)
    block = None
    with open(path, encoding="latin-1") as f:
        for line in f:
            line = line.split("#")[0].rstrip()
            m = re.match(r"^---\s+(\S+)\s+\[(\S*)\]", line)
            if m:
                block = m.group(1)
                if m.group(2).isdigit():
                    blocks[block].add(m.group(2))
                else:
                    blocks[block]
                continue
            if block is None:
                continue
            for code in re.findall(r"\[(\d+)\]", line):
                blocks[block].add(code)
            m = re.match(r"^\+?([A-Z][A-Z_]+)\b", line)
            if m:
                members[m.group(1)].add(block)
    for verb, owners in members.items():
        if verb not in blocks:
            blocks[verb] = set().union(*(blocks[b] for b in owners))
    return blocks


def ud_lemmas(shared):
    """Lower-case form -> most frequent (lemma, upos)."""
    counts = collections.defaultdict(collections.Counter)
    for name in UD_FILES:
        path = os.path.join(shared, "ud", name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) != 10 or not cols[0].isdigit():
                    continue
                counts[cols[1].lower()][(cols[2].lower(), cols[3])] += 1
    return {form: c.most_common(1)[0][0] for form, c in counts.items()}


def asfalda_units(shared, lemmas):
    """Frame -> Counter of lemmatised target words ('se X' for reflexives, 'idiom words')."""
    units = collections.defaultdict(collections.Counter)
    unit_pos = {}
    for path in sorted(glob.glob(os.path.join(shared, "frames/asfalda/allanno_*.xml"))):
        root = ET.parse(path).getroot()
        frame = root.get("frame")
        for s in root.iter(NS + "sentence"):
            text = s.find(NS + "text").text or ""
            for layer in s.iter(NS + "layer"):
                if layer.get("name") != "Target":
                    continue
                words = []
                for lab in layer:
                    if lab.get("start") is None:
                        continue
                    piece = text[int(lab.get("start")) : int(lab.get("end")) + 1].lower()
                    words.extend(piece.split())
                out = []
                pos = ""
                for w in words:
                    if w in ("se", "s'"):
                        out.append("se")
                        continue
                    lemma, upos = lemmas.get(w) or guess_lemma(w, lemmas)
                    out.append(lemma)
                    pos = pos or upos
                if out:
                    unit = " ".join(out)
                    units[frame][unit] += 1
                    unit_pos[unit] = unit_pos.get(unit) or pos
    return units, unit_pos


def guess_lemma(form, lemmas):
    """A first-group verb form UD does not hold ("rétorque") -> its infinitive, when the
    infinitive is a verb UD knows or the form is a typical ending; else the form itself."""
    for ending in ("eraient", "erait", "eront", "era", "aient", "ait", "ant", "ées", "és", "ée",
                   "é", "ent", "es", "e"):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            inf = form[: -len(ending)] + "er"
            known = lemmas.get(inf)
            if known and known[1] == "VERB" or ending in ("é", "ée", "és", "ées", "ant", "era", "eront"):
                return inf, "VERB"
    return form, ""


def head_of(entry):
    """'s'en prendre à' -> ('prendre', reflexive, idiom words); 'porter plainte' -> 'porter'."""
    words = entry.split()
    reflexive = False
    if words[0] in ("se", "s'en", "s'y"):
        reflexive, words = True, words[1:]
    elif words[0].startswith("s'"):
        reflexive, words = True, [words[0][2:]] + words[1:]
    return words[0], reflexive, words[1:]


def frame_tokens(frame):
    toks = []
    for el in frame.split():
        for alt in el.split("|"):
            for piece in alt.split("_"):
                piece = piece.lower()
                if "'" in piece and not piece.endswith("'"):
                    a, b = piece.split("'", 1)
                    toks += [a + "'", b]
                else:
                    toks.append(piece)
    return toks


def matches(pattern, word):
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else pattern == word


def check_frame(path, n, entry, frame, flags):
    els = frame.split()
    if not els or els[0] != "$S":
        fail(f"{path}:{n}: a frame starts with $S, the subject ('{frame}')")
    if els.count("V") != 1:
        fail(f"{path}:{n}: a frame has one V, the verb ('{frame}')")
    _, _, rest = head_of(entry)
    toks = frame_tokens(frame)
    for w in rest:
        for piece in w.replace("'", "' ").split():
            if piece in FUNCTION_WORDS or piece in ("en", "y"):
                continue
            if not any(matches(t, piece) for t in toks):
                fail(f"{path}:{n}: the idiom word '{piece}' of '{entry}' is not in its frame")
    for f in flags.split():
        if not re.fullmatch(
            r"(intended|reciprocal|alleged-complement|(planned|unarmed|negated)=\d{2,4}|agent=[A-Z]{3})",
            f,
        ):
            fail(f"{path}:{n}: unknown flag '{f}'")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared/data", help="the shared data folder")
    args = ap.parse_args()
    codes = cameo_codes(args.shared)
    blocks = petrarch_blocks(args.shared)
    lemmas = ud_lemmas(args.shared)
    units, unit_pos = asfalda_units(args.shared, lemmas)
    frames = read_tsv(os.path.join(HERE, "asfalda-frames.tsv"), 2)
    frame_roots = {}
    for n, (frame, roots) in frames:
        if frame not in units:
            fail(f"asfalda-frames.tsv:{n}: no frame '{frame}' in ASFALDA")
        frame_roots[frame] = roots.split()

    tpath = os.path.join(HERE, "translations.tsv")
    entries = []
    off_sense = []
    for n, (code, entry, frame, flags, sources) in read_tsv(tpath, 5):
        if code not in codes:
            fail(f"translations.tsv:{n}: '{code}' is not a CAMEO code")
        check_frame("translations.tsv", n, entry, frame, flags)
        srcs = sources.split()
        for s in srcs:
            kind, _, ref = s.partition(":")
            if kind == "petrarch":
                if ref not in blocks:
                    fail(f"translations.tsv:{n}: no verb block '{ref}' in CAMEO.2.0.txt")
                if not any(c[:2] == code[:2] for c in blocks[ref]):
                    off_sense.append(f"{code} {entry}: {ref} codes {sorted(blocks[ref])}")
            elif kind not in ("cameo", "gold", "asfalda") or ref:
                fail(f"translations.tsv:{n}: unknown source '{s}' (cameo, petrarch:BLOCK, gold)")
        head, reflexive, rest = head_of(entry)
        unit = ("se " if reflexive else "") + head
        for frame_name, roots in frame_roots.items():
            if code[:2] in roots and (units[frame_name][unit] or units[frame_name][entry]):
                srcs.append(f"asfalda:{frame_name}")
        # "asfalda" alone: picked from asfalda-review.txt; the frame must then attest it.
        if "asfalda" in srcs:
            srcs.remove("asfalda")
            if not any(x.startswith("asfalda:") for x in srcs):
                fail(f"translations.tsv:{n}: '{entry}' is in no ASFALDA frame of root {code[:2]}")
        entries.append((code, entry, frame, flags, " ".join(srcs)))

    entries.sort(key=lambda e: (e[0][:2], e[0], e[1], e[2]))
    with open(os.path.join(EVENTS, "lexicon.tsv"), "w", encoding="utf-8") as f:
        f.write(
            "# depeche French event lexicon (derived: do not edit; edit build/translations.tsv and run\n"
            "# python3 data/fr/events/build/build_lexicon.py). Format in data/fr/events/README.md.\n"
            "# code\tentry\tframe\tflags\tsources\n"
        )
        for e in entries:
            f.write("\t".join(e) + "\n")

    # Coverage: every code of the codebook below the roots has an entry.
    covered = {e[0] for e in entries}
    named = lambda r: (r["name_gdelt"] or "").strip() or (r["name_icews"] or "").strip()
    missing = sorted(c for c, r in codes.items() if len(c) > 2 and c not in covered and named(r))
    # Per-root counts.
    per_root = collections.defaultdict(lambda: [set(), set(), collections.Counter(), set()])
    for code, entry, frame, flags, sources in entries:
        r = per_root[code[:2]]
        (r[1] if len(entry.split()) > 1 and not re.fullmatch(r"(se|s'en) \S+", entry) else r[0]).add(entry)
        for s in sources.split():
            r[2][s.split(":")[0]] += 1
        r[3].add(code)
    lines = [
        "| root | name | codes | lemmas | idioms | entries from cameo / petrarch / asfalda / gold |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    tot = [0, 0, 0, collections.Counter()]
    for root in sorted(per_root):
        lem, idi, src, cs = per_root[root]
        name = codes[root]["name_gdelt"].strip().capitalize() if root in codes else ""
        lines.append(
            f"| {root} | {name} | {len(cs)} | {len(lem)} | {len(idi)} | "
            f"{src['cameo']} / {src['petrarch']} / {src['asfalda']} / {src['gold']} |"
        )
        tot[0] += len(cs)
        tot[1] += len(lem)
        tot[2] += len(idi)
        tot[3].update(src)
    lines.append(
        f"| all | | {tot[0]} | {tot[1]} | {tot[2]} | "
        f"{tot[3]['cameo']} / {tot[3]['petrarch']} / {tot[3]['asfalda']} / {tot[3]['gold']} |"
    )
    readme = os.path.join(EVENTS, "README.md")
    text = open(readme, encoding="utf-8").read()
    table = "\n".join(lines)
    text = re.sub(
        r"(<!-- BEGIN COUNTS -->\n).*?(<!-- END COUNTS -->)",
        lambda m: m.group(1) + table + "\n" + m.group(2),
        text,
        flags=re.S,
    )
    open(readme, "w", encoding="utf-8").write(text)

    # ASFALDA lexical units of the mapped frames that no entry covers: for review.
    have = set()
    for _, entry, _, _, _ in entries:
        head, reflexive, _ = head_of(entry)
        have.add(("se " if reflexive else "") + head)
        have.add(head)
    with open(os.path.join(HERE, "asfalda-review.txt"), "w", encoding="utf-8") as f:
        f.write("# ASFALDA lexical units of the mapped frames with no lexicon entry (derived).\n")
        f.write("# frame\troots\tunit\tUD part of speech\toccurrences\n")
        for frame_name in sorted(frame_roots):
            for unit, k in sorted(units[frame_name].items(), key=lambda x: (-x[1], x[0])):
                if unit not in have and " " not in unit.replace("se ", "", 1):
                    roots = " ".join(frame_roots[frame_name])
                    f.write(f"{frame_name}\t{roots}\t{unit}\t{unit_pos.get(unit, '')}\t{k}\n")
    print(f"{len(entries)} entries, {len(covered)} codes covered, {len(missing)} codes missing")
    if missing:
        print("missing:", " ".join(missing))
    if off_sense:
        print(f"{len(off_sense)} entries whose PETRARCH block gives no code of their root:")
        for o in off_sense:
            print("  " + o)


if __name__ == "__main__":
    main()
