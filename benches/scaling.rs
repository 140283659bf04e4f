//! Time per MB against document size: the whole pipeline on documents of 50 KB, 1 MB and 4 MB
//! made of real news text (the Wikinews articles of `eval/`, repeated), one thread, and the
//! ratio of each size's time per MB to the 50 KB one, measured in the same run. Also 800 KB of
//! unclosed quotation marks, which once took 51 s. Run with `cargo bench --bench scaling`;
//! `-- --check` exits 1 when a ratio passes 1.5 or the quotation marks take 1 s or more.
//!
//! Each size is annotated until at least 4 MB of text has been processed, and the fastest of
//! three such rounds is kept, so that the small documents are not measured on one cold run.

use depeche::read::published::parse_published;
use depeche::{Document, Metadata, Pipeline};
use std::time::{Duration, Instant};

fn news_text() -> String {
    let articles = include_str!("../eval/wikinews-fr-2012-dev.jsonl");
    let mut body = String::new();
    for line in articles.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        for p in v["text"].as_str().unwrap_or("").lines() {
            if !p.trim().is_empty() {
                body.push_str(p);
                body.push('\n');
            }
        }
    }
    body
}

/// A document of about `bytes` bytes: a title, then whole paragraphs of the news text.
fn document_of(body: &str, bytes: usize) -> String {
    let mut text = String::from("Titre de la dépêche\n");
    'fill: loop {
        for p in body.lines() {
            if text.len() + p.len() + 1 > bytes {
                break 'fill;
            }
            text.push_str(p);
            text.push('\n');
        }
    }
    text
}

fn annotate(pipeline: &Pipeline, text: &str) -> usize {
    let meta = Metadata {
        id: "scaling".into(),
        lang: "fr".into(),
        published: parse_published("2012-07-01").ok(),
        title_from_first_line: true,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.to_string());
    pipeline.annotate(&mut doc);
    doc.tokens.len()
}

/// Seconds per MB on documents of this size: the best of three rounds of at least 4 MB.
fn seconds_per_mb(pipeline: &Pipeline, text: &str) -> f64 {
    let rounds = (4_000_000 / text.len()).max(1);
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let mut tokens = 0;
        for _ in 0..rounds {
            tokens += annotate(pipeline, text);
        }
        assert!(tokens > 0, "the pipeline read no token");
        best = best.min(start.elapsed());
    }
    best.as_secs_f64() / (rounds * text.len()) as f64 * 1e6
}

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let pipeline = Pipeline::new("fr").expect("the French pipeline loads");
    let body = news_text();
    let base = seconds_per_mb(&pipeline, &document_of(&body, 50_000));
    println!("document size   s/MB      ratio to 50 KB");
    println!("50 KB           {base:.3}     1.00");
    let mut worst: f64 = 1.0;
    for (label, bytes) in [("1 MB", 1_000_000), ("4 MB", 4_000_000)] {
        let per_mb = seconds_per_mb(&pipeline, &document_of(&body, bytes));
        let ratio = per_mb / base;
        worst = worst.max(ratio);
        println!("{label:<15} {per_mb:.3}     {ratio:.2}");
    }
    let marks = format!("Titre\n{}", "« ".repeat(800_000 / "« ".len()));
    let start = Instant::now();
    annotate(&pipeline, &marks);
    let quotes = start.elapsed().as_secs_f64();
    println!("800 KB of unclosed « : {quotes:.3} s");
    if check && (worst > 1.5 || quotes >= 1.0) {
        eprintln!("scaling: worst ratio {worst:.2} (limit 1.5), quotation marks {quotes:.3} s (limit 1 s)");
        std::process::exit(1);
    }
}
