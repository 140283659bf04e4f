//! Entity linking against hand-made gold, the three measures of the linking issue:
//! - named mentions linked to the right type and country (over all gold named mentions);
//! - places with a GeoNames id linked to that id;
//! - surname and nominal mentions ("Hollande", "son homologue russe", "l'ONG") pointing to
//!   the same record as the full name they refer to.
//!
//! Gold: JSON Lines, one `{"id", "named": [{"mention", "occurrence", "type", "country",
//! "geonames"}], "refers": [{"mention", "occurrence", "refers_to", "refers_occurrence"}]}`
//! per article; `occurrence` counts the exact string's occurrences in the text from 1.

use super::fraction;
use super::tokens::Prf;
use crate::document::{Document, EntityType, Span};
use crate::pipeline::Pipeline;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::fmt::{self, Write};

#[derive(Debug, Clone, Deserialize)]
pub struct GoldNamed {
    pub mention: String,
    #[serde(default = "one")]
    pub occurrence: usize,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub geonames: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldRefer {
    pub mention: String,
    #[serde(default = "one")]
    pub occurrence: usize,
    pub refers_to: String,
    #[serde(default = "one")]
    pub refers_occurrence: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldLinks {
    pub id: String,
    #[serde(default)]
    pub named: Vec<GoldNamed>,
    #[serde(default)]
    pub refers: Vec<GoldRefer>,
}

pub fn read_gold(text: &str) -> Result<FxHashMap<String, GoldLinks>, String> {
    let mut out = FxHashMap::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldLinks =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        out.insert(g.id.clone(), g);
    }
    Ok(out)
}

/// The span of the `n`-th (from 1) occurrence of `needle` in `text`.
fn nth(text: &str, needle: &str, n: usize) -> Option<Span> {
    if needle.is_empty() {
        return None;
    }
    let mut from = 0;
    for _ in 1..n.max(1) {
        from += text[from..].find(needle)? + needle.len();
    }
    let start = from + text[from..].find(needle)?;
    Some(Span::new(start, start + needle.len()))
}

#[derive(Debug, Default)]
pub struct Report {
    pub documents: usize,
    /// Named-entity recognition on the same gold: exact span and type, PER/LOC/ORG.
    pub ner_gold: usize,
    pub ner_predicted: usize,
    pub ner_correct: usize,
    pub named: usize,
    pub named_right: usize,
    pub named_found: usize,
    pub places: usize,
    pub places_right: usize,
    pub refers: usize,
    pub refers_right: usize,
    errors: Vec<String>,
}

/// The mention that covers a gold span: the exact one, else the longest overlapping one.
fn mention_at(doc: &Document, span: Span) -> Option<usize> {
    let overlapping = doc
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.span.start < span.end && span.start < m.span.end);
    let mut best: Option<(usize, bool, usize)> = None;
    for (i, m) in overlapping {
        let exact = m.span == span;
        let len = m.span.end - m.span.start;
        if best.is_none_or(|(_, e, l)| (exact, len) > (e, l)) {
            best = Some((i, exact, len));
        }
    }
    best.map(|(i, _, _)| i)
}

