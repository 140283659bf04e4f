#!/usr/bin/env python3
"""Derive depeche's French NER gazetteer (data/fr/ner/gazetteer.tsv) from ../shared/data.

Usage (from the repository root):

    python3 scripts/derive_gazetteer.py [--shared ../shared/data] [--out data/fr/ner/gazetteer.tsv]

Python 3.11 standard library only; the output is sorted and does not depend on the run.
Every phrase is written tokenized the way depeche's French tokenizer (src/segment/tokenize.rs)
splits it, using the tokenizer's own word lists in data/fr/ (elisions, abbreviations,
exceptions, clitics): tokens joined by single spaces, "l' Élysée", "Côte d' Ivoire",
"Saint-Pétersbourg", "U.S.A.". Names the tokenizer would cut at punctuation (commas,
parentheses, slashes, a dot that is not an abbreviation's) are dropped. Apostrophes are folded
to ASCII "'" (the tagger folds ’ and ʼ the same way before lookups).

See data/fr/ner/GAZETTEER.md for the sources, their licences and the choices made.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMAND = "python3 scripts/derive_gazetteer.py --shared ../shared/data"

# Cities at or above this population also contribute their GeoNames alternate names
# (filtered, see `alternate_ok`); smaller ones contribute only their main name.
ALT_MIN_POPULATION = 100_000
SIZE_BUDGET = 3_000_000

# Source tags, in order of precedence: when a (phrase, type) pair comes from several sources,
# the first one in this list is recorded.
SOURCES = [
    "hand",
    "cldr",
    "mledoze",
    "geonames",
    "phoenix-intl",
    "phoenix-milnonstate",
    "phoenix-countries",
]
TYPES = ["LOC", "PER", "ORG", "MISC"]

# ---------------------------------------------------------------------------------------------
# Tokenizer emulation (mirrors src/segment/tokenize.rs for the characters names contain)
# ---------------------------------------------------------------------------------------------

APOSTROPHES = "’ʼ‘`´"


def fold_apostrophes(s: str) -> str:
    for a in APOSTROPHES:
        s = s.replace(a, "'")
    return s


def read_entries(path: Path) -> list[str]:
    """Lines of a data/fr word list, as the Rust `entries` reads them."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(fold_apostrophes(line))
    return out


class Tokenizer:
    def __init__(self, data_dir: Path):
        self.abbreviations = set(read_entries(data_dir / "abbreviations.txt"))
        self.final_abbreviations = set(read_entries(data_dir / "abbreviations-final.txt"))
        self.elisions = {e.lower() for e in read_entries(data_dir / "elisions.txt")}
        self.exceptions = {e.lower() for e in read_entries(data_dir / "tokenizer-exceptions.txt")}
        self.clitics = sorted(
            {c.lower() for c in read_entries(data_dir / "clitics.txt")}, key=len, reverse=True
        )

    @staticmethod
    def _lookup(table: set[str], word: str) -> bool:
        return word in table or word.lower() in table

    @staticmethod
    def is_initials(word: str) -> bool:
        # "J.", "J.-Y.", "U.S.A.": capital letters each followed by a dot, maybe hyphen-joined.
        return re.fullmatch(r"(?:[^\W\d_a-z]\.-?)+", word) is not None and all(
            c.isupper() for c in word if c.isalpha()
        ) and not word.endswith("-")

    @staticmethod
    def is_dotted_abbreviation(word: str) -> bool:
        if not word.endswith("."):
            return False
        groups = word[:-1].split(".")
        return len(groups) >= 2 and all(1 <= len(g) <= 3 and g.isalpha() for g in groups)

    def keeps_dot(self, word: str) -> bool:
        return (
            self._lookup(self.abbreviations, word)
            or self._lookup(self.final_abbreviations, word)
            or self.is_initials(word)
            or self.is_dotted_abbreviation(word)
        )

    def clitic_suffix(self, word: str) -> str | None:
        if "-" not in word:
            return None
        lower = word.lower()
        for c in self.clitics:
            if lower.endswith(c) and len(lower) > len(c):
                return word[len(word) - len(c):]
        return None

    def split_word(self, chunk: str) -> list[str] | None:
        """Tokens of one whitespace-free chunk, or None where the tokenizer would cut
        punctuation off or out of it (such names are not kept)."""
        if not chunk or chunk[0] in "'-" or chunk[-1] == "-" or "--" in chunk:
            return None
        if chunk[-1] == "'" and not self._lookup(self.elisions, chunk[:-1]):
            return None
        if chunk.endswith(".") and not (len(chunk) > 1 and self.keeps_dot(chunk)):
            return None
        if "." in chunk[:-1] and not chunk.endswith("."):
            return None  # "St.Louis": not a shape names are written in
        if chunk.lower() in self.exceptions:
            return [chunk]
        tokens: list[str] = []
        rest = chunk
        # Elisions off the front: "l'Élysée" -> "l'" "Élysée"; "N'Djamena" -> "N'" "Djamena".
        while True:
            at = rest.find("'")
            if at <= 0:
                break
            after = rest[at + 1:at + 2]
            if rest[:at].lower() in self.elisions and after and after.isalnum():
                tokens.append(rest[: at + 1])
                rest = rest[at + 1:]
                if rest.lower() in self.exceptions:
                    return tokens + [rest]
            else:
                break
        # Clitics off the back ("dit-il"); names almost never end in one, but mirror the rule.
        clitics: list[str] = []
        while (c := self.clitic_suffix(rest)) is not None:
            stem = rest[: len(rest) - len(c)]
            object_like = c.lower() in {"-le", "-la", "-les", "-en", "-y", "-là", "-ci"}
            stem_ok = (
                all(ch.isalpha() or ch == "-" for ch in stem)
                and not stem.endswith("-")
                and (not object_like or (stem[:1].islower()))
            )
            if rest.lower() in self.exceptions or not stem_ok:
                break
            clitics.insert(0, c)
            rest = stem
        tokens.append(rest)
        return tokens + clitics

    def phrase(self, name: str) -> str | None:
        """The name as space-joined tokens, or None if it cannot be a clean phrase."""
        name = unicodedata.normalize("NFC", fold_apostrophes(name)).strip()
        name = " ".join(name.split())
        if not name or len(name) > 60:
            return None
        if re.search(r"[,;:!?()\[\]{}«»\"“”/\\|…—–°%@#*+=<>_~^$€]", name):
            return None
        out: list[str] = []
        for chunk in name.split(" "):
            toks = self.split_word(chunk)
            if toks is None:
                return None
            out.extend(toks)
        return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------

