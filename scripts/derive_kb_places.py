#!/usr/bin/env python3
"""Derive depeche's places knowledge base (data/fr/kb/places.tsv, data/fr/kb/demonyms.tsv)
from the gazetteer sources in ../shared/data/gazetteer, and validate the hand-written tables
next to them (data/fr/kb/exonyms-fr.tsv, data/fr/kb/demonyms-extra-fr.tsv,
data/fr/kb/landmarks.tsv).

Usage (from the repository root):

    python3 scripts/derive_kb_places.py --shared ../shared/data
    python3 scripts/derive_kb_places.py --shared ../shared/data --dry-run   # check, write nothing

Python 3.11 standard library only. The output does not depend on the run (sorted rows, no
dates, no absolute paths): two runs give the same bytes. The script prints what it read, wrote
and skipped, then a check section that looks up well-known names with the linker's ranking
(src/link/mod.rs, best_place) and its name folding (src/lang/mod.rs, name_key); if a check
fails it writes nothing and exits with status 1. See data/fr/kb/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMAND = "python3 scripts/derive_kb_places.py --shared ../shared/data"

# Known slips in mledoze's French demonyms, corrected before use: (cca2, as written) -> fix.
DEMONYM_FIXES = {
    ("MP", "Américan"): "Américain",  # Northern Mariana Islands; the feminine is "Américaine"
}

PLACES_COLUMNS = [
    "id", "kind", "name", "iso2", "iso3", "admin1", "feature", "population", "lat", "lon",
    "aliases",
]

# ---------------------------------------------------------------------------------------------
# The linker's name folding, as in src/lang/mod.rs (name_key, strip_accent, is_apostrophe):
# lower case, typographic apostrophes -> "'", the accents of that fixed table removed, hyphens,
# underscores and runs of white space -> one space. Apostrophes are kept ("l'elysee").
# ---------------------------------------------------------------------------------------------
_STRIP = {}
for _base, _accented in [
    ("a", "àáâãäåāăą"), ("c", "çćč"), ("d", "ďđ"), ("e", "èéêëēėęě"), ("i", "ìíîïīįı"),
    ("n", "ñńň"), ("o", "òóôõöøōő"), ("u", "ùúûüūůűų"), ("y", "ýÿ"), ("s", "śšş"), ("z", "źżž"),
    ("l", "ł"), ("r", "ř"), ("t", "ťţ"), ("g", "ğ"),
]:
    for _c in _accented:
        _STRIP[_c] = _base
APOSTROPHES = "'’ʼ"


def name_key(name: str) -> str:
    out: list[str] = []
    space = True
    for c in name:
        if c in APOSTROPHES:
            c = "'"
        if c.isspace() or c in "-_":
            if not space:
                out.append(" ")
                space = True
            continue
        space = False
        for low in c.lower():
            out.append(_STRIP.get(low, low))
    if out and out[-1] == " ":
        out.pop()
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------
class SourceError(Exception):
    pass


def tsv(path: Path, *, header: str | None = None):
    """(line number, fields) of the data lines: '#' comments and blank lines skipped, and the
    column-name row when its first field is `header`."""
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is not None and fields[0] == header:
                continue
            yield n, fields


def fmt_coord(x: float) -> str:
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


@dataclass
class Row:
    id: int
    kind: str
    name: str
    iso2: str
    iso3: str
    admin1: str
    feature: str
    population: str
    lat: str
    lon: str
    source_names: tuple[str, ...] = ()  # names the hand table may quote to identify the place
    aliases: list[str] = field(default_factory=list)

    @property
    def pop(self) -> int:
        return int(self.population) if self.population.isdigit() else 0


# ---------------------------------------------------------------------------------------------
# Alias filters
# ---------------------------------------------------------------------------------------------
# Lower-case words allowed inside an alternate name (French and Arabic connectors).
CONNECTORS = {
    "de", "du", "des", "la", "le", "les", "en", "sur", "sous", "lès", "lez", "aux", "au", "et",
    "el", "al", "ez", "es", "ed", "ad", "as", "ar", "an", "ul", "am", "der", "di", "da", "do",
    "dos", "das", "del", "y", "di", "ech", "esh", "en", "ash", "at", "az", "ibn", "bin", "ben",
    "sidi", "am", "im", "an", "ob", "na", "nad", "pod",
}


def is_latin_letter(c: str) -> bool:
    return unicodedata.name(c, "").startswith("LATIN ")


def alternate_reason(name: str) -> str | None:
    """Why a GeoNames alternate name is not kept as an alias (None: kept). Kept: Latin-script
    names as French text could write them; dropped: other scripts, codes, numbers and
    romanisations that are not names."""
    if len(name) < 3:
        return "shorter than 3 characters"
    if "\t" in name or "|" in name:
        return "tab or |"
    if any(c.isdigit() for c in name):
        return "digits"
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return "no letter"
    if any(not is_latin_letter(c) for c in letters):
        return "non-Latin script"
    if all(c.isupper() for c in letters) and len(letters) <= 3:
        return "code or abbreviation"
    for c in name:
        if not (c.isalpha() or unicodedata.combining(c) or c in " -.'’ʼ‘`"):
            return "punctuation"
    if not name[0].isupper():
        return "not capitalised"
    if re.match(r"[A-Z]{2}[a-z]", name):
        return "digraph capital (AEbha)"
    # Every word is capitalised or a connector: keeps "Deir ez-Zor", "Port-d'Espagne" and
    # drops romanisations such as "Ki ep", "Lungsod ng Paris", "Mat-xco-va".
    for word in re.split(r"[ \-]+", name.replace("’", "'").replace("ʼ", "'")):
        if not word:
            return "punctuation"
        if "'" in word:
            head, _, tail = word.partition("'")
            if head.lower() in ("d", "l") and tail[:1].isupper():
                continue
            if head[:1].isupper() and (tail == "" or tail[:1].islower()):
                continue  # "N'Djamena" is caught by the capital rule; "Qal'at"
            return "romanisation"
        if not word[0].isupper() and word.lower() not in CONNECTORS:
            return "romanisation"
    return None


def add_aliases(row: Row, names, taken: set[str]) -> None:
    """Adds names to row.aliases unless their key is the name's or already there."""
    for n in names:
        n = n.strip()
        if not n or "\t" in n or "|" in n:
            continue
        k = name_key(n)
        if not k or k in taken:
            continue
        taken.add(k)
        row.aliases.append(n)


