//! The speaker inverted after a verb of saying and the verb's complements: "« … », a expliqué
//! à l'AFP Thipsuda Faksaithong", "« … », avait déclaré plus tôt dans la matinée le ministre
//! …", "« … », a assuré samedi midi le procureur …", "« … », a ironisé sur Twitter la
//! sénatrice …". The complements are time expressions of the time layer, the words allowed
//! between a verb and its speaker, and prepositional phrases; the speaker's noun phrase
//! starts where they end.

use super::Context;

/// At most this many tokens of complements between a verb of saying and its speaker.
const COMPLEMENTS_MAX_TOKENS: usize = 12;

impl Context<'_> {
    /// The first token after the complements that follow a verb of saying from token `t`
    /// (before `end`), when there are any and a noun phrase may follow them.
    pub(super) fn past_complements(&self, t: usize, end: usize) -> Option<usize> {
        let limit = end.min(t + COMPLEMENTS_MAX_TOKENS);
        let p = self.complements_end(t, limit);
        (p > t && p < limit && !self.quoted[p]).then_some(p)
    }

    /// Where the complements after a verb of saying that start at token `t` end, before
    /// `limit`: time expressions, the words allowed between a verb and its speaker, and
    /// prepositional phrases ("à l'AFP", "sur Twitter", "lundi après-midi").
    pub(super) fn complements_end(&self, t: usize, limit: usize) -> usize {
        let mut p = t;
        while p < limit && !self.quoted[p] {
            let time_end = self.time_end.get(p).copied().unwrap_or(0);
            if time_end > p {
                p = time_end;
            } else if self.lex.between.contains(self.key(p)) {
                p += 1;
            } else if self.lex.verb_preps.contains(self.key(p)) {
                p = self.complement_end(p + 1, limit);
            } else {
                break;
            }
        }
        p
    }

    /// The end of a prepositional complement whose object starts at `q`: its article, then a
    /// name (a mention of the NER layer, or a capitalised run) or common nouns with their
    /// adjectives, and the complements in "de" they take ("au micro de France Inter"). A new
    /// article or the start of a person's name ends it ("à l'AFP Thipsuda Faksaithong").
    fn complement_end(&self, mut q: usize, limit: usize) -> usize {
        // "auprès de l'AFP", "lors d'un point presse"
        if q < limit && self.lex.complements.contains(self.key(q)) {
            q += 1;
        }
        let mut head = true;
        while q < limit && !self.quoted[q] && self.is_word(q) {
            let k = self.key(q);
            if self.lex.complements.contains(k) {
                // "de la Défense", "de presse": the complement goes on.
                q += 1;
                head = true;
                continue;
            }
            if self.is_determiner(q) {
                if !head {
                    break;
                }
                q += 1;
                continue;
            }
            if !head && self.person_start.get(q).copied().unwrap_or(false) {
                break;
            }
            if self.lex.stops.contains(k) || self.lex.subject_enders.contains(k) {
                break;
            }
            let mention_end = self.mention_end.get(q).copied().unwrap_or(0);
            q = if mention_end > q { mention_end } else { q + 1 };
            head = false;
        }
        q
    }
}
