#!/usr/bin/env python3
"""Development gold for French news: checks hand annotation, turns it into offset-only gold, and
restores article texts from ../shared.

The annotators write one *authoring* file per article (JSON, with text anchors; see
eval/news/README.md, "Authoring format"). Authoring files quote the article, so they stay out of
the repository (AFP and Orange own the texts). `build` turns them into the committed gold, which
holds only ids, offsets, codes and canonical names.

  python3 eval/news/gold.py check AUTHORING.json…          # mechanical checks, one report each
  python3 eval/news/gold.py build AUTHORING_DIR…           # → eval/news/orangesum-{tuning,sealed}/gold.jsonl
  python3 eval/news/gold.py restore HALF OUT.jsonl         # the articles of a half, as depeche reads them
  python3 eval/news/gold.py batch HALF N OUT_DIR           # a gold folder of one batch of a half (sealed stays sealed)
  python3 eval/news/gold.py show ID                        # the article, numbered paragraphs (for annotators)
  python3 eval/news/gold.py stats                          # counts per half and layer
  python3 eval/news/gold.py agree DIR_A DIR_B              # agreement of two annotation passes
  python3 eval/news/gold.py place NAME                     # GeoNames candidates (cities15000, admin1, countries)
  python3 eval/news/gold.py code WORD                      # CAMEO event codes whose name or definition has WORD
  python3 eval/news/gold.py actor NAME                     # Phoenix actor and agent entries that mention NAME

Offsets are Python str indices (code points), end exclusive, into the document text: the title
line, then the body's paragraphs one per line (as in ../shared/spec/annotation-conventions.md).
"""
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("DEPECHE_SHARED", os.path.join(os.path.dirname(REPO), "shared"))
ORANGESUM = os.path.join(SHARED, "data/news-fr/orangesum/orangesum-dev.jsonl")
CAMEO_TABLE = os.path.join(SHARED, "data/events/cameo/cameo_codes_merged.tsv")
GEONAMES = os.path.join(SHARED, "data/gazetteer/geonames")
SELECTION = os.path.join(HERE, "selection.tsv")

