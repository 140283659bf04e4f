//! Runs the quotation table `tests/cases/quotes.txt` through the full pipeline, every failure
//! reported at once with the comment that says what it guards against; checks the seed's
//! three quotes; and feeds the stage stray and tangled marks that must never make it panic.

use depeche::read::{DocumentStream, Input, ReadOptions};
use depeche::{Document, Metadata, Pipeline};
use std::path::PathBuf;

/// A quote as (quoted text, speaker, verb), `None` standing for "none".
type Found = (String, Option<String>, Option<String>);

struct Case {
    line: usize,
    about: String,
    paragraphs: Vec<String>,
    expected: Vec<Found>,
}

fn field(s: &str) -> Option<String> {
    let s = s.trim();
    (s != "none").then(|| s.replace("\\n", "\n"))
}

fn cases(file: &str) -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    let mut about = String::new();
    let mut previous_was_input = false;
    for (n, line) in file.lines().enumerate() {
        let mut is_input = false;
        if let Some(c) = line.strip_prefix("# ") {
            about = c.to_string();
        } else if let Some(input) = line.strip_prefix("< ") {
            if previous_was_input {
                let case = out.last_mut().expect("a case is open");
                case.paragraphs.push(input.to_string());
            } else {
                out.push(Case {
                    line: n + 1,
                    about: about.clone(),
                    paragraphs: vec![input.to_string()],
                    expected: Vec::new(),
                });
            }
            is_input = true;
        } else if let Some(expected) = line.strip_prefix("> ") {
            let case = out.last_mut().expect("an expectation follows an input");
            let fields: Vec<&str> = expected.split(" | ").collect();
            assert_eq!(fields.len(), 3, "line {}: text | speaker | verb", n + 1);
            case.expected.push((
                field(fields[0]).expect("a quote has text"),
                field(fields[1]),
                field(fields[2]),
            ));
        }
        previous_was_input = is_input;
    }
    assert!(!out.is_empty(), "no cases read");
    out
}

fn run(pipeline: &Pipeline, text: &str, title_line: bool) -> Document {
    let meta = Metadata {
        id: "case".into(),
        lang: "fr".into(),
        origin: "quotes.txt".into(),
        title_from_first_line: title_line,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.to_string());
    pipeline.annotate(&mut doc);
    doc
}

/// Every quote as (text, speaker, verb), checking on the way that each span slices.
fn quotes(doc: &Document) -> Result<Vec<Found>, String> {
    let slice = |span: depeche::Span| {
        doc.text
            .get(span.range())
            .map(str::to_string)
            .ok_or_else(|| format!("span {span} does not slice the text"))
    };
    doc.quotes
        .iter()
        .map(|q| {
            Ok((
                slice(q.span)?,
                q.speaker.as_ref().map(|s| slice(s.span)).transpose()?,
                q.verb.map(slice).transpose()?,
            ))
        })
        .collect()
}

#[test]
fn quote_table() {
    let pipeline = Pipeline::new("fr").expect("French");
    let table = cases(include_str!("cases/quotes.txt"));
    let mut failures = Vec::new();
    for case in &table {
        let doc = run(&pipeline, &case.paragraphs.join("\n\n"), false);
        let got = quotes(&doc);
        if got.as_ref() != Ok(&case.expected) {
            failures.push(format!(
                "line {} ({}):\n  input:    {}\n  expected: {:?}\n  got:      {:?}",
                case.line,
                case.about,
                case.paragraphs.join(" ¶ "),
                case.expected,
                got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} quote cases fail:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

#[test]
fn a_headline_quotation_takes_the_speaker_of_the_body_quotation_it_repeats() {
    let pipeline = Pipeline::new("fr").expect("French");
    let text = "Algérie : « les autorités étaient au courant »\n\
                « Il paraît clair que les autorités étaient au courant bien avant », affirme le \
                quotidien Liberté. « Aucun cas n'a été signalé », a répondu le ministère.";
    let got = quotes(&run(&pipeline, text, true)).expect("spans slice");
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].0, "les autorités étaient au courant");
    assert_eq!(got[0].1.as_deref(), Some("Liberté"), "{got:?}");
    assert_eq!(got[0].2, None);
    // A headline quotation that repeats nothing of the body keeps no speaker.
    let text = "Un homme « totalement déséquilibré » interpellé\n\
                « Aucun cas n'a été signalé », a répondu le ministère.";
    let got = quotes(&run(&pipeline, text, true)).expect("spans slice");
    assert_eq!(got[0].1, None, "{got:?}");
}

#[test]
fn seed_has_exactly_its_three_quotes() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/000_841bfa5ee9043e79.txt");
    let mut docs = DocumentStream::new(vec![Ok(Input::File(path))], ReadOptions::default());
    let mut doc = docs.next().expect("one document").expect("readable");
    Pipeline::new("fr").expect("French").annotate(&mut doc);
    let got = quotes(&doc).expect("spans slice");
    let long = "On va avoir un échange sur ce que nous considérons comme groupes terroristes, et \
                comment on peut souhaiter que la Russie renforce son action contre Daesh qui est \
                notre seul ennemi";
    // The fragments' verb is null: "avaient convenu" is agreeing, not a verb of saying.
    let leaders = Some("Les deux dirigeants".to_string());
    assert_eq!(
        got,
        vec![
            (
                long.to_string(),
                Some("Jean-Yves Le Drian".to_string()),
                Some("a déclaré".to_string())
            ),
            ("d'intensifier".to_string(), leaders.clone(), None),
            ("coordonner".to_string(), leaders, None),
        ]
    );
    // Both fragments point at the same words of the same sentence.
    let sentence = doc
        .sentences
        .iter()
        .find(|s| doc.slice(s.span).starts_with("Les deux dirigeants"))
        .expect("the leaders' sentence");
    for q in &doc.quotes[1..] {
        let speaker = q.speaker.as_ref().expect("speaker").span;
        assert_eq!(speaker.start, sentence.span.start);
        assert!(q
            .speaker
            .as_ref()
            .is_some_and(|s| s.mention.is_none() && s.entity.is_none()));
    }
}

#[test]
fn tangled_marks_never_panic_and_spans_stay_inside_the_text() {
    let pieces = [
        "«",
        "»",
        "\"",
        "“",
        "”",
        "‹",
        "›",
        " ",
        "\n",
        "\n\n",
        ",",
        ".",
        "mot",
        "Le Drian",
        "a-t-il dit",
        "selon",
        "l'",
        "é",
    ];
    let pipeline = Pipeline::new("fr").expect("French");
    let mut texts: Vec<String> = Vec::new();
    for a in pieces {
        for b in pieces {
            for c in pieces {
                texts.push(format!("{a}{b}{c}"));
                texts.push(format!("{a} {b}{c} mot"));
            }
        }
    }
    // Longer random mixes from a fixed linear congruential sequence.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..12 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push_str(pieces[(state >> 33) as usize % pieces.len()]);
        }
        texts.push(s);
    }
    for text in &texts {
        let doc = run(&pipeline, text, false);
        let got = quotes(&doc);
        assert!(got.is_ok(), "{text:?}: {got:?}");
        for pair in doc.quotes.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "{text:?}: out of order"
            );
        }
        for q in &doc.quotes {
            let inner = doc.slice(q.span);
            assert!(!inner.trim().is_empty(), "{text:?}: empty quote");
        }
    }
}
