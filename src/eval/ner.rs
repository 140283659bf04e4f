//! `depeche ner eval`: exact-span, exact-type precision, recall and F1 per entity type and
//! micro-averaged, on the gold tokens of CoNLL files (CoNLL-2003 scoring: an entity counts when
//! its first token, last token and type all match).

use super::tokens::Prf;
use crate::document::EntityType;
use crate::ner::conll::{entities, Sentence};
use crate::ner::Recognizer;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, Default)]
pub struct NerReport {
    pub sentences: usize,
    pub tokens: usize,
    pub per_type: BTreeMap<EntityType, Prf>,
    pub micro: Prf,
}

/// Scores the recognizer on gold sentences, counting only entities of `types`.
pub fn evaluate(rec: &Recognizer, gold: &[Sentence], types: &[EntityType]) -> NerReport {
    let mut report = NerReport::default();
    for t in types {
        report.per_type.insert(*t, Prf::default());
    }
    for s in gold {
        let Some(g) = &s.tags else { continue };
        report.sentences += 1;
        report.tokens += s.tokens.len();
        let pred = rec.tags(&s.tokens);
        let keep = |e: &(usize, usize, EntityType)| types.contains(&e.2);
        let ge: Vec<_> = entities(g).into_iter().filter(keep).collect();
        let pe: Vec<_> = entities(&pred).into_iter().filter(keep).collect();
        for e in &ge {
            if let Some(p) = report.per_type.get_mut(&e.2) {
                p.gold += 1;
            }
        }
        for e in &pe {
            if let Some(p) = report.per_type.get_mut(&e.2) {
                p.predicted += 1;
                if ge.contains(e) {
                    p.true_pos += 1;
                }
            }
        }
    }
    for p in report.per_type.values() {
        report.micro.gold += p.gold;
        report.micro.predicted += p.predicted;
        report.micro.true_pos += p.true_pos;
    }
    report
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentences: {}, tokens: {}", self.sentences, self.tokens)?;
        for (t, p) in &self.per_type {
            writeln!(f, "{:5} {p}", t.as_str())?;
        }
        writeln!(f, "micro {}", self.micro)
    }
}
