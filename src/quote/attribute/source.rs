//! Sources named with a preposition: "Selon X, …" opening the sentence, "…, d'après X, …"
//! inside it before the quotation, "… « … », selon X" after it. A source set between a
//! subject and its verb ("X, selon le ministère, ont réclamé « … »") sources the clause's
//! facts, and is no speaker.

use super::{Attribution, Context, Who, SOURCE_TAIL_MAX_TOKENS};
use crate::quote::marks::Extent;

impl Context<'_> {
    /// Whether token `t` starts "selon" or "d'après", which name a source whatever it is
    /// (unlike "pour", which must name someone).
    fn names_source(&self, t: usize) -> bool {
        self.key(t) == "selon"
            || self.key(t) == "d'après"
            || (self.key(t) == "d'" && self.key(t + 1) == "après")
    }

    /// "Selon une source proche du dossier, c'est la « première fois » …", "Pour X, autre
    /// habitant, « … »": a sentence that opens with a preposition of attribution, its speaker
    /// and a comma speaks through that speaker wherever its quotations are. After "pour" (and
    /// the like) the speaker must be a mention of someone ("pour la première fois" is none);
    /// "selon" and "d'après" name a source whatever it is.
    pub(super) fn opening_source(&self, e: &Extent) -> Option<Attribution> {
        let sent = self.sentence(e.open)?;
        self.source_at(e, sent.start).or_else(|| {
            // "…, d'après le Premier ministre Hassan Diab, 2.750 tonnes … « sans mesures de
            // précaution »": a source set off by a comma inside the sentence, before the
            // quotation, names who speaks just as well.
            (sent.start + 1..e.open)
                .rev()
                .filter(|&t| {
                    !self.quoted[t] && self.names_source(t) && self.is_punct(t - 1, &[","])
                })
                .filter(|&t| !self.source_before_verb(t, e.open))
                .find_map(|t| self.source_at(e, t))
        })
    }

    /// Whether the source phrase at token `t` is set between a subject and its verb ("Plus
    /// de 23.000 manifestants, selon le ministère, ont réclamé « … »"): it sources the
    /// clause's facts, and the subject speaks.
    fn source_before_verb(&self, t: usize, limit: usize) -> bool {
        let comma = (t + 1..limit.min(t + 1 + 2 * SOURCE_TAIL_MAX_TOKENS))
            .find(|&k| self.is_punct(k, &[","]) && !self.quoted[k]);
        comma.is_some_and(|c| {
            let next = c + 1;
            next < limit
                && (self.lex.auxiliaries.contains(self.key(next))
                    || self.lex.finite.contains(self.key(next))
                    || self.finite_verb_on_tree(next))
        })
    }

    /// A source phrase at token `lo` ("Selon X,", "Pour X,") before the quotation `e`.
    fn source_at(&self, e: &Extent, lo: usize) -> Option<Attribution> {
        let len = self.prep_at(lo, e.open)?;
        let np = self.np_from(lo + len, e.open);
        // The source's phrase may go on with a complement up to its comma ("Selon plusieurs
        // sources citées par la chaîne d'information, …"), never over a verb.
        let comma = (np.end..e.open.min(np.end + SOURCE_TAIL_MAX_TOKENS))
            .take_while(|&t| !self.quoted[t] && !self.lex.subject_enders.contains(self.key(t)))
            .find(|&t| self.is_punct(t, &[","]));
        if np.is_empty() || comma.is_none() {
            return None;
        }
        let who = self.who(np)?;
        let source = self.names_source(lo);
        if let Who::Named(span) = who {
            if !source && !self.names_someone(span) {
                return None;
            }
        }
        Some(Attribution {
            speaker: self.resolve(who, lo),
            verb: Some(self.span(lo..lo + len)),
        })
    }

    /// A source named later in the sentence, after a comma: "… de nouvelles zones « super-
    /// rouges », selon une source gouvernementale", "… un « rodéo » …, rapporte Ouest-France"
    /// is read by [`Context::incise_later`]; this reads "selon X" and "d'après X".
    pub(super) fn source_later(&self, e: &Extent) -> Option<Attribution> {
        let close = e.close?;
        let sent = self.sentence(close)?;
        let t = (close + 1..sent.end)
            .find(|&t| !self.quoted[t] && self.is_punct(t - 1, &[","]) && self.names_source(t))?;
        let len = self.prep_at(t, sent.end)?;
        let np = self.np_from(t + len, sent.end);
        if np.is_empty() {
            return None;
        }
        let mut speaker = self.resolve(self.who(np.clone())?, t);
        // "selon les estimations dévoilées le 12 septembre par l'Assurance maladie": a
        // document that cannot speak speaks through its "par" agent, up to the clause's end.
        if speaker.is_some_and(|s| !self.may_speak(s)) {
            let clause_end = (np.end..sent.end)
                .find(|&k| self.is_punct(k, &[",", ";", ":", "."]) || self.quoted[k])
                .unwrap_or(sent.end);
            let agent = (np.end..clause_end)
                .find(|&k| self.key(k) == "par")
                .map(|k| self.np_from(k + 1, clause_end))
                .filter(|a| !a.is_empty())
                .and_then(|a| self.who(a))
                .and_then(|who| self.resolve(who, t));
            speaker = agent.or(speaker);
        }
        Some(Attribution {
            speaker,
            verb: Some(self.span(t..t + len)),
        })
    }
}
