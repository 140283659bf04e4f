//! Speakers read on the dependency tree of the syntax layer, for the constructions the token
//! rules of the parent module do not reach: a speaker far from the verb ("« … », avait
//! déclaré plus tôt dans la matinée le ministre X"), a quotation that is the object or
//! complement of a verb ("X critique les « ayatollahs de l'écologie »"), a verb of saying
//! after a quoted clause without a comma, a subject given by a relative pronoun ("X, qui
//! appelle le gouvernement à « … »") or by the verb a participle depends on ("…, a assuré X,
//! précisant que « … »").
//!
//! Each construction has its function: [`Context::incise_on_tree`] (a verb outside the
//! quotation that hangs on a word inside it), [`Context::governor_on_tree`] (the verb that
//! the quotation hangs on), and [`Context::subject_on_tree`], which both use.

use super::{Attribution, Context, Who};
use crate::document::{sentence_word_range, token_word_range};
use crate::quote::marks::Extent;
use crate::syntax::words::SUBJECT_RELATIVES;
use std::ops::Range;

/// How many heads up from a quotation its governing verb is looked for.
const CLIMB_MAX: usize = 4;
/// How many verbs up a subject is looked for (a participle, an infinitive, a conjunct).
const SUBJECT_CLIMB_MAX: usize = 3;
/// Relations that keep a word inside its head's noun phrase when the speaker's words are
/// delimited: articles, adjectives, names split in parts, numbers.
const NP_RELATIONS: &[&str] = &["det", "amod", "flat", "nummod", "compound", "fixed"];
/// Relations of a verb through which its subject is the subject of the verb it depends on.
const SHARED_SUBJECT: &[&str] = &["xcomp", "conj", "advcl"];

