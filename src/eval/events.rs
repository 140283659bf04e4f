//! Events against hand-coded gold: precision, recall and F1 of events that match on sentence,
//! root code and both actors' countries (the measure of the events issue), full-code accuracy
//! and status agreement on the matched ones.
//!
//! Gold: JSON Lines, one `{"id", "events": [{"sentence", "code", "actor1": {"code",
//! "country"}, "actor2": {…} | null, "status"}]}` per article, where `sentence` is a substring
//! of the article text inside the supporting sentence. The articles themselves are read as
//! `depeche extract` reads them (JSON Lines with the same ids).

use super::fraction;
use super::tokens::Prf;
use crate::document::{Document, Event, EventActor};
use crate::pipeline::Pipeline;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::fmt::{self, Write};

#[derive(Debug, Clone, Deserialize)]
pub struct GoldActor {
    #[serde(default)]
    pub text: Option<String>,
    pub code: String,
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    pub sentence: String,
    pub code: String,
    pub actor1: Option<GoldActor>,
    pub actor2: Option<GoldActor>,
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GoldLine {
    id: String,
    events: Vec<GoldEvent>,
}

/// Gold events by article id.
pub fn read_gold(text: &str) -> Result<FxHashMap<String, Vec<GoldEvent>>, String> {
    let mut out = FxHashMap::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldLine = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        out.insert(g.id, g.events);
    }
    Ok(out)
}

/// What a side is compared on: its country, or the first three letters of its code for actors
/// without one (IGO, WST, IMG…).
fn side(code: &str, country: Option<&str>) -> String {
    match country {
        Some(c) if !c.is_empty() => c.to_string(),
        _ => code.get(..3).unwrap_or(code).to_string(),
    }
}

fn predicted_side(a: &Option<EventActor>) -> Option<String> {
    a.as_ref().map(|a| side(&a.code, a.country.as_deref()))
}

fn gold_side(a: &Option<GoldActor>) -> Option<String> {
    a.as_ref().map(|a| side(&a.code, a.country.as_deref()))
}

fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

#[derive(Debug, Default)]
pub struct Report {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub full_code: usize,
    pub status: usize,
    pub documents: usize,
    pub missing_docs: Vec<String>,
    errors: Vec<String>,
}

impl Report {
    /// Events that match on sentence, root code and both actors' countries.
    pub fn scores(&self) -> Prf {
        Prf {
            true_pos: self.matched,
            predicted: self.predicted,
            gold: self.gold,
        }
    }
    pub fn precision(&self) -> f64 {
        self.scores().precision()
    }
    pub fn recall(&self) -> f64 {
        self.scores().recall()
    }
    pub fn f1(&self) -> f64 {
        self.scores().f1()
    }
}

fn describe(doc: &Document, e: &Event) -> String {
    format!(
        "{} {} → {} [{}] \"{}\"",
        e.code,
        e.actor1.code,
        e.actor2.as_ref().map_or("—", |a| a.code.as_str()),
        e.status.as_str(),
        doc.slice(e.trigger)
    )
}

/// Annotates each document and scores its events against the gold.
pub fn evaluate(
    pipeline: &Pipeline,
    docs: Vec<Document>,
    gold: &FxHashMap<String, Vec<GoldEvent>>,
    show_errors: usize,
) -> Report {
    let mut r = Report::default();
    for mut doc in docs {
        let Some(expected) = gold.get(&doc.meta.id) else {
            r.missing_docs.push(doc.meta.id.clone());
            continue;
        };
        r.documents += 1;
        pipeline.annotate(&mut doc);
        r.gold += expected.len();
        r.predicted += doc.events.len();
        let mut used = vec![false; doc.events.len()];
        for g in expected {
            let Some(pos) = doc.text.find(&g.sentence) else {
                r.errors.push(format!(
                    "{}: gold sentence not in the text: {}",
                    doc.meta.id, g.sentence
                ));
                continue;
            };
            let found = doc.events.iter().enumerate().position(|(i, e)| {
                !used[i]
                    && e.span.start <= pos
                    && pos < e.span.end
                    && root(&e.code) == root(&g.code)
                    && Some(side(&e.actor1.code, e.actor1.country.as_deref()))
                        == gold_side(&g.actor1)
                    && predicted_side(&e.actor2) == gold_side(&g.actor2)
            });
            match found {
                Some(i) => {
                    used[i] = true;
                    r.matched += 1;
                    if doc.events[i].code == g.code {
                        r.full_code += 1;
                    }
                    if g.status.as_deref() == Some(doc.events[i].status.as_str()) {
                        r.status += 1;
                    }
                }
                None => r.errors.push(format!(
                    "{}: missed {} {} → {} in \"{}\"",
                    doc.meta.id,
                    g.code,
                    g.actor1.as_ref().map_or("—", |a| a.code.as_str()),
                    g.actor2.as_ref().map_or("—", |a| a.code.as_str()),
                    g.sentence
                )),
            }
        }
        for (i, e) in doc.events.iter().enumerate() {
            if !used[i] {
                r.errors.push(format!(
                    "{}: extra {} in \"{}\"",
                    doc.meta.id,
                    describe(&doc, e),
                    doc.slice(e.span)
                ));
            }
        }
    }
    r.errors.truncate(show_errors);
    r
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "events (sentence, root code and both actors' countries): P {:.4}  R {:.4}  F1 {:.4}  (gold {}, predicted {}, matched {}; {} documents)",
            self.precision(),
            self.recall(),
            self.f1(),
            self.gold,
            self.predicted,
            self.matched,
            self.documents
        );
        let _ = writeln!(
            s,
            "full code right on matched: {:.4} ({}/{}); status right on matched: {:.4}",
            fraction(self.full_code, self.matched),
            self.full_code,
            self.matched,
            fraction(self.status, self.matched),
        );
        if !self.missing_docs.is_empty() {
            let _ = writeln!(
                s,
                "documents without gold (not scored): {}",
                self.missing_docs.join(", ")
            );
        }
        for e in &self.errors {
            let _ = writeln!(s, "  {e}");
        }
        f.write_str(&s)
    }
}
