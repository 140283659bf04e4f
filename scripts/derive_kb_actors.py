#!/usr/bin/env python3
"""Derive depeche's actors knowledge base (data/fr/kb/actors.tsv) from the Phoenix/PETRARCH
actor dictionaries in ../shared/data/events/petrarch2, and validate the two hand-written
tables next to it (data/fr/kb/actors-fr.tsv, data/fr/kb/agents-fr.tsv).

Usage (from the repository root):

    python3 scripts/derive_kb_actors.py [--shared ../shared/data] [--out data/fr/kb/actors.tsv]
    python3 scripts/derive_kb_actors.py --check      # validate the hand tables only

Python 3.11 standard library only. The output is sorted by id and does not depend on the run.
A malformed line in a source (an unparsable date or code bracket) stops the script with an
error naming the file and the line, except for the quirks listed in QUIRKS below, which are
handled explicitly. See data/fr/kb/ACTORS.md for the conventions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMAND = "python3 scripts/derive_kb_actors.py --shared ../shared/data"

SOURCES = [  # (file, source tag); also the precedence when one id gathers several sources
    ("Phoenix.International.actors.txt", "phoenix-intl"),
    ("Phoenix.MilNonState.actors.txt", "phoenix-milnonstate"),
    ("Phoenix.Countries.actors.txt", "phoenix-countries"),
]
SOURCE_RANK = {tag: i for i, (_f, tag) in enumerate(SOURCES)}

# ---------------------------------------------------------------------------------------------
# Known quirks of the 2014 dictionaries, handled explicitly (everything else that does not
# parse is an error). Keys are the raw date strings as written in the files.
# ---------------------------------------------------------------------------------------------
QUIRK_DATES = {
    # Countries l.2039 [ARMUNR 9008223-911221]: one digit too many; PETRARCH reads the first
    # six digits (YYMMDD) -> 1990-08-22.
    "9008223": "1990-08-22",
    # International l.34 [KORGOVBUS 2004017-20061201] (Ban Ki-moon): a digit is missing; he
    # became foreign minister of South Korea on 2004-01-17.
    "2004017": "2004-01-17",
    # Countries l.18010 [GBRGOV >201005011] (David Cameron): one digit too many; he became
    # prime minister on 2010-05-11.
    "201005011": "2010-05-11",
    # Countries l.22508, l.22519 [IRQOCC 1920030320-20060520]: a stray "19" before 20030320
    # (the 2003 invasion of Iraq began on 2003-03-20).
    "1920030320": "2003-03-20",
    # Countries l.43613 [SDNSSDAUT 1920050709-20110709]: a stray "19" before 20050709
    # (South Sudan's autonomous government, 2005-07-09).
    "1920050709": "2005-07-09",
}
# Code brackets rewritten before parsing (bracket body -> replacement).
QUIRK_BRACKETS = {
    # Countries l.14190 (Kamal Ganzouri, prime minister "pt. 2"): the start is a year late
    # (the range would end before it starts); his second term ran 2011-12-07..2012-08-02.
    "EGYGOV 20121207-20120802": "EGYGOV 20111207-20120802",
}
# Lines rewritten before parsing (stripped line -> replacement).
QUIRK_LINES = {
    "+FAEROYENE]_": "+FAEROYENE_",  # Countries l.15346: a stray ']'
}
# Other quirks (see parse_bracket / read_blocks):
# - Text after the last bracket of a line is a comment (MNC lines: industry and revenue
#   after a tab, without '#'); PETRARCH ignores it too.
# - "[---]" is the dictionaries' "no code" marker: skipped.
# - A bare date "[MNEGOV 20121204]", "[USAGOV 19820101]" (2 lines) is read as a start date
#   (">20121204"): the comments and the facts (Dukanovic became prime minister on 2012-12-04)
#   say so. PETRARCH itself ignores such a date.
# - "> 140608", "[IGOUNO  >070201]": spaces inside the bracket are ignored.
# - A role line indented with spaces and a tab (Countries l.24824) is a role line.
# - An indented line that starts with a name ("\tJOHN_MCCLOY_\t[...]", International l.267)
#   is a synonym of the entry above it, its codes the entry's.
# - A tab inside a name ("OSMAN_OLCAY\t_TURKEY_", International l.224): the part before the
#   tab is the name.
# - Two synonyms on one line ("+TAIOAN_ +TAWIAN_", "...AL_ISLAMI+_ISLAMIC_ADEN_ARMY_"): split
#   at the "+".
# - Names holding U+FFFD (bytes that are not UTF-8, e.g. "COTE_D\\x92IVOIRE") or no Latin
#   letter ("СССР") are left out (counted).
# - A run of primary phrases without codes directly followed (no blank line) by an entry
#   whose codes are on indented role lines shares those codes (PETRARCH stores them under one
#   code index: "MUHAJIRIN_WA-ANSAR_ALLIANCE / SARAYAT_AL-QUDS / ... / [SYRREBMUS]"). An entry
#   without any code is left out (counted).
# - Two-digit years: 00-30 -> 20YY, 31-99 -> 19YY, as PETRARCH's dstr_to_ordate does.

CODE_RE = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")
DATE6 = re.compile(r"^\d{6}$")
DATE8 = re.compile(r"^\d{8}$")


class SourceError(Exception):
    pass


def fail(path: Path | str, lineno: int, msg: str) -> None:
    raise SourceError(f"{path}:{lineno}: {msg}")


def parse_date(raw: str, path: Path, lineno: int) -> str:
    raw = raw.strip()
    if raw in QUIRK_DATES:
        return QUIRK_DATES[raw]
    if DATE6.match(raw):
        yy = int(raw[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(raw[2:4]), int(raw[4:6])
    elif DATE8.match(raw):
        year, month, day = int(raw[:4]), int(raw[4:6]), int(raw[6:8])
    else:
        fail(path, lineno, f"unparsable date {raw!r}")
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        fail(path, lineno, f"invalid date {raw!r}")
    raise AssertionError


@dataclass(frozen=True)
class Code:
    code: str
    start: str | None = None  # ISO dates, inclusive
    end: str | None = None

    def render(self) -> str:
        if self.start is None and self.end is None:
            return self.code
        return f"{self.code}@{self.start or ''}..{self.end or ''}"


def parse_bracket(body: str, path: Path, lineno: int) -> Code | None:
    """The inside of one [...] of an actor file."""
    body = body.strip()
    body = QUIRK_BRACKETS.get(body, body)
    if body == "---":
        return None
    m = re.match(r"^([A-Z][A-Z0-9]*)(?:\s+(.*))?$", body)
    if not m or not CODE_RE.match(m.group(1)):
        fail(path, lineno, f"unparsable code bracket [{body}]")
    code, rest = m.group(1), (m.group(2) or "").strip()
    if not rest:
        return Code(code)
    if rest[0] in "<>":
        d = parse_date(rest[1:].strip(), path, lineno)
        return Code(code, d, None) if rest[0] == ">" else Code(code, None, d)
    if "-" in rest:
        a, _, b = rest.partition("-")
        start, end = parse_date(a, path, lineno), parse_date(b, path, lineno)
        if end < start:
            fail(path, lineno, f"date range ends before it starts [{body}]")
        return Code(code, start, end)
    if re.fullmatch(r"\d{8}", rest):  # bare date: a start (see QUIRKS)
        return Code(code, parse_date(rest, path, lineno), None)
    fail(path, lineno, f"unparsable code bracket [{body}]")
    raise AssertionError


@dataclass
class Block:
    primary: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    inline_code: bool = False  # a code on the primary line itself (countries, most IGOs)
    role_lines: bool = False   # codes on indented lines


def split_line(raw: str, path: Path, lineno: int) -> tuple[str, list[Code], bool]:
    """(text before the first bracket, codes, had brackets) of one line, comment removed."""
    body = raw.split("#", 1)[0]
    codes: list[Code] = []
    had = False
    text_parts = []
    pos = 0
    while True:
        i = body.find("[", pos)
        j = body.find("]", pos)
        if i < 0:
            if j >= 0:
                fail(path, lineno, "']' without '['")
            text_parts.append(body[pos:])
            break
        if j < i:
            fail(path, lineno, "']' without '['")
        k = body.find("]", i)
        if k < 0:
            fail(path, lineno, "'[' without ']'")
        if "[" in body[i + 1:k]:
            fail(path, lineno, "nested '['")
        text_parts.append(body[pos:i])
        had = True
        c = parse_bracket(body[i + 1:k], path, lineno)
        if c is not None:
            codes.append(c)
        pos = k + 1
    text = text_parts[0]
    # Text after the last bracket is a comment (the MNC lines of the international file
    # carry "\tNewspapers/Magazines\t$137,000,000" without a '#'); text between two brackets
    # is an error.
    if any(t.strip() for t in text_parts[1:-1]):
        fail(path, lineno, "text between two code brackets")
    return text, codes, had


def read_blocks(path: Path, counts: Counter) -> list[Block]:
    blocks: list[Block] = []
    cur: Block | None = None
    pending: list[Block] = []  # code-less primaries waiting for the next entry's codes
    prev_blank = True
    data = path.read_bytes().decode("utf-8", errors="replace")
    for lineno, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            prev_blank = True
            continue
        if raw.lstrip().startswith("#"):
            continue
        if "---STOP---" in raw:
            break
        raw = QUIRK_LINES.get(raw.strip(), raw)
        text, codes, _had = split_line(raw, path, lineno)
        indented = raw[0] in " \t"
        name = text.strip()
        if indented and not name:  # role line
            if cur is None:
                fail(path, lineno, "role line before any entry")
            cur.codes.extend(codes)
            cur.role_lines = True
            if pending:
                for p in pending:
                    p.codes.extend(codes)
                    p.role_lines = True
            prev_blank = False
            continue
        if indented or name.startswith("+"):  # synonym(s)
            if cur is None:
                fail(path, lineno, "synonym before any entry")
            for s in name.split("+"):
                if s.strip():
                    cur.synonyms.append(s.strip())
            if codes:
                cur.codes.extend(codes)
                if indented:
                    cur.role_lines = True
                else:
                    cur.inline_code = True
            prev_blank = False
            continue
        # a primary phrase
        if "\t" in name:
            name = name.split("\t", 1)[0].strip()
        if cur is not None and not cur.codes and not prev_blank and not cur.inline_code:
            pending.append(cur)  # shares the next entry's role-line codes
        elif cur is not None:
            pending = []
        cur = Block(name, lineno, [], list(codes), bool(codes), False)
        if codes:
            pending = []
        blocks.append(cur)
        prev_blank = False
    counts[f"blocks {path.name}"] = len(blocks)
    return blocks


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

ROLE_WORDS = {
    "SECRETARY", "SECRETARY-GENERAL", "SECRETARIES", "SECY", "SEC", "CHIEF", "CHIEFS",
    "OFFICIAL", "OFFICIALS", "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "SPOKESPEOPLE",
    "MINISTER", "MINISTERS", "PRESIDENT", "PRESIDENTS", "PREMIER", "AMBASSADOR", "AMBASSADORS",
    "ENVOY", "ENVOYS", "DELEGATE", "DELEGATES", "DELEGATION", "REPRESENTATIVE",
    "REPRESENTATIVES", "RAPPORTEUR", "DIRECTOR", "DIRECTOR-GENERAL", "HEAD", "HEADS", "LEADER",
    "LEADERS", "LEADERSHIP", "MEMBER", "MEMBERS", "STAFF", "OPERATIVE", "OPERATIVES",
    "COMMANDER", "COMMANDERS", "TROOPS", "TROOP", "SOLDIER", "SOLDIERS", "OFFICER", "OFFICERS",
    "INSPECTOR", "INSPECTORS", "EXPERT", "EXPERTS", "WORKER", "WORKERS", "MONITOR", "MONITORS",
    "OBSERVER", "OBSERVERS", "PEACEKEEPER", "PEACEKEEPERS", "PEACEKEEPING", "RESIDENT", "BODIES",
    "CHAIRMAN", "CHAIRWOMAN", "CHAIRPERSON", "CHAIR", "CEO", "EXECUTIVE", "FOUNDER", "ACTIVIST",
    "ACTIVISTS", "MILITANT", "MILITANTS", "FIGHTER", "FIGHTERS", "REBEL", "REBELS", "SUPPORTER",
    "SUPPORTERS", "SYMPATHIZERS", "GUNMEN", "INSURGENT", "INSURGENTS", "MEN", "ADVISER",
    "ADVISOR", "ADVISERS", "MISSION", "PERSONNEL", "EMPLOYEE", "EMPLOYEES", "SPOKESMEN",
    "VOLUNTEER", "VOLUNTEERS", "AGENT", "AGENTS", "COMMISSIONER", "COORDINATOR", "GOVERNOR",
    "DEPUTY", "VICE", "FORMER", "EX", "ACTING", "SENIOR", "ADMINISTRATOR", "PROSECUTOR",
    "JUDGE", "JUDGES", "NEGOTIATOR", "NEGOTIATORS", "MEDIATOR", "ATTACK", "ATTACKS", "BOMBER",
    "BOMBERS", "SUSPECT", "SUSPECTS", "ELEMENTS", "GOVERNMENT", "ADMINISTRATION", "REGIME",
    "CABINET", "OPERATIONS", "OPERATION", "UNIT", "UNITS", "SQUAD", "PATROL", "CONVOY", "CAMP",
    "CAMPS", "BASED", "QATAR-BASED", "DUBAI-BASED", "HAGUE-BASED", "BROADCASTER", "SYRIA'S",
    "SYRIAS", "UNDERSECRETARY", "UNDER", "GOVT", "MP", "SENATOR", "CONGRESSMAN", "CANDIDATE",
    "CHANCELLOR", "FM", "PM",
}
ROLE_SEQUENCES = ("FORCES OF", "FORCE OF", "PEOPLE OF", "FRIENDS OF", "SUPPORTERS OF")

# Words that can precede a person's name in an alias ("RUSSIAN_PRESIDENT_VLADIMIR_PUTIN").
TITLE_WORDS = {
    "PRESIDENT", "PRIME", "MINISTER", "PREMIER", "SECRETARY", "SECRETARY-GENERAL", "GENERAL",
    "KING", "QUEEN", "PRINCE", "CROWN", "EMIR", "SHEIKH", "SHEIK", "CHANCELLOR", "FOREIGN",
    "DEFENSE", "DEFENCE", "INTERIOR", "FINANCE", "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR",
    "DR.", "AMBASSADOR", "DEPUTY", "UNDER", "UNDERSECRETARY", "OF", "STATE", "VICE", "SENATOR",
    "GEN.", "GEN", "LT.", "COL.", "ADMIRAL", "MARSHAL", "FIELD", "COLONEL", "SUPREME", "LEADER",
    "AYATOLLAH", "GRAND", "CHIEF", "EXECUTIVE", "FORMER", "SPEAKER", "U.S.", "US", "UN", "U.N.",
    "NATO", "EU", "CHAIRMAN", "OPPOSITION", "REBEL", "MILITANT", "COMMANDER", "SPOKESMAN",
    "PARLIAMENT", "ACTING", "INTERIM", "NEW", "THEN", "THE",
}
PER_PREFIX_OK = {"MR", "MR.", "MRS", "MRS.", "DR", "DR."}

ORG_WORDS = {
    "ORGANIZATION", "ORGANISATION", "ORGANIZATIONS", "COUNCIL", "COMMITTEE", "COMMISSION",
    "FUND", "BANK", "AGENCY", "ASSOCIATION", "UNION", "FEDERATION", "INSTITUTE", "INSTITUTION",
    "FOUNDATION", "ALLIANCE", "LEAGUE", "PROGRAM", "PROGRAMME", "COURT", "TRIBUNAL", "PANEL",
    "ASSEMBLY", "PARLIAMENT", "CONGRESS", "MOVEMENT", "FRONT", "PARTY", "ARMY", "BRIGADE",
    "BRIGADES", "GROUP", "GROUPS", "NETWORK", "CENTER", "CENTRE", "SOCIETY", "CORP", "CORP.",
    "CORPORATION", "INC", "INC.", "LTD", "LTD.", "COMPANY", "CO", "CO.", "HOLDINGS", "WATCH",
    "RIGHTS", "NATIONS", "OFFICE", "SECRETARIAT", "CROSS", "CRESCENT", "COALITION", "CONFERENCE",
    "FORUM", "COMMUNITY", "TRUST", "SERVICE", "SERVICES", "AUTHORITY", "BUREAU", "BOARD",
    "DEPARTMENT", "UNIVERSITY", "COLLEGE", "CHURCH", "INITIATIVE", "PROJECT", "CAMPAIGN",
    "ACTION", "AID", "RELIEF", "ENTERPRISES", "INDUSTRIES", "SYSTEMS", "TECHNOLOGIES",
    "AIRLINES", "AIRWAYS", "ENERGY", "OIL", "PETROLEUM", "MOTORS", "BANCORP", "FINANCIAL",
    "TIMES", "NEWS", "PRESS", "TELEVISION", "RADIO", "JIHAD", "BATTALION", "BATTALIONS",
    "COMMAND", "FORCE", "FORCES", "MILITIA", "MILITIAS", "ORDER", "REVOLUTIONARY", "LIBERATION",
    "RESISTANCE", "ISLAMIC", "COMMUNIST", "SOCIALIST", "DEMOCRATIC", "NATIONAL", "INTERNATIONAL",
    "GLOBAL", "WORLD", "EUROPEAN", "AFRICAN", "ASIAN", "ARAB", "AMERICAN", "UNITED", "COUNCILS",
    "COOPERATION", "DEVELOPMENT", "PEACE", "HEALTH", "EDUCATION", "RESEARCH", "FAMILY", "TRIBE",
    "CLAN", "SECT", "EMBASSY", "CONSULATE", "POLICE", "GUARD", "GUARDS", "MARTYRS", "CORPS",
    "COMMANDOS", "TIGERS", "CELL", "CELLS", "INTERNATIONALE", "SOLIDARITY", "PARTNERS",
    "CAPITAL", "INVESTMENTS", "INSURANCE", "MEDIA", "GAZETTE", "JOURNAL", "HERALD", "POST",
    "TRIBUNE", "AGENCE", "FEDERAL", "STATE", "STATES", "REPUBLIC", "KINGDOM", "MINISTRY",
    "SCHOOL", "HOSPITAL", "CLINIC", "LABORATORIES", "PHARMACEUTICALS", "TELECOM",
    "COMMUNICATIONS", "AUTHORITIES", "ASSOCIATES", "LLC", "PLC", "GMBH", "SA", "AG",
    "DECLARATION", "OBSERVATORY", "TASK", "SHURA", "NETWORK", "ISLAMIYYAH", "JABHAT", "JAISH",
    "JAYSH", "HARAKAT", "TANZIM", "TANZEEM", "KATAIB", "LIWA", "ANSAR", "FEDAYEEN", "MUJAHIDEEN",
    "MUJAHIDIN", "TALIBAN", "QAEDA", "QAIDA", "MOJAHEDIN", "HEZBOLLAH", "HIZBALLAH", "BRIGADA",
    "ARMEE", "FRENTE", "EJERCITO", "PARTIDO", "FRONTE", "PARTI", "MOUVEMENT", "JUND", "KATIBAT",
    "SARAYA", "SARAYAT", "HIZB", "JAMAAT", "JAMA'AT", "LASHKAR", "ASBAT", "FATAH", "HOUSE",
    "WING", "PALACE", "KREMLIN", "PENTAGON", "EMIRATE", "CALIPHATE", "COMMITTEES", "BLOC",
}
CONNECTORS = {
    "OF", "THE", "AND", "FOR", "IN", "ON", "AT", "TO", "BY", "WITH", "FROM", "AGAINST", "DE",
    "DEL", "DELLA", "DES", "DU", "LA", "LE", "LES", "DA", "DO", "DOS", "DAS", "DI", "VAN", "VON",
    "DER", "DEN", "Y", "E", "ET", "BIN", "BINT", "IBN", "UND", "FI", "WAL", "POUR", "SUR", "AUX",
    "AU", "EN", "PAR", "CONTRE", "DEGLI", "DELLE", "DEI",
}
ARABIC_ARTICLES = {"AL", "EL"}
VOWELS = set("AEIOUY")
# Group codes: a "person-like" name coded with one of these is a group, not a person.
GROUP_SECTORS = {"REB", "INS", "OPP", "UAF", "PTY", "MED", "IMG"}


def is_group_code(code: str) -> bool:
    """IGO/NGO/MNC/IMG codes, bare sector codes (MED), and country codes whose first role is
    a group (SYRREB, PSEREBHMS, TUROPP)."""
    return (code[:3] in {"IGO", "NGO", "MNC", "IMG"} or code[:3] in GROUP_SECTORS
            or code[3:6] in GROUP_SECTORS)


def words_of(name: str) -> list[str] | None:
    """Upper-case words of a phrase; None if it is not a usable name."""
    name = name.strip().strip("_").strip()
    if not name or "\ufffd" in name or not re.search(r"[A-Z]", name):
        return None
    if not re.fullmatch(r"[A-Z0-9_ .'&\-À-ÖØ-ÞĀ-ſḀ-ỿ]+", name):
        return None
    name = re.sub(r"_*\([A-Z0-9 _.-]*\)_*$", "", name)  # "FREE_ACEH_MOVEMENT_(GAM)_"
    ws = [w for w in re.split(r"[_ ]+", name) if w and w not in {"-", "."}]
    if ws and ws[0] == "THE" and len(ws) > 1:
        ws = ws[1:]
    return ws or None


def is_role(ws: list[str]) -> bool:
    joined = " ".join(ws)
    return any(w in ROLE_WORDS for w in ws) or any(s in joined for s in ROLE_SEQUENCES)


def cap_word(w: str) -> str:
    if "'" in w:
        head, _, tail = w.partition("'")
        if len(head) == 1 and tail:
            return head.upper() + "'" + cap_word(tail)
        return w.capitalize()
    out = w.capitalize()
    if re.fullmatch(r"Mc[a-z]{2,}", out):
        out = "Mc" + out[2:].capitalize()
    return out


def convert_word(w: str, acronyms: set[str], org: bool, first: bool) -> str:
    if re.fullmatch(r"\d+(ST|ND|RD|TH)", w):
        return w.lower()
    if "." in w or any(ch.isdigit() for ch in w):
        return w  # "U.N.", "G8"
    if org and (w in acronyms or not (set(w) & VOWELS) or "&" in w):
        return w  # "UN", "NATO", "PKK", "AT&T"
    if not first and w in CONNECTORS:
        return w.lower()
    if "-" in w:
        parts = w.split("-")
        conv = []
        for j, p in enumerate(parts):
            if p in ARABIC_ARTICLES and j + 1 < len(parts):
                conv.append(p.capitalize() if (first and j == 0) else p.lower())
            elif j > 0 and p in {"E", "I", "UL", "UD", "US", "AL", "EL", "ASH", "AD", "AN", "AR",
                                 "AS", "AZ"}:
                conv.append(p.lower())  # "LASHKAR-E-TOIBA" -> "Lashkar-e-Toiba"
            elif org and p in acronyms:
                conv.append(p)
            else:
                conv.append(cap_word(p))
        return "-".join(conv)
    return cap_word(w)


def title_case(ws: list[str], acronyms: set[str], org: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(ws):
        w = ws[i]
        first = not out
        if w in ARABIC_ARTICLES and i + 1 < len(ws) and ws[i + 1] not in CONNECTORS:
            art = w.capitalize() if first else w.lower()  # "BASHAR_AL_ASSAD" -> "al-Assad"
            out.append(art + "-" + convert_word(ws[i + 1], acronyms, org, False))
            i += 2
            continue
        out.append(convert_word(w, acronyms, org, first))
        i += 1
    return " ".join(out)


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@dataclass
class Record:
    id: str
    type: str
    name: str
    aliases: list[str]
    codes: list[Code]
    source: str

    def countries(self) -> set[str]:
        return {c.code[:3] for c in self.codes}


def code_sort_key(c: Code):
    dated = c.start is not None or c.end is not None
    return (dated, c.start or c.end or "", c.end or "9999", c.code)


def derive(shared: Path, counts: Counter) -> list[Record]:
    base = shared / "events" / "petrarch2"
    blocks = {tag: read_blocks(base / f, counts) for f, tag in SOURCES}

    # Acronyms: one short token in the organisation dictionaries ("UN_", "NATO", "PKK").
    acronyms: set[str] = set()
    # The group entries of the country file count too ("ISIS_", "ISIL_", "AQI_").
    for tag in ("phoenix-intl", "phoenix-milnonstate", "phoenix-countries"):
        for b in blocks[tag]:
            if tag == "phoenix-countries" and (b.inline_code or not b.codes or not all(
                    is_group_code(c.code) for c in b.codes)):
                continue
            for n in [b.primary] + b.synonyms:
                ws = words_of(n)
                if ws and len(ws) == 1 and (
                    re.fullmatch(r"[A-Z]{2,4}", ws[0])
                    or (re.fullmatch(r"[A-Z]{5,6}", ws[0]) and sum(ch in VOWELS for ch in ws[0]) <= 1)
                ):
                    acronyms.add(ws[0])

    # Place words: country-level entries of the country file and their synonyms (AFGHAN,
    # KABUL, RUSSIAN...): a leading one before a title is stripped from a person's alias.
    place_words: set[str] = set()
    for b in blocks["phoenix-countries"]:
        if b.inline_code and not b.role_lines:
            for n in [b.primary] + b.synonyms:
                ws = words_of(n)
                if ws:
                    place_words.update(ws)

    def person_like(ws: list[str]) -> bool:
        return (1 <= len(ws) <= 8 and not is_role(ws)
                and not any(p in ORG_WORDS for w in ws for p in [w] + w.split("-"))
                and ws[0] not in CONNECTORS
                and not any(w in acronyms and len(ws) == 1 for w in ws))

    # First names: first words of dated persons of the country file (CountryInfo leaders).
    first_names: Counter = Counter()
    for b in blocks["phoenix-countries"]:
        if b.inline_code or not any(c.start or c.end for c in b.codes):
            continue
        ws = words_of(b.primary)
        if ws and 2 <= len(ws) <= 5 and person_like(ws):
            first_names[ws[0]] += 1

    def reads_as_person(ws: list[str]) -> bool:
        return (2 <= len(ws) <= 5 and person_like(ws)
                and (first_names.get(ws[0], 0) >= 2 or ws[0] in {"ABU", "SHEIKH"})
                and not any(w in acronyms for w in ws))

    def known_person(ws: list[str]) -> bool:
        return slug(" ".join(ws)) in dated_person_slugs

    def person_alias(ws: list[str]) -> list[str] | None:
        """A person's alias with leading titles removed ("RUSSIAN_PRESIDENT_VLADIMIR_PUTIN"
        -> VLADIMIR PUTIN); None if it is a description."""
        i = 0
        titled = False
        while i < len(ws) - 1 and (ws[i] in TITLE_WORDS or ws[i] in place_words):
            if ws[i] in TITLE_WORDS and ws[i] not in {"OF", "THE"}:
                titled = True
            i += 1
        rest = ws[i:] if titled or all(w in PER_PREFIX_OK for w in ws[:i]) else ws
        if rest and rest[0] in PER_PREFIX_OK:
            rest = rest[1:]
        if not rest or not person_like(rest):
            return None
        if len(rest) == 1 and (rest[0] in place_words or rest[0] in TITLE_WORDS
                               or len(rest[0]) < 3):
            return None
        return rest

    # Names of the dated persons of the country file: an undated entry of the same name
    # ("BASHAR_AL-ASSAD [SYRGOV]") is that person.
    dated_person_slugs: set[str] = set()
    for b in blocks["phoenix-countries"]:
        if b.inline_code or not any(c.start or c.end for c in b.codes):
            continue
        if all(is_group_code(c.code) for c in b.codes):
            continue
        for n in [b.primary] + b.synonyms:
            ws = words_of(n)
            pa = person_alias(ws) if ws else None
            if pa and len(pa) >= 2:
                dated_person_slugs.add(slug(" ".join(pa)))

    records: list[Record] = []
    for tag in ("phoenix-countries", "phoenix-intl", "phoenix-milnonstate"):
        for b in blocks[tag]:
            if tag == "phoenix-countries" and b.inline_code and not b.role_lines:
                counts["skipped: country or territory"] += 1
                continue
            if not b.codes:
                counts["skipped: no code"] += 1
                continue
            names = [b.primary] + b.synonyms
            wss = []
            for n in names:
                ws = words_of(n)
                if ws is None:
                    counts["names dropped: not a usable name (encoding, script, characters)"] += 1
                    continue
                wss.append(ws)
            if not wss:
                counts["skipped: no usable name"] += 1
                continue
            dated = any(c.start or c.end for c in b.codes)
            group_coded = all(is_group_code(c.code) for c in b.codes)
            # Type: the primary decides.
            pws = wss[0]
            if tag == "phoenix-milnonstate":
                # the group file lists a few leaders as entries ("OSAMA_BIN_LADEN_")
                kind = "PER" if (person_like(pws) and 2 <= len(pws) <= 6 and (
                    reads_as_person(pws) or known_person(pws)
                    or any(w in {"BIN", "IBN"} for w in pws))) else "ORG"
            elif tag == "phoenix-countries":
                if person_like(pws) and len(pws) >= 2 and (
                        (dated and not group_coded) or reads_as_person(pws)
                        or known_person(pws)):
                    kind = "PER"
                elif is_role(pws) and not group_coded:
                    kind = None
                else:
                    kind = "ORG"
            else:  # international
                if dated and person_like(pws):
                    kind = "PER"
                elif reads_as_person(pws):
                    kind = "PER"
                elif is_role(pws):
                    kind = None
                else:
                    kind = "ORG"
            # A person entry whose primary is a description ("SECRETARY-GENERAL_BAN_KI-MOON"):
            # its name is the first alias that reads as a name.
            if kind is None and dated:
                if any(person_alias(ws) for ws in wss):
                    kind = "PER"
            if kind is None:
                counts["skipped: role or description"] += 1
                continue
            out: list[str] = []
            if kind == "PER":
                for ws in wss:
                    pa = person_alias(ws)
                    if pa is None:
                        counts["aliases dropped: description"] += 1
                        continue
                    out.append(title_case(pa, set(), False))
                # the display name: the longest of the first aliases that has 2+ words
                if not out:
                    counts["skipped: no usable name"] += 1
                    continue
            else:
                for ws in wss:
                    if is_role(ws) or len(ws) > 12:
                        counts["aliases dropped: description"] += 1
                        continue
                    if reads_as_person(ws) and not is_role(ws):
                        counts["aliases dropped: person inside a group"] += 1
                        continue
                    if all(re.fullmatch(r"\d+(ST|ND|RD|TH)?", w) for w in ws):
                        continue
                    out.append(title_case(ws, acronyms, True))
                if not out:
                    counts["skipped: no usable name"] += 1
                    continue
            # dedupe (case-insensitively), keep order
            seen: set[str] = set()
            names_out = []
            for n in out:
                k = n.lower()
                if k not in seen:
                    seen.add(k)
                    names_out.append(n)
            name = names_out[0]
            if kind == "PER" and len(name.split()) == 1:
                multi = [n for n in names_out if len(n.split()) >= 2]
                if multi:
                    name = multi[0]
            aliases = [n for n in names_out if n != name]
            sid = slug(name)
            if not sid:
                counts["skipped: no usable name"] += 1
                continue
            codes = []
            for c in b.codes:
                if c not in codes:
                    codes.append(c)
            records.append(Record(("per:" if kind == "PER" else "org:") + sid, kind, name,
                                  aliases, codes, tag))

    # Merge records that share an id: same country prefixes (or one side without) -> one
    # record; otherwise the later ones get the country of their first code as a suffix.
    merged: dict[str, Record] = {}
    order: list[str] = []
    for r in records:
        rid = r.id
        while rid in merged:
            m = merged[rid]
            if m.countries() & r.countries() or m.source == r.source == "phoenix-intl":
                break
            rid = f"{r.id}_{sorted(r.countries())[0].lower()}"
            if rid in merged and not (merged[rid].countries() & r.countries()):
                rid = f"{rid}_{r.codes[0].code.lower()}"
        if rid in merged:
            m = merged[rid]
            for a in [r.name] + r.aliases:
                if a != m.name and a not in m.aliases:
                    m.aliases.append(a)
            for c in r.codes:
                if c not in m.codes:
                    m.codes.append(c)
            if SOURCE_RANK[r.source] < SOURCE_RANK[m.source]:
                m.source = r.source
            counts["merged: same id"] += 1
        else:
            r.id = rid
            merged[rid] = r
            order.append(rid)
    out = []
    for rid in sorted(merged):
        r = merged[rid]
        r.codes.sort(key=code_sort_key)
        low = r.name.lower()
        r.aliases = [a for a in dict.fromkeys(r.aliases) if a.lower() != low]
        out.append(r)
    return out


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

LICENCE_LINES = [
    "The MIT License (MIT)",
    "Copyright (c) 2014 Open Event Data",
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this",
    "software and associated documentation files (the \"Software\"), to deal in the Software",
    "without restriction, including without limitation the rights to use, copy, modify, merge,",
    "publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons",
    "to whom the Software is furnished to do so, subject to the following conditions:",
    "The above copyright notice and this permission notice shall be included in all copies or",
    "substantial portions of the Software.",
    "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,",
    "INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR",
    "PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE",
    "FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR",
    "OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER",
    "DEALINGS IN THE SOFTWARE.",
]

COLUMNS = ["id", "type", "name", "aliases", "codes", "source"]


def write(records: list[Record], out: Path) -> None:
    lines = [
        "# depeche actors knowledge base, derived from the Phoenix/PETRARCH actor dictionaries",
        "# (openeventdata/petrarch2 commit 676801cd9cb2924bbbad09f86d15c9323e7097bf,",
        "# data/dictionaries/Phoenix.{Countries,International,MilNonState}.actors.txt, 2014),",
        "# read from ../shared/data/events/petrarch2. See data/fr/kb/ACTORS.md.",
        f"# Command: {COMMAND}",
        "# Columns: " + "\t".join(COLUMNS),
        "#   codes: ';'-separated CAMEO actor codes, CODE or CODE@YYYY-MM-DD..YYYY-MM-DD (either",
        "#   end may be empty: open). aliases: '|'-separated. Rows of actors-fr.tsv with the same",
        "#   id override these.",
        "# Licence of the source dictionaries (petrarch2/LICENSE):",
    ] + ["#   " + l for l in LICENCE_LINES] + ["\t".join(COLUMNS)]
    for r in records:
        row = [r.id, r.type, r.name, "|".join(r.aliases), ";".join(c.render() for c in r.codes),
               r.source]
        for v in row:
            assert "\t" not in v and "\n" not in v, row
        lines.append("\t".join(row))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Validation of the tables (the derived one and the hand-written ones)
# ---------------------------------------------------------------------------------------------

ID_RE = re.compile(r"^(per|org|grp):[a-z0-9]+(_[a-z0-9]+)*$")
CODE_ITEM_RE = re.compile(
    r"^([A-Z]{3}[A-Z0-9]*)(?:@(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?)?$")
AGENT_RE = re.compile(r"^([A-Z]{3}([A-Z0-9]{3})*|=)?$")
QID_RE = re.compile(r"^(Q[1-9][0-9]*)?$")


def check_codes(value: str, path: Path, lineno: int, required: bool = True) -> None:
    if not value:
        if required:
            fail(path, lineno, "no code")
        return
    for item in value.split(";"):
        m = CODE_ITEM_RE.match(item)
        if not m:
            fail(path, lineno, f"bad code {item!r}")
        if "@" in item and not (m.group(2) or m.group(3)):
            fail(path, lineno, f"empty date range in {item!r}")
        for d in (m.group(2), m.group(3)):
            if d:
                try:
                    dt.date.fromisoformat(d)
                except ValueError:
                    fail(path, lineno, f"invalid date {d!r}")
        if m.group(2) and m.group(3) and m.group(3) < m.group(2):
            fail(path, lineno, f"date range ends before it starts: {item!r}")


def data_rows(path: Path):
    header_seen = False
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if raw == "" or raw.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            yield lineno, None, raw.split("\t")
            continue
        yield lineno, raw, raw.split("\t")


def validate_actors(path: Path, hand: bool) -> int:
    cols = COLUMNS + (["wikidata"] if hand else [])
    ids: set[str] = set()
    n = 0
    for lineno, raw, row in data_rows(path):
        if raw is None:
            if row != cols:
                fail(path, lineno, f"header should be {cols}")
            continue
        if len(row) != len(cols):
            fail(path, lineno, f"{len(row)} columns, expected {len(cols)}")
        if any(v != v.strip() for v in row):
            fail(path, lineno, "spaces around a value")
        rid, typ, name, aliases, codes, source = row[:6]
        if not ID_RE.match(rid):
            fail(path, lineno, f"bad id {rid!r}")
        if rid in ids:
            fail(path, lineno, f"duplicate id {rid}")
        ids.add(rid)
        if typ not in {"PER", "ORG"}:
            fail(path, lineno, f"bad type {typ!r}")
        if (typ == "PER") != rid.startswith("per:"):
            fail(path, lineno, "id prefix does not match the type")
        if not name:
            fail(path, lineno, "empty name")
        if aliases and any(not a or a != a.strip() for a in aliases.split("|")):
            fail(path, lineno, "empty or padded alias")
        check_codes(codes, path, lineno)
        if hand:
            if source != "hand":
                fail(path, lineno, "source must be 'hand'")
            if not QID_RE.match(row[6]):
                fail(path, lineno, f"bad wikidata id {row[6]!r}")
        elif source not in SOURCE_RANK:
            fail(path, lineno, f"bad source {source!r}")
        n += 1
    return n


AGENT_COLUMNS = ["phrase", "agent", "label", "number", "kind"]


def validate_agents(path: Path) -> int:
    seen: set[tuple[str, str]] = set()
    n = 0
    for lineno, raw, row in data_rows(path):
        if raw is None:
            if row != AGENT_COLUMNS:
                fail(path, lineno, f"header should be {AGENT_COLUMNS}")
            continue
        if len(row) != len(AGENT_COLUMNS):
            fail(path, lineno, f"{len(row)} columns, expected {len(AGENT_COLUMNS)}")
        phrase, agent, label, number, kind = row
        if not phrase or phrase != phrase.strip() or phrase != phrase.lower() or "  " in phrase:
            fail(path, lineno, f"phrase must be lower-case, single-spaced: {phrase!r}")
        if not AGENT_RE.match(agent):
            fail(path, lineno, f"bad agent code {agent!r}")
        if not label:
            fail(path, lineno, "empty label")
        if number not in {"sg", "pl"}:
            fail(path, lineno, f"bad number {number!r}")
        if kind not in {"PER", "ORG", "anaphor", "anaphor-city", "anaphor-country", "anaphor-region"}:
            fail(path, lineno, f"bad kind {kind!r}")
        if kind.startswith("anaphor") and agent not in {"", "="}:
            fail(path, lineno, "an anaphor takes no agent code (empty or '=')")
        # A person noun may name no office ("rival", "collègue"): it only links a mention.
        if kind == "ORG" and agent == "":
            fail(path, lineno, "empty agent code")
        if (phrase, number) in seen:
            fail(path, lineno, f"duplicate phrase {phrase!r}")
        seen.add((phrase, number))
        n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared" / "data"),
                    help="the shared data folder (default ../shared/data)")
    ap.add_argument("--out", default=str(REPO / "data" / "fr" / "kb" / "actors.tsv"))
    ap.add_argument("--check", action="store_true",
                    help="only validate actors-fr.tsv and agents-fr.tsv")
    args = ap.parse_args()
    kb = REPO / "data" / "fr" / "kb"
    counts: Counter = Counter()
    try:
        if not args.check:
            records = derive(Path(args.shared), counts)
            out = Path(args.out)
            write(records, out)
            counts["rows actors.tsv"] = validate_actors(out, hand=False)
            by_type = Counter(r.type for r in records)
            by_source = Counter(r.source for r in records)
            for k, v in sorted(by_type.items()):
                counts[f"rows actors.tsv type {k}"] = v
            for k, v in sorted(by_source.items()):
                counts[f"rows actors.tsv source {k}"] = v
            counts["codes actors.tsv"] = sum(len(r.codes) for r in records)
            counts["codes actors.tsv dated"] = sum(
                1 for r in records for c in r.codes if c.start or c.end)
            counts["aliases actors.tsv"] = sum(len(r.aliases) for r in records)
        hand = kb / "actors-fr.tsv"
        if hand.exists():
            counts["rows actors-fr.tsv"] = validate_actors(hand, hand=True)
        agents = kb / "agents-fr.tsv"
        if agents.exists():
            counts["rows agents-fr.tsv"] = validate_agents(agents)
    except SourceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for k in sorted(counts):
        print(f"{k}\t{counts[k]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