# Single-token phrases that are ordinary French words when capitalised at a sentence start (or
# in titles), and so would fire the gazetteer feature on nearly every sentence. Compared on the
# whole phrase, case-insensitively.
STOPLIST = {
    # determiners, pronouns, prepositions, conjunctions, adverbs
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "au", "aux", "il", "ils",
    "elle", "elles", "on", "nous", "vous", "je", "tu", "en", "y", "dans", "pour", "par", "sur",
    "sous", "avec", "sans", "mais", "et", "ou", "où", "donc", "or", "ni", "car", "ce", "cet",
    "cette", "ces", "son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes", "notre", "nos",
    "votre", "vos", "tout", "tous", "toute", "toutes", "plus", "moins", "bien", "fin", "mars",
    "si", "selon", "après", "avant", "depuis", "pendant", "entre", "vers", "chez", "contre",
    "comme", "alors", "ainsi", "aussi", "encore", "déjà", "enfin", "puis", "quand", "que",
    "qui", "quoi", "dont", "lors", "malgré", "outre", "hier", "demain", "aujourd'hui", "ici",
    "là", "non", "oui", "pas", "très", "trop", "peu", "beaucoup", "même", "autre", "autres",
    "chaque", "plusieurs", "certains", "aucun", "aucune", "deux", "trois", "quatre", "cinq",
    "six", "sept", "huit", "neuf", "dix", "cent", "mille", "premier", "première", "dernier",
    "dernière", "nouveau", "nouvelle", "grand", "grande", "petit", "petite", "bon", "bonne",
    "saint", "sainte", "santa", "san", "mont", "port", "cap", "val", "pont", "bois", "lac",
    "île", "ile", "mer", "rive", "côte", "ville", "centre", "nord", "sud", "est", "ouest",
    "monde", "état", "etat", "pays", "république", "royaume", "union", "région", "province",
    "capitale", "président", "ministre", "gouvernement", "armée", "police", "justice", "paix",
    "guerre", "loi", "vie", "mort", "homme", "femme", "temps", "jour", "an", "ans", "mois",
    "semaine", "heure", "heures", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche", "janvier", "février", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "a", "à", "ô", "o", "i", "x", "s", "c", "e",
    "central", "north", "south", "east", "west", "capital", "city", "the", "of", "and",
    "no", "one", "new", "old", "mid", "upper", "lower", "western", "eastern", "northern",
    "southern", "first", "second", "third", "mission", "alliance", "total", "national",
    "international", "général", "general",
    # GeoNames/CLDR names found as ordinary words in French NER and UD corpora
    # (wikineural-fr, hipe2020-fr, UD French-GSD, under ../shared/data)
    "se", "tour", "celle", "cela", "durant", "seul", "roman", "terme", "canton", "bat", "ami",
    "date", "situe", "centrale", "peine", "avion", "gare", "tir", "sol", "vite", "trente",
    "rouge", "sert", "mari", "gaz", "dure", "plateau", "do", "surprise", "temple", "solo",
    "monte", "collines", "tire", "jette", "conception", "delta", "vin", "montagnes", "estuaire",
    "donna", "plaisir", "parole", "pop", "lu", "libres", "pari", "maritime", "littoral", "von",
    "van", "nord-ouest", "nord-est", "sud-ouest", "sud-est", "centre-est", "centre-ouest",
    "centre-nord", "centre-sud", "haut", "haute", "bas", "basse", "moyen", "moyenne",
}

# Single-token names that are also ordinary French (or English) words: kept (they are real
# places, groups or things in the news), and listed by the run so that a reader can see them.
# Reported, not filtered: the tagger uses the gazetteer as one feature among many.
AMBIGUOUS_WATCH = {
    "Orange", "Tours", "Lens", "Vienne", "Sens", "Nice", "Grasse", "Bar", "Gap", "Moulins",
    "Colombes", "Saintes", "Valence", "Laval", "Victoria", "Florence", "Réunion", "Rugby",
    "Natal", "Saga", "Manga", "Détroit", "Golfe", "Cognac", "Champagne", "Bordeaux",
    "Providence", "Progreso", "Marne", "Manche", "Charente", "Mode", "Belle", "Fort", "Plaine",
    "Concorde", "Liberté", "Espoir", "Union", "Total", "Mondial", "Mistral", "Rafale", "Mirage",
    "Sentinelle", "Serval", "Fed", "Hollande", "Levant", "Aube", "Somme", "Loire",
    "Lot", "Cher", "Creuse", "Var", "Gard", "Ain", "Tarn", "Orne", "Eure", "Mans", "Bourg",
    "Nation", "Paix", "Victoire", "Avenir", "Progrès", "Orient", "Étoile",
}

