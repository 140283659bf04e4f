//! Runs the event table in `tests/cases/events.txt` through the whole pipeline, and checks the
//! seed's events (`../shared/spec/seed.md`) and the layout rules (no event from a caption, a
//! headline the body repeats is not coded twice).

use depeche::read::published::parse_published;
use depeche::{Document, Metadata, Pipeline};

fn annotate(
    pipeline: &Pipeline,
    text: &str,
    published: Option<&str>,
    title_line: bool,
) -> Document {
    let meta = Metadata {
        id: "case".into(),
        lang: "fr".into(),
        published: published.map(|p| parse_published(p).expect("case date")),
        title_from_first_line: title_line,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text.to_string());
    pipeline.annotate(&mut doc);
    doc
}

fn describe(doc: &Document) -> Vec<String> {
    doc.events
        .iter()
        .map(|e| {
            format!(
                "{} | {} | {} | {}",
                e.code,
                e.actor1.code,
                e.actor2.as_ref().map_or("null", |a| a.code.as_str()),
                e.status.as_str()
            )
        })
        .collect()
}

fn matches(want: &str, got: &str) -> bool {
    match want.strip_suffix('*') {
        Some(prefix) => got.starts_with(prefix),
        None => want == "-" || want == got,
    }
}

#[test]
fn event_table() {
    let pipeline = Pipeline::new("fr").unwrap();
    let (mut about, mut published, mut input) = (String::new(), None::<String>, String::new());
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut story_done = true;
    for (n, line) in include_str!("cases/events.txt").lines().enumerate() {
        story_done = story_done || line.starts_with("> ") || line.starts_with("! ");
        if let Some(c) = line.strip_prefix("# ") {
            about = c.to_string();
        } else if let Some(p) = line.strip_prefix("@ ") {
            published = Some(p.to_string());
        } else if let Some(t) = line.strip_prefix("< ") {
            // Consecutive "<" lines are the paragraphs of one story.
            if story_done || input.is_empty() {
                input = t.to_string();
            } else {
                input = format!("{input}\n\n{t}");
            }
            story_done = false;
            continue;
        } else if let Some(e) = line.strip_prefix("> ") {
            checked += 1;
            let want: Vec<&str> = e.split(" | ").collect();
            let doc = annotate(&pipeline, &input, published.as_deref(), false);
            let got = describe(&doc);
            let ok = got.iter().any(|g| {
                let g: Vec<&str> = g.split(" | ").collect();
                g.len() == want.len() && g.iter().zip(&want).all(|(g, w)| matches(w, g))
            });
            if !ok {
                failures.push(format!(
                    "line {}: {about}\n  {input}\n  want {e}\n  got  {got:?}",
                    n + 1
                ));
            }
        } else if let Some(e) = line.strip_prefix("! ") {
            checked += 1;
            let doc = annotate(&pipeline, &input, published.as_deref(), false);
            let prefix = e.trim().trim_end_matches('*');
            let bad: Vec<String> = describe(&doc)
                .into_iter()
                .filter(|g| g.starts_with(prefix))
                .collect();
            if !bad.is_empty() {
                failures.push(format!(
                    "line {}: {about}\n  {input}\n  want no {e}\n  got  {bad:?}",
                    n + 1
                ));
            }
        }
    }
    assert!(checked >= 40, "only {checked} cases read");
    assert!(
        failures.is_empty(),
        "{} of {checked} event cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn no_event_from_a_caption_and_no_headline_told_twice() {
    let pipeline = Pipeline::new("fr").unwrap();
    let text = "Le Drian se rend à Moscou\n\n\
Jean-Yves Le Drian se rend à Moscou le 15 décembre 2015 - DOMINIQUE FAGET, AFP/Archives\n\
Jean-Yves Le Drian se rend lundi à Moscou.\n";
    let doc = annotate(&pipeline, text, Some("2015-12-21"), true);
    let caption = doc
        .blocks
        .iter()
        .find(|b| b.kind.as_str() == "caption")
        .expect("a caption");
    assert!(
        doc.events.iter().all(|e| e.span.start >= caption.span.end),
        "{:?}",
        describe(&doc)
    );
    let visits: Vec<_> = doc.events.iter().filter(|e| e.code == "042").collect();
    assert_eq!(visits.len(), 1, "{:?}", describe(&doc));
    assert_eq!(visits[0].date.as_deref(), Some("2015-12-21"));
}

#[test]
fn a_headline_is_coded_only_when_there_is_no_body() {
    let pipeline = Pipeline::new("fr").unwrap();
    // The body retells the headline in words the coder does not read: the headline's event
    // is still not coded, the body's wording is the one that counts.
    let text = "Henri Guaino défend Nicolas Sarkozy\n\
L'ancien député a pris la parole dimanche sur une radio.\n";
    let doc = annotate(&pipeline, text, Some("2018-03-28"), true);
    assert!(doc.events.is_empty(), "{:?}", describe(&doc));
    // A title alone is a story of its own.
    let doc = annotate(
        &pipeline,
        "Henri Guaino défend Nicolas Sarkozy\n",
        Some("2018-03-28"),
        true,
    );
    assert!(
        doc.events.iter().any(|e| e.code.starts_with("05")),
        "{:?}",
        describe(&doc)
    );
}

#[test]
fn seed_events() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/000_841bfa5ee9043e79.txt"
    );
    let text = std::fs::read_to_string(path).expect("the seed example");
    let pipeline = Pipeline::new("fr").unwrap();
    let doc = annotate(&pipeline, &text, Some("2015-12-21"), true);
    let has = |root: &str, a1: &str, a2: &str, date: Option<&str>, sentence: &str| {
        doc.events.iter().any(|e| {
            e.code.starts_with(root)
                && e.actor1.code == a1
                && e.actor2.as_ref().map_or("null", |a| a.code.as_str()) == a2
                && (date.is_none() || e.date.as_deref() == date)
                && doc.slice(e.span).contains(sentence)
        })
    };
    let all = describe(&doc);
    // 1. Le Drian visits Moscow (the body's "visite", the headline not again).
    assert!(
        has(
            "042",
            "FRAGOV",
            "RUS",
            Some("2015-12-21"),
            "La visite de M. Le Drian"
        ),
        "{all:?}"
    );
    let visit = doc.events.iter().find(|e| e.code == "042").expect("visit");
    let place = visit
        .place
        .as_ref()
        .map(|p| doc.entities[p.entity].geonames);
    assert_eq!(place, Some(Some(524901)), "the visit is in Moscow");
    // 2. va demander … de frapper: an appeal for military cooperation, planned, on Monday.
    assert!(
        has(
            "0212",
            "FRAGOV",
            "RUSGOV",
            Some("2015-12-21"),
            "va demander lundi"
        ),
        "{all:?}"
    );
    // 3. discuter d'un partage de renseignements: intent to cooperate on intelligence, consult.
    assert!(
        has("03", "FRAGOV", "RUSGOV", None, "discuter d'un partage"),
        "{all:?}"
    );
    assert!(
        has("04", "FRAGOV", "RUSGOV", None, "discuter d'un partage"),
        "{all:?}"
    );
    // 4. Hollande met Putin on 26 November.
    assert!(
        has("04", "FRAGOV", "RUSGOV", Some("2015-11-26"), "a rencontré"),
        "{all:?}"
    );
    // 5. the two leaders agreed to intensify strikes: 03, dated by "alors".
    assert!(
        has(
            "03",
            "FRAGOV",
            "RUSGOV",
            Some("2015-11-26"),
            "avaient alors convenu"
        ),
        "{all:?}"
    );
    // 6. the West criticises the Russian army.
    assert!(has("111", "WST", "RUSMIL", None, "reprochent"), "{all:?}");
    // 7. Russian bombing of the rebels (alleged) and of Daesh.
    assert!(
        has("195", "RUSMIL", "SYRREB", None, "reprochent"),
        "{all:?}"
    );
    assert!(
        has("195", "RUSMIL", "IMGMUSISI", None, "bombardements russes"),
        "{all:?}"
    );
    // 8. France cancels the Mistral delivery to the Russian navy.
    assert!(
        has("16", "FRA", "RUSMIL", None, "annulé la livraison"),
        "{all:?}"
    );
    // Nothing from the caption, nothing from inside the quotation.
    let caption = doc
        .blocks
        .iter()
        .find(|b| b.kind.as_str() == "caption")
        .expect("a caption");
    assert!(
        doc.events.iter().all(|e| e.span.start >= caption.span.end),
        "{all:?}"
    );
    assert!(
        !doc.events
            .iter()
            .any(|e| doc.slice(e.trigger).contains("renforce")),
        "{all:?}"
    );
}

