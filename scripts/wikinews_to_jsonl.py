#!/usr/bin/env python3
"""French Wikinews 2012 HTML (../shared/data/news-fr/wikinews-fr-2012/documents) → JSON Lines
that `depeche extract` reads: {"id","title","text","published","source","url"}.

The articles open with their date in the text ("22 juin 2012. - …"): it becomes "published" and
stays in the text. Standard library only; deterministic. Usage:
    python3 scripts/wikinews_to_jsonl.py ../shared/data/news-fr/wikinews-fr-2012/documents > out.jsonl
"""
import html
import json
import re
import sys
from pathlib import Path

MONTHS = {m: i + 1 for i, m in enumerate(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split())}


def clean(fragment: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment))
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def convert(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", raw, re.S)
    paragraphs = [clean(p) for p in re.findall(r"<p>(.*?)</p>", raw, re.S)]
    paragraphs = [p for p in paragraphs if p]
    published = None
    if paragraphs:
        m = re.match(r"(\d{1,2})(?:er)? (\w+) (\d{4})", paragraphs[0])
        if m and m.group(2).lower() in MONTHS:
            published = f"{int(m.group(3)):04d}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    return {
        "id": path.stem,
        "title": clean(title.group(1)) if title else "",
        "text": "\n".join(paragraphs),
        "published": published,
        "source": "fr.wikinews.org",
        "url": None,
    }


def main() -> None:
    folder = Path(sys.argv[1])
    for path in sorted(folder.glob("*.html")):
        print(json.dumps(convert(path), ensure_ascii=False))


if __name__ == "__main__":
    main()