# Names that are not names of the thing in French news usage or clash with the hand lists.
NOT_NAMES = {
    "Nations Unies",  # CLDR territory "UN": the organisation, listed by hand as ORG
    "Union européenne",
}

FRENCH_LETTERS = set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
)


ALT_CONNECTORS = {
    "de", "du", "des", "la", "le", "les", "en", "sur", "sous", "lès", "lez", "aux", "au", "et",
    "el", "al", "ez", "es", "ed", "ad", "as", "ar", "an", "ul", "am", "an", "der", "di", "da",
    "do", "dos", "das", "del", "y",
}


def alternate_ok(name: str) -> bool:
    """A GeoNames alternate name worth keeping: Latin script written with the French alphabet
    (no Polish/Turkish/Vietnamese letters: those spellings are not the ones French news uses),
    2-40 characters, starting with a capital, not an all-caps code, no digits."""
    if not (2 <= len(name) <= 40):
        return False
    if not name[0].isupper():
        return False
    if any(ch.isdigit() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or all(ch.isupper() for ch in letters):
        return False
    if any(ch.isalpha() and ch not in FRENCH_LETTERS for ch in name):
        return False
    name = fold_apostrophes(name)
    if any(not (ch.isalpha() or ch in " -'.") for ch in name):
        return False
    if re.match(r"[A-Z]{2}[a-z]", name):
        return False  # "AEbha", "AEx-in-Profentse": Æ written as two letters
    # Every word (between spaces and hyphens) is capitalised, or a French/Arabic connector:
    # this keeps "Saint-Pétersbourg", "Le Caire", "Aix-en-Provence", "Deir ez-Zor" and drops
    # romanisations like "A-k'o-su-hsien" or "Cjurikh khot".
    for word in re.split(r"[ -]+", name):
        if not word:
            return False
        if "'" in word:
            head, _, tail = word.partition("'")
            if head.lower() not in ("d", "l") or not tail[:1].isupper():
                return False
            continue
        if not word[0].isupper() and word not in ALT_CONNECTORS:
            return False
    return True


def starts_with_capital(phrase: str) -> bool:
    first = phrase[0]
    return first.isupper() or first.isdigit()


# ---------------------------------------------------------------------------------------------
# Collection
# ---------------------------------------------------------------------------------------------


class Gazetteer:
    def __init__(self, tok: Tokenizer, stoplist: set[str]):
        self.tok = tok
        self.stoplist = stoplist
        self.entries: dict[tuple[str, str], str] = {}  # (phrase, type) -> source
        self.offered = Counter()  # (source, type) -> names offered
        self.rejected = Counter()  # reason -> count
        self.hand_types: dict[str, set[str]] = defaultdict(set)

    def add(self, name: str, typ: str, source: str, *, check_stop: bool = True) -> bool:
        assert typ in TYPES and source in SOURCES, (typ, source)
        self.offered[(source, typ)] += 1
        phrase = self.tok.phrase(name)
        if phrase is None:
            self.rejected["punctuation/shape"] += 1
            return False
        if not starts_with_capital(phrase):
            self.rejected["lower-case start"] += 1
            return False
        if not any(ch.isalpha() for ch in phrase):
            self.rejected["no letter"] += 1
            return False
        # "Un", "Est" are refused, "UN" (the organisation) is not.
        acronym = len(phrase) > 1 and phrase.isupper()
        if check_stop and " " not in phrase and phrase.lower() in self.stoplist and not acronym:
            self.rejected["stoplist"] += 1
            return False
        if source != "hand" and phrase in NOT_NAMES:
            self.rejected["not a name of this type"] += 1
            return False
        if len(phrase) < (2 if acronym or source == "hand" else 3):
            self.rejected["too short"] += 1
            return False
        key = (phrase, typ)
        old = self.entries.get(key)
        if old is None or SOURCES.index(source) < SOURCES.index(old):
            self.entries[key] = source
        if source == "hand":
            self.hand_types[phrase].add(typ)
        return True

    def finish(self, demonyms: set[str]) -> None:
        # The hand lists decide the type of the phrases they name ("Maison Blanche" is ORG,
        # "Matignon" LOC): drop the other types the automatic sources gave them.
        for (phrase, typ) in list(self.entries):
            hand = self.hand_types.get(phrase)
            if hand and typ not in hand:
                del self.entries[(phrase, typ)]
                self.rejected["overridden by hand list"] += 1
            elif phrase in demonyms and self.entries[(phrase, typ)] != "hand":
                del self.entries[(phrase, typ)]
                self.rejected["demonym"] += 1


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------


def data_lines(path: Path):
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def strip_article(name: str) -> str:
    """"Les états-unis d'Amérique" -> "états-unis d'Amérique" (then refused: lower case)."""
    for art in ("Le ", "La ", "Les ", "L'", "L’"):
        if name.startswith(art):
            return name[len(art):]
    return name


def load_countries(g: Gazetteer, shared: Path) -> set[str]:
    demonyms: set[str] = set()
    base = shared / "gazetteer" / "countries"
    for row in data_lines(base / "countries-fr-demonyms.tsv"):
        common, official, dem_m, dem_f = row[3], row[4], row[5], row[6]
        g.add(common, "LOC", "mledoze")
        g.add(strip_article(official), "LOC", "mledoze")
        for d in (dem_m, dem_f):
            if d:
                demonyms.add(d)
                demonyms.add(d + ("" if d.endswith(("s", "x")) else "s"))
    for row in data_lines(base / "cldr-fr-territories.tsv"):
        g.add(row[1], "LOC", "cldr")
    for row in data_lines(base / "cldr-fr-exemplar-cities.tsv"):
        g.add(row[1], "LOC", "cldr")
    translations = json.loads(
        (shared / "gazetteer" / "geonames" / "country_translations.json").read_text("utf-8")
    )
    for gid in sorted(translations, key=int):
        fr = translations[gid].get("fr")
        if fr:
            g.add(fr, "LOC", "geonames")
    return demonyms


def load_geonames(g: Gazetteer, shared: Path, min_pop: int) -> None:
    base = shared / "gazetteer" / "geonames"
    for row in data_lines(base / "cities15000.txt"):
        name, alternates, population = row[1], row[3], int(row[14] or 0)
        g.add(name, "LOC", "geonames")
        if population >= min_pop and alternates:
            for alt in alternates.split(","):
                alt = alt.strip()
                if alt != name and alternate_ok(alt):
                    g.add(alt, "LOC", "geonames")
    for row in data_lines(base / "admin1.tsv"):
        g.add(row[1], "LOC", "geonames")


# --- Phoenix / PETRARCH actor dictionaries ---------------------------------------------------

CODE_RE = re.compile(r"\[([^\]]*)\]")
DATED_RE = re.compile(r"[<>]\s*\d|\d{6}")

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
    "SUPPORTERS", "SYMPATHIZERS", "GUNMEN", "INSURGENT", "INSURGENTS", "MEN", "WOMEN'S", "ADVISER",
    "ADVISOR", "ADVISERS", "ENVOY'S", "MISSION", "PERSONNEL", "EMPLOYEE", "EMPLOYEES",
    "SPOKESMEN", "VOLUNTEER", "VOLUNTEERS", "AGENT", "AGENTS", "COMMISSIONER", "COORDINATOR",
    "GOVERNOR", "DEPUTY", "VICE", "FORMER", "EX", "ACTING", "SENIOR", "GEN", "GEN.", "SEC.",
    "ADMINISTRATOR", "PROSECUTOR", "JUDGE", "JUDGES", "NEGOTIATOR", "NEGOTIATORS", "MEDIATOR",
    "ATTACK", "ATTACKS", "BOMBER", "BOMBERS", "SUSPECT", "SUSPECTS", "ELEMENTS", "CELL", "CELLS",
    "GOVERNMENT", "ADMINISTRATION", "REGIME", "CABINET", "MINISTRY", "OPERATIONS", "OPERATION",
    "UNIT", "UNITS", "SQUAD", "PATROL", "CONVOY", "CAMP", "CAMPS",
}
ROLE_SEQUENCES = ("FORCES OF", "FORCE OF", "PEOPLE OF", "FRIENDS OF", "SUPPORTERS OF")

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
    "COOPERATION", "DEVELOPMENT", "PEACE", "HEALTH", "EDUCATION", "RESEARCH", "GROUP'S",
    "FAMILY", "TRIBE", "CLAN", "SECT", "REGIME", "EMBASSY", "CONSULATE", "POLICE", "GUARD",
    "GUARDS", "MARTYRS", "MARTYRS'", "CORPS", "COMMANDOS", "TIGERS", "CELL", "INTERNATIONALE",
    "SOLIDARITY", "PARTNERS", "CAPITAL", "INVESTMENTS", "INSURANCE", "MEDIA", "GAZETTE",
    "JOURNAL", "HERALD", "POST", "TRIBUNE", "AGENCE", "FEDERAL", "STATE", "STATES", "REPUBLIC",
    "KINGDOM", "MINISTRY", "SCHOOL", "HOSPITAL", "CLINIC", "LABORATORIES", "PHARMACEUTICALS",
    "TELECOM", "COMMUNICATIONS", "AUTHORITIES", "ASSOCIATES", "LLC", "PLC", "GMBH", "SA", "AG",
}

