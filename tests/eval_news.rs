//! `depeche eval news` on a gold folder made in a temporary directory from the seed dispatch
//! (no ../shared needed): gold equal to the engine's own output scores every measure in full; a
//! changed country, a dropped event, an edited text and a sealed folder each show as they must.

use depeche::eval::news::gold::{read_articles, ArticleFormat, GoldDoc};
use depeche::{Document, Pipeline};
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

const SEED: &str = include_str!("../examples/000_841bfa5ee9043e79.txt");

fn chars(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn span(doc: &Document, s: depeche::document::Span) -> Value {
    json!([chars(&doc.text, s.start), chars(&doc.text, s.end)])
}

/// Gold that says exactly what the engine says about the document.
fn gold_from(doc: &Document) -> Value {
    let mut entities = Vec::new();
    for (i, e) in doc.entities.iter().enumerate() {
        let Some(kind) = e.kind else { continue };
        let names: Vec<Value> = e
            .mentions
            .iter()
            .map(|&m| &doc.mentions[m])
            .filter(|m| !m.nominal && m.kind == kind)
            .map(|m| span(doc, m.span))
            .collect();
        let nominal: Vec<Value> = e
            .mentions
            .iter()
            .map(|&m| &doc.mentions[m])
            .filter(|m| m.nominal)
            .map(|m| span(doc, m.span))
            .collect();
        if names.is_empty() && nominal.is_empty() {
            continue;
        }
        entities.push(json!({
            "id": format!("e{i}"), "name": e.name, "type": kind.as_str(), "country": e.country,
            "role": e.role, "cameo": e.cameo,
            "geonames": if kind.as_str() == "LOC" { json!(e.geonames) } else { Value::Null },
            "spans": names, "nominal_spans": nominal,
        }));
    }
    let times: Vec<Value> = doc
        .times
        .iter()
        .map(|t| json!({"span": span(doc, t.span), "type": t.kind.as_str(), "value": t.value}))
        .collect();
    let counts: Vec<Value> = doc
        .counts
        .iter()
        .map(|c| json!({"span": span(doc, c.span), "number": c.number, "kind": c.kind.as_str()}))
        .collect();
    let mut quotes = Vec::new();
    for q in &doc.quotes {
        let speaker = q.speaker.as_ref().and_then(|s| {
            let e = doc
                .entities
                .iter()
                .position(|e| Some(&e.id) == s.entity.as_ref())?;
            Some((format!("e{e}"), span(doc, s.span)))
        });
        match (q.speaker.is_some(), speaker) {
            (_, Some((key, mention))) => quotes.push(
                json!({"span": span(doc, q.span), "speaker": key, "speaker_mention": mention}),
            ),
            (false, None) => quotes.push(json!({"span": span(doc, q.span), "speaker": null})),
            (true, None) => {}
        }
    }
    let actor = |a: &depeche::document::EventActor| json!({"code": a.code, "country": a.country});
    let events: Vec<Value> = doc
        .events
        .iter()
        .map(|e| {
            json!({"sentence": span(doc, e.span), "code": e.code, "actor1": actor(&e.actor1),
                   "actor2": e.actor2.as_ref().map(actor), "status": e.status.as_str()})
        })
        .collect();
    json!({"id": doc.meta.id, "text_chars": doc.text.chars().count(),
           "entities": entities, "times": times, "counts": counts, "quotes": quotes,
           "events": events})
}

fn seed_article() -> Value {
    let (title, body) = SEED.split_once('\n').expect("a title line");
    json!({"id": "seed", "title": title, "text": body.trim_end(), "published": "2015-12-21"})
}

fn write_set(dir: &Path, article: &Value, gold: &Value, sealed: bool) {
    std::fs::create_dir_all(dir).expect("gold dir");
    std::fs::write(dir.join("articles.jsonl"), format!("{article}\n")).expect("articles");
    std::fs::write(dir.join("gold.jsonl"), format!("{gold}\n")).expect("gold");
    let manifest = json!({"name": "seed", "articles": "articles.jsonl", "format": "orangesum",
                          "sealed": sealed});
    std::fs::write(dir.join("manifest.json"), manifest.to_string()).expect("manifest");
}

fn eval(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["eval", "news"])
        .arg(dir)
        .args(extra)
        .output()
        .expect("run depeche")
}

/// "right/gold" of a measure's line.
fn fraction(report: &str, label: &str) -> (usize, usize) {
    let line = report
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no line {label} in\n{report}"));
    let inside = line
        .rsplit_once('(')
        .and_then(|(_, r)| r.split_once(')'))
        .map(|(f, _)| f)
        .expect("(right/gold)");
    let (a, b) = inside.split_once('/').expect("right/gold");
    (a.parse().expect("right"), b.parse().expect("gold"))
}