# ---------------------------------------------------------------------------------------------
# The derivation
# ---------------------------------------------------------------------------------------------
class Derivation:
    def __init__(self, shared: Path, kb: Path):
        self.shared = shared
        self.kb = kb
        self.read = Counter()
        self.skipped = Counter()
        self.notes: list[str] = []
        self.rows: dict[int, Row] = {}

    def note(self, msg: str) -> None:
        self.notes.append(msg)

    # --- sources ----------------------------------------------------------------------------
    def load(self) -> None:
        g = self.shared / "gazetteer"
        geo, ctry = g / "geonames", g / "countries"
        # countryInfo: ISO2 ISO3 numeric fips Country Capital area population continent tld
        # currency currency-name phone postal-format postal-regex languages geonameid ...
        self.country_info: dict[str, list[str]] = {}
        for n, f in tsv(geo / "countryInfo.tsv"):
            if len(f) < 17 or not f[16].isdigit():
                raise SourceError(f"countryInfo.tsv:{n}: expected 17+ columns and a geonameid")
            self.country_info[f[0]] = f
        self.read["countryInfo.tsv rows"] = len(self.country_info)
        self.iso3_of = {iso2: f[1] for iso2, f in self.country_info.items()}

        self.mledoze_tsv: dict[str, list[str]] = {}
        for n, f in tsv(ctry / "countries-fr-demonyms.tsv"):
            f += [""] * (10 - len(f))
            self.mledoze_tsv[f[0]] = f
        self.read["countries-fr-demonyms.tsv rows"] = len(self.mledoze_tsv)
        mj = json.loads((ctry / "mledoze-countries.json").read_text("utf-8"))
        self.mledoze_json = {c["cca2"]: c for c in mj}
        self.read["mledoze-countries.json countries"] = len(self.mledoze_json)

        self.cldr_territories: dict[str, str] = {}
        for _n, f in tsv(ctry / "cldr-fr-territories.tsv"):
            self.cldr_territories[f[0]] = f[1]
        self.read["cldr-fr-territories.tsv rows"] = len(self.cldr_territories)
        self.cldr_cities: list[tuple[str, str]] = []
        for _n, f in tsv(ctry / "cldr-fr-exemplar-cities.tsv"):
            self.cldr_cities.append((f[0], f[1]))
        self.read["cldr-fr-exemplar-cities.tsv rows"] = len(self.cldr_cities)

        tr = json.loads((geo / "country_translations.json").read_text("utf-8"))
        self.translations_fr = {int(k): v["fr"] for k, v in tr.items() if v.get("fr")}
        self.read["country_translations.json countries"] = len(tr)

        self.admin1: list[list[str]] = []
        for n, f in tsv(geo / "admin1.tsv"):
            if len(f) < 4 or not f[3].isdigit() or "." not in f[0]:
                raise SourceError(f"admin1.tsv:{n}: expected code, name, ascii name, geonameid")
            self.admin1.append(f)
        self.read["admin1.tsv rows"] = len(self.admin1)

        self.cities: list[list[str]] = []
        for n, f in tsv(geo / "cities15000.txt"):
            if len(f) != 19 or not f[0].isdigit():
                raise SourceError(f"cities15000.txt:{n}: expected 19 columns")
            self.cities.append(f)
        self.read["cities15000.txt rows"] = len(self.cities)

    def load_hand(self) -> None:
        """exonyms-fr.tsv: name_fr, geonames id, source_name; first row per id = the name."""
        self.exonyms: dict[int, list[str]] = defaultdict(list)
        self.exonym_check: dict[int, tuple[int, str]] = {}
        path = self.kb / "exonyms-fr.tsv"
        for n, f in tsv(path, header="name_fr"):
            if len(f) != 3 or not f[1].isdigit() or not f[0].strip():
                raise SourceError(f"{path.name}:{n}: expected name_fr, geonames id, source_name")
            gid = int(f[1])
            if name_key(f[0]) in {name_key(x) for x in self.exonyms[gid]}:
                raise SourceError(f"{path.name}:{n}: '{f[0]}' repeats a name of {gid}")
            self.exonyms[gid].append(f[0].strip())
            self.exonym_check.setdefault(gid, (n, f[2]))
            if self.exonym_check[gid][1] != f[2]:
                raise SourceError(f"{path.name}:{n}: source_name differs from line "
                                  f"{self.exonym_check[gid][0]} for {gid}")
        self.read["exonyms-fr.tsv rows"] = sum(len(v) for v in self.exonyms.values())
        self.read["exonyms-fr.tsv places"] = len(self.exonyms)

    # --- countries --------------------------------------------------------------------------
    def build_countries(self) -> None:
        self.country_rows: list[Row] = []
        for iso2 in sorted(self.country_info):
            f = self.country_info[iso2]
            gid = int(f[16])
            ml = self.mledoze_tsv.get(iso2)
            mj = self.mledoze_json.get(iso2)
            if ml is None or mj is None:
                self.skipped["country without a mledoze row (dissolved)"] += 1
                self.note(f"country {iso2} {f[4]} ({gid}) skipped: no mledoze row")
                continue
            lat, lon = mj.get("latlng", [None, None])[:2]
            row = Row(
                id=gid, kind="country", name=ml[3] or f[4], iso2=iso2, iso3=f[1], admin1="",
                feature="PCLI" if mj.get("independent") else "PCLD",
                population=str(int(f[7] or 0)),
                lat=fmt_coord(lat) if lat is not None else "",
                lon=fmt_coord(lon) if lon is not None else "",
                source_names=(f[4],),
            )
            # Candidate aliases with their source (hand first).
            cands: list[tuple[str, str]] = []
            hand = self.exonyms.get(gid, [])
            if hand:
                row.name = hand[0]
                cands += [(a, "hand") for a in hand[1:]]
                cands.append((ml[3], "mledoze"))
            official = ml[4]
            cands.append((official, "mledoze"))
            stripped = re.sub(r"^(Les |Le |La |L'|L’)", "", official)
            if stripped != official:
                cands.append((stripped, "mledoze"))
            cands.append((f[4], "english"))
            if iso2 in self.cldr_territories:
                cands.append((self.cldr_territories[iso2], "cldr"))
            if gid in self.translations_fr:
                cands.append((self.translations_fr[gid], "translations"))
            row._cands = cands  # type: ignore[attr-defined]
            self.country_rows.append(row)
        self.read["countries kept"] = len(self.country_rows)

    def finish_country_aliases(self, french_city_keys: set[str]) -> None:
        canon = {name_key(r.name): r for r in self.country_rows}
        for row in self.country_rows:
            taken = {name_key(row.name)}
            for alias, source in row._cands:  # type: ignore[attr-defined]
                k = name_key(alias)
                if not alias or k in taken:
                    continue
                other = canon.get(k)
                if other is not None and other is not row:
                    self.skipped["country alias = another country's name"] += 1
                    self.note(f"country {row.iso3}: alias '{alias}' ({source}) dropped: "
                              f"the name of {other.iso3}")
                    continue
                if source != "hand" and k in french_city_keys:
                    self.skipped["country alias = a city's French name"] += 1
                    self.note(f"country {row.iso3}: alias '{alias}' ({source}) dropped: "
                              f"a city's French name")
                    continue
                add_aliases(row, [alias], taken)
            del row._cands  # type: ignore[attr-defined]

    # --- admin1 -----------------------------------------------------------------------------
    def build_admin1(self) -> None:
        self.admin1_rows: list[Row] = []
        for code, name, ascii_name, gid in self.admin1:
            iso2, a1 = code.split(".", 1)
            iso3 = self.iso3_of.get(iso2, "")
            if not iso3:
                self.skipped["admin1 of a country not in countryInfo"] += 1
                continue
            row = Row(
                id=int(gid), kind="admin1", name=name, iso2=iso2, iso3=iso3, admin1=a1,
                feature="ADM1", population="", lat="", lon="",
                source_names=(name, ascii_name),
            )
            hand = self.exonyms.get(row.id, [])
            taken: set[str] = set()
            if hand:
                row.name = hand[0]
            taken.add(name_key(row.name))
            add_aliases(row, hand[1:] + [name, ascii_name], taken)
            self.admin1_rows.append(row)

    # --- cities -----------------------------------------------------------------------------
    def match_cldr_cities(self) -> dict[int, str]:
        """CLDR exemplar city (tz id -> French name) -> GeoNames city: a city of cities15000 in
        that time zone whose name is the tz city ("Europe/Moscow" -> Moscow), or, failing that,
        whose alternate names hold both the tz city and the French name, the French name not
        being a country's ("Koweït", "Curaçao" name territories) nor the tz city's own spelling
        (Indian/Mahe "Mahé" is the island, not Victoria). Largest population wins."""
        territory_keys = {name_key(n) for c, n in self.cldr_territories.items()}
        territory_keys |= {name_key(f[3]) for f in self.mledoze_tsv.values()}
        by_tz: dict[str, list[list[str]]] = defaultdict(list)
        for f in self.cities:
            by_tz[f[17]].append(f)
        found: dict[int, str] = {}
        for tz, fr in self.cldr_cities:
            fr_clean = re.sub(r"\s*[\(\[].*?[\)\]]\s*", "", fr).strip()
            tz_city = tz.rsplit("/", 1)[-1].replace("_", " ")
            tk, fk = name_key(tz_city), name_key(fr_clean)
            best = None
            for f in by_tz.get(tz, []):
                names = {name_key(f[1]), name_key(f[2])}
                alts = {name_key(a) for a in f[3].split(",")} | names
                if tk in names or (
                    tk in alts and fk in alts and fk not in territory_keys and fk != tk
                ):
                    if best is None or int(f[14]) > int(best[14]):
                        best = f
            if best is None:
                self.skipped["CLDR exemplar city without a matching city"] += 1
                continue
            gid = int(best[0])
            if gid in found:
                self.skipped["CLDR exemplar city repeating a city"] += 1
                continue
            found[gid] = fr_clean
        self.read["CLDR exemplar cities matched"] = len(found)
        return found

    def build_cities(self, cldr_names: dict[int, str]) -> None:
        self.city_rows: list[Row] = []
        dropped = Counter()
        for f in self.cities:
            gid = int(f[0])
            iso2 = f[8]
            iso3 = self.iso3_of.get(iso2, "")
            if not iso3:
                self.skipped["city of a country not in countryInfo"] += 1
                continue
            row = Row(
                id=gid, kind="city", name=f[1], iso2=iso2, iso3=iso3, admin1=f[10],
                feature=f[7], population=str(int(f[14] or 0)), lat=f[4], lon=f[5],
                source_names=(f[1], f[2]),
            )
            hand = self.exonyms.get(gid, [])
            first: list[str] = []
            if hand:
                row.name = hand[0]
                first = hand[1:]
                self.read["city names from exonyms-fr.tsv"] += 1
            elif gid in cldr_names:
                row.name = cldr_names[gid]
                self.read["city names from CLDR"] += 1
            if gid in cldr_names and cldr_names[gid] != row.name:
                first.append(cldr_names[gid])
            taken = {name_key(row.name)}
            add_aliases(row, first + [f[1], f[2]], taken)
            alts = []
            for a in f[3].split(","):
                a = a.strip()
                if not a:
                    continue
                why = alternate_reason(a)
                if why:
                    dropped[why] += 1
                else:
                    alts.append(a)
            before = len(row.aliases)
            add_aliases(row, alts, taken)
            dropped["same key as a name already kept"] += len(alts) - (len(row.aliases) - before)
            self.city_rows.append(row)
        for why, n in dropped.items():
            self.skipped[f"city alternate name: {why}"] += n

    # --- assembly ---------------------------------------------------------------------------
    def assemble(self) -> None:
        self.load_hand()
        self.build_countries()
        self.build_admin1()
        cldr_names = self.match_cldr_cities()
        self.build_cities(cldr_names)
        french_city_keys = {name_key(n) for n in cldr_names.values()}
        for row in self.city_rows:
            if row.id in self.exonyms:
                french_city_keys.add(name_key(row.name))
        self.finish_country_aliases(french_city_keys)
        for row in self.country_rows + self.admin1_rows + self.city_rows:
            if row.id in self.rows:
                self.skipped[f"{row.kind} with an id already used"] += 1
                self.note(f"{row.kind} {row.id} {row.name}: id already used by "
                          f"{self.rows[row.id].kind} {self.rows[row.id].name}")
                continue
            self.rows[row.id] = row
        # Every hand row names a place of the table, under the name it quotes.
        for gid, (line, source_name) in sorted(self.exonym_check.items()):
            row = self.rows.get(gid)
            if row is None:
                raise SourceError(f"exonyms-fr.tsv:{line}: {gid} is not in cities15000, "
                                  f"admin1 or countryInfo")
            if source_name not in row.source_names:
                raise SourceError(f"exonyms-fr.tsv:{line}: {gid} is {'/'.join(row.source_names)}"
                                  f", not '{source_name}'")
        self.index: dict[str, list[Row]] = defaultdict(list)
        for gid in sorted(self.rows):
            row = self.rows[gid]
            for n in [row.name] + row.aliases:
                lst = self.index[name_key(n)]
                if row not in lst:
                    lst.append(row)

    def render_places(self) -> str:
        out = [
            "# depeche places knowledge base: countries, first-level regions and cities with their",
            "# GeoNames ids and the names French news uses for them. DERIVED: do not edit by hand;",
            "# change data/fr/kb/exonyms-fr.tsv or the script, and regenerate with",
            f"#   {COMMAND}",
            "# Sources: GeoNames cities15000, countryInfo, admin1 codes, country_translations",
            "#   (CC BY 4.0, \"GeoNames, geonames.org\"); mledoze/countries French names, coordinates",
            "#   and independence (ODbL 1.0; this table, a derived database, is available under",
            "#   ODbL 1.0); CLDR French territory and exemplar-city names via Babel 2.19.0 (Unicode",
            "#   License v3; Babel BSD-3-Clause); data/fr/kb/exonyms-fr.tsv (Apache-2.0, hand).",
            "# Columns: kind = country|admin1|city; name = French name where known; iso3 from",
            "#   countryInfo; admin1 = GeoNames admin1 code; feature = GeoNames feature code (PCLI",
            "#   for an independent country, PCLD for a dependency, ADM1, PPLC = capital, PPLA...);",
            "#   population, lat, lon empty when unknown (admin1); aliases '|'-separated.",
            "\t".join(PLACES_COLUMNS),
        ]
        for gid in sorted(self.rows):
            r = self.rows[gid]
            out.append("\t".join([
                str(r.id), r.kind, r.name, r.iso2, r.iso3, r.admin1, r.feature, r.population,
                r.lat, r.lon, "|".join(r.aliases),
            ]))
        return "\n".join(out) + "\n"

    # --- demonyms ---------------------------------------------------------------------------
    def build_demonyms(self) -> str:
        def forms(word: str) -> list[str]:
            w = word.strip().lower()
            return [w] if w.endswith(("s", "x")) else [w, w + "s"]

        derived: dict[str, set[tuple[str, bool]]] = defaultdict(set)
        for cca2, f in sorted(self.mledoze_tsv.items()):
            iso3 = self.iso3_of.get(cca2)
            if not iso3:
                self.skipped["demonym of a country not in countryInfo"] += 1
                continue
            independent = bool(self.mledoze_json.get(cca2, {}).get("independent"))
            for d in (f[5], f[6]):
                d = DEMONYM_FIXES.get((cca2, d), d)
                for part in d.split(","):
                    part = part.strip()
                    if not part:
                        continue
                    if " " in part:
                        self.skipped["demonym of several words"] += 1
                        self.note(f"demonym '{part}' ({iso3}) skipped: several words")
                        continue
                    for form in forms(part):
                        derived[form].add((iso3, independent))
        table: dict[str, str] = {}
        for form in sorted(derived):
            owners = derived[form]
            countries = sorted({c for c, _ in owners})
            if len(countries) == 1:
                table[form] = countries[0]
                continue
            sovereign = sorted({c for c, ind in owners if ind})
            if len(sovereign) == 1:
                table[form] = sovereign[0]
                self.read["demonyms shared with dependencies, given to the sovereign"] += 1
                continue
            self.skipped["demonym shared by several countries"] += 1
            self.note(f"demonym '{form}' dropped: {', '.join(countries)}")
        self.read["demonym forms from mledoze"] = len(table)
        path = self.kb / "demonyms-extra-fr.tsv"
        hand = 0
        for n, f in tsv(path, header="masculine"):
            if len(f) != 3 or f[2] not in self.iso3_of.values():
                raise SourceError(f"{path.name}:{n}: expected masculine, feminine, ISO3")
            for word in (f[0], f[1]):
                if word != word.lower() or " " in word:
                    raise SourceError(f"{path.name}:{n}: '{word}' must be one lower-case word")
                for form in forms(word):
                    if table.get(form, f[2]) != f[2]:
                        self.note(f"demonym '{form}': hand {f[2]} replaces {table[form]}")
                    if form not in table:
                        hand += 1
                    table[form] = f[2]
        self.read["demonym forms added by demonyms-extra-fr.tsv"] = hand
        self.demonyms = table
        out = [
            "# depeche demonyms: lower-case French country adjectives and nouns, all genders and",
            "# numbers -> country (GeoNames countryInfo ISO3). DERIVED: do not edit by hand; change",
            "# data/fr/kb/demonyms-extra-fr.tsv or the script, and regenerate with",
            f"#   {COMMAND}",
            "# Sources: mledoze/countries French demonyms (ODbL 1.0; this table, a derived database,",
            "#   is available under ODbL 1.0), plurals added (-s, none after -s/-x); a form shared",
            "#   by several countries goes to the one independent country among them, else it is",
            "#   dropped; data/fr/kb/demonyms-extra-fr.tsv (Apache-2.0, hand) adds and overrides.",
            "form\tiso3",
        ]
        out += [f"{form}\t{table[form]}" for form in sorted(table)]
        return "\n".join(out) + "\n"

    # --- landmarks --------------------------------------------------------------------------
    def check_landmarks(self) -> dict[str, int]:
        path = self.kb / "landmarks.tsv"
        seen: dict[str, int] = {}
        landmarks: dict[str, int] = {}
        for n, f in tsv(path, header="name"):
            if len(f) != 2 or not f[1].isdigit():
                raise SourceError(f"{path.name}:{n}: expected name, city GeoNames id")
            k = name_key(f[0])
            if k in seen:
                raise SourceError(f"{path.name}:{n}: '{f[0]}' repeats line {seen[k]}")
            seen[k] = n
            row = self.rows.get(int(f[1]))
            if row is None or row.kind != "city":
                raise SourceError(f"{path.name}:{n}: {f[1]} is not a city of places.tsv")
            landmarks[k] = int(f[1])
        self.read["landmarks.tsv rows (hand, checked)"] = len(landmarks)
        return landmarks

    # --- the linker's ranking ---------------------------------------------------------------
    def best_place(self, name: str, context: list[str]) -> Row | None:
        key = name_key(name)
        best, best_score = None, None
        for p in self.index.get(key, []):
            score = math.log10(p.pop + 1.0)
            if p.kind == "country":
                score += 5.0
            if p.feature == "PPLC":
                score += 2.0
            if p.iso3 in context:
                score += 3.0 / (1.0 + context.index(p.iso3))
            if name_key(p.name) == key:
                score += 1.0
            if best is None or score > best_score or (score == best_score and p.id < best.id):
                best, best_score = p, score
        return best