# Lower-cased inside a converted name (not first).
CONNECTORS = {
    "OF", "THE", "AND", "FOR", "IN", "ON", "AT", "TO", "BY", "WITH", "FROM", "AGAINST", "DE",
    "DEL", "DELLA", "DES", "DU", "LA", "LE", "LES", "DA", "DO", "DOS", "DAS", "DI", "VAN", "VON",
    "DER", "DEN", "Y", "E", "ET", "BIN", "BINT", "IBN", "UND", "FI", "WAL", "POUR", "SUR", "AUX",
    "AU", "EN", "PAR", "CONTRE", "DEGLI", "DELLE", "DEI",
}
ARABIC_ARTICLES = {"AL", "EL"}
VOWELS = set("AEIOUY")


def phoenix_blocks(path: Path):
    """(primary, [synonyms], [codes], comments) blocks of a TABARI/PETRARCH .actors file."""
    block = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        codes = CODE_RE.findall(body)
        name = CODE_RE.sub(" ", body).strip()
        if raw[0] in " \t":
            if block is not None:
                block[2].extend(codes)
                block[3].append(comment)
            continue
        if name.startswith("+"):
            if block is not None:
                block[1].append(name[1:].strip())
                block[2].extend(codes)
                block[3].append(comment)
            continue
        if block is not None:
            yield block
        block = (name, [], list(codes), [comment])
    if block is not None:
        yield block


