//! Direct speech without quotation marks: a sentence of a paragraph that ends with an incise,
//! a comma then a verb of saying with its subject inverted ("…, a indiqué lundi le parquet de
//! Lorient.", "…, rapporte Le Parisien jeudi 20 octobre.", "…, a-t-elle précisé."). The
//! annotation conventions count the words before the comma as a quotation (`marked: false`);
//! its speaker is the incise's subject. An incise is only read after a comma and to the end of
//! its clause, and the sentence holds no marked quotation: "selon X" and a verb of saying
//! before its object do not make the sentence speech.

use super::{Attribution, Context};
use crate::document::{BlockKind, TokenKind};
use std::ops::Range;

/// How many tokens from the sentence's end its incise's comma is looked for.
const INCISE_MAX_TOKENS: usize = 24;
/// At least this many words before the incise for them to be a quotation.
const UNMARKED_MIN_WORDS: usize = 4;

/// A quotation without marks: its words and who said them.
#[derive(Debug, Clone)]
pub struct Unmarked {
    /// The quoted tokens: from the sentence's first word to the incise's comma.
    pub inner: Range<usize>,
    pub attribution: Attribution,
}

impl Context<'_> {
    /// The document's quotations without marks, in text order.
    pub fn unmarked(&self) -> Vec<Unmarked> {
        self.sentences
            .iter()
            .filter(|(_, kind)| *kind == BlockKind::Paragraph)
            .filter_map(|(range, _)| self.unmarked_in(range.clone()))
            .collect()
    }

    /// Records the speaker of a quotation without marks, so that the marked quotations after
    /// it may go on with its speech.
    pub fn record_unmarked(&mut self, u: &Unmarked) {
        if let Some(span) = u.attribution.speaker {
            self.found.push((u.inner.start, span));
        }
    }

    /// The quotation without marks of the sentence `r`, if it ends with an incise.
    fn unmarked_in(&self, r: Range<usize>) -> Option<Unmarked> {
        if r.is_empty() || r.clone().any(|t| self.quoted[t] || self.is_mark(t)) {
            return None;
        }
        let mut end = r.end;
        while end > r.start && self.tokens[end - 1].kind == TokenKind::Punct {
            end -= 1;
        }
        let floor = end.saturating_sub(INCISE_MAX_TOKENS).max(r.start + 1);
        let mut clause_end = end;
        for c in (floor..end).rev() {
            if !self.is_punct(c, &[","]) {
                continue;
            }
            // After the incise, an apposition may go on ("…, a annoncé Santé publique
            // France, un chiffre proche de celui de la veille"), not a clause.
            let clause_after = (clause_end..end).any(|t| self.finite_verb_on_tree(t));
            if let Some(attribution) = (!clause_after)
                .then(|| self.incise_at(c + 1, clause_end))
                .flatten()
            {
                let mut start = r.start;
                while start < c && !self.is_word(start) {
                    start += 1;
                }
                let words = (start..c).filter(|&t| self.is_word(t)).count();
                return (words >= UNMARKED_MIN_WORDS).then_some(Unmarked {
                    inner: start..c,
                    attribution,
                });
            }
            clause_end = c;
        }
        None
    }

    /// An incise that fills tokens `t..end`: a verb of saying (or any verb with its subject
    /// clitic inverted), its inverted subject, and only complements and times after it.
    fn incise_at(&self, t: usize, end: usize) -> Option<Attribution> {
        let m = self
            .verb_forward(t, end)
            .filter(|m| !m.prep)
            .or_else(|| self.inverted_incise(t, end))?;
        if self.lex.observation.contains(self.key(m.end - 1)) {
            return None;
        }
        let verb = Some(self.verb_span(&m));
        let (speaker, after) = match m.clitic {
            Some(c) => (self.resolve(self.clitic_who(c), t), m.next),
            None => {
                let s = self.skip_between(m.next, end);
                let s = self.past_complements(s, end).unwrap_or(s);
                let np = self.np_from(s, end);
                let who = self.who(np.clone())?;
                let speaker = self.resolve(who, t);
                if speaker.is_some_and(|s| !self.may_speak(s)) {
                    return None;
                }
                (speaker, np.end)
            }
        };
        // Only complements and times may follow the speaker.
        (speaker.is_some() && self.complements_end(after, end) >= end)
            .then_some(Attribution { speaker, verb })
    }
}
