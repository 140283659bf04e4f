#!/usr/bin/env python3
"""Converts the Wikinews gold of eval/ (entities of 20 articles, events of 50) into the format of
eval/news/, so that `depeche eval news eval/news/wikinews-2012-dev` scores it beside OrangeSum.

  python3 eval/news/wikinews.py      # writes eval/news/wikinews-2012-dev/{manifest.json,gold.jsonl}

Names come from `named` (the mention, its occurrence, type, country, GeoNames id, canonical
name); each `refers` entry joins the record of the name it refers to, as a name when every word
of it is capitalised ("Obama", "B. Obama"), else as a description ("le président"). Events keep
their actor codes and countries (no record keys: the older gold has none) and their sentence
fragment as the sentence span. Wikinews is CC BY 2.5: its text is in eval/ already.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.dirname(HERE)
OUT = os.path.join(HERE, "wikinews-2012-dev")


def nth(text, needle, n):
    """The n-th (from 1) occurrence, searching on after each hit's end (as the older eval did)."""
    start = 0
    for _ in range(n - 1):
        i = text.find(needle, start)
        if i < 0:
            return None
        start = i + len(needle)
    i = text.find(needle, start)
    return None if i < 0 else [i, i + len(needle)]


def name_like(s):
    return all(w[:1].isupper() for w in s.split(" ") if w)


def main():
    articles = [json.loads(l) for l in open(os.path.join(EVAL, "wikinews-fr-2012-dev.jsonl"), encoding="utf-8")]
    entities = {}
    for line in open(os.path.join(EVAL, "wikinews-fr-2012-dev.entities.jsonl"), encoding="utf-8"):
        g = json.loads(line)
        entities[g["id"]] = g
    events = {}
    for line in open(os.path.join(EVAL, "wikinews-fr-2012-dev.events.jsonl"), encoding="utf-8"):
        g = json.loads(line)
        events[g["id"]] = g["events"]
    os.makedirs(OUT, exist_ok=True)
    lost = 0
    with open(os.path.join(OUT, "gold.jsonl"), "w", encoding="utf-8") as out:
        for a in articles:
            doc_id = str(a["id"])
            text = a["text"]
            layers, records, by_mention = [], {}, {}
            if doc_id in entities:
                layers.append("entities")
                for n in entities[doc_id]["named"]:
                    key = n.get("canonical") or n["mention"]
                    rec = records.setdefault(key, {
                        "id": key, "name": key, "type": n["type"], "country": n.get("country"),
                        "role": None, "cameo": None, "geonames": n.get("geonames"),
                        "spans": [], "nominal_spans": [], "demonym_spans": []})
                    span = nth(text, n["mention"], n.get("occurrence", 1))
                    if span is None:
                        lost += 1
                        continue
                    rec["spans"].append(span)
                    by_mention.setdefault(n["mention"], key)
                for f in entities[doc_id].get("refers", []):
                    key = by_mention.get(f["refers_to"])
                    span = nth(text, f["mention"], f.get("occurrence", 1))
                    if key is None or span is None:
                        lost += 1
                        continue
                    field = "spans" if name_like(f["mention"]) else "nominal_spans"
                    if span not in records[key][field]:
                        records[key][field].append(span)
            evs = []
            if doc_id in events:
                layers.append("events")
                for e in events[doc_id]:
                    i = text.find(e["sentence"])
                    if i < 0:
                        lost += 1
                        continue
                    def actor(x):
                        if not x:
                            return None
                        return {"entity": None, "code": x["code"], "country": x.get("country")}
                    evs.append({"sentence": [i, i + len(e["sentence"])], "code": e["code"],
                                "acceptable_codes": [], "actor1": actor(e.get("actor1")),
                                "actor2": actor(e.get("actor2")), "status": e.get("status"),
                                "optional": False, "date": None, "date_approx": False})
            for r in records.values():
                r["spans"].sort()
                r["nominal_spans"].sort()
            rec = {"id": doc_id, "section": None, "layers": layers,
                   "text_chars": len(text), "entities": list(records.values()),
                   "times": [], "counts": [], "quotes": [], "events": evs}
            out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
    manifest = {"name": "Wikinews 2012 (eval/, tuned on)", "articles": "../../wikinews-fr-2012-dev.jsonl",
                "format": "jsonl", "sealed": False}
    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"{len(articles)} articles written to {OUT}; {lost} gold items not found in the text")


if __name__ == "__main__":
    main()
