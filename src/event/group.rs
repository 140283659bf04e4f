//! The verb group around a trigger: auxiliaries, "va"/"doit" (planned), modals (not
//! asserted), "ne … pas" (negated), reflexive pronouns, passive "est/a été + participle", the
//! preposition that governs an infinitive, and the span the trigger covers.

use super::*;

impl View<'_> {
    /// Reads the words before a trigger: auxiliaries, negation, "va", modals, clitics.
    pub(super) fn group(&self, t: usize, kind: FormKind) -> Group {
        let mut g = Group {
            start: t,
            ..Group::default()
        };
        if kind == FormKind::Noun {
            return g;
        }
        let (mut avoir, mut etre) = (false, false);
        let participle = kind == FormKind::PastParticiple;
        let infinitive = kind == FormKind::Infinitive;
        let mut j = t;
        let mut steps = 0;
        while j > self.lo && steps < 7 {
            j -= 1;
            steps += 1;
            let w = self.w(j);
            if self.is("reflexive", j) {
                g.reflexive = true;
                g.start = j;
            } else if self.is("negation", j) {
                g.negated = true;
                g.start = j;
            } else if self.is("negation-end", j) && (participle || infinitive) {
                // "n'a pas condamné", "ne pas condamner"
                continue;
            } else if participle && !avoir && self.is("aux-avoir", j) {
                avoir = true;
                g.start = j;
                g.participial |= w == "ayant";
                g.alleged |= matches!(w, "aurait" | "auraient");
                g.planned |= matches!(w, "aura" | "auront");
            } else if participle && !avoir && !etre && self.is("aux-etre", j) {
                etre = true;
                g.start = j;
                g.participial |= w == "étant";
                g.alleged |= matches!(w, "serait" | "seraient");
                g.planned |= matches!(w, "sera" | "seront");
            } else if infinitive && self.is("planned", j) {
                g.planned = true;
                g.start = j;
                break;
            } else if infinitive && self.is("modal", j) {
                g.modal = true;
                g.start = j;
                break;
            } else if kind == FormKind::Finite && self.is("aux-avoir", j) && !avoir {
                // "a officiellement abolit": a participle written as a finite form.
                avoir = true;
                g.start = j;
            } else if participle
                && avoir
                && matches!(w, "de" | "d'")
                && matches!(self.w(g.start), "avoir" | "être")
            {
                // "accusé le régime d'avoir massacré": a past infinitive governed by "de".
                g.governed = Some(w.to_string());
                break;
            } else if self.is("clitic", j) && j + 1 == g.start {
                g.start = j;
            } else if self.is("skip", j) || self.is("adverb", j) {
                continue;
            } else if let Some(n) = self.skip_phrase_before(j + 1) {
                j = j + 1 - n;
                continue;
            } else if infinitive && matches!(w, "de" | "d'") && j > self.lo && self.planned_de(j) {
                // "L'OTAN prévoit de retirer", "a décidé de suspendre": a plan.
                g.planned = true;
                g.start = j - 1;
                if j >= self.lo + 2 && self.is("aux-avoir", j - 2) {
                    g.start = j - 2;
                }
                break;
            } else if infinitive
                && matches!(w, "de" | "d'")
                && j > self.lo
                && matches!(
                    self.w(j - 1),
                    "vient" | "viennent" | "venait" | "venaient" | "venons" | "venez"
                )
            {
                // "L'armée française vient de transférer": a recent past, told as a fact.
                g.start = j - 1;
                g.recent = true;
                break;
            } else if infinitive
                && matches!(w, "de" | "d'" | "à" | "par")
                && j > self.lo
                && self.is("phase", j - 1)
            {
                // "ils commencent à la gifler", "a fini par accepter": the act itself, in
                // its beginning, course or end; the subject is the phase verb's.
                g.start = j - 1;
                while g.start > self.lo
                    && (self.is("aux-avoir", g.start - 1)
                        || self.is("reflexive", g.start - 1)
                        || self.is("adverb", g.start - 1))
                {
                    g.start -= 1;
                }
                g.phase = true;
                break;
            } else if infinitive
                && matches!(w, "de" | "d'" | "à" | "pour" | "sans" | "par" | "afin")
            {
                g.governed = Some(w.to_string());
                break;
            } else if infinitive && matches!(w, "et" | "ou" | "puis") {
                g.coordinated = true;
                break;
            } else {
                break;
            }
        }
        g.has_aux = avoir || etre;
        // Reflexive verbs take "être" without being passive: "s'est rendu".
        g.passive = etre && !g.reflexive;
        g
    }

    /// Whether the word before "de" at `j` announces a plan ("prévoit", "a décidé").
    pub(super) fn planned_de(&self, j: usize) -> bool {
        let w = self.w(j - 1);
        self.dict.is("planned-de", w)
            || (j >= self.lo + 2
                && self
                    .dict
                    .is("planned-de", &format!("{}_{}", self.w(j - 2), w)))
    }

    /// The whole verb group's span: "va demander", "a annulé", "visite".
    pub(super) fn trigger_span(&self, g: &Group, t: usize) -> Span {
        let start = g.start.min(t);
        Span {
            start: self.doc.tokens[start].span.start,
            end: self.doc.tokens[t].span.end,
        }
    }

    /// The start of the "être" group right before a noun ("a été victime", "serait donc
    /// victime").
    pub(super) fn etre_before(&self, t: usize) -> Option<usize> {
        let mut k = t;
        while k > self.lo && (self.is("skip", k - 1) || self.is("adverb", k - 1)) {
            k -= 1;
        }
        if k == self.lo || !self.is("aux-etre", k - 1) {
            return None;
        }
        k -= 1;
        while k > self.lo && (self.is("aux-avoir", k - 1) || self.is("adverb", k - 1)) {
            k -= 1;
        }
        Some(k)
    }
}
