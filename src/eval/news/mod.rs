//! `depeche eval news GOLD_DIR`: every layer against the development gold of `eval/news/`
//! (entities and their records, times, counts, quotations and speakers, CAMEO events), made
//! under `shared/spec/annotation-conventions.md`.
//!
//! Measures, each over the documents whose gold has that layer:
//! - **NER**: names (PER/LOC/ORG), exact span and type; P, R, F1.
//! - **names, type and country**: each gold name mention whose predicted record has the gold type
//!   and country (IGOs: no country).
//! - **places, GeoNames**: each gold place mention with an id whose record has that id.
//! - **descriptions**: each nominal mention of a named gold record that points to the record the
//!   names of that gold record point to (most of them).
//! - **unnamed groups**: each nominal mention of a gold record without a name ("la police
//!   afghane") whose predicted record has the gold country and role.
//! - **times**: extents that overlap, one to one; value right over the gold.
//! - **counts**: extents that overlap; number and kind right over the gold. The matched counts
//!   read wrong are counted by gold kind → read kind (or "number"), the misses by gold kind:
//!   aggregates, so they are printed for a sealed set too.
//! - **quotes**: found (overlapping extent) over the gold; speaker right over the gold, when the
//!   predicted speaker's words overlap a mention of the gold speaker (or its speaker mention), or
//!   its entity is the record the gold speaker's mentions point to; a quote without a speaker
//!   is right only when none is predicted.
//! - **events**: sentence, root code (or the root of an acceptable code) and both actors'
//!   countries (the first three letters of the code for actors without one); optional gold
//!   events are neither misses nor false alarms; full code (or an acceptable one) and status on
//!   the matched. Misses and false alarms are also counted by cause (the other side's events
//!   in the same sentence: none, other roots, or the same root with a wrong source or target)
//!   and per root. A miss with no event in its sentence is also counted by what became of the
//!   sentence's dictionary words that can code its root (no such word, no pattern matched, no
//!   actor 1, no target, not asserted, in a quotation) and by whether its actors' sides are
//!   among the sentence's linked entities: aggregates, printed for the sealed half too.
//!
//! A sealed gold folder (`"sealed": true` in its manifest) prints the aggregates only.

pub mod gold;
mod score;

use super::fraction;
use super::tokens::Prf;
use crate::pipeline::Pipeline;
use gold::{GoldSet, Layer, Offsets};
use std::fmt::{self, Write};

/// Found and right, over the gold.
#[derive(Debug, Default, Clone, Copy)]
pub struct Accuracy {
    pub gold: usize,
    pub right: usize,
}

/// Extents matched one to one, and how many of the matched are right.
#[derive(Debug, Default, Clone, Copy)]
pub struct Matched {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub exact: usize,
    pub right: usize,
}