def phoenix_words(name: str) -> list[str] | None:
    """Upper-case words of a Phoenix phrase; None if it holds characters names should not."""
    name = name.strip().strip("_").strip()
    if not name or not re.fullmatch(r"[A-Z0-9_ .'&-]+", name):
        return None
    words = [w for w in re.split(r"[_ ]+", name) if w]
    if words and words[0] == "THE":
        words = words[1:]
    return words or None


def is_role(words: list[str]) -> bool:
    joined = " ".join(words)
    return any(w in ROLE_WORDS for w in words) or any(s in joined for s in ROLE_SEQUENCES)


def cap_word(w: str) -> str:
    """"PUTIN" -> "Putin", "MCKENNA" -> "McKenna", "O'BRIEN" -> "O'Brien", "D'ESCOTO" ->
    "D'Escoto", "CHILDREN'S" -> "Children's"."""
    if "'" in w:
        head, _, tail = w.partition("'")
        if len(head) == 1 and tail:
            return head.upper() + "'" + cap_word(tail)
        if head in {"QU", "JUSQU"} and tail:
            return head.capitalize() + "'" + cap_word(tail)
        return w.capitalize()
    out = w.capitalize()
    if re.fullmatch(r"Mc[a-z]{2,}", out):
        out = "Mc" + out[2:].capitalize()
    return out


