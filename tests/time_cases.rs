//! Runs the time expression table in `tests/cases/times.txt` through the whole pipeline,
//! reporting every failing case at once; plus the seed's time expressions.

use depeche::read::published::parse_published;
use depeche::{Document, Metadata, Pipeline};

struct Case {
    line: usize,
    about: String,
    published: Option<String>,
    input: String,
    expected: Vec<String>,
}

fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    let (mut about, mut published) = (String::new(), None);
    for (n, line) in include_str!("cases/times.txt").lines().enumerate() {
        if let Some(c) = line.strip_prefix("# ") {
            about = c.to_string();
        } else if let Some(p) = line.strip_prefix("@ ") {
            published = (p != "none").then(|| p.to_string());
        } else if let Some(input) = line.strip_prefix("< ") {
            out.push(Case {
                line: n + 1,
                about: about.clone(),
                published: published.clone(),
                input: input.to_string(),
                expected: Vec::new(),
            });
        } else if let Some(e) = line.strip_prefix("> ") {
            out.last_mut()
                .expect("an expectation follows an input")
                .expected
                .push(e.to_string());
        }
    }
    out
}

fn annotate(pipeline: &Pipeline, text: &str, published: Option<&str>) -> Document {
    let meta = Metadata {
        id: "case".into(),
        lang: "fr".into(),
        published: published.map(|p| parse_published(p).expect("case date")),
        title_from_first_line: false,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.to_string());
    pipeline.annotate(&mut doc);
    doc
}

#[test]
fn time_table() {
    let pipeline = Pipeline::new("fr").unwrap();
    let table = cases();
    assert!(table.len() > 20);
    let mut failures = Vec::new();
    for case in &table {
        let doc = annotate(&pipeline, &case.input, case.published.as_deref());
        let got: Vec<String> = doc
            .times
            .iter()
            .map(|t| {
                let mut row = format!("{} | {} | {}", doc.slice(t.span), t.kind.as_str(), t.value);
                if let Some(m) = t.modifier {
                    row.push_str(&format!(" | {m}"));
                }
                row
            })
            .collect();
        if got != case.expected {
            failures.push(format!(
                "line {} ({}):\n  input:    {}\n  expected: {:#?}\n  got:      {:#?}",
                case.line, case.about, case.input, case.expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} time cases fail:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

#[test]
fn impossible_dates_are_reported_as_warnings() {
    let doc = annotate(
        &Pipeline::new("fr").unwrap(),
        "Il est né le 31 février.",
        Some("2015-12-21"),
    );
    assert!(doc.times.is_empty());
    assert!(
        doc.warnings.iter().any(|w| w.contains("31 février")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn unresolved_values_say_so() {
    let doc = annotate(
        &Pipeline::new("fr").unwrap(),
        "Hier, le 15 décembre 2015.",
        None,
    );
    let flags: Vec<(bool, bool)> = doc.times.iter().map(|t| (t.relative, t.resolved)).collect();
    assert_eq!(flags, [(true, false), (false, true)]);
}

#[test]
fn giant_or_odd_numbers_do_not_break_the_tagger() {
    let text =
        "Il y a 99999999999999999999 ans, dans 1e30 jours, le 99 décembre 99999, à 99 h 99, \
                il y a -3 ans, vers 24 h 60, dans 0 jour.";
    let doc = annotate(&Pipeline::new("fr").unwrap(), text, Some("2015-12-21"));
    for t in &doc.times {
        assert!(!t.value.is_empty());
    }
}
