#!/usr/bin/env python3
"""Main-text extraction, depeche against trafilatura, same pages, same run, same scorer.

Three measures, each printed with both extractors and the ratio:
  1. OrangeSum saved pages (ID.html + ID.expected.json): body word F1 (mean over pages),
     title exact, published right (the scorer of `depeche eval html`, re-implemented here so
     trafilatura is scored the same way);
  2. the Zyte article-extraction benchmark (html/*.html.gz + ground-truth.json) with its own
     metric: 4-token shingles of \\w+ tokens, per-page tp/fp/fn, mean P and R, F1 = 2PR/(P+R);
  3. speed on one core: pages per second over the OrangeSum pages, depeche with
     `extract --layers none -j 1`, trafilatura with `extract()` in one process.

Usage (bench/html.sh sets up the venv):
  bench/.venv/bin/python bench/html_extract.py --depeche target/release/depeche \
      --orangesum ../shared/data/news-fr/orangesum/pages \
      --zyte ../shared/data/extraction/article-extraction-benchmark
"""
import argparse
import collections
import gzip
import json
import os
import re
import subprocess
import sys
import time

WORD = re.compile(r"\w+")


def word_f1(got, want):
    g = collections.Counter(WORD.findall(got))
    w = collections.Counter(WORD.findall(want))
    tp = sum((g & w).values())
    fp = sum(g.values()) - tp
    fn = sum(w.values()) - tp
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def shingles(text, n=4):
    tokens = WORD.findall(text)
    return collections.Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def zyte_prf(got, want):
    """The Zyte benchmark's per-page precision and recall (tp/fp/fn normalised to sum 1)."""
    g, w = shingles(got), shingles(want)
    tp = sum((g & w).values())
    fp = sum((g - w).values())
    fn = sum((w - g).values())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    tp, fp, fn = tp / total, fp / total, fn / total
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r


def depeche_docs(binary, paths, layers):
    """Runs depeche on files; returns {file stem: document} (JSON Lines output)."""
    out = subprocess.run(
        [binary, "extract", "--input", "html", "--lang-any", "--layers", layers, "--format", "jsonl",
         "-q", "-j", "1", *paths],
        capture_output=True, text=True)
    docs = {}
    for line in out.stdout.splitlines():
        d = json.loads(line)
        docs[d["id"]] = d
    return docs


def depeche_body(doc):
    # Spans are UTF-8 byte offsets.
    text = doc["text"].encode("utf-8")
    return "\n".join(text[b["span"][0]:b["span"][1]].decode("utf-8")
                     for b in doc.get("blocks", []) if b["kind"] in ("paragraph", "subheading"))


def trafilatura_extract(html, url=None):
    import trafilatura
    text = trafilatura.extract(html, url=url, include_comments=False, favor_precision=False,
                               output_format="json", with_metadata=True)
    return json.loads(text) if text else {}


def stem(path):
    """The id depeche gives a file: its name without the extension (and without .gz)."""
    name = os.path.basename(path)
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[0]


def orangesum(binary, folder):
    pages = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".html"))
    expected = {stem(p): json.load(open(p[:-5] + ".expected.json", encoding="utf-8")) for p in pages}
    docs = depeche_docs(binary, pages, "blocks")
    scores = {"depeche": [0.0, 0, 0, 0], "trafilatura": [0.0, 0, 0, 0]}
    for p in pages:
        e = expected[stem(p)]
        want = "\n".join(e["paragraphs"])
        d = docs.get(stem(p))
        if d:
            s = scores["depeche"]
            s[0] += word_f1(depeche_body(d), want)
            s[1] += (d.get("title") or "").strip() == (e["title"] or "").strip()
            s[2] += d.get("published") == e["published"]
            s[3] += (d.get("published") or "")[:10] == (e["published"] or "")[:10]
        t = trafilatura_extract(open(p, "rb").read())
        s = scores["trafilatura"]
        s[0] += word_f1(t.get("text") or "", want)
        s[1] += (t.get("title") or "").strip() == (e["title"] or "").strip()
        # trafilatura keeps the day only.
        s[2] += (t.get("date") or "") == (e["published"] or "")
        s[3] += (t.get("date") or "")[:10] == (e["published"] or "")[:10]
    n = len(pages)
    print(f"OrangeSum pages ({n}), {folder}")
    print(f"  {'':12} {'body word F1':>13} {'title exact':>12} {'published':>10} {'same day':>9}")
    for name, s in scores.items():
        print(f"  {name:12} {s[0] / n:13.4f} {s[1] / n:12.4f} {s[2] / n:10.4f} {s[3] / n:9.4f}")
    return pages


def zyte_half(index):
    """The half of the Zyte pages a page belongs to, by its rank among the sorted ids: even
    ranks are the tuning half (errors may be looked at), odd ranks the check half (scored
    only)."""
    return "tune" if index % 2 == 0 else "check"