# Lookups the table must answer as French news means them: (name, story countries, id).
PLACE_CHECKS = [
    ("Paris", [], 2988507), ("Moscou", [], 524901), ("Londres", [], 2643743),
    ("Pékin", [], 1816670), ("Pekin", [], 1816670), ("Alger", [], 2507480),
    ("Le Caire", [], 360630), ("Damas", [], 170654), ("Alep", [], 170063),
    ("Tripoli", [], 2210247), ("Tripoli", ["LBN"], 266826), ("Tripoli", ["LBY"], 2210247),
    ("Géorgie", [], 614540), ("Georgie", [], 614540), ("Washington", [], 4140963),
    ("New York", [], 5128581), ("Bruxelles", [], 2800866), ("Genève", [], 2660646),
    ("Kiev", [], 703448), ("Kyiv", [], 703448), ("Raqqa", [], 172955), ("Rakka", [], 172955),
    ("Racca", [], 172955), ("Homs", [], 169577), ("Palmyre", [], 163808),
    ("Mossoul", [], 99072), ("Bagdad", [], 98182), ("Téhéran", [], 112931),
    ("Riyad", [], 108410), ("Ankara", [], 323786), ("Istanbul", [], 745044),
    ("Beyrouth", [], 276781), ("Jérusalem", [], 281184), ("Gaza", [], 281133),
    ("Lattaquié", [], 173576), ("Tartous", [], 163345), ("Idleb", [], 169389),
    ("Syrie", [], 163843), ("Russie", [], 2017370), ("France", [], 3017382),
    ("Ukraine", [], 690791), ("États-Unis", [], 6252001), ("Etats-Unis", [], 6252001),
    ("Liban", [], 272103), ("Libye", [], 2215636), ("Royaume-Uni", [], 2635167),
    ("RDC", [], 203312), ("Mexico", [], 3530597), ("Mexique", [], 3996063),
    ("Crimée", [], 703883), ("Île-de-France", [], 3012874), ("Texas", [], 4736286),
    ("Cisjordanie", [], 285153), ("Vienne", ["FRA"], 2761369),
]
DEMONYM_CHECKS = [
    ("russe", "RUS"), ("russes", "RUS"), ("syrien", "SYR"), ("syrienne", "SYR"),
    ("syriens", "SYR"), ("syriennes", "SYR"), ("français", "FRA"), ("française", "FRA"),
    ("françaises", "FRA"), ("américain", "USA"), ("américaines", "USA"),
    ("britannique", "GBR"), ("britanniques", "GBR"), ("ukrainien", "UKR"),
    ("libanaises", "LBN"), ("tchadien", "TCD"), ("kosovar", "XKX"), ("israélien", "ISR"),
]
LANDMARK_CHECKS = [
    ("Matignon", 2988507), ("l'Élysée", 2988507), ("Elysée", 2988507), ("Quai d'Orsay", 2988507),
    ("Kremlin", 524901), ("Maison-Blanche", 4140963), ("Pentagone", 4140963),
    ("Downing Street", 2643743), ("Berlaymont", 2800866),
]


