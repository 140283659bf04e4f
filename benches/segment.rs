//! Segmentation throughput (tokens + sentences) in MB/s on a French news-like corpus, with
//! spaCy's French tokenizer timed on the same text in the same run when a Python with spaCy is
//! available, and the ratio printed. Run with `bench/segment.sh` (which can create that Python)
//! or `cargo bench --bench segment`.
//!
//! Corpus, built from `../shared/data` and written to `target/bench/segment-corpus.txt`, one
//! paragraph per line: the 50 French Wikinews articles (2012; HTML paragraphs with tags
//! stripped), the 54 French TimeBank articles (Est Républicain, 1999; TimeML tags stripped),
//! the UD French-GSD dev sentences (six to a paragraph) and the seed article.
//!
//! The check on the output: the token and sentence counts are printed and must be non-zero, and
//! every run must give the same counts.

use depeche::lang::LangData;
use depeche::segment::segment_paragraph;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace('\u{ad}', "")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == ext));
    v.sort();
    v
}

fn build_corpus(shared: &Path) -> Vec<String> {
    let mut paragraphs = Vec::new();
    for path in files(
        &shared.join("data/news-fr/wikinews-fr-2012/documents"),
        "html",
    ) {
        let html = std::fs::read_to_string(&path).unwrap_or_default();
        for part in html.split("<p>").skip(1).chain(html.split("<h2>").skip(1)) {
            let end = part.find("</").unwrap_or(part.len());
            let text = strip_tags(&part[..end]).trim().to_string();
            if !text.is_empty() {
                paragraphs.push(text);
            }
        }
    }
    for path in files(&shared.join("data/temporal/fr-timebank/Data"), "tml") {
        let xml = std::fs::read_to_string(&path).unwrap_or_default();
        if let (Some(a), Some(b)) = (xml.find("<TEXT>"), xml.find("</TEXT>")) {
            for line in strip_tags(&xml[a + 6..b]).lines() {
                if !line.trim().is_empty() {
                    paragraphs.push(line.trim().to_string());
                }
            }
        }
    }
    let ud =
        std::fs::read_to_string(shared.join("data/ud/fr_gsd-ud-dev.conllu")).unwrap_or_default();
    let sentences: Vec<&str> = ud
        .lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .collect();
    for group in sentences.chunks(6) {
        paragraphs.push(group.join(" "));
    }
    let seed = include_str!("../examples/000_841bfa5ee9043e79.txt");
    paragraphs.extend(
        seed.lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string),
    );
    paragraphs
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("DEPECHE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    let corpus = build_corpus(&shared);
    let bytes: usize = corpus.iter().map(|p| p.len() + 1).sum();
    if bytes < 200_000 {
        eprintln!("corpus too small ({bytes} bytes): is ../shared/data there?");
        std::process::exit(1);
    }
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir).expect("create target/bench");
    let corpus_path = out_dir.join("segment-corpus.txt");
    std::fs::write(&corpus_path, corpus.join("\n") + "\n").expect("write corpus");
    println!(
        "corpus: {} paragraphs, {:.2} MB ({})",
        corpus.len(),
        bytes as f64 / 1e6,
        corpus_path.display()
    );

    let lang = LangData::french();
    let run = || {
        let (mut tokens, mut sentences) = (0, 0);
        for p in &corpus {
            let (t, s) = segment_paragraph(p, &lang);
            tokens += t.len();
            sentences += s.len();
        }
        (tokens, sentences)
    };
    let expected = run();
    assert!(expected.0 > 0 && expected.1 > 0);
    let mut best = Duration::MAX;
    let started = Instant::now();
    let mut runs = 0;
    while runs < 5 || started.elapsed() < Duration::from_secs(3) {
        let t = Instant::now();
        let counts = run();
        best = best.min(t.elapsed());
        assert_eq!(counts, expected, "segmentation must be deterministic");
        runs += 1;
    }
    let ours = bytes as f64 / 1e6 / best.as_secs_f64();
    println!(
        "depeche tokens+sentences: {ours:.1} MB/s (best of {runs} runs, one thread; {} tokens, {} sentences)",
        expected.0, expected.1
    );

    let python = std::env::var_os("DEPECHE_BENCH_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("bench/.venv/bin/python"));
    if !python.exists() {
        println!(
            "spaCy: skipped (no {}; run bench/segment.sh --setup to create it)",
            python.display()
        );
        return;
    }
    let out = Command::new(&python)
        .arg(root.join("bench/spacy_segment.py"))
        .arg(&corpus_path)
        .output();
    match out {
        Ok(out) if out.status.success() => {
            let report = String::from_utf8_lossy(&out.stdout);
            for line in report.lines() {
                println!("{line}");
                if let Some((name, mbs)) = line
                    .split_once(" MB/s")
                    .and_then(|(l, _)| l.rsplit_once(": "))
                {
                    if let Ok(mbs) = mbs.parse::<f64>() {
                        println!("  ratio depeche / {name}: {:.1}x", ours / mbs);
                    }
                }
            }
        }
        Ok(out) => println!("spaCy: failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(err) => println!("spaCy: could not run {}: {err}", python.display()),
    }
}