impl Context<'_> {
    /// Whether word `w` is one of the quotation's own words.
    fn inside(&self, w: usize, e: &Extent) -> bool {
        self.words
            .get(w)
            .is_some_and(|x| e.inner.contains(&x.token))
    }

    /// The words of the sentence of word `w`.
    fn sentence_words(&self, w: usize) -> Range<usize> {
        self.words
            .get(w)
            .map_or(0..0, |x| sentence_word_range(self.words, x.sentence))
    }

    /// The first word of token `t`, when the syntax layer holds it.
    pub(super) fn first_word(&self, t: usize) -> Option<usize> {
        token_word_range(self.words, t).next()
    }

    fn children(&self, w: usize) -> impl Iterator<Item = usize> + '_ {
        self.dependents.of(w).iter().copied()
    }

    fn is_verb(&self, w: usize) -> bool {
        self.words.get(w).is_some_and(|x| x.upos == "VERB")
    }

    fn is_saying(&self, w: usize) -> bool {
        self.words
            .get(w)
            .is_some_and(|x| x.upos == "VERB" && self.lex.lemmas.contains(&x.lemma.to_lowercase()))
    }

    /// The verb's tokens as written: from its first auxiliary to the verb itself.
    fn verb_tokens(&self, v: usize) -> Range<usize> {
        let token = self.words[v].token;
        let first = self
            .children(v)
            .filter(|&c| self.words[c].relation() == "aux" && self.words[c].token < token)
            .map(|c| self.words[c].token)
            .min()
            .unwrap_or(token);
        first..token + 1
    }

    /// The tokens of a subject's noun phrase: the word with its articles, adjectives and the
    /// parts of its name, and a name it governs ("le ministre … Jean-Yves Le Drian").
    fn np_tokens(&self, s: usize) -> Range<usize> {
        let mut lo = self.words[s].token;
        let mut hi = lo;
        let mut stack = vec![s];
        let mut seen = 0;
        while let Some(w) = stack.pop() {
            seen += 1;
            if seen > 64 {
                break;
            }
            for c in self.children(w) {
                let word = &self.words[c];
                let keep = NP_RELATIONS.contains(&word.relation())
                    || (matches!(word.relation(), "appos" | "nmod")
                        && word.upos == "PROPN"
                        && c > s);
                if keep && !self.quoted[word.token] {
                    lo = lo.min(word.token);
                    hi = hi.max(word.token);
                    stack.push(c);
                }
            }
        }
        // A name governed across words that are no part of the phrase ("le procureur …,
        // Rémy Heitz"): keep the stretch from the head's own words to the name unbroken by
        // punctuation, else the head's words alone.
        let head = self.words[s].token;
        if (lo..=hi).any(|t| self.is_punct(t, &[",", "(", ")", ":", ";"])) {
            let mut a = head;
            while a > lo && !self.is_punct(a - 1, &[",", "(", ")", ":", ";"]) {
                a -= 1;
            }
            let mut b = head;
            while b < hi && !self.is_punct(b + 1, &[",", "(", ")", ":", ";"]) {
                b += 1;
            }
            return a..b + 1;
        }
        lo..hi + 1
    }

    /// Who the subject word `s` of verb `v` names.
    fn who_word(&self, s: usize, v: usize) -> Option<Who> {
        let word = &self.words[s];
        let form = word.form.to_lowercase();
        if word.upos == "PRON" {
            if SUBJECT_RELATIVES.contains(&form.as_str()) {
                // "X, qui appelle …": the noun the relative clause depends on.
                let head = self.words[v]
                    .head
                    .filter(|_| self.words[v].relation() == "acl")?;
                return self.who_word_np(head);
            }
            if self.tokens[word.token].kind == crate::document::TokenKind::Clitic {
                return Some(self.clitic_who(word.token));
            }
            if self.lex.impersonal.contains(form.as_str()) {
                return Some(Who::Nobody);
            }
            if self.lex.pronouns.contains(form.as_str()) {
                return Some(Who::Pronoun(super::Agreement::of_pronoun(&form)));
            }
            return None;
        }
        self.who_word_np(s)
    }

    fn who_word_np(&self, s: usize) -> Option<Who> {
        let word = &self.words[s];
        if !matches!(word.upos.as_str(), "NOUN" | "PROPN") {
            return None;
        }
        let np = self.np_tokens(s);
        self.who(np.clone()).or_else(|| {
            // A noun phrase without article or name ("Manon Aubry" parsed with an
            // apposition, "Matignon"): the whole phrase when it holds a capital.
            np.clone()
                .any(|t| self.is_cap(t))
                .then(|| Who::Named(self.span(np)))
        })
    }

    /// The subject of verb `v`, outside the quotation: its `nsubj`, a passive's agent, else
    /// the subject of the verb it depends on through a participle, infinitive or conjunct.
    /// With `inverted` (a verb of saying after its quotation, which is its object), a noun
    /// after the verb parsed as its object is its inverted subject ("« … », ont décrit les
    /// pompiers").
    /// A subject among `holders` (the words the quotation hangs under) is no speaker: the
    /// quotation is part of it.
    fn subject_on_tree(
        &self,
        v: usize,
        e: &Extent,
        inverted: bool,
        holders: &[usize],
    ) -> Option<Who> {
        if inverted {
            // "indiquait-il sur sa page Facebook": the inverted pronoun is the subject,
            // whatever the parser attached it to.
            let after = self.words[v].token + 1;
            if self
                .tokens
                .get(after)
                .is_some_and(|t| t.kind == crate::document::TokenKind::Clitic)
            {
                return Some(self.clitic_who(after));
            }
            let subject = self
                .children(v)
                .find(|&c| self.words[c].relation() == "nsubj");
            let object = self.children(v).find(|&c| {
                let w = &self.words[c];
                c > v && w.deprel == "obj" && matches!(w.upos.as_str(), "NOUN" | "PROPN")
            });
            if subject.is_none() {
                if let Some(o) = object.or_else(|| self.inverted_subject(v)) {
                    return self.who_word(o, v);
                }
            }
        }
        let mut v = v;
        for _ in 0..=SUBJECT_CLIMB_MAX {
            let subject = self
                .children(v)
                .filter(|&c| !self.inside(c, e))
                .find(|&c| self.words[c].deprel == "nsubj")
                .or_else(|| {
                    self.children(v)
                        .filter(|&c| !self.inside(c, e))
                        .find(|&c| self.words[c].deprel == "obl:agent")
                });
            if let Some(s) = subject {
                return (!holders.contains(&s))
                    .then(|| self.who_word(s, v))
                    .flatten();
            }
            let up = SHARED_SUBJECT.contains(&self.words[v].relation());
            match self.words[v].head {
                Some(h) if up && !self.inside(h, e) => v = h,
                _ => return None,
            }
        }
        None
    }

    /// The first noun after verb `v` in its clause that no preposition introduces and that
    /// is no adverbial (a date, "mardi"): a verb of saying after its quotation has the
    /// quotation for object, so that noun is its subject however it was parsed ("« … », a
    /// déclaré à l'AFP le ministre", "« … », ont décrit les pompiers").
    fn inverted_subject(&self, v: usize) -> Option<usize> {
        self.sentence_words(v)
            .filter(|&w| w > v)
            .take_while(|&w| {
                !self.is_punct(self.words[w].token, &[",", ".", ";", ":", "(", "«", "\""])
            })
            .find(|&w| {
                let word = &self.words[w];
                matches!(word.upos.as_str(), "NOUN" | "PROPN")
                    && !matches!(word.relation(), "obl" | "nmod" | "advmod" | "flat")
                    && !self.children(w).any(|c| self.words[c].relation() == "case")
            })
    }

    /// Whether verb `v` (with its auxiliaries and reflexive pronoun) follows the closing
    /// mark `close` with nothing but a comma or dash between.
    fn right_after(&self, close: usize, v: usize) -> bool {
        self.words[v].token > close
            && (close + 1..self.verb_tokens(v).start).all(|t| {
                self.is_punct(t, &[",", "-", "–", "—"]) || matches!(self.key(t), "s'" | "se")
            })
    }

    fn attribution_on_tree(
        &self,
        v: usize,
        e: &Extent,
        inverted: bool,
        holders: &[usize],
    ) -> Option<Attribution> {
        let who = self.subject_on_tree(v, e, inverted, holders)?;
        let verb = self.is_saying(v).then(|| self.span(self.verb_tokens(v)));
        Some(Attribution {
            speaker: self.resolve(who, e.open),
            verb,
        })
    }

    /// The first word of the quotation, when the syntax layer holds it.
    fn first_quoted_word(&self, e: &Extent) -> Option<usize> {
        e.inner.clone().find_map(|t| self.first_word(t))
    }

    /// An incise: a verb of saying after the quotation that hangs on a word inside it
    /// ("« … » ont décrit les pompiers", "« … », avait déclaré plus tôt le ministre X"), or
    /// any verb the parser attaches there as an inserted clause ("« … », s'enthousiasme X").
    pub(super) fn incise_on_tree(&self, e: &Extent) -> Option<Attribution> {
        let close = e.close?;
        let w0 = self.first_quoted_word(e)?;
        let after = self.first_word(close + 1)?;
        if self.words[after].sentence != self.words[w0].sentence {
            return None;
        }
        let v = self
            .sentence_words(after)
            .filter(|&w| w >= after)
            .find(|&w| {
                let incise = self.is_saying(w)
                    || (self.is_verb(w)
                        && (self.words[w].relation() == "parataxis" || self.right_after(close, w)));
                incise && self.words[w].head.is_some_and(|h| self.inside(h, e))
            })?;
        self.attribution_on_tree(v, e, true, &[])
    }

    /// The verb the quotation hangs on, a few heads up ("X a jugé « stupide » …", "X critique
    /// les « ayatollahs de l'écologie »", "X a déclaré : « … »"); above it, the nearest verb
    /// of saying whose clause holds the quotation ("Pékin …, affirmant que la loi entend
    /// réprimer le « séparatisme »" is Pékin's word). A verb that is not one of saying
    /// attributes only to a pronoun or a mention, and never to a subject that holds the
    /// quotation ("Le mot « paix » dit …").
    pub(super) fn governor_on_tree(&self, e: &Extent) -> Option<Attribution> {
        let w0 = self.first_quoted_word(e)?;
        let top = self
            .sentence_words(w0)
            .filter(|&w| self.inside(w, e))
            .find(|&w| self.words[w].head.is_some_and(|h| !self.inside(h, e)))?;
        // The words the quotation hangs under, from its head up, and the verbs among them.
        let mut holders = Vec::new();
        let mut h = self.words[top].head;
        while let Some(w) = h {
            if holders.len() >= CLIMB_MAX * 2 {
                break;
            }
            holders.push(w);
            h = self.words[w].head;
        }
        let first = holders
            .iter()
            .take(CLIMB_MAX)
            .copied()
            .find(|&w| self.is_verb(w))?;
        // The nearest verb of saying above the quotation; when its subject names nothing that
        // speaks ("la réouverture des mosquées répondait à un « souci »"), the next one up
        // ("Il a souligné que …").
        let mut sayings = holders.iter().copied().filter(|&w| self.is_saying(w));
        if let Some(saying) = sayings.next() {
            let found = self.on_governor(e, top, saying, true, &holders);
            let speaks = found
                .and_then(|f| f.speaker)
                .is_some_and(|s| self.may_speak(s));
            // A passive verb of saying speaks through its agent ("a été condamné par la
            // préfecture"), whatever the parser attached the agent to.
            let verb = self.span(self.verb_tokens(saying));
            if let Some(agent) = (!speaks).then(|| self.passive_agent(verb)).flatten() {
                return Some(Attribution {
                    speaker: Some(agent),
                    verb: Some(verb),
                });
            }
            let found = found?;
            if !speaks {
                let above = sayings
                    .next()
                    .and_then(|v| self.on_governor(e, top, v, true, &holders))
                    .filter(|a| a.speaker.is_some_and(|s| self.may_speak(s)));
                if above.is_some() {
                    return above;
                }
            }
            return found.speaker.map(|_| found);
        }
        let found = self.on_governor(e, top, first, false, &holders)?;
        let speaker = found.speaker?;
        if !self.names_someone(speaker) {
            return None;
        }
        Some(found)
    }

    /// The attribution given by verb `v` that the quotation (whose top word is `top`) hangs
    /// under; `saying` when `v` is a verb of saying.
    fn on_governor(
        &self,
        e: &Extent,
        top: usize,
        v: usize,
        saying: bool,
        holders: &[usize],
    ) -> Option<Attribution> {
        // The quotation is the object of a verb of saying written after it.
        let close = e.close.unwrap_or(e.inner.end);
        let right_after = self.words[v].token > close
            && (close + 1..self.verb_tokens(v).start).all(|t| {
                self.is_punct(t, &[",", "-", "–", "—"]) || matches!(self.key(t), "s'" | "se")
            });
        let inverted = self.words[top].head == Some(v)
            && self.words[v].token > close
            && (saying || right_after);
        self.attribution_on_tree(v, e, inverted, holders)
    }

    /// Whether a speaker's words are a mention, or its antecedent's.
    pub(super) fn names_someone(&self, span: crate::document::Span) -> bool {
        let first = self.mentions.partition_point(|m| m.span.end <= span.start);
        self.mentions[first..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .any(|m| m.span.start < span.end && span.start < m.span.end)
    }
}