def run_checks(d: Derivation, places_text: str, demonyms_text: str,
               landmarks: dict[str, int]) -> list[str]:
    failures: list[str] = []
    # Structure: what the loader (src/link/kb.rs) needs, and more.
    ids: list[int] = []
    for n, line in enumerate(places_text.split("\n")[:-1], 1):
        if line.startswith("#") or line.startswith("id\t"):
            continue
        f = line.split("\t")
        if len(f) != 11:
            failures.append(f"places.tsv:{n}: {len(f)} columns")
            continue
        if f[1] not in ("country", "admin1", "city") or not f[0].isdigit():
            failures.append(f"places.tsv:{n}: bad kind or id")
        if any(x != x.strip() for x in f) or any(not a for a in f[10].split("|") if f[10]):
            failures.append(f"places.tsv:{n}: stray space or empty alias")
        ids.append(int(f[0]))
    if ids != sorted(set(ids)):
        failures.append("places.tsv: ids not sorted or not unique")
    forms = [line.split("\t")[0] for line in demonyms_text.split("\n")[:-1]
             if not line.startswith("#")]
    if len(forms) != len(set(forms)):
        failures.append("demonyms.tsv: duplicate forms")

    print("\nchecks (the linker's ranking: log10(population+1), +5 country, +2 PPLC, "
          "+3/(1+rank) story country, +1 canonical name):")
    for name, context, want in PLACE_CHECKS:
        got = d.best_place(name, context)
        ok = got is not None and got.id == want
        ctx = f" [{','.join(context)}]" if context else ""
        desc = f"{got.id} {got.kind} {got.name} {got.iso3}" if got else "nothing"
        print(f"  {'ok ' if ok else 'FAIL'} {name}{ctx} -> {desc}" + ("" if ok else f" (want {want})"))
        if not ok:
            failures.append(f"{name}{ctx} -> {desc}, want {want}")
    for form, want in DEMONYM_CHECKS:
        got = d.demonyms.get(form)
        ok = got == want
        print(f"  {'ok ' if ok else 'FAIL'} demonym {form} -> {got}")
        if not ok:
            failures.append(f"demonym {form} -> {got}, want {want}")
    for name, want in LANDMARK_CHECKS:
        got = landmarks.get(name_key(name))
        ok = got == want
        print(f"  {'ok ' if ok else 'FAIL'} landmark {name} -> {got}")
        if not ok:
            failures.append(f"landmark {name} -> {got}, want {want}")
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data",
                    help="the shared data folder (holds gazetteer/)")
    ap.add_argument("--kb", type=Path, default=REPO / "data" / "fr" / "kb",
                    help="the knowledge-base folder (hand tables in, derived tables out)")
    ap.add_argument("--dry-run", action="store_true", help="derive and check, write nothing")
    args = ap.parse_args(argv)

    d = Derivation(args.shared, args.kb)
    try:
        d.load()
        d.assemble()
        places_text = d.render_places()
        demonyms_text = d.build_demonyms()
        landmarks = d.check_landmarks()
    except SourceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    print("read:")
    for k, v in d.read.items():
        print(f"  {k}: {v}")
    kinds = Counter(r.kind for r in d.rows.values())
    n_alias = sum(len(r.aliases) for r in d.rows.values())
    print("places.tsv rows: " + ", ".join(f"{k} {kinds[k]}" for k in ("country", "admin1", "city"))
          + f"; {n_alias} aliases; {len(places_text.encode())} bytes")
    print(f"demonyms.tsv rows: {len(d.demonyms)}; {len(demonyms_text.encode())} bytes")
    print("skipped:")
    for k, v in sorted(d.skipped.items()):
        print(f"  {k}: {v}")
    print("notes:")
    for n in d.notes:
        print(f"  {n}")

    failures = run_checks(d, places_text, demonyms_text, landmarks)
    if failures:
        print(f"\n{len(failures)} check(s) failed; nothing written:", file=sys.stderr)
        for f in failures:
            print(f"  {f}", file=sys.stderr)
        return 1
    if args.dry_run:
        print("\nall checks pass (dry run: nothing written)")
        return 0
    for name, text in (("places.tsv", places_text), ("demonyms.tsv", demonyms_text)):
        (args.kb / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {args.kb / name}")
    print("\nall checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