def title_case(words: list[str], acronyms: set[str], kind: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        first = not out
        if w in ARABIC_ARTICLES and i + 1 < len(words) and words[i + 1] not in CONNECTORS:
            # "BASHAR_AL_ASSAD" -> "Bashar al-Assad"; "AL_QAEDA" -> "Al-Qaeda"
            art = w.capitalize() if first else w.lower()
            out.append(art + "-" + convert_word(words[i + 1], acronyms, kind, False))
            i += 2
            continue
        out.append(convert_word(w, acronyms, kind, first))
        i += 1
    return " ".join(out)


def convert_word(w: str, acronyms: set[str], kind: str, first: bool) -> str:
    if re.fullmatch(r"\d+(ST|ND|RD|TH)", w):
        return w.lower()  # "23RD" -> "23rd"
    if "." in w or any(ch.isdigit() for ch in w):
        return w  # "U.N.", "V.", "G8"
    if kind == "ORG" and (w in acronyms or not (set(w) & VOWELS) or "&" in w):
        return w  # "UN", "NATO", "PKK", "AT&T"
    if not first and w in CONNECTORS:
        return w.lower()
    if "-" in w:
        parts = w.split("-")
        conv = []
        for j, p in enumerate(parts):
            if p in ARABIC_ARTICLES and j + 1 < len(parts):
                conv.append(p.capitalize() if (first and j == 0) else p.lower())
            elif j > 0 and p in {"E", "I", "UL", "UD", "US", "AL", "EL", "ASH", "AD", "AN", "AR", "AS", "AZ"}:
                conv.append(p.lower())  # "LASHKAR-E-TOIBA" -> "Lashkar-e-Toiba"
            else:
                conv.append(cap_word(p))
        return "-".join(conv)
    out = cap_word(w)
    if not first and re.fullmatch(r"[DL]'\w.*", out):
        out = out[0].lower() + out[1:]  # "POUR_L'ECOLE" -> "pour l'Ecole"
    return out


def load_phoenix(g: Gazetteer, shared: Path) -> None:
    base = shared / "events" / "petrarch2"
    intl = list(phoenix_blocks(base / "Phoenix.International.actors.txt"))
    mns = list(phoenix_blocks(base / "Phoenix.MilNonState.actors.txt"))
    countries = list(phoenix_blocks(base / "Phoenix.Countries.actors.txt"))

    # Acronyms: names written as one short token in the organisation dictionaries ("UN_",
    # "NATO", "IAEA_", "PKK"). Inside a longer organisation name they stay in capitals.
    acronyms: set[str] = set()
    for primary, synonyms, _codes, _comments in intl + mns:
        for n in [primary] + synonyms:
            ws = phoenix_words(n)
            if ws and len(ws) == 1 and (
                re.fullmatch(r"[A-Z]{2,4}", ws[0])
                or (re.fullmatch(r"[A-Z]{5,6}", ws[0]) and len(set(ws[0]) & VOWELS) <= 1)
            ):
                acronyms.add(ws[0])

    # English demonyms and country names: a "person" made of them is a group ("SYRIAN_REBELS").
    mledoze = json.loads((shared / "gazetteer" / "countries" / "mledoze-countries.json")
                         .read_text("utf-8"))
    group_words: set[str] = set()
    for c in mledoze:
        for d in (c.get("demonyms", {}).get("eng", {}) or {}).values():
            group_words.update(d.upper().replace(" ", "_").split("_"))
        common = c.get("name", {}).get("common", "")
        if " " not in common:
            group_words.add(common.upper())

    first_names: Counter = Counter()

    def person_words(n: str) -> list[str] | None:
        ws = phoenix_words(n)
        if not ws or not (2 <= len(ws) <= 5) or is_role(ws):
            return None
        if any(w in ORG_WORDS or w in group_words for w in ws):
            return None
        if ws[0] in CONNECTORS:
            return None
        return ws

    def add_person(ws: list[str], source: str) -> None:
        g.add(title_case(ws, set(), "PER"), "PER", source)

    # Persons of the country dictionary: primaries whose roles are dated ("[FRAGOV >120515]",
    # "[SYRELI 830101-000101]") or that come from CountryInfo's leader lists.
    for primary, synonyms, codes, _comments in countries:
        dated = any(DATED_RE.search(c) for c in codes)
        if not dated:
            continue
        ws = person_words(primary)
        if ws is None:
            continue
        first_names[ws[0]] += 1
        add_person(ws, "phoenix-countries")
        for s in synonyms:
            sw = person_words(s)
            if sw is not None:
                add_person(sw, "phoenix-countries")

    def org_words(n: str) -> list[str] | None:
        ws = phoenix_words(n)
        if not ws or is_role(ws) or len(ws) > 8:
            return None
        return ws

    months = {"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
              "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"}

    def add_org(ws: list[str], source: str) -> None:
        # "MAY_15", "21_JUNE", "380": group names made of a date or a number alone are left out.
        if all(w in months or re.fullmatch(r"\d+(ST|ND|RD|TH)?", w) for w in ws):
            return
        g.add(title_case(ws, acronyms, "ORG"), "ORG", source)

    def reads_as_person(ws: list[str]) -> bool:
        return (first_names.get(ws[0], 0) >= 2 and len(ws) <= 4
                and not any(w in ORG_WORDS or w in acronyms for w in ws))

    for primary, synonyms, codes, comments in intl:
        dated = any(DATED_RE.search(c) for c in codes)
        is_mnc = any(c.strip().startswith("MNC") for c in codes)
        names = [primary] + synonyms
        # Companies come with their revenue ("# Semiconductors\t$14,000,000,000"): the long
        # tail of small US corporations is left out, keeping those of $1 billion and more.
        revenues = [int(m.replace(",", "")) for c in comments
                    for m in re.findall(r"\$([\d,]+)", c)]
        if is_mnc and revenues and max(revenues) < 1_000_000_000:
            continue
        if dated:
            for n in names:
                ws = person_words(n)
                if ws is not None:
                    first_names[ws[0]] += 1
                    add_person(ws, "phoenix-intl")
            continue
        for n in names:
            ws = org_words(n)
            if ws is None:
                continue
            if reads_as_person(ws):
                # An undated entry that reads as a person ("LOUISE_ARBOUR_", "EARL_SLACK_").
                if person_words(n) is not None:
                    add_person(ws, "phoenix-intl")
                continue
            org_like = is_mnc or len(ws) == 1 or any(w in ORG_WORDS for w in ws) \
                or any(w in acronyms for w in ws)
            if org_like:
                add_org(ws, "phoenix-intl")
            # else: ambiguous (a person with a rare first name, or a brand): left out.

    for primary, synonyms, _codes, _comments in mns:
        for n in [primary] + synonyms:
            # "FREE_ACEH_MOVEMENT_(GAM)_" -> "FREE_ACEH_MOVEMENT"
            n = re.sub(r"_*\([A-Z0-9 _.-]*\)_*$", "", n.strip())
            ws = org_words(n)
            # The group files list some leaders as synonyms ("AYMAN_AL-ZAWAHIRI"): not ORG.
            if ws is not None and not reads_as_person(ws):
                add_org(ws, "phoenix-milnonstate")


# ---------------------------------------------------------------------------------------------
# Hand lists (written for depeche; source=hand)
# ---------------------------------------------------------------------------------------------

HAND_ORG = """
ONU|Nations unies|Nations Unies|Organisation des Nations unies|OTAN|Otan|Alliance atlantique|UE|Union européenne
Commission européenne|Parlement européen|Conseil européen|Conseil de l'Europe|Conseil de sécurité
Cour pénale internationale|CPI|Cour internationale de justice|FMI|Fonds monétaire international
Banque mondiale|OMS|Organisation mondiale de la santé|OMC|Organisation mondiale du commerce|AIEA
Agence internationale de l'énergie atomique|OSCE|Croix-Rouge|Comité international de la Croix-Rouge
CICR|Croissant-Rouge|Amnesty International|Human Rights Watch|Médecins sans frontières|MSF
Reporters sans frontières|RSF|Observatoire syrien des droits de l'homme|OSDH|AFP
Agence France-Presse|Reuters|BFM TV|BFMTV|France 24|RFI|TF1|France Télévisions|Le Monde
Daesh|Daech|État islamique|Etat islamique|EI|Organisation État islamique|Al-Qaïda|Al-Qaida|Aqmi
Al-Nosra|Front al-Nosra|Hezbollah|Hamas|Fatah|Talibans|Boko Haram|Shebab|PKK|PYD|YPG|ASL
Armée syrienne libre|Coalition nationale syrienne|Front national|FN|Rassemblement national
Les Républicains|UMP|PS|Parti socialiste|LREM|La République en marche|La France insoumise|EELV
UDI|PCF|CGT|CFDT|Medef|SNCF|RATP|EDF|Engie|Renault|Total|Airbus|Dassault|Thales|DCNS|Google
Facebook|Gazprom|Kremlin|Élysée|Pentagone|Maison Blanche|Maison-Blanche|Département d'État
Quai d'Orsay|Assemblée nationale|Sénat|Conseil constitutionnel|Conseil d'État|Douma|Knesset
Bundestag|Interpol|Europol|Frontex|UNESCO|Unesco|UNICEF|Unicef|HCR|OPEP|G7|G8|G20|BCE
Banque centrale européenne|Fed|Réserve fédérale|Ligue arabe|Union africaine|DGSE|DGSI|CIA|FBI
FSB|Mossad
"""

HAND_PER = """
Vladimir Poutine|Poutine|Sergueï Choïgou|Choïgou|Sergueï Lavrov|Lavrov|Dmitri Medvedev|Dmitri Peskov
Mikhaïl Gorbatchev|Boris Eltsine|Ramzan Kadyrov|Alexeï Navalny|François Hollande|Hollande
Jean-Yves Le Drian|Le Drian|Laurent Fabius|Fabius|Manuel Valls|Valls|Bernard Cazeneuve
Jean-Marc Ayrault|Ségolène Royal|Christiane Taubira|Emmanuel Macron|Macron|Édouard Philippe
Nicolas Sarkozy|Sarkozy|Jacques Chirac|François Mitterrand|Charles de Gaulle|De Gaulle
Valéry Giscard d'Estaing|Lionel Jospin|Alain Juppé|François Fillon|Dominique de Villepin
Marine Le Pen|Jean-Marie Le Pen|Marion Maréchal-Le Pen|Jean-Luc Mélenchon|Mélenchon
Benoît Hamon|Martine Aubry|Anne Hidalgo|Jean-Christophe Cambadélis|Claude Bartolone
Gérard Larcher|Florian Philippot|Nicolas Dupont-Aignan|Bruno Le Maire|Xavier Bertrand
Valérie Pécresse|Christian Estrosi|Laurent Wauquiez|Nathalie Kosciusko-Morizet
Bachar al-Assad|Bachar el-Assad|Assad|Hafez al-Assad|Barack Obama|Obama|John Kerry|Kerry
Hillary Clinton|Bill Clinton|Donald Trump|Trump|Joe Biden|George W. Bush|Ashton Carter
Angela Merkel|Merkel|Frank-Walter Steinmeier|Wolfgang Schäuble|David Cameron|Theresa May
Recep Tayyip Erdogan|Erdogan|Erdoğan|Ahmet Davutoglu|Nicolas Maduro|Hugo Chavez|Fidel Castro
Raul Castro|Ban Ki-moon|Antonio Guterres|Staffan de Mistura|Abou Bakr al-Baghdadi
Oussama ben Laden|Ben Laden|Ayman al-Zawahiri|Abou Mohammed al-Jolani|Hassan Nasrallah
Petro Porochenko|Porochenko|Arseni Iatseniouk|Viktor Ianoukovitch|Ianoukovitch|Volodymyr Zelensky
Alexandre Loukachenko|Xi Jinping|Hu Jintao|Li Keqiang|Shinzo Abe|Narendra Modi|Kim Jong-un
Kim Jong-il|Kim Il-sung|Park Geun-hye|Benyamin Netanyahou|Netanyahou|Mahmoud Abbas
Yasser Arafat|Ismaïl Haniyeh|Khaled Mechaal|Hassan Rohani|Rohani|Ali Khamenei|Khamenei
Mahmoud Ahmadinejad|Mohammad Javad Zarif|Abdel Fattah al-Sissi|Sissi|Mohamed Morsi
Hosni Moubarak|Mouammar Kadhafi|Kadhafi|Saddam Hussein|Haïder al-Abadi|Nouri al-Maliki
Massoud Barzani|Mohammed ben Salmane|Abdallah II|Mohammed VI|Abdelaziz Bouteflika
Béji Caïd Essebsi|Zine el-Abidine Ben Ali|Idriss Déby|Paul Biya|Alassane Ouattara
Laurent Gbagbo|Macky Sall|Ibrahim Boubacar Keïta|Blaise Compaoré|Paul Kagame|Jacob Zuma
Nelson Mandela|Matteo Renzi|Silvio Berlusconi|Mariano Rajoy|Alexis Tsipras|Jean-Claude Juncker
Donald Tusk|Martin Schulz|Federica Mogherini|Christine Lagarde|Mario Draghi|Jens Stoltenberg
Pape François|Benoît XVI|Jean-Paul II|Dalaï Lama|Ashraf Ghani|Hamid Karzaï|Nawaz Sharif
Justin Trudeau|Dilma Rousseff|Juan Manuel Santos|Sergueï Ivanov|Viktor Orban|Mohammed Deif
Abdelhamid Abaaoud|Salah Abdeslam|Mohamed Merah|Amedy Coulibaly|Chérif Kouachi|Saïd Kouachi
"""

HAND_MISC = """
Coupe du monde|Mondial|Euro 2016|Jeux olympiques|JO|Jeux paralympiques|Ligue des champions
Ligue Europa|Tour de France|Roland-Garros|Prix Nobel|Nobel|Prix Nobel de la paix|Goncourt
Festival de Cannes|Mistral|Rafale|Mirage|Charles-de-Gaulle|Soukhoï|Kalachnikov|COP21|COP 21
Brexit|Printemps arabe|Ramadan|Aïd|Noël|Pâques|Coran|Charia|Charlie Hebdo|Bataclan
Vigipirate|Sentinelle|Barkhane|Serval|Chammal|Accords de Minsk|Minsk II|Accord de Paris
Traité de Lisbonne|Schengen|Guerre froide|Seconde Guerre mondiale|Première Guerre mondiale
Shoah|CAC 40|Dow Jones|Nasdaq
"""

# Places missing from the automatic sources (regions, seas, French usage) and places whose
# type the hand lists would otherwise fix to something else ("Hollande", "Douma" are also
# PER/ORG above; "Matignon" is LOC per the project's seed specification).
HAND_LOC = """
Matignon|Hôtel Matignon|Hollande|Douma|Moyen-Orient|Proche-Orient|Crimée|Donbass|Kurdistan
Maghreb|Cisjordanie|Bande de Gaza|Golan|Levant|Amérique|Palmyre|Kobané|Tikrit|Sinaï|Lougansk
Hexagone|Corse|Outre-mer|Méditerranée|Pacifique|Golfe|Mer Noire|Mer Rouge|Bosphore|Caucase
Balkans|Tchétchénie|Daghestan|Sibérie|Sahara
"""


def hand_list(text: str) -> list[str]:
    return [n.strip() for line in text.strip().splitlines() for n in line.split("|") if n.strip()]


def load_hand(g: Gazetteer) -> None:
    for typ, text in (("ORG", HAND_ORG), ("PER", HAND_PER), ("MISC", HAND_MISC),
                      ("LOC", HAND_LOC)):
        for n in hand_list(text):
            if not g.add(n, typ, "hand", check_stop=False):
                raise SystemExit(f"hand entry refused by the tokenizer rules: {n!r} ({typ})")


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

HEADER = """\
# depeche French NER gazetteer: phrase<TAB>TYPE<TAB>source, one name per line.
# Generated by: {command}
# Do not edit by hand: change scripts/derive_gazetteer.py and regenerate. See GAZETTEER.md.
#
# phrase  the name tokenized as depeche's French tokenizer splits it, tokens joined by one
#         space: elisions are tokens of their own ("l' Élysée", "Côte d' Ivoire"), hyphenated
#         names are one token ("Saint-Pétersbourg"), abbreviation dots stay attached ("U.S.A.").
#         Original case and accents; apostrophes folded to ASCII '. No commas or parentheses.
# TYPE    LOC | PER | ORG | MISC. A phrase may carry several types (one line each), except
#         where the hand lists fix its type ("Maison Blanche" ORG, "Matignon" LOC).
# source  where the (phrase, TYPE) pair comes from; when several sources give it, the first of
#         {sources}.
#
# Sources (all under ../shared/data; see data/fr/ner/GAZETTEER.md for paths and commits):
#   geonames             GeoNames cities15000 (name; alternate names of cities with population
#                        >= {min_pop}), admin1 names, French country names from
#                        country_translations.json. CC BY 4.0, "GeoNames, geonames.org".
#   mledoze              mledoze/countries, French common and official country names. ODbL 1.0.
#   cldr                 Unicode CLDR via Babel 2.19.0: French territory names and exemplar
#                        cities. Unicode License v3 (CLDR) / BSD-3-Clause (Babel).
#   phoenix-intl         PETRARCH-2 Phoenix.International.actors.txt (IGOs, NGOs, companies,
#   phoenix-milnonstate  persons), Phoenix.MilNonState.actors.txt (non-state armed groups),
#   phoenix-countries    Phoenix.Countries.actors.txt (persons with dated roles).
#                        MIT, (c) 2014 Open Event Data / Open Event Data Alliance.
#   hand                 lists written for depeche (French spellings). Apache-2.0.
#
# Counts: {counts}
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared" / "data"),
                    help="the shared data folder (default: ../shared/data from the repo root)")
    ap.add_argument("--out", default=str(REPO / "data" / "fr" / "ner" / "gazetteer.tsv"))
    ap.add_argument("--min-population", type=int, default=ALT_MIN_POPULATION,
                    help="population from which GeoNames alternate names are kept")
    ap.add_argument("--report-ambiguous", action="store_true",
                    help="also list single-token LOC entries that are common French words")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "gazetteer").is_dir():
        ap.error(f"{shared} does not look like the shared data folder (no gazetteer/)")

    tok = Tokenizer(REPO / "data" / "fr")
    # The segmenter's list of capitalised sentence-starting words joins the stoplist.
    starters = {w.lower() for w in read_entries(REPO / "data" / "fr" / "sentence-starters.txt")}
    g = Gazetteer(tok, STOPLIST | starters)
    load_hand(g)
    demonyms = load_countries(g, shared)
    load_geonames(g, shared, args.min_population)
    load_phoenix(g, shared)
    g.finish(demonyms)

    rows = sorted((p, t, s) for (p, t), s in g.entries.items())
    by_type = Counter(t for _, t, _ in rows)
    by_source = Counter(s for _, _, s in rows)
    by_both = Counter((t, s) for _, t, s in rows)
    counts = f"{len(rows)} lines; " + ", ".join(f"{t} {by_type[t]}" for t in TYPES) + "; " + \
        ", ".join(f"{s} {by_source[s]}" for s in SOURCES)
    command = COMMAND if args.min_population == ALT_MIN_POPULATION else \
        f"{COMMAND} --min-population {args.min_population}"
    header = HEADER.format(command=command, sources=" > ".join(SOURCES),
                           min_pop=f"{args.min_population:,}", counts=counts)
    body = "".join(f"{p}\t{t}\t{s}\n" for p, t, s in rows)
    text = header + body
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")

    size = len(text.encode("utf-8"))
    print(f"wrote {out} ({size:,} bytes, {len(rows):,} lines)")
    print("per type:   " + "  ".join(f"{t}={by_type[t]}" for t in TYPES))
    print("per source: " + "  ".join(f"{s}={by_source[s]}" for s in SOURCES))
    print("type x source:")
    for t in TYPES:
        print(f"  {t:4} " + "  ".join(f"{s}={by_both[(t, s)]}" for s in SOURCES if by_both[(t, s)]))
    print("names refused: " + ", ".join(f"{k} {v}" for k, v in sorted(g.rejected.items())))
    watch = sorted(f"{p} ({t})" for p, t, _ in rows if p in AMBIGUOUS_WATCH)
    print("kept single-word names that are also common words: " + ", ".join(watch))
    if size > SIZE_BUDGET:
        print(f"error: {size:,} bytes is over the {SIZE_BUDGET:,}-byte budget; raise "
              f"--min-population", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