def zyte(binary, folder, extractors, dump=None):
    truth = json.load(open(os.path.join(folder, "ground-truth.json"), encoding="utf-8"))
    html_dir = os.path.join(folder, "html")
    paths = sorted(os.path.join(html_dir, f) for f in os.listdir(html_dir))
    docs = depeche_docs(binary, paths, "blocks")
    results = {name: [] for name in extractors}
    tuning = []
    for index, path in enumerate(paths):
        item = stem(path)
        half = zyte_half(index)
        want = truth[item]["articleBody"]
        d = docs.get(item)
        got = depeche_body(d) if d else ""
        results["depeche"].append((half, zyte_prf(got, want)))
        if half == "tune":
            tuning.append({"id": item, "p_r": results["depeche"][-1][1], "got": got, "want": want})
        if "trafilatura" in results:
            html = gzip.open(path, "rb").read()
            t = trafilatura_extract(html, truth[item].get("url"))
            results["trafilatura"].append((half, zyte_prf(t.get("text") or "", want)))
    if dump:
        # Only the tuning half is ever written out for reading.
        with open(dump, "w", encoding="utf-8") as out:
            for row in sorted(tuning, key=lambda r: 2 * r["p_r"][0] * r["p_r"][1] / (sum(r["p_r"]) or 1)):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"Zyte article-extraction benchmark ({len(paths)} pages), its metric; "
          f"tuning half = even ranks of the sorted ids, check half = odd ranks")
    for name, rows in results.items():
        for half in ("tune", "check", "all"):
            prs = [pr for h, pr in rows if half in (h, "all")]
            p = sum(x[0] for x in prs) / len(prs)
            r = sum(x[1] for x in prs) / len(prs)
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"  {name:12} {half:5} ({len(prs):3}) F1 {f:.4f} (P {p:.4f}, R {r:.4f})")


def trafilatura_eval(binary, folder, extractors, show=False):
    """trafilatura's own French eval pages: each `with` snippet must be in the text, no
    `without` snippet may be (whitespace normalised, as upstream's count_item does)."""
    entries = json.load(open(os.path.join(folder, "evaldata-fr.json"), encoding="utf-8"))
    paths = [os.path.join(folder, "html-fr", e["file"]) for e in entries.values()]
    docs = depeche_docs(binary, paths, "blocks")
    norm = lambda s: " ".join(s.split())
    counts = {name: [0, 0, 0, 0] for name in extractors}
    for url, e in entries.items():
        path = os.path.join(folder, "html-fr", e["file"])
        d = docs.get(stem(path))
        texts = {"depeche": norm((d.get("title") or "") + "\n" + depeche_body(d)) if d else ""}
        if "trafilatura" in counts:
            texts["trafilatura"] = norm(
                trafilatura_extract(open(path, "rb").read(), url).get("text") or "")
        for name, text in texts.items():
            c = counts[name]
            for w in e.get("with", []):
                if norm(w) in text:
                    c[0] += 1
                else:
                    c[3] += 1
                    if show and name == "depeche":
                        print(f"    missing  {e['file']}: {norm(w)[:90]}")
            for w in e.get("without", []):
                if norm(w) in text:
                    c[1] += 1
                    if show and name == "depeche":
                        print(f"    unwanted {e['file']}: {norm(w)[:90]}")
                else:
                    c[2] += 1
    print(f"trafilatura's French eval pages ({len(entries)}): with found (tp), without found (fp)")
    for name, (tp, fp, tn, fn) in counts.items():
        print(f"  {name:12} tp {tp} fn {fn} fp {fp} tn {tn}")


def speed(binary, pages, rounds=5):
    # Each page is read `rounds` times, so the process start weighs as it would on a batch.
    pages = pages * rounds
    start = time.perf_counter()
    subprocess.run([binary, "extract", "--input", "html", "--layers", "none", "--format",
                    "jsonl", "-q", "-j", "1", *pages], capture_output=True, check=False)
    d_secs = time.perf_counter() - start
    htmls = [open(p, "rb").read() for p in pages]
    start = time.perf_counter()
    for h in htmls:
        trafilatura_extract(h)
    t_secs = time.perf_counter() - start
    n = len(pages)
    print(f"Speed, one core, {n} pages (the OrangeSum pages, {rounds} times; depeche: extract --layers none -j 1, "
          f"process start and JSON output included; trafilatura: extract() with metadata, "
          f"files already in memory)")
    print(f"  depeche      {n / d_secs:8.0f} pages/s ({d_secs:.2f} s)")
    print(f"  trafilatura  {n / t_secs:8.0f} pages/s ({t_secs:.2f} s)")
    print(f"  ratio        {t_secs / d_secs:8.1f}x")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--depeche", default="target/release/depeche")
    ap.add_argument("--orangesum", default="../shared/data/news-fr/orangesum/pages")
    ap.add_argument("--zyte", default="../shared/data/extraction/article-extraction-benchmark")
    ap.add_argument("--trafilatura-eval", default="../shared/data/extraction/trafilatura-eval")
    ap.add_argument("--depeche-only", action="store_true",
                    help="quality of depeche alone on the Zyte and French pages (no trafilatura, no speed)")
    ap.add_argument("--dump-tuning", metavar="FILE",
                    help="write depeche's output and the truth of the Zyte tuning half, worst first")
    ap.add_argument("--show-snippets", action="store_true",
                    help="print the French snippets depeche misses or wrongly keeps")
    args = ap.parse_args()
    if args.depeche_only:
        print(f"depeche: {args.depeche}")
        zyte(args.depeche, args.zyte, ["depeche"], args.dump_tuning)
        trafilatura_eval(args.depeche, args.trafilatura_eval, ["depeche"], args.show_snippets)
        return
    import trafilatura
    print(f"depeche: {args.depeche}; trafilatura {trafilatura.__version__}")
    pages = orangesum(args.depeche, args.orangesum)
    if os.path.isdir(args.zyte):
        zyte(args.depeche, args.zyte, ["depeche", "trafilatura"], args.dump_tuning)
    if os.path.isdir(args.trafilatura_eval):
        trafilatura_eval(args.depeche, args.trafilatura_eval, ["depeche", "trafilatura"],
                         args.show_snippets)
    speed(args.depeche, pages)


if __name__ == "__main__":
    sys.exit(main())
