//! Quotation marks in every arrangement: the input is mapped onto an alphabet of marks, words
//! and line breaks, so that the fuzzer explores nesting, unclosed marks and paragraphs rather
//! than random bytes. No panic; every quotation lies inside the text.
#![no_main]
use depeche::{Document, Metadata, Pipeline};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

const PIECES: &[&str] = &[
    "« ",
    " »",
    "“",
    "”",
    "„",
    "‹",
    "›",
    "\"",
    "'",
    "\n",
    ", a dit M. Dupont. ",
    " selon lui",
    "Le ministre",
    " a déclaré",
    " : ",
    "Il ",
    "nous ",
    "partons",
    ". ",
    "— ",
    "(",
    ")",
    ", a-t-il ajouté.",
    "Paris",
    "40°",
    "3 morts",
    "hier",
];

fuzz_target!(|data: &[u8]| {
    let text: String = std::iter::once("Titre\n")
        .chain(data.iter().map(|&b| PIECES[b as usize % PIECES.len()]))
        .collect();
    let pipeline = PIPELINE.get_or_init(|| Pipeline::new("fr").expect("French pipeline"));
    let meta = Metadata {
        id: "fuzz".into(),
        lang: "fr".into(),
        title_from_first_line: true,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text);
    pipeline.annotate(&mut doc);
    for q in &doc.quotes {
        assert!(doc.text.get(q.span.range()).is_some());
    }
});
