//! Whole-article throughput of `depeche extract`'s stages, one thread, and the share of each
//! stage: layout, segmentation, named entities, linking, times, counts, quotes, events, JSON
//! output; then what linking and event coding add to the time of the rest of `extract`. Input: the corpus that
//! `benches/segment.rs` writes (`target/bench/segment-corpus.txt`), cut into articles of eight
//! paragraphs under a title line, published 2015-12-21. Run `cargo bench --bench segment` first.
//!
//! Checks its output: the number of annotations of each layer is printed and must be the same
//! on every run.

use depeche::count::Counter;
use depeche::event::EventCoder;
use depeche::lang::LangData;
use depeche::link::Linker;
use depeche::ner::Recognizer;
use depeche::quote::Quoter;
use depeche::read::published::parse_published;
use depeche::syntax::words::Analyzer;
use depeche::time::TimeTagger;
use depeche::{output, read, segment, Document, Metadata};
use std::time::{Duration, Instant};

fn main() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("target/bench/segment-corpus.txt");
    let Ok(text) = std::fs::read_to_string(&corpus) else {
        eprintln!(
            "no {}: run `cargo bench --bench segment` first",
            corpus.display()
        );
        std::process::exit(1);
    };
    let paragraphs: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let published = parse_published("2015-12-21").ok();
    let articles: Vec<Document> = paragraphs
        .chunks(8)
        .enumerate()
        .map(|(i, chunk)| {
            let meta = Metadata {
                id: i.to_string(),
                lang: "fr".into(),
                published,
                title_from_first_line: true,
                ..Metadata::default()
            };
            Document::new(
                meta,
                format!("Titre de l'article {i}\n\n{}", chunk.join("\n")),
            )
        })
        .collect();
    let bytes: usize = articles.iter().map(|d| d.text.len()).sum();
    let lang = LangData::french();
    let (times, counts, quotes) = (
        TimeTagger::new(&lang),
        Counter::new(&lang),
        Quoter::new(&lang).expect("the verb paradigms"),
    );
    let ner = Recognizer::french().expect("the built-in NER model");
    let linker = Linker::new().expect("the knowledge base");
    let coder = EventCoder::new().expect("the event dictionary");
    let syntax = Analyzer::french().expect("the built-in syntax model");
    let stage_names = [
        "layout", "segment", "syntax", "ner", "link", "times", "counts", "quotes", "events", "json",
    ];
    const STAGES: usize = 10;
    let mut best = [Duration::MAX; STAGES];
    let mut expected = None;
    let started = Instant::now();
    let mut runs = 0;
    while runs < 3 || started.elapsed() < Duration::from_secs(5) {
        let mut spent = [Duration::ZERO; STAGES];
        let mut sizes = [0usize; 8];
        for article in &articles {
            let mut doc = article.clone();
            let mut t = Instant::now();
            let mut lap = |k: usize, t: &mut Instant| {
                spent[k] += t.elapsed();
                *t = Instant::now();
            };
            read::layout::add_blocks(&mut doc, &lang);
            lap(0, &mut t);
            segment::segment(&mut doc, &lang);
            lap(1, &mut t);
            syntax.annotate(&mut doc);
            lap(2, &mut t);
            ner.annotate(&mut doc);
            lap(3, &mut t);
            linker.annotate(&mut doc);
            lap(4, &mut t);
            times.annotate(&mut doc);
            lap(5, &mut t);
            counts.annotate(&mut doc);
            lap(6, &mut t);
            quotes.annotate(&mut doc);
            lap(7, &mut t);
            coder.annotate(&mut doc, linker.kb());
            lap(8, &mut t);
            let json = output::to_json_line(&doc, output::OutputOptions::default());
            lap(9, &mut t);
            sizes[0] += doc.sentences.len();
            sizes[1] += doc.times.len();
            sizes[2] += doc.counts.len();
            sizes[3] += doc.quotes.len();
            sizes[4] += json.len();
            sizes[5] += doc.entities.len();
            sizes[6] += doc.events.len();
            sizes[7] += doc.words.len();
        }
        match expected {
            None => expected = Some(sizes),
            Some(e) => assert_eq!(e, sizes, "annotation must be deterministic"),
        }
        for k in 0..STAGES {
            best[k] = best[k].min(spent[k]);
        }
        runs += 1;
    }
    let total: Duration = best.iter().sum();
    let sizes = expected.unwrap_or_default();
    println!(
        "{} articles, {:.2} MB; {} sentences, {} words, {} entities, {} times, {} counts, {} quotes, {} events",
        articles.len(),
        bytes as f64 / 1e6,
        sizes[0],
        sizes[7],
        sizes[5],
        sizes[1],
        sizes[2],
        sizes[3],
        sizes[6]
    );
    println!(
        "whole pipeline: {:.1} MB/s, {:.0} articles/s (one thread, best of {runs} runs per stage)",
        bytes as f64 / 1e6 / total.as_secs_f64(),
        articles.len() as f64 / total.as_secs_f64()
    );
    for (name, d) in stage_names.iter().zip(best) {
        println!(
            "  {name:8} {:5.1}% of the time",
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
    // What a stage adds to the time of the other stages (the issues' overhead goals).
    let added = |k: usize| 100.0 * best[k].as_secs_f64() / (total - best[k]).as_secs_f64();
    println!(
        "linking adds {:.1}% to the rest of extract's time",
        added(4)
    );
    println!(
        "event coding adds {:.1}% to the rest of extract's time",
        added(8)
    );
    println!("syntax adds {:.1}% to the rest of extract's time", added(2));
}
