//! Replays the fuzz corpus (`fuzz/corpus/`) and every crash the fuzzers found
//! (`fuzz/regressions/`) through the whole pipeline in the debug build (overflow checks on), so
//! that the stable test run keeps what the nightly fuzz runs learnt: no panic, spans on char
//! boundaries, and JSON Lines read line by line.

use depeche::read::published::parse_published;
use depeche::read::{expand_inputs, DocumentStream, InputFormat, ReadOptions, WalkOptions};
use depeche::{Document, Metadata, Pipeline, Span};
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.is_file());
    out.sort();
    out
}

fn check(pipeline: &Pipeline, name: &str, text: &str, published: Option<&str>) {
    let meta = Metadata {
        id: name.into(),
        lang: "fr".into(),
        published: published.and_then(|p| parse_published(p).ok()),
        title_from_first_line: true,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.to_string());
    pipeline.annotate(&mut doc);
    let ok = |s: Span| s.start <= s.end && doc.text.get(s.range()).is_some();
    assert!(doc.tokens.iter().all(|t| ok(t.span)), "{name}");
    assert!(doc.mentions.iter().all(|m| ok(m.span)), "{name}");
    assert!(doc.times.iter().all(|t| ok(t.span)), "{name}");
    assert!(doc.counts.iter().all(|c| ok(c.span)), "{name}");
    assert!(doc.quotes.iter().all(|q| ok(q.span)), "{name}");
    assert!(
        doc.events.iter().all(|e| ok(e.span) && ok(e.trigger)),
        "{name}"
    );
}

#[test]
fn corpus_and_regressions_annotate_cleanly() {
    let pipeline = Pipeline::new("fr").expect("pipeline");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut seen = 0;
    for dir in ["corpus/tokenize", "corpus/annotate", "regressions"] {
        for path in files(&root.join(dir)) {
            let bytes = std::fs::read(&path).expect("read corpus file");
            let text = String::from_utf8_lossy(&bytes);
            let name = path.display().to_string();
            check(&pipeline, &name, &text, Some("2016-03-14"));
            check(&pipeline, &name, &text, None);
            seen += 1;
        }
    }
    assert!(seen >= 10, "the corpus is there ({seen} files)");
}

#[test]
fn jsonl_corpus_reads_line_by_line() {
    let pipeline = Pipeline::new("fr").expect("pipeline");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/jsonl");
    let (mut good, mut bad) = (0, 0);
    for path in files(&dir) {
        let opts = ReadOptions {
            format: Some(InputFormat::Jsonl),
            ..ReadOptions::default()
        };
        for item in DocumentStream::new(expand_inputs(&[path], WalkOptions::default()).inputs, opts)
        {
            match item {
                Ok(mut doc) => {
                    pipeline.annotate(&mut doc);
                    good += 1;
                }
                Err(_) => bad += 1,
            }
        }
    }
    assert!(good > 0 && bad > 0, "good {good}, bad {bad}");
}
