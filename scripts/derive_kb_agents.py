#!/usr/bin/env python3
"""Derive data/fr/kb/agents-phoenix-fr.tsv (French group and people nouns -> CAMEO agent code)
from the hand-written mapping data/fr/kb/agents-phoenix-map.tsv, checked against PETRARCH's
English agents dictionary (../shared/data/events/petrarch2/Phoenix.agents.txt).

Usage (from the repository root):

    python3 scripts/derive_kb_agents.py [--shared ../shared/data]
    python3 scripts/derive_kb_agents.py --check      # validate the mapping and the output only

Each mapping row carries one English sense of Phoenix.agents.txt into French: the French nouns
(singular forms, masculine and feminine; plural forms, '+' for the regular plurals), the Phoenix
key whose sense they carry, the agent code. The script checks that the key is a Phoenix entry
(after PETRARCH's substitution sets such as !PERSON!), that the code is the one Phoenix gives it
unless the row's note says why not, and writes one row per French form in the agents-fr.tsv
format (phrase, agent, label, number, kind). Forms already in agents-fr.tsv (the older hand
table, which the linker reads first) are left out. Python 3.11 standard library only; the output
does not depend on the run.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KB = REPO / "data" / "fr" / "kb"
MAP = KB / "agents-phoenix-map.tsv"
OUT = KB / "agents-phoenix-fr.tsv"
HAND = KB / "agents-fr.tsv"
COMMAND = "python3 scripts/derive_kb_agents.py --shared ../shared/data"
MAP_COLUMNS = ["singular", "plural", "phoenix", "agent", "label", "kind", "note"]
OUT_COLUMNS = ["phrase", "agent", "label", "number", "kind"]
CODE = re.compile(r"\[(~?)([A-Z]{3}(?:[A-Z0-9]{3})*)(~?)\]")
AGENT = re.compile(r"^[A-Z]{3}(?:[A-Z0-9]{3})*$")


class MapError(Exception):
    pass


def fail(path: Path, lineno: int, msg: str) -> None:
    raise MapError(f"{path}:{lineno}: {msg}")


def phoenix_agents(path: Path) -> dict[str, set[str]]:
    """Phoenix.agents.txt: key (as written, and with each substitution-set member in place of
    its !SET!) -> the role codes it is given."""
    sets: dict[str, list[str]] = {}
    keys: dict[str, set[str]] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            sets[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = CODE.findall(line)
        if not codes:
            continue
        key = re.split(r"[\s{\[]", line, maxsplit=1)[0]
        found = {c for _, c, _ in codes}
        forms = [key]
        for name, members in sets.items():
            if name in key:
                forms += [key.replace(name, m) for m in members]
        for k in forms:
            keys.setdefault(k, set()).update(found)
    if not keys:
        raise MapError(f"{path}: no agent entries read")
    return keys


def regular_plural(word: str) -> str:
    """The regular French plural of a noun phrase's first word ("agent de police" → "agents de
    police"): -s, -x, -z stay; -al → -aux; -eau, -eu → -x; else -s."""
    head, sep, rest = word.partition(" ")
    if head.endswith(("s", "x", "z")):
        plural = head
    elif head.endswith("al"):
        plural = head[:-2] + "aux"
    elif head.endswith(("eau", "eu")):
        plural = head + "x"
    else:
        plural = head + "s"
    return plural + sep + rest


def hand_phrases(path: Path) -> set[str]:
    phrases = set()
    for raw in path.read_text(encoding="utf-8").split("\n")[1:]:
        if raw and not raw.startswith("#"):
            phrases.add(raw.split("\t", 1)[0])
    return phrases


