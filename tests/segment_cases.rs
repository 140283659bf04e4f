//! Runs the tokenizer and sentence tables in `tests/cases/`: every case, every failure
//! reported at once with the comment that says what it guards against.

use depeche::lang::LangData;
use depeche::segment::segment_paragraph;

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

#[test]
fn tokenizer_table() {
    let fr = LangData::french();
    let mut failures = Vec::new();
    let table = cases(include_str!("cases/tokens.txt"));
    for case in &table {
        let (tokens, _) = segment_paragraph(&case.input, &fr);
        let got: Vec<&str> = tokens.iter().map(|t| &case.input[t.span.range()]).collect();
        let expected: Vec<&str> = case.expected.iter().flat_map(|e| e.split(" | ")).collect();
        if got != expected {
            failures.push(format!(
                "line {} ({}):\n  input:    {}\n  expected: {}\n  got:      {}",
                case.line,
                case.about,
                case.input,
                expected.join(" | "),
                got.join(" | ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} tokenizer cases fail:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

#[test]
fn sentence_table() {
    let fr = LangData::french();
    let mut failures = Vec::new();
    let table = cases(include_str!("cases/sentences.txt"));
    for case in &table {
        let (_, sentences) = segment_paragraph(&case.input, &fr);
        let got: Vec<&str> = sentences.iter().map(|s| &case.input[s.range()]).collect();
        if got != case.expected {
            failures.push(format!(
                "line {} ({}):\n  expected: {:#?}\n  got:      {:#?}",
                case.line, case.about, case.expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} sentence cases fail:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}