TYPES = {"PER", "ORG", "LOC", "MISC"}
ROLES = {
    "GOV", "MIL", "REB", "COP", "JUD", "LEG", "OPP", "PTY", "BUS", "MED", "CVL", "EDU", "HLH",
    "REF", "IGO", "NGO", "ELI", "CRM", "UAF", "LAB", "REL", "SPY", "AGR", "ENV", "MOD", "RAD",
    "INS", "SEP", "IMG", "MNC", "HRI", "DEV", "ETH", "CHR", "MOS", "JEW", "BUD", "HIN", "SHI",
    "SUN", "NGM", "SET", "ATH", "CON",
}
TIME_TYPES = {"DATE", "TIME", "DURATION", "SET"}
TIME_MODS = {None, "START", "MID", "END", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
             "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "APPROX"}
COUNT_KINDS = {"KILL", "WOUND", "ARREST", "KIDNAP", "PROTEST", "REFUGEES", "AFFECT", "EVACUATE",
               "SEIZE", "MONEY", "PERCENT", "OTHER"}
QUALIFIERS = {None, "vague", "about", "more_than", "at_least", "less_than", "at_most", "exact"}
LAYERS = {"entities", "times", "counts", "quotes", "events"}
STATUSES = {"reported", "alleged", "planned", "intended", "negated"}


def fnv1a64(text):
    """FNV-1a, 64 bits, over the UTF-8 bytes: the text check shared with `depeche eval news`."""
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def doc_text(article):
    """The document text of the conventions: title line, then the body's paragraph lines."""
    title = (article.get("title") or "").strip()
    return f"{title}\n{article['text']}" if title else article["text"]


_articles = None


def articles():
    global _articles
    if _articles is None:
        _articles = {}
        with open(ORANGESUM, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                _articles[d["id"]] = d
    return _articles


def selection():
    out = {}
    with open(SELECTION, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out[row["id"]] = row
    return out


_tables = None


def tables():
    global _tables
    if _tables is None:
        codes = set()
        with open(CAMEO_TABLE, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                codes.add(row["code"])
        geo, iso3 = set(), set()
        with open(os.path.join(GEONAMES, "cities15000.txt"), encoding="utf-8") as f:
            for line in f:
                geo.add(int(line.split("\t", 1)[0]))
        with open(os.path.join(GEONAMES, "countryInfo.tsv"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                iso3.add(cols[1])
                if len(cols) > 16 and cols[16].strip().isdigit():
                    geo.add(int(cols[16]))
        with open(os.path.join(GEONAMES, "admin1.tsv"), encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if cols and cols[-1].strip().isdigit():
                    geo.add(int(cols[-1]))
        _tables = {"codes": codes, "geonames": geo, "iso3": iso3}
    return _tables


def re_k(anchor):
    """Whether the anchor ends with an occurrence number (#k)."""
    head, _, tail = anchor.rpartition("#")
    return bool(head) and tail.isdigit()


class Anchors:
    """Resolves text anchors: "S" (must occur once), "S#k" (k-th occurrence, from 1),
    "S@C" (S inside the context C, which must occur once), "S@C#k" (C's k-th occurrence)."""

    def __init__(self, text):
        self.text = text

    def positions(self, s):
        out, i = [], self.text.find(s)
        while i >= 0 and s:
            out.append(i)
            i = self.text.find(s, i + 1)
        return out

    def words(self, s):
        """Every occurrence of s that is a whole word (no letter or digit just outside it)."""
        out = []
        for i in self.positions(s):
            before = self.text[i - 1] if i > 0 else " "
            after = self.text[i + len(s)] if i + len(s) < len(self.text) else " "
            if not before.isalnum() and not after.isalnum():
                out.append([i, i + len(s)])
        return out

    def _occurrence(self, s):
        base, k = s, None
        if "#" in s:
            head, _, tail = s.rpartition("#")
            if tail.isdigit() and head:
                base, k = head, int(tail)
        pos = self.positions(base)
        if not pos:
            raise ValueError(f"not in the text: {base!r}")
        if k is None:
            if len(pos) > 1:
                raise ValueError(f"{base!r} occurs {len(pos)} times: write {base}#k or add @context")
            return pos[0], base
        if not 1 <= k <= len(pos):
            raise ValueError(f"{base!r} occurs {len(pos)} times, not {k}")
        return pos[k - 1], base

    def span(self, anchor):
        if not isinstance(anchor, str) or not anchor:
            raise ValueError(f"an anchor must be a non-empty string, not {anchor!r}")
        plain = anchor.rpartition("#")[0] if re_k(anchor) else anchor
        if "@" in anchor and plain not in self.text:
            s, _, ctx = anchor.partition("@")
            start, ctx_text = self._occurrence(ctx)
            i = ctx_text.find(s)
            if i < 0 or not s:
                raise ValueError(f"{s!r} is not inside the context {ctx_text!r}")
            start += i
        else:
            start, s = self._occurrence(anchor)
        if s != s.strip():
            raise ValueError(f"span has outer spaces: {s!r}")
        return [start, start + len(s)]


def check_article(a, errors):
    """Checks one authoring object; returns the offset-only gold record."""
    doc_id = a.get("id")
    art = articles().get(doc_id)
    if art is None:
        errors.append(f"unknown article id {doc_id!r}")
        return None
    sel = selection().get(doc_id)
    if sel is None:
        errors.append(f"{doc_id} is not in eval/news/selection.tsv")
    text = doc_text(art)
    anchors = Anchors(text)
    t = tables()

    def span(where, anchor):
        try:
            return anchors.span(anchor)
        except ValueError as e:
            errors.append(f"{where}: {e}")
            return None

    gold = {
        "id": doc_id,
        "section": art.get("section"),
        "half": sel["half"] if sel else None,
        "published": art.get("published"),
        "text_chars": len(text),
        "text_fnv1a64": fnv1a64(text),
        "entities": [],
        "times": [],
        "counts": [],
        "quotes": [],
        "events": [],
    }
    # Batch 2 annotates events, quotes and counts only: the layers left out are not scored.
    if "layers" in a:
        layers = a["layers"]
        if not isinstance(layers, list) or not set(layers) <= LAYERS:
            errors.append(f"layers must be a list drawn from {sorted(LAYERS)}")
        else:
            gold["layers"] = [layer for layer in sorted(LAYERS) if layer in layers]
    keys = {}
    for n, e in enumerate(a.get("entities", [])):
        where = f"entity {e.get('key', n)!r}"
        key = e.get("key")
        if not key or key in keys:
            errors.append(f"{where}: missing or repeated key")
            continue
        kind = e.get("type")
        if kind not in TYPES:
            errors.append(f"{where}: type {kind!r}")
        country = e.get("country")
        if country is not None and country not in t["iso3"]:
            errors.append(f"{where}: country {country!r} is no ISO 3166 alpha-3 code")
        role = e.get("role")
        if role is not None and role not in ROLES:
            errors.append(f"{where}: role {role!r} unknown")
        cameo = e.get("cameo")
        for c in [cameo] + list(e.get("alt_cameo") or []):
            if c is not None and (not isinstance(c, str) or not c.isalpha() or not c.isupper()
                                  or len(c) % 3 != 0):
                errors.append(f"{where}: actor code {c!r} is not groups of three capitals")
        geo = e.get("geonames")
        if geo is not None and (not isinstance(geo, int) or geo not in t["geonames"]):
            errors.append(f"{where}: GeoNames id {geo!r} is not in cities15000, admin1 or countryInfo")
        if geo is not None and kind != "LOC":
            errors.append(f"{where}: a GeoNames id on a {kind}")
        rec = {
            "id": key,
            "name": e.get("name"),
            "type": kind,
            "country": country,
            "role": role,
            "cameo": cameo,
            "alt_cameo": list(e.get("alt_cameo") or []),
            "geonames": geo,
            "spans": [],
            "nominal_spans": [],
            "demonym_spans": [],
        }
        if not rec["name"]:
            errors.append(f"{where}: no canonical name")
        for field, out in (("spans", "spans"), ("nominal", "nominal_spans"), ("demonyms", "demonym_spans")):
            for anchor in e.get(field, []) or []:
                if isinstance(anchor, str) and anchor.endswith("#*") and "@" not in anchor:
                    found = anchors.words(anchor[:-2])
                    if not found:
                        errors.append(f"{where} {field}: no whole-word occurrence of {anchor[:-2]!r}")
                    for s in found:
                        if s not in rec[out]:
                            rec[out].append(s)
                    continue
                s = span(f"{where} {field}", anchor)
                if s is not None:
                    if s in rec[out]:
                        errors.append(f"{where}: {anchor!r} listed twice")
                    else:
                        rec[out].append(s)
            # Within one entity the shorter nested mention is dropped.
            rec[out] = sorted(
                x for x in rec[out]
                if not any(y != x and y[0] <= x[0] and x[1] <= y[1] for y in rec[out])
            )
        rec["implicit"] = bool(e.get("implicit", False))
        mentioned = rec["spans"] or rec["nominal_spans"] or rec["demonym_spans"]
        if not mentioned and not rec["implicit"]:
            errors.append(f"{where}: no mention at all (an implicit event actor says \"implicit\": true)")
        if mentioned and rec["implicit"]:
            errors.append(f"{where}: implicit, yet mentioned")
        keys[key] = rec
        gold["entities"].append(rec)

    for n, x in enumerate(a.get("times", [])):
        where = f"time {n} {x.get('text')!r}"
        s = span(where, x.get("text"))
        if x.get("type") not in TIME_TYPES:
            errors.append(f"{where}: type {x.get('type')!r}")
        if not x.get("value"):
            errors.append(f"{where}: no value")
        if x.get("mod") not in TIME_MODS:
            errors.append(f"{where}: mod {x.get('mod')!r}")
        gold["times"].append({"span": s, "type": x.get("type"), "value": x.get("value"), "mod": x.get("mod")})

    for n, x in enumerate(a.get("counts", [])):
        where = f"count {n} {x.get('text')!r}"
        s = span(where, x.get("text"))
        num = x.get("number")
        if not isinstance(num, (int, float)) or isinstance(num, bool):
            errors.append(f"{where}: number {num!r}")
        if x.get("kind") not in COUNT_KINDS:
            errors.append(f"{where}: kind {x.get('kind')!r}")
        if x.get("qualifier") not in QUALIFIERS:
            errors.append(f"{where}: qualifier {x.get('qualifier')!r}")
        gold["counts"].append({"span": s, "number": num, "kind": x.get("kind"),
                               "qualifier": x.get("qualifier"), "unit": x.get("unit")})

    for n, x in enumerate(a.get("quotes", [])):
        where = f"quote {n} {str(x.get('text'))[:40]!r}"
        s = span(where, x.get("text"))
        speaker = x.get("speaker")
        if speaker is not None and speaker not in keys:
            errors.append(f"{where}: speaker {speaker!r} is no entity key")
        sm = x.get("speaker_mention")
        sm_span = span(f"{where} speaker_mention", sm) if sm else None
        if speaker is None and sm:
            errors.append(f"{where}: a speaker mention without a speaker")
        marked = x.get("marked", True)
        if not isinstance(marked, bool):
            errors.append(f"{where}: marked must be true or false")
        gold["quotes"].append({"span": s, "marked": marked, "speaker": speaker, "speaker_mention": sm_span})

    for n, x in enumerate(a.get("events", [])):
        where = f"event {n} {x.get('code')!r}"
        s = span(where + " sentence", x.get("sentence"))
        code = x.get("code")
        if code not in t["codes"]:
            errors.append(f"{where}: code {code!r} is not in the CAMEO table")
        for c in x.get("acceptable_codes") or []:
            if c not in t["codes"]:
                errors.append(f"{where}: acceptable code {c!r} is not in the CAMEO table")
        if x.get("status") not in STATUSES:
            errors.append(f"{where}: status {x.get('status')!r}")
        actors = []
        for side in ("actor1", "actor2"):
            k = x.get(side)
            if k is None:
                if side == "actor1":
                    errors.append(f"{where}: no actor1")
                actors.append(None)
                continue
            if k not in keys:
                errors.append(f"{where}: {side} {k!r} is no entity key")
                actors.append(None)
                continue
            code_override = x.get(side + "_code")
            actor_code = code_override or keys[k]["cameo"]
            if not actor_code:
                errors.append(f"{where}: {side} {k!r} has no actor code")
            actors.append({"entity": k, "code": actor_code, "country": keys[k]["country"]})
        date = x.get("date")
        if date is not None and not isinstance(date, str):
            errors.append(f"{where}: date {date!r}")
        gold["events"].append({
            "sentence": s,
            "code": code,
            "acceptable_codes": list(x.get("acceptable_codes") or []),
            "actor1": actors[0],
            "actor2": actors[1],
            "status": x.get("status"),
            "optional": bool(x.get("optional", False)),
            "date": date,
            "date_approx": bool(x.get("date_approx", False)),
        })
    return gold


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cmd_check(paths):
    bad = 0
    for p in paths:
        errors = []
        try:
            a = load(p)
        except (OSError, ValueError) as e:
            print(f"{p}: cannot read: {e}")
            bad += 1
            continue
        g = check_article(a, errors)
        if errors:
            bad += 1
            print(f"{p}: {len(errors)} error(s)")
            for e in errors:
                print(f"  {e}")
        else:
            print(f"{p}: ok — {len(g['entities'])} entities, {len(g['times'])} times, "
                  f"{len(g['counts'])} counts, {len(g['quotes'])} quotes, {len(g['events'])} events")
    return 1 if bad else 0


def cmd_build(directories):
    by_half = {"tuning": [], "sealed": []}
    bad = 0
    sel = selection()
    seen = set()
    paths = []
    for directory in directories:
        for name in sorted(os.listdir(directory)):
            if name.endswith(".json"):
                if name in seen:
                    sys.exit(f"{name} is in more than one authoring folder")
                seen.add(name)
                paths.append((directory, name))
    for directory, name in paths:
        errors = []
        g = check_article(load(os.path.join(directory, name)), errors)
        if errors or g is None or g["half"] not in by_half:
            bad += 1
            print(f"{name}: skipped, {len(errors)} error(s)", file=sys.stderr)
            continue
        by_half[g["half"]].append(g)
    order = {doc_id: i for i, doc_id in enumerate(sel)}
    for half, docs in by_half.items():
        docs.sort(key=lambda g: order.get(g["id"], 1 << 30))
        out_dir = os.path.join(HERE, f"orangesum-{half}")
        os.makedirs(out_dir, exist_ok=True)
        with open(os.path.join(out_dir, "gold.jsonl"), "w", encoding="utf-8") as f:
            for g in docs:
                f.write(json.dumps(g, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"{half}: {len(docs)} articles")
    return 1 if bad else 0


def cmd_batch(half, batch, out_dir):
    """A gold folder holding one batch of a half, for `depeche eval news OUT_DIR`: the half's
    manifest (sealed stays sealed; the articles path made absolute) and its gold lines of that
    batch."""
    src = os.path.join(HERE, f"orangesum-{half}")
    with open(os.path.join(src, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    manifest["name"] = f"{manifest['name']}, batch {batch}"
    manifest["articles"] = os.path.abspath(os.path.join(src, manifest["articles"]))
    ids = {doc_id for doc_id, row in selection().items() if row.get("batch") == batch}
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    with open(os.path.join(src, "gold.jsonl"), encoding="utf-8") as f, \
            open(os.path.join(out_dir, "gold.jsonl"), "w", encoding="utf-8") as o:
        for line in f:
            if json.loads(line)["id"] in ids:
                o.write(line)
                n += 1
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"{n} articles of batch {batch} of the {half} half written to {out_dir}")
    return 0 if n else 1


def cmd_restore(half, out):
    path = os.path.join(HERE, f"orangesum-{half}", "gold.jsonl")
    arts = articles()
    n = 0
    with open(path, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for line in f:
            g = json.loads(line)
            art = arts[g["id"]]
            text = doc_text(art)
            if fnv1a64(text) != g["text_fnv1a64"]:
                sys.exit(f"{g['id']}: the text in {ORANGESUM} differs from the annotated one")
            rec = {"id": g["id"], "text": text, "published": art.get("published"),
                   "url": art.get("url"), "source": art.get("source")}
            o.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} articles written to {out}")
    return 0


def cmd_show(doc_id):
    art = articles()[doc_id]
    print(f"id: {doc_id}   section: {art.get('section')}   published: {art.get('published')}")
    print("-" * 72)
    for i, line in enumerate(doc_text(art).split("\n")):
        print(f"[{i}] {line}")
    return 0


def cmd_agree(dir_a, dir_b):
    """Agreement of two passes over the same articles: events matched on an overlapping
    sentence, root code and both actors' countries (all, then required only), and speakers of
    the quotes both passes hold."""
    def load_dir(d):
        out = {}
        for name in sorted(os.listdir(d)):
            if name.endswith(".json"):
                g = check_article(load(os.path.join(d, name)), [])
                if g is not None:
                    out[g["id"]] = g
        return out

    a, b = load_dir(dir_a), load_dir(dir_b)
    common = sorted(set(a) & set(b))

    def side(x):
        return None if x is None else (x["country"] or (x["code"] or "")[:3])

    def events(g, required_only):
        return [(e["sentence"], e["code"][:2], side(e["actor1"]), side(e["actor2"]))
                for e in g["events"] if e["sentence"] and not (required_only and e["optional"])]

    for required_only in (False, True):
        both = n_a = n_b = 0
        for i in common:
            ea, eb = events(a[i], required_only), events(b[i], required_only)
            n_a, n_b = n_a + len(ea), n_b + len(eb)
            used = [False] * len(eb)
            for x in ea:
                for j, y in enumerate(eb):
                    if not used[j] and x[0][0] < y[0][1] and y[0][0] < x[0][1] and x[1:] == y[1:]:
                        used[j] = True
                        both += 1
                        break
        p, r = both / max(n_a, 1), both / max(n_b, 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        label = "required events" if required_only else "all events"
        print(f"{label}: F1 {f1:.3f} ({n_a} in A, {n_b} in B, {both} in both)")
    shared = same = 0
    for i in common:
        qa = {tuple(q["span"]): q["speaker"] for q in a[i]["quotes"] if q["span"]}
        for q in b[i]["quotes"]:
            if q["span"] and tuple(q["span"]) in qa:
                shared += 1
                same += qa[tuple(q["span"])] == q["speaker"]
    print(f"quotes in both: {shared}, same speaker: {same}; {len(common)} articles")
    return 0


def cmd_stats():
    for half in ("tuning", "sealed"):
        path = os.path.join(HERE, f"orangesum-{half}", "gold.jsonl")
        if not os.path.exists(path):
            continue
        tot = {"articles": 0}
        sections = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                g = json.loads(line)
                tot["articles"] += 1
                sections[g["section"]] = sections.get(g["section"], 0) + 1
                for layer in ("entities", "times", "counts", "quotes", "events"):
                    tot[layer] = tot.get(layer, 0) + len(g[layer])
                tot["named spans"] = tot.get("named spans", 0) + sum(len(e["spans"]) for e in g["entities"])
                tot["nominal spans"] = tot.get("nominal spans", 0) + sum(len(e["nominal_spans"]) for e in g["entities"])
                tot["optional events"] = tot.get("optional events", 0) + sum(e["optional"] for e in g["events"])
        print(half, json.dumps(tot), json.dumps(sections, ensure_ascii=False))
    return 0


def cmd_place(name):
    low = name.lower()
    rows = []
    with open(os.path.join(GEONAMES, "cities15000.txt"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            names = [c[1].lower(), c[2].lower()] + [x.lower() for x in c[3].split(",")]
            if low in names:
                rows.append((int(c[14] or 0), f"{c[0]}\tcity\t{c[1]}\t{c[8]}\t{c[7]}\tpop {c[14]}"))
    with open(os.path.join(GEONAMES, "countryInfo.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) > 16 and low in (c[4].lower(), c[0].lower(), c[1].lower()):
                rows.append((10 ** 12, f"{c[16]}\tcountry\t{c[4]}\t{c[1]}"))
    with open(os.path.join(GEONAMES, "admin1.tsv"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 4 and low in (c[1].lower(), c[2].lower()):
                rows.append((10 ** 11, f"{c[3]}\tadmin1\t{c[1]}\t{c[0]}"))
    iso3_geo = {}
    with open(os.path.join(GEONAMES, "countryInfo.tsv"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if not line.startswith("#") and len(c) > 16:
                iso3_geo[c[1]] = c[16]
    fr = os.path.join(SHARED, "data/gazetteer/countries/countries-fr-demonyms.tsv")
    with open(fr, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(c) < 7:
                continue
            if low in (c[3].lower(), c[4].lower(), c[5].lower(), c[6].lower()):
                rows.append((10 ** 12, f"{iso3_geo.get(c[1], 'null')}\tcountry\t{c[3]}\t{c[1]}\t(demonym {c[5]}/{c[6]})"))
    trans = os.path.join(SHARED, "data/gazetteer/geonames/country_translations.json")
    if os.path.exists(trans):
        with open(trans, encoding="utf-8") as f:
            data = json.load(f)
        items = data.items() if isinstance(data, dict) else []
        for gid, names in items:
            if isinstance(names, dict) and str(names.get("fr", "")).lower() == low:
                rows.append((10 ** 12, f"{gid}\tcountry (French name)\t{names.get('fr')}\t{names.get('en', '')}"))
    for _, r in sorted(rows, reverse=True)[:15]:
        print(r)
    if not rows:
        print("no GeoNames id in the shipped extracts: write null")
    return 0


def cmd_code(word):
    low = word.lower()
    path = os.path.join(SHARED, "data/events/cameo/icews-cameo-codes.utf8.csv")
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            blob = " ".join(str(row.get(k) or "") for k in ("name", "description", "usage_notes", "example"))
            if low in blob.lower() or row["code"] == word:
                print(f"{row['code']}\t{row['name']}\n    {(row.get('description') or '')[:300]}")
    return 0


def cmd_actor(name):
    low = name.lower().replace(" ", "_")
    d = os.path.join(SHARED, "data/events/petrarch2")
    for fn in sorted(os.listdir(d)):
        if not (fn.endswith("actors.txt") or fn == "Phoenix.agents.txt"):
            continue
        with open(os.path.join(d, fn), encoding="utf-8", errors="replace") as f:
            lines = f.readlines()
        for i, line in enumerate(lines):
            if low in line.lower():
                # an actor entry's code may be on the following lines
                block = "".join(lines[i:i + 3]).rstrip()
                print(f"{fn}:{i + 1}: {block}")
    return 0


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0 if len(argv) >= 2 else 2
    cmd = argv[1]
    if cmd == "check" and len(argv) > 2:
        return cmd_check(argv[2:])
    if cmd == "build" and len(argv) >= 3:
        return cmd_build(argv[2:])
    if cmd == "restore" and len(argv) == 4 and argv[2] in ("tuning", "sealed"):
        return cmd_restore(argv[2], argv[3])
    if cmd == "batch" and len(argv) == 5 and argv[2] in ("tuning", "sealed"):
        return cmd_batch(argv[2], argv[3], argv[4])
    if cmd == "show" and len(argv) == 3:
        return cmd_show(argv[2])
    if cmd == "stats":
        return cmd_stats()
    if cmd == "agree" and len(argv) == 4:
        return cmd_agree(argv[2], argv[3])
    if cmd in ("place", "code", "actor") and len(argv) >= 3:
        arg = " ".join(argv[2:])
        return {"place": cmd_place, "code": cmd_code, "actor": cmd_actor}[cmd](arg)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