fn annotated_seed(dir: &Path) -> Document {
    let article = seed_article();
    std::fs::create_dir_all(dir).expect("dir");
    let path = dir.join("a.jsonl");
    std::fs::write(&path, format!("{article}\n")).expect("article");
    let gold: GoldDoc = serde_json::from_value(json!({"id": "seed"})).expect("gold");
    let mut docs = read_articles(&path, ArticleFormat::Orangesum, &[gold]).expect("read");
    let mut doc = docs.pop().expect("one document");
    Pipeline::new("fr").expect("pipeline").annotate(&mut doc);
    doc
}

#[test]
fn gold_equal_to_the_output_scores_in_full() {
    let tmp = tempfile::tempdir().expect("tmp");
    let doc = annotated_seed(tmp.path());
    assert!(doc.text.starts_with("Le Drian"), "title line first");
    let gold = gold_from(&doc);
    let dir = tmp.path().join("full");
    write_set(&dir, &seed_article(), &gold, false);
    let out = eval(&dir, &[]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for label in [
        "names: type and country",
        "places: GeoNames id",
        "times: value right",
        "counts: number and kind right",
        "quotes: speaker right",
        "events: full code on matched",
    ] {
        let (right, total) = fraction(&report, label);
        assert!(total > 0, "{label}: no gold in\n{report}");
        assert_eq!(right, total, "{label}\n{report}");
    }
    assert!(report.contains("R 1.0000"), "{report}");

    // One record's country changed: its names are no longer right.
    let mut changed = gold.clone();
    let names_before = fraction(&report, "names: type and country").0;
    let entity = changed["entities"]
        .as_array_mut()
        .and_then(|es| {
            es.iter_mut()
                .find(|e| e["spans"].as_array().is_some_and(|s| !s.is_empty()))
        })
        .expect("a named record");
    let lost = entity["spans"].as_array().map_or(0, Vec::len);
    entity["country"] = json!("ZZZ");
    let dir = tmp.path().join("changed");
    write_set(&dir, &seed_article(), &changed, false);
    let report = String::from_utf8_lossy(&eval(&dir, &["--show-errors", "5"]).stdout).into_owned();
    assert_eq!(
        fraction(&report, "names: type and country").0,
        names_before - lost
    );
    assert!(report.contains("disagreements"), "{report}");

    // An event the gold lacks is a false alarm; marked optional it is neither right nor wrong.
    let mut fewer = gold.clone();
    let events = fewer["events"].as_array_mut().expect("events");
    let n = events.len();
    assert!(n >= 2, "the seed has events");
    let dropped = events.pop().expect("an event");
    let dir = tmp.path().join("fewer");
    write_set(&dir, &seed_article(), &fewer, false);
    let report = String::from_utf8_lossy(&eval(&dir, &[]).stdout).into_owned();
    assert!(
        report.contains(&format!("gold {}, predicted {n}", n - 1)),
        "{report}"
    );
    let mut optional = dropped;
    optional["optional"] = json!(true);
    fewer["events"]
        .as_array_mut()
        .expect("events")
        .push(optional);
    write_set(&dir, &seed_article(), &fewer, false);
    let report = String::from_utf8_lossy(&eval(&dir, &[]).stdout).into_owned();
    assert!(
        report.contains(&format!("P 1.0000  R 1.0000  F1 1.0000  (gold {}", n - 1)),
        "{report}"
    );
}

#[test]
fn a_sealed_set_prints_aggregates_only() {
    let tmp = tempfile::tempdir().expect("tmp");
    let doc = annotated_seed(tmp.path());
    let mut gold = gold_from(&doc);
    gold["events"] = json!([]);
    let dir = tmp.path().join("sealed");
    write_set(&dir, &seed_article(), &gold, true);
    let refused = eval(&dir, &["--show-errors", "10"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("sealed"));
    let out = eval(&dir, &[]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(report.contains("sealed: aggregates only"), "{report}");
    assert!(!report.contains("disagreements"), "{report}");
    assert!(!report.contains("extra"), "{report}");
}

#[test]
fn a_text_that_changed_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let doc = annotated_seed(tmp.path());
    let mut gold = gold_from(&doc);
    gold["text_fnv1a64"] = json!(depeche::eval::news::gold::fnv1a64(&doc.text));
    let mut article = seed_article();
    let edited = article["text"]
        .as_str()
        .expect("text")
        .replacen("Moscou", "Moskva", 1);
    article["text"] = json!(edited);
    let dir = tmp.path().join("edited");
    write_set(&dir, &article, &gold, false);
    let out = eval(&dir, &[]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not the annotated one"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