impl Matched {
    fn prf(&self) -> Prf {
        Prf {
            true_pos: self.matched,
            predicted: self.predicted,
            gold: self.gold,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct EventScores {
    /// Required gold events.
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    /// Predicted events that match an optional gold event: neither right nor wrong.
    pub optional_matched: usize,
    pub code_right: usize,
    pub status_right: usize,
    /// Required gold events not matched, by cause.
    pub missed: EventErrors,
    /// Predicted events matching no gold event, by cause.
    pub extra: EventErrors,
    /// Misses and false alarms per CAMEO root.
    pub missed_roots: std::collections::BTreeMap<String, usize>,
    pub extra_roots: std::collections::BTreeMap<String, usize>,
    /// Misses with no predicted event in their sentence, by what became of the sentence's
    /// dictionary words that can code the miss's root: the candidate that came closest to an
    /// event ("no word with its root" when the sentence has none).
    pub unseen_fates: std::collections::BTreeMap<String, usize>,
    /// The same misses, by whether the gold actors' sides are among the sentence's linked
    /// entities: "all linked", "target unlinked", "actor 1 unlinked", "both unlinked".
    pub unseen_actors: std::collections::BTreeMap<String, usize>,
}

/// "11: 56, 05: 22, …": the counts per key (a root, a kind), largest first.
fn by_root(counts: &std::collections::BTreeMap<String, usize>) -> String {
    let mut v: Vec<(&String, &usize)> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .map(|(r, n)| format!("{r}: {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why an event on one side (gold or predicted) has no partner on the other, judged against the
/// events of the other side in the same sentence: none at all, only other roots, or the same
/// root with the source, the target or both sides wrong. Aggregates, safe for the sealed half.
#[derive(Debug, Default, Clone, Copy)]
pub struct EventErrors {
    pub none_in_sentence: usize,
    pub other_root: usize,
    pub wrong_source: usize,
    pub wrong_target: usize,
    pub wrong_both: usize,
}

impl fmt::Display for EventErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "none in sentence {}, other root {}, same root: source wrong {}, target wrong {}, both {}",
            self.none_in_sentence,
            self.other_root,
            self.wrong_source,
            self.wrong_target,
            self.wrong_both
        )
    }
}

impl EventScores {
    pub fn prf(&self) -> Prf {
        Prf {
            true_pos: self.matched,
            predicted: self.predicted - self.optional_matched,
            gold: self.gold,
        }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub name: String,
    pub sealed: bool,
    pub documents: usize,
    pub ner: Prf,
    pub names: Accuracy,
    pub places: Accuracy,
    pub nominal: Accuracy,
    pub groups: Accuracy,
    pub times: Matched,
    pub counts: Matched,
    pub quotes: Matched,
    pub events: EventScores,
    /// Matched counts read wrong: "KILL→OTHER" (gold kind → read kind), or "number".
    pub count_errors: std::collections::BTreeMap<String, usize>,
    /// Gold counts with no predicted count, by gold kind.
    pub count_misses: std::collections::BTreeMap<String, usize>,
    /// Quotes whose speaker is wrong, by what went wrong and the quote's length (a fragment
    /// of under eight words, or longer). Aggregates, safe for the sealed half.
    pub speaker_errors: std::collections::BTreeMap<String, usize>,
    show_errors: usize,
    errors: Vec<String>,
}

impl Report {
    fn error(&mut self, e: String) {
        if !self.sealed && self.errors.len() < self.show_errors {
            self.errors.push(e);
        }
    }
}

/// Annotates each gold document and scores every layer its gold has. `show_errors` is ignored
/// on a sealed set.
pub fn evaluate(
    pipeline: &Pipeline,
    set: &GoldSet,
    docs: Vec<crate::document::Document>,
    show_errors: usize,
) -> Report {
    let mut r = Report {
        name: set.manifest.name.clone(),
        sealed: set.manifest.sealed,
        show_errors: if set.manifest.sealed { 0 } else { show_errors },
        ..Report::default()
    };
    for (mut doc, g) in docs.into_iter().zip(&set.docs) {
        debug_assert_eq!(doc.meta.id, g.id);
        pipeline.annotate(&mut doc);
        r.documents += 1;
        let offsets = Offsets::new(&doc.text);
        if g.has(Layer::Entities) {
            score::entities(&mut r, &doc, g, &offsets);
        }
        if g.has(Layer::Times) {
            score::times(&mut r, &doc, g, &offsets);
        }
        if g.has(Layer::Counts) {
            score::counts(&mut r, &doc, g, &offsets);
        }
        if g.has(Layer::Quotes) {
            score::quotes(&mut r, &doc, g, &offsets);
        }
        if g.has(Layer::Events) {
            let candidates = pipeline.explain_events(&doc);
            score::events(&mut r, &doc, g, &offsets, &candidates);
        }
    }
    r
}

fn acc(a: Accuracy) -> String {
    if a.gold == 0 {
        "—  (no gold)".into()
    } else {
        format!("{:.4}  ({}/{})", fraction(a.right, a.gold), a.right, a.gold)
    }
}

fn prf(p: Prf) -> String {
    if p.gold == 0 {
        return "—  (no gold)".into();
    }
    format!(
        "P {:.4}  R {:.4}  F1 {:.4}  (gold {}, predicted {}, matched {})",
        p.precision(),
        p.recall(),
        p.f1(),
        p.gold,
        p.predicted,
        p.true_pos
    )
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: {} documents{}",
            self.name,
            self.documents,
            if self.sealed {
                " (sealed: aggregates only)"
            } else {
                ""
            }
        );
        let rows: [(&str, String); 23] = [
            ("NER (PER/LOC/ORG, exact)", prf(self.ner)),
            ("names: type and country", acc(self.names)),
            ("places: GeoNames id", acc(self.places)),
            ("descriptions: right record", acc(self.nominal)),
            ("unnamed groups: country, role", acc(self.groups)),
            ("times: extent", prf(self.times.prf())),
            (
                "times: value right",
                acc(Accuracy {
                    gold: self.times.gold,
                    right: self.times.right,
                }),
            ),
            ("counts: extent", prf(self.counts.prf())),
            (
                "counts: number and kind right",
                acc(Accuracy {
                    gold: self.counts.gold,
                    right: self.counts.right,
                }),
            ),
            ("counts: wrong on matched", by_root(&self.count_errors)),
            ("counts: misses per kind", by_root(&self.count_misses)),
            ("quotes: found", prf(self.quotes.prf())),
            (
                "quotes: speaker right",
                acc(Accuracy {
                    gold: self.quotes.gold,
                    right: self.quotes.right,
                }),
            ),
            ("quotes: speaker wrong, why", by_root(&self.speaker_errors)),
            ("events (sentence, root, sides)", prf(self.events.prf())),
            (
                "events: full code on matched",
                acc(Accuracy {
                    gold: self.events.matched,
                    right: self.events.code_right,
                }),
            ),
            (
                "events: status on matched",
                acc(Accuracy {
                    gold: self.events.matched,
                    right: self.events.status_right,
                }),
            ),
            ("events: misses, why", self.events.missed.to_string()),
            ("events: false alarms, why", self.events.extra.to_string()),
            (
                "events: misses per root",
                by_root(&self.events.missed_roots),
            ),
            (
                "events: false alarms per root",
                by_root(&self.events.extra_roots),
            ),
            (
                "events: misses with none in sentence, closest candidate",
                by_root(&self.events.unseen_fates),
            ),
            (
                "events: misses with none in sentence, gold sides linked",
                by_root(&self.events.unseen_actors),
            ),
        ];
        for (label, value) in rows {
            let _ = writeln!(s, "  {label:<32} {value}");
        }
        if !self.errors.is_empty() {
            let _ = writeln!(s, "disagreements (first {}):", self.errors.len());
            for e in &self.errors {
                let _ = writeln!(s, "  {e}");
            }
        }
        f.write_str(&s)
    }
}