def derive(phoenix: dict[str, set[str]] | None) -> tuple[list[list[str]], dict[str, int]]:
    hand = hand_phrases(HAND)
    rows: list[list[str]] = []
    seen: dict[str, int] = {}
    counts = {"mapping rows": 0, "forms already in agents-fr.tsv": 0, "code differs from Phoenix": 0}
    header = None
    for lineno, raw in enumerate(MAP.read_text(encoding="utf-8").split("\n"), 1):
        if not raw or raw.startswith("#"):
            continue
        f = raw.split("\t")
        if header is None:
            header = f
            if f != MAP_COLUMNS:
                fail(MAP, lineno, f"header should be {MAP_COLUMNS}")
            continue
        if len(f) != len(MAP_COLUMNS):
            fail(MAP, lineno, f"{len(f)} columns, expected {len(MAP_COLUMNS)}")
        singular, plural, key, agent, label, kind, note = f
        counts["mapping rows"] += 1
        if not AGENT.match(agent):
            fail(MAP, lineno, f"bad agent code {agent!r}")
        if kind not in {"PER", "ORG"}:
            fail(MAP, lineno, f"bad kind {kind!r}")
        if not label:
            fail(MAP, lineno, "empty label")
        if phoenix is not None:
            codes = phoenix.get(key)
            if codes is None:
                fail(MAP, lineno, f"{key!r} is not a key of Phoenix.agents.txt")
            if agent not in codes:
                counts["code differs from Phoenix"] += 1
                if not note:
                    fail(MAP, lineno, f"{key} is {sorted(codes)} in Phoenix, {agent} here: say why in `note`")
        sg = [w for w in singular.split(",") if w]
        if plural == "+":
            if not sg:
                fail(MAP, lineno, "'+' needs singular forms")
            pl = [regular_plural(w) for w in sg]
        else:
            pl = [w for w in plural.split(",") if w]
        if not sg and not pl:
            fail(MAP, lineno, "no French form")
        # An invariable noun ("villageois", "mis en cause") is read as a plural: a group.
        sg = [w for w in sg if w not in pl]
        for forms, number in ((sg, "sg"), (pl, "pl")):
            for w in forms:
                if w != w.strip() or w != w.lower() or "  " in w:
                    fail(MAP, lineno, f"form must be lower-case, single-spaced: {w!r}")
                if w in hand:
                    counts["forms already in agents-fr.tsv"] += 1
                    continue
                if w in seen:
                    fail(MAP, lineno, f"{w!r} already given on line {seen[w]}")
                seen[w] = lineno
                rows.append([w, agent, label, number, kind])
    rows.sort(key=lambda r: r[0])
    counts["rows agents-phoenix-fr.tsv"] = len(rows)
    return rows, counts


def render(rows: list[list[str]]) -> str:
    head = [
        "# depeche agents derived from Phoenix: DERIVED FILE, do not edit; made by",
        f"# `{COMMAND}` from data/fr/kb/agents-phoenix-map.tsv (hand-written",
        "# French <-> Phoenix sense mapping, Apache-2.0), whose Phoenix keys and codes are checked",
        "# against Phoenix.agents.txt (PETRARCH2, MIT, (c) 2014 Open Event Data Alliance, commit",
        "# 676801cd). Same format as agents-fr.tsv, which the linker reads first.",
        "\t".join(OUT_COLUMNS),
    ]
    return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--check", action="store_true",
                    help="validate the mapping (against Phoenix when it is there) and the output")
    args = ap.parse_args()
    source = Path(args.shared) / "events" / "petrarch2" / "Phoenix.agents.txt"
    try:
        phoenix = phoenix_agents(source) if source.exists() or not args.check else None
        rows, counts = derive(phoenix)
        text = render(rows)
        if args.check:
            if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
                print(f"error: {OUT} is not what the mapping gives: run {COMMAND}", file=sys.stderr)
                return 1
        else:
            OUT.write_text(text, encoding="utf-8")
    except MapError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if phoenix is None:
        print("Phoenix.agents.txt not found: keys not checked", file=sys.stderr)
    for k in sorted(counts):
        print(f"{k}\t{counts[k]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
