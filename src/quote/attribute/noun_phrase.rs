//! Noun phrases and subjects: where a speaker's words start and end, what they name (a
//! name, a description, a pronoun), and the subject of the clause before a verb of saying.

use super::antecedent::Agreement;
use super::{Context, Who, NP_MAX_TOKENS, SUBJECT_MAX_TOKENS};
use crate::document::{token_word_range, Span, TokenKind};
use std::ops::Range;

impl Context<'_> {
    /// Whether a speaker's span may name someone who speaks: a mention, a name, a pronoun, a
    /// number of people, a noun phrase whose head is a noun of the speaker lists ("le
    /// ministre", "le communiqué") or a noun for an agent by its suffix ("un macroniste", "les
    /// initiateurs"), or an adjective made a noun ("ce dernier"); not "ce clip", "la
    /// réouverture des mosquées", nor an adjective or a verb taken for a subject ("Fort de ce
    /// résultat").
    pub(super) fn may_speak(&self, span: Span) -> bool {
        if self.names_someone(span) {
            return true;
        }
        let first = self.tokens.partition_point(|t| t.span.start < span.start);
        let end = self.tokens.partition_point(|t| t.span.start < span.end);
        let words: Vec<usize> = (first..end)
            .flat_map(|t| token_word_range(self.words, t))
            .collect();
        // The head: the word of the span whose head lies outside it. No syntax, no judgement.
        let Some(&head) = words
            .iter()
            .find(|&&w| self.words[w].head.is_none_or(|h| !words.contains(&h)))
        else {
            return true;
        };
        let word = &self.words[head];
        let after_determiner = word.token > 0 && self.is_determiner(word.token - 1);
        match word.upos.as_str() {
            "NOUN" => {
                let form = self.key(word.token);
                let lemma = super::key(&word.lemma);
                // "l'ex-ténor", "l'ex-ministre": the noun after the prefix.
                let lemma = match lemma.strip_prefix("ex-") {
                    Some(rest) => rest.to_string(),
                    None => lemma,
                };
                let form = form.strip_prefix("ex-").unwrap_or(form);
                self.lex.speaker_nouns.contains(&lemma)
                    || self.lex.speaker_nouns.contains(form)
                    || self.is_cap(word.token)
                    || self
                        .lex
                        .agent_suffixes
                        .iter()
                        .any(|s| lemma.ends_with(s.as_str()))
            }
            // A noun made of an adjective: "ce dernier", "ce passionné"; a name the tagger
            // took for an adjective ("l'opérateur gazier GRTGaz").
            "ADJ" => {
                let t = word.token;
                let opens_sentence = t == 0 || self.tok_sent.get(t - 1) != self.tok_sent.get(t);
                after_determiner || (self.is_cap(t) && !opens_sentence)
            }
            "VERB" | "ADV" | "ADP" => false,
            _ => true,
        }
    }

    pub(super) fn is_determiner(&self, t: usize) -> bool {
        self.lex.determiners.contains(self.key(t))
    }

    /// Whether a token ends a noun phrase.
    fn ends_np(&self, t: usize) -> bool {
        let Some(tok) = self.tokens.get(t) else {
            return true;
        };
        tok.kind == TokenKind::Punct
            || tok.kind == TokenKind::Clitic
            || self.lex.stops.contains(self.key(t))
            || self.lex.subject_enders.contains(self.key(t))
            || self.lex.auxiliaries.contains(self.key(t))
            || (self.lex.finite.contains(self.key(t)) && !(t > 0 && self.is_determiner(t - 1)))
    }

    /// The noun phrase starting at `t`: up to the first word that ends one, or a time
    /// expression after its first word that is no part of it ("a indiqué l'opérateur gazier
    /// GRTGaz mardi", but "l'actrice de 67 ans" whole), before `end`.
    pub(super) fn np_from(&self, t: usize, end: usize) -> Range<usize> {
        let mut e = t;
        while e < end
            && e - t < NP_MAX_TOKENS
            && !self.ends_np(e)
            && !self.quoted[e]
            && !(e > t && self.starts_time(e) && !self.continues_np(e))
        {
            e += 1;
        }
        t..e
    }

    /// Whether a time expression at token `t` is part of the noun phrase before it: its
    /// complement ("l'actrice de 67 ans") or the end of a name ("le Pr Toussaint").
    fn continues_np(&self, t: usize) -> bool {
        matches!(self.key(t - 1), "de" | "d'") || (self.is_cap(t) && self.is_cap(t - 1))
    }

    /// Whether a time expression starts at token `t`.
    fn starts_time(&self, t: usize) -> bool {
        let end = |t: usize| self.time_end.get(t).copied().unwrap_or(0);
        end(t) > t && (t == 0 || end(t - 1) != end(t))
    }

    /// What a delimited noun phrase names: a pronoun; the name that ends it ("le ministre de
    /// la Défense Jean-Yves Le Drian" → "Jean-Yves Le Drian"); or the whole phrase when it
    /// opens with a determiner ("les deux dirigeants").
    pub(super) fn who(&self, np: Range<usize>) -> Option<Who> {
        if np.is_empty() {
            return None;
        }
        let first = np.start;
        let k = self.key(first);
        if np.len() == 1 && self.lex.pronouns.contains(k) {
            return Some(Who::Pronoun(Agreement::of_pronoun(k)));
        }
        if np.len() == 1 && self.lex.impersonal.contains(k) {
            return Some(Who::Nobody);
        }
        // The capitalised run that ends the phrase, particles inside it included.
        let last = np.end - 1;
        if self.is_cap(last) {
            let mut s = last;
            while s > first {
                if self.is_cap(s - 1) {
                    s -= 1;
                } else if s - 1 > first
                    && self.lex.particles.contains(self.key(s - 1))
                    && self.is_cap(s - 2)
                {
                    s -= 2;
                } else {
                    break;
                }
            }
            // A sentence-initial determiner is capitalised too: "Les deux …" is no name,
            // "Le Drian" is one.
            if s == first && self.is_determiner(s) && !self.is_cap(s + 1) {
                s += 1;
            }
            if s > first {
                let prev = s - 1;
                let after_complement = self.lex.complements.contains(self.key(prev))
                    || (prev > first
                        && self.is_determiner(prev)
                        && self.lex.complements.contains(self.key(prev - 1)));
                // "Le trésorier du parti Les Républicains", "la sœur de la présidente X": a
                // name that is no person's, after the noun of a complement, names that noun;
                // the phrase's head is the speaker.
                let of_noun = prev > first
                    && !self.is_determiner(prev)
                    && !self.is_cap(prev)
                    && (self.lex.complements.contains(self.key(prev - 1))
                        || (prev - 1 > first
                            && self.is_determiner(prev - 1)
                            && self.lex.complements.contains(self.key(prev - 2))));
                if of_noun && !self.person_start.get(s).copied().unwrap_or(false) {
                    s = last + 1;
                } else if after_complement {
                    // "de la Défense Jean-Yves Le Drian": the first word is the complement,
                    // with its article when it has one ("de L'Oréal"), and a name follows it
                    // when a mention starts there; "de Sud Radio" is all complement.
                    if self.is_determiner(s) {
                        s += 1;
                    }
                    s += 1;
                    if s <= last && self.mention_end.get(s).copied().unwrap_or(0) == 0 {
                        s = last + 1;
                    }
                } else if prev == first && self.is_determiner(prev) {
                    // "l'Elysée", "les Occidentaux": the phrase is the name.
                    s = first;
                }
            }
            if s <= last && (self.is_cap(s) || self.is_determiner(s)) {
                return Some(Who::Named(self.span(s..np.end)));
            }
        }
        if self.is_determiner(first) && np.len() >= 2 {
            return Some(Who::Named(self.span(np)));
        }
        None
    }

    /// The subject of a clause ending just before `verb`, from the start of its sentence
    /// `lo`: the last comma-separated piece that names someone ("Lundi, le ministre a dit"),
    /// or the first after an apposition ("Jean Dupont, le maire, a dit").
    pub(super) fn subject_before(&self, lo: usize, verb: usize) -> Option<Who> {
        if verb <= lo {
            return None;
        }
        // A long clause before the subject ("Interrogée sur les relations qu'entretiendraient
        // X et Y, créateur du Z, Mme Bachelot répond"): the subject is in the comma pieces
        // within reach of the verb.
        let lo = if verb - lo > SUBJECT_MAX_TOKENS {
            (verb - SUBJECT_MAX_TOKENS..verb)
                .find(|&t| self.is_punct(t, &[","]) && !self.quoted[t])
                .map(|t| t + 1)?
        } else {
            lo
        };
        // A colon opens a clause of its own ("Venezuela : Jean-Luc Mélenchon, pro-Maduro,
        // condamne …"): the subject is after it.
        let lo = (lo..verb)
            .rev()
            .find(|&t| self.is_punct(t, &[":"]) && !self.quoted[t])
            .map_or(lo, |t| t + 1);
        let mut pieces = Vec::new();
        let mut start = lo;
        for t in lo..verb {
            if self.is_punct(t, &[",", "(", ")", "–", "—", "-", ":", ";"]) {
                pieces.push(start..t);
                start = t + 1;
            }
        }
        pieces.push(start..verb);
        // A comma right before the verb closes an apposition ("X, le ministre, a dit"): the
        // subject is then the first piece, otherwise the last ("Lundi, le ministre a dit").
        if pieces.last().is_some_and(|p| p.is_empty()) {
            pieces.reverse();
        }
        pieces.into_iter().rev().find_map(|piece| {
            if piece.is_empty() || piece.clone().any(|t| self.quoted[t] || self.is_mark(t)) {
                return None;
            }
            // Skip "Alors", "Cependant", "C'"; a stop word then means no subject ("Alors que").
            let start = (piece.start..piece.end)
                .find(|&t| !self.lex.skips.contains(self.key(t)))
                .unwrap_or(piece.end);
            if start == piece.end || self.lex.stops.contains(self.key(start)) {
                return None;
            }
            // A participle or an infinitive opens a clause of its own ("Interrogé par l'AFP, le
            // propriétaire de Sud Radio a assuré"), not a subject.
            if self.opens_verbal_clause(start) {
                return None;
            }
            // Cut at a stop word or object pronoun after the first word ("Le ministre à son
            // arrivée", "Son parti lui").
            let end = (start + 1..piece.end)
                .find(|&t| {
                    self.lex.stops.contains(self.key(t)) || self.lex.objects.contains(self.key(t))
                })
                .unwrap_or(piece.end);
            self.who(start..end)
        })
    }

    /// Whether token `t` is a participle or an infinitive on the syntax layer.
    fn opens_verbal_clause(&self, t: usize) -> bool {
        self.first_word(t)
            .and_then(|w| self.words.get(w))
            .is_some_and(|w| {
                matches!(w.upos.as_str(), "VERB" | "AUX")
                    && (w.feats.contains("VerbForm=Part") || w.feats.contains("VerbForm=Inf"))
            })
    }

    /// Whether the syntax layer reads token `t` as a finite verb ("espère", "souhaitait"),
    /// for verbs the lexicon's lists of forms lack.
    pub(super) fn finite_verb_on_tree(&self, t: usize) -> bool {
        self.first_word(t).is_some_and(|w| {
            let word = &self.words[w];
            word.upos == "VERB" && word.feats.contains("VerbForm=Fin")
        })
    }

    /// The sentence's first finite verb (an auxiliary, a frequent verb, a verb of saying, the
    /// object pronoun before one, or a verb the tagger reads as finite) with a subject before
    /// it, before `limit`.
    pub(super) fn sentence_subject(
        &self,
        sent: Range<usize>,
        limit: usize,
    ) -> Option<(Who, usize)> {
        let end = limit.min(sent.end).min(sent.start + SUBJECT_MAX_TOKENS);
        for t in sent.start + 1..end {
            if self.quoted[t] {
                return None;
            }
            let k = self.key(t);
            let verb = self.is_word(t)
                && (self.lex.subject_enders.contains(k)
                    || self.lex.objects.contains(k)
                    || self.lex.auxiliaries.contains(k)
                    || self.lex.finite.contains(k)
                    || self.finite_verb_on_tree(t))
                && !self.is_determiner(t - 1);
            // A verb without a subject before it belongs to a fronted clause ("Alors que la
            // crise s'aggrave, le gouvernement a promis"): look on for the main verb.
            if let Some(who) = verb.then(|| self.subject_before(sent.start, t)).flatten() {
                return Some((who, t));
            }
        }
        None
    }
}
