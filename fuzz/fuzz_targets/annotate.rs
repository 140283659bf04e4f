//! The whole pipeline on any UTF-8 document, with and without a publication date: no panic,
//! and every span of every layer lies on char boundaries inside the text.
#![no_main]
use depeche::read::published::parse_published;
use depeche::{Document, Metadata, Pipeline, Span};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fn ok(doc: &Document, s: Span) -> bool {
    s.start <= s.end && doc.text.get(s.range()).is_some()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let pipeline = PIPELINE.get_or_init(|| Pipeline::new("fr").expect("French pipeline"));
    // The first byte chooses whether the document has a date, so both paths are fuzzed.
    let published = (data.first().is_some_and(|b| b % 2 == 0))
        .then(|| parse_published("2016-03-14").ok())
        .flatten();
    let meta = Metadata {
        id: "fuzz".into(),
        lang: "fr".into(),
        published,
        title_from_first_line: true,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.to_string());
    pipeline.annotate(&mut doc);
    for t in &doc.tokens {
        assert!(ok(&doc, t.span));
    }
    for m in &doc.mentions {
        assert!(ok(&doc, m.span) && m.entity.is_none_or(|e| e < doc.entities.len()));
    }
    for t in &doc.times {
        assert!(ok(&doc, t.span));
    }
    for c in &doc.counts {
        assert!(ok(&doc, c.span) && ok(&doc, c.number_span));
    }
    for q in &doc.quotes {
        assert!(ok(&doc, q.span) && q.speaker.as_ref().is_none_or(|s| ok(&doc, s.span)));
    }
    for e in &doc.events {
        assert!(ok(&doc, e.span) && ok(&doc, e.trigger) && ok(&doc, e.actor1.span));
    }
});
