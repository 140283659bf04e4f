//! Runs the count table in `tests/cases/counts.txt` (every case, every failure reported at
//! once with the comment that says what it guards against), and checks the seed article's
//! counts through the full pipeline.

use depeche::document::{Count, Metadata};
use depeche::read::{DocumentStream, Input, ReadOptions};
use depeche::{Document, Pipeline};
use std::path::PathBuf;

struct Case {
    line: usize,
    about: String,
    input: String,
    expected: Vec<String>,
}

fn cases(file: &str) -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    let mut about = String::new();
    for (n, line) in file.lines().enumerate() {
        if let Some(c) = line.strip_prefix("# ") {
            about = c.to_string();
        } else if let Some(input) = line.strip_prefix("< ") {
            out.push(Case {
                line: n + 1,
                about: about.clone(),
                input: input.to_string(),
                expected: Vec::new(),
            });
        } else if let Some(expected) = line.strip_prefix("> ") {
            let case = out.last_mut().expect("an expectation follows an input");
            case.expected.push(expected.to_string());
        }
    }
    assert!(!out.is_empty(), "no cases read");
    out
}

/// One count as the table writes it: `text | KIND | number | qualifier | unit`.
fn render(doc: &Document, c: &Count) -> String {
    format!(
        "{} | {} | {} | {} | {}",
        doc.slice(c.span),
        c.kind.as_str(),
        c.number,
        c.qualifier.map_or("-", |q| q.as_str()),
        c.unit.map_or("-", |u| doc.slice(u)),
    )
}

/// Whether an expected line matches a count; numbers compare as floats, so "1500000000" and
/// "1.5e9" are the same.
fn matches(expected: &str, got: &str) -> bool {
    let e: Vec<&str> = expected.split(" | ").map(str::trim).collect();
    let g: Vec<&str> = got.split(" | ").collect();
    if e.len() != 5 || g.len() != 5 {
        return false;
    }
    let same_number = match (e[2].parse::<f64>(), g[2].parse::<f64>()) {
        (Ok(a), Ok(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        _ => false,
    };
    same_number && e[0] == g[0] && e[1] == g[1] && e[3] == g[3] && e[4] == g[4]
}

/// The spans every count must keep: inside the text, on char boundaries, the number inside
/// the span, and the unit inside the span or, when borrowed from elsewhere, in its sentence.
fn check_spans(doc: &Document) -> Result<(), String> {
    for c in &doc.counts {
        for span in [Some(c.span), Some(c.number_span), c.unit]
            .into_iter()
            .flatten()
        {
            if doc.text.get(span.range()).is_none() {
                return Err(format!("span {span} does not slice the text"));
            }
        }
        if !c.span.contains(c.number_span) {
            return Err(format!(
                "number {} outside the count's span {}",
                c.number_span, c.span
            ));
        }
        if let Some(unit) = c.unit.filter(|&u| !c.span.contains(u)) {
            let same_sentence = doc
                .sentences
                .iter()
                .any(|s| s.span.contains(unit) && s.span.contains(c.span));
            if !same_sentence {
                return Err(format!("unit {unit} outside the count's sentence"));
            }
        }
    }
    for pair in doc.counts.windows(2) {
        if pair[0].span.end > pair[1].span.start {
            return Err("counts overlap or are out of order".to_string());
        }
    }
    Ok(())
}

fn annotate(pipeline: &Pipeline, text: &str) -> Document {
    let meta = Metadata {
        title_from_first_line: false,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.to_string());
    pipeline.annotate(&mut doc);
    doc
}

#[test]
fn count_table() {
    let pipeline = Pipeline::new("fr").expect("French");
    let table = cases(include_str!("cases/counts.txt"));
    let mut failures = Vec::new();
    for case in &table {
        let doc = annotate(&pipeline, &case.input);
        let got: Vec<String> = doc.counts.iter().map(|c| render(&doc, c)).collect();
        let ok = got.len() == case.expected.len()
            && case.expected.iter().zip(&got).all(|(e, g)| matches(e, g));
        let spans = check_spans(&doc);
        if !ok || spans.is_err() {
            failures.push(format!(
                "line {} ({}):\n  input:    {}\n  expected: {:#?}\n  got:      {:#?}{}",
                case.line,
                case.about,
                case.input,
                case.expected,
                got,
                spans
                    .err()
                    .map(|e| format!("\n  spans:    {e}"))
                    .unwrap_or_default()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} count cases fail:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

#[test]
fn seed_has_exactly_the_four_counts() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/000_841bfa5ee9043e79.txt");
    let mut docs = DocumentStream::new(vec![Ok(Input::File(path))], ReadOptions::default());
    let mut doc = docs.next().expect("one document").expect("readable");
    Pipeline::new("fr").expect("French").annotate(&mut doc);
    let got: Vec<String> = doc.counts.iter().map(|c| render(&doc, c)).collect();
    assert_eq!(
        got,
        [
            "80% | PERCENT | 80 | - | %",
            "deux bâtiments de guerre | OTHER | 2 | - | bâtiments de guerre",
            "plus de 250.000 morts | KILL | 250000 | more_than | morts",
            "des millions de réfugiés | REFUGEES | 1000000 | vague | réfugiés",
        ]
    );
    let numbers: Vec<&str> = doc
        .counts
        .iter()
        .map(|c| doc.slice(c.number_span))
        .collect();
    assert_eq!(numbers, ["80", "deux", "250.000", "des millions"]);
    check_spans(&doc).expect("spans");
}

#[test]
fn odd_inputs_never_panic() {
    let pipeline = Pipeline::new("fr").expect("French");
    let inputs = [
        "",
        "12",
        "plus de",
        "des milliers",
        "des milliers de",
        "au moins 3",
        "5 M",
        "5 M€",
        "1,",
        "1.2.3 morts",
        "999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999 morts",
        "€ 12 % de % 3",
        "Trois",
        "un",
        "mille milliards de milliards de milliards de dollars",
        "deux deux deux deux morts",
        "« 12 » morts",
        "12\u{202f}000 blessés",
        "−3 %",
    ];
    for input in inputs {
        let doc = annotate(&pipeline, input);
        check_spans(&doc).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        for c in &doc.counts {
            assert!(c.number.is_finite(), "{input:?}: {}", c.number);
        }
    }
}

#[test]
fn every_truncation_of_the_table_is_safe() {
    // Cut the case sentences at many char boundaries: counts at the very end of a text, a
    // qualifier with nothing after it, a number cut in two must neither panic nor escape the
    // text.
    let pipeline = Pipeline::new("fr").expect("French");
    let all: String = cases(include_str!("cases/counts.txt"))
        .iter()
        .map(|c| c.input.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let cuts: Vec<usize> = all.char_indices().map(|(i, _)| i).step_by(37).collect();
    for &cut in &cuts {
        let doc = annotate(&pipeline, &all[..cut]);
        check_spans(&doc).unwrap_or_else(|e| panic!("cut at {cut}: {e}"));
        let doc = annotate(&pipeline, &all[cut..]);
        check_spans(&doc).unwrap_or_else(|e| panic!("from {cut}: {e}"));
    }
}