#[test]
fn the_seed_scored_by_eval_events() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/000_841bfa5ee9043e79.txt"
    );
    let text = std::fs::read_to_string(path).expect("the seed example");
    let meta = Metadata {
        id: "seed".into(),
        lang: "fr".into(),
        published: parse_published("2015-12-21").ok(),
        title_from_first_line: true,
        ..Metadata::default()
    };
    let doc = Document::new(meta, text);
    // The eight events of ../shared/spec/seed.md, reciprocal ones both ways.
    let gold = r#"{"id": "seed", "events": [
 {"sentence": "La visite de M. Le Drian à Moscou", "code": "042", "actor1": {"code": "FRAGOV", "country": "FRA"}, "actor2": {"code": "RUS", "country": "RUS"}},
 {"sentence": "va demander lundi à son homologue russe", "code": "0212", "actor1": {"code": "FRAGOV", "country": "FRA"}, "actor2": {"code": "RUSGOV", "country": "RUS"}, "status": "planned"},
 {"sentence": "discuter d'un partage de renseignements", "code": "0314", "actor1": {"code": "FRAGOV", "country": "FRA"}, "actor2": {"code": "RUSGOV", "country": "RUS"}},
 {"sentence": "discuter d'un partage de renseignements", "code": "0314", "actor1": {"code": "RUSGOV", "country": "RUS"}, "actor2": {"code": "FRAGOV", "country": "FRA"}},
 {"sentence": "discuter d'un partage de renseignements", "code": "040", "actor1": {"code": "FRAGOV", "country": "FRA"}, "actor2": {"code": "RUSGOV", "country": "RUS"}},
 {"sentence": "discuter d'un partage de renseignements", "code": "040", "actor1": {"code": "RUSGOV", "country": "RUS"}, "actor2": {"code": "FRAGOV", "country": "FRA"}},
 {"sentence": "a rencontré son homologue Vladimir Poutine", "code": "040", "actor1": {"code": "FRAGOV", "country": "FRA"}, "actor2": {"code": "RUSGOV", "country": "RUS"}},
 {"sentence": "avaient alors convenu", "code": "0312", "actor1": {"code": "FRAGOV", "country": "FRA"}, "actor2": {"code": "RUSGOV", "country": "RUS"}},
 {"sentence": "avaient alors convenu", "code": "0312", "actor1": {"code": "RUSGOV", "country": "RUS"}, "actor2": {"code": "FRAGOV", "country": "FRA"}},
 {"sentence": "Les Occidentaux reprochent", "code": "111", "actor1": {"code": "WST"}, "actor2": {"code": "RUSMIL", "country": "RUS"}},
 {"sentence": "Les Occidentaux reprochent", "code": "195", "actor1": {"code": "RUSMIL", "country": "RUS"}, "actor2": {"code": "SYRREB", "country": "SYR"}, "status": "alleged"},
 {"sentence": "Les bombardements russes visant Daesh", "code": "195", "actor1": {"code": "RUSMIL", "country": "RUS"}, "actor2": {"code": "IMGMUSISI"}},
 {"sentence": "a aussi annulé la livraison", "code": "1622", "actor1": {"code": "FRA", "country": "FRA"}, "actor2": {"code": "RUSMIL", "country": "RUS"}}
]}"#;
    let gold = depeche::eval::events::read_gold(&gold.replace('\n', "")).expect("gold parses");
    let pipeline = Pipeline::new("fr").unwrap();
    let report = depeche::eval::events::evaluate(&pipeline, vec![doc], &gold, 50);
    assert_eq!(report.recall(), 1.0, "{report}");
    assert!(report.precision() >= 0.75, "{report}");
    assert!(
        report.full_code as f64 >= 0.75 * report.matched as f64,
        "{report}"
    );
}