pub fn evaluate(
    pipeline: &Pipeline,
    docs: Vec<Document>,
    gold: &FxHashMap<String, GoldLinks>,
    show_errors: usize,
) -> Report {
    let mut r = Report::default();
    for mut doc in docs {
        let Some(g) = gold.get(&doc.meta.id) else {
            continue;
        };
        r.documents += 1;
        pipeline.annotate(&mut doc);
        // The tagger, scored on the gold names (names only: nominal mentions and MISC aside).
        // Surnames and initials the gold lists as references ("Obama", "B. Obama") are names
        // too, of their referent's type.
        let mut gold_names: Vec<(Span, &str)> = g
            .named
            .iter()
            .filter_map(|n| nth(&doc.text, &n.mention, n.occurrence).map(|s| (s, n.kind.as_str())))
            .collect();
        for f in &g.refers {
            let name_like = f
                .mention
                .split(' ')
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            let kind = g
                .named
                .iter()
                .find(|n| n.mention == f.refers_to)
                .map(|n| n.kind.as_str());
            if let (true, Some(kind), Some(span)) =
                (name_like, kind, nth(&doc.text, &f.mention, f.occurrence))
            {
                gold_names.push((span, kind));
            }
        }
        let predicted: Vec<(Span, &str)> = doc
            .mentions
            .iter()
            .filter(|m| !m.nominal && m.kind != EntityType::Misc)
            .map(|m| (m.span, m.kind.as_str()))
            .collect();
        r.ner_gold += gold_names.len();
        r.ner_predicted += predicted.len();
        r.ner_correct += predicted.iter().filter(|p| gold_names.contains(p)).count();
        let entity_of =
            |doc: &Document, span: Span| mention_at(doc, span).and_then(|m| doc.mentions[m].entity);
        for n in &g.named {
            r.named += 1;
            let Some(span) = nth(&doc.text, &n.mention, n.occurrence) else {
                r.errors.push(format!(
                    "{}: gold mention not in text: {}",
                    doc.meta.id, n.mention
                ));
                continue;
            };
            let found = mention_at(&doc, span);
            let entity = found
                .and_then(|m| doc.mentions[m].entity)
                .map(|e| &doc.entities[e]);
            if found.is_some() {
                r.named_found += 1;
            }
            let kind_ok = entity
                .and_then(|e| e.kind)
                .is_some_and(|k| k.as_str() == n.kind)
                || found.is_some_and(|m| doc.mentions[m].kind.as_str() == n.kind);
            let country_ok = entity.is_some_and(|e| e.country == n.country);
            if kind_ok && country_ok {
                r.named_right += 1;
            } else {
                r.errors.push(format!(
                    "{}: {} ({} {:?}) linked to {:?}",
                    doc.meta.id,
                    n.mention,
                    n.kind,
                    n.country,
                    entity.map(|e| (
                        e.id.as_str(),
                        e.kind.map(EntityType::as_str),
                        e.country.as_deref()
                    ))
                ));
            }
            if let (Some(id), "LOC") = (n.geonames, n.kind.as_str()) {
                r.places += 1;
                if entity.is_some_and(|e| e.geonames == Some(id)) {
                    r.places_right += 1;
                } else {
                    r.errors.push(format!(
                        "{}: place {} is GeoNames {id}, linked to {:?}",
                        doc.meta.id,
                        n.mention,
                        entity.and_then(|e| e.geonames)
                    ));
                }
            }
        }
        for f in &g.refers {
            r.refers += 1;
            let (Some(a), Some(b)) = (
                nth(&doc.text, &f.mention, f.occurrence),
                nth(&doc.text, &f.refers_to, f.refers_occurrence),
            ) else {
                r.errors.push(format!(
                    "{}: gold reference not in text: {} → {}",
                    doc.meta.id, f.mention, f.refers_to
                ));
                continue;
            };
            let (ea, eb) = (entity_of(&doc, a), entity_of(&doc, b));
            if ea.is_some() && ea == eb {
                r.refers_right += 1;
            } else {
                r.errors.push(format!(
                    "{}: \"{}\" should be {} ({:?}), is {:?}",
                    doc.meta.id,
                    f.mention,
                    f.refers_to,
                    eb.map(|e| doc.entities[e].id.as_str()),
                    ea.map(|e| doc.entities[e].id.as_str())
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
            "named mentions with the right type and country: {:.4} ({}/{}; {} found as mentions; {} documents)",
            fraction(self.named_right, self.named),
            self.named_right,
            self.named,
            self.named_found,
            self.documents
        );
        let _ = writeln!(
            s,
            "places with the right GeoNames id: {:.4} ({}/{})",
            fraction(self.places_right, self.places),
            self.places_right,
            self.places
        );
        let _ = writeln!(
            s,
            "surname and nominal mentions on the right record: {:.4} ({}/{})",
            fraction(self.refers_right, self.refers),
            self.refers_right,
            self.refers
        );
        let ner = Prf {
            true_pos: self.ner_correct,
            predicted: self.ner_predicted,
            gold: self.ner_gold,
        };
        let _ = writeln!(
            s,
            "named entities (PER/LOC/ORG, exact span and type): P {:.4}  R {:.4}  F1 {:.4}  (gold {}, predicted {}, correct {})",
            ner.precision(),
            ner.recall(),
            ner.f1(),
            self.ner_gold,
            self.ner_predicted,
            self.ner_correct
        );
        for e in &self.errors {
            let _ = writeln!(s, "  {e}");
        }
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nth_occurrence() {
        let t = "Le Drian et Le Drian";
        assert_eq!(nth(t, "Le Drian", 1), Some(Span::new(0, 8)));
        assert_eq!(nth(t, "Le Drian", 2), Some(Span::new(12, 20)));
        assert_eq!(nth(t, "Le Drian", 3), None);
    }
}
