//! Passive verbs of saying: their "par" agent speaks ("a été condamné par la préfecture"),
//! and their subject, or the noun a lone past participle qualifies ("le général X, condamné
//! pour « viol »"), undergoes the act and speaks no words of the quotation.

use super::Context;
use crate::document::Span;

impl Context<'_> {
    /// Whether the verb of saying at `verb` is a lone past participle with no auxiliary
    /// ("condamné", "accusé", "qualifié"), on the syntax layer.
    pub(super) fn bare_participle(&self, verb: Span) -> bool {
        let first = self.tokens.partition_point(|t| t.span.start < verb.start);
        if first >= self.tokens.len() || self.tokens[first].span.end != verb.end {
            return false;
        }
        let Some(w) = self.first_word(first) else {
            return false;
        };
        let word = &self.words[w];
        word.upos == "VERB"
            && word.feats.contains("VerbForm=Part")
            && word.feats.contains("Tense=Past")
            && !self
                .dependents
                .of(w)
                .iter()
                .any(|&c| self.words[c].relation() == "aux")
    }

    /// Whether the verb group starting at token `t` is passive on the syntax layer: its verb
    /// has a passive subject or auxiliary.
    pub(super) fn passive_at(&self, t: usize) -> bool {
        let Some(w) = self.first_word(t) else {
            return false;
        };
        let verb = match self.words[w].relation() {
            "aux" | "cop" => self.words[w].head.unwrap_or(w),
            _ => w,
        };
        self.dependents
            .of(verb)
            .iter()
            .any(|&c| matches!(self.words[c].deprel.as_str(), "nsubj:pass" | "aux:pass"))
    }

    /// Whether the verb group `verb` is passive with "été" ("a été condamné", "ont été
    /// qualifiés").
    pub(super) fn passive_with_ete(&self, verb: Span) -> bool {
        let first = self.tokens.partition_point(|t| t.span.start < verb.start);
        let after = self.tokens.partition_point(|t| t.span.start < verb.end);
        (first..after).any(|t| self.key(t) == "été")
    }

    /// The agent of a passive verb of saying at `verb` ("a été vivement condamné jeudi par la
    /// préfecture"): the noun phrase after "par", past adverbs and time words.
    pub(super) fn passive_agent(&self, verb: Span) -> Option<Span> {
        if !self.passive_with_ete(verb) {
            return None;
        }
        let first = self.tokens.partition_point(|t| t.span.start < verb.start);
        let after = self.tokens.partition_point(|t| t.span.start < verb.end);
        let end = self.sentence(first)?.end;
        // Adverbs and time words ("vivement", "jeudi 5 mars") before "par".
        let t = self.skip_between(after, end);
        if t >= end || self.key(t) != "par" || self.quoted[t] {
            return None;
        }
        let np = self.np_from(t + 1, end);
        let who = self.who(np)?;
        self.resolve(who, first)
    }
}
