//! Who said it: the speaker and the verb of saying of each quotation, from the tokens around
//! its marks. The rules and their order are described in the module above (`quote`).

use super::lexicon::{key, Lexicon};
use super::marks::Extent;
use crate::document::{
    BlockKind, Dependents, Document, EntityType, Mention, Span, Token, TokenKind, Word,
};
use std::ops::Range;

mod antecedent;
mod continuation;
mod inverted;
mod noun_phrase;
mod passive;
mod source;
mod tree;
mod unmarked;

use antecedent::Agreement;

/// At most this many tokens between a sentence's start and its finite verb for the words
/// before it to count as its subject.
const SUBJECT_MAX_TOKENS: usize = 20;
/// At most this many tokens in a speaker's noun phrase.
const NP_MAX_TOKENS: usize = 12;
/// At most this many words allowed between an auxiliary and its participle, or a verb and
/// its speaker.
const BETWEEN_MAX: usize = 3;
/// At most this many tokens between an opening source's noun phrase and its comma.
const SOURCE_TAIL_MAX_TOKENS: usize = 8;
/// How many sentences back an antecedent is looked for.
const ANTECEDENT_SENTENCES: usize = 3;

/// What a noun phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The speaker's words in the text.
    Named(Span),
    /// A personal pronoun ("il", "-t-elle", "lui"): the speaker is its antecedent, which
    /// agrees with it.
    Pronoun(Agreement),
    /// "on": nobody in particular.
    Nobody,
}

/// A verb (or preposition) of saying found at some tokens.
#[derive(Debug, Clone, Copy)]
struct VerbMatch {
    /// First and one-past-last token of the verb span.
    start: usize,
    end: usize,
    /// The subject clitic of an inverted verb ("-t-il").
    clitic: Option<usize>,
    /// The words after the match (speaker side) start here.
    next: usize,
    prep: bool,
    /// An auxiliary + participle form ("a déclaré"), a strong signal on its own.
    compound: bool,
}

/// The result of attributing one quotation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Attribution {
    pub speaker: Option<Span>,
    pub verb: Option<Span>,
}

/// Read-only view of a document for attribution, with per-token keys computed once.
pub struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lex: &'a Lexicon,
    keys: Vec<String>,
    /// Sentence index of each token (`usize::MAX` when none).
    tok_sent: Vec<usize>,
    sentences: Vec<(Range<usize>, BlockKind)>,
    /// The block of each sentence.
    sentence_blocks: Vec<usize>,
    /// Whether a token is inside a quotation (marks included).
    quoted: Vec<bool>,
    /// Speakers found so far: (opening mark token, speaker span).
    found: Vec<(usize, Span)>,
    /// The syntax layer (empty when it did not run).
    words: &'a [Word],
    /// The dependents of each word of `words`.
    dependents: Dependents,
    /// Named and nominal mentions, in text order: who a subject may be.
    mentions: &'a [Mention],
    /// The gender and number of each entity, as its mentions tell them.
    entity_agreement: Vec<Agreement>,
    /// For a token inside a time expression, the token after it (0 elsewhere).
    time_end: Vec<usize>,
    /// For a token that starts a mention, the token after it (0 elsewhere).
    mention_end: Vec<usize>,
    /// Whether a token starts the name of a person.
    person_start: Vec<bool>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, lex: &'a Lexicon, extents: &[Extent]) -> Context<'a> {
        let tokens = &doc.tokens;
        let keys = tokens
            .iter()
            .map(|t| doc.text.get(t.span.range()).map(key).unwrap_or_default())
            .collect();
        let mut tok_sent = vec![usize::MAX; tokens.len()];
        let mut sentences = Vec::with_capacity(doc.sentences.len());
        let mut sentence_blocks = Vec::with_capacity(doc.sentences.len());
        for (i, s) in doc.sentences.iter().enumerate() {
            let range = s.tokens.start.min(tokens.len())..s.tokens.end.min(tokens.len());
            for slot in &mut tok_sent[range.clone()] {
                *slot = i;
            }
            let kind = doc
                .blocks
                .get(s.block)
                .map_or(BlockKind::Paragraph, |b| b.kind);
            sentences.push((range, kind));
            sentence_blocks.push(s.block);
        }
        let mut quoted = vec![false; tokens.len()];
        for e in extents {
            let end = e.close.map_or(e.inner.end, |c| c + 1).min(tokens.len());
            for slot in &mut quoted[e.open.min(end)..end] {
                *slot = true;
            }
        }
        let mut time_end = vec![0; tokens.len()];
        for time in &doc.times {
            let first = tokens.partition_point(|t| t.span.start < time.span.start);
            let after = tokens.partition_point(|t| t.span.start < time.span.end);
            for slot in &mut time_end[first..after.max(first)] {
                *slot = after;
            }
        }
        let mut mention_end = vec![0; tokens.len()];
        let mut person_start = vec![false; tokens.len()];
        for m in &doc.mentions {
            if let Some(slot) = mention_end.get_mut(m.tokens.start) {
                *slot = (*slot).max(m.tokens.end);
            }
            if let Some(slot) = person_start.get_mut(m.tokens.start) {
                *slot |= m.kind == EntityType::Per && !m.nominal;
            }
        }
        let mut context = Context {
            text: &doc.text,
            tokens,
            lex,
            keys,
            tok_sent,
            sentences,
            sentence_blocks,
            quoted,
            found: Vec::new(),
            words: &doc.words,
            dependents: Dependents::new(&doc.words),
            mentions: &doc.mentions,
            entity_agreement: Vec::new(),
            time_end,
            mention_end,
            person_start,
        };
        context.entity_agreement = context.entity_agreements(&doc.entities);
        context
    }

    fn key(&self, t: usize) -> &str {
        self.keys.get(t).map_or("", String::as_str)
    }

    fn is_word(&self, t: usize) -> bool {
        self.tokens
            .get(t)
            .is_some_and(|tok| matches!(tok.kind, TokenKind::Word | TokenKind::Elision))
    }

    fn is_punct(&self, t: usize, set: &[&str]) -> bool {
        self.tokens
            .get(t)
            .is_some_and(|tok| tok.kind == TokenKind::Punct && set.contains(&self.key(t)))
    }

    /// A capitalised word or name initial: what names are made of.
    fn is_cap(&self, t: usize) -> bool {
        let Some(tok) = self.tokens.get(t) else {
            return false;
        };
        matches!(
            tok.kind,
            TokenKind::Word | TokenKind::Initial | TokenKind::Elision
        ) && self
            .text
            .get(tok.span.range())
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// A quotation mark, paired or stray: a subject never holds one.
    fn is_mark(&self, t: usize) -> bool {
        self.is_punct(t, &["«", "»", "“", "”", "„", "‹", "›", "\""])
    }

    fn sentence(&self, t: usize) -> Option<Range<usize>> {
        let s = *self.tok_sent.get(t)?;
        self.sentences.get(s).map(|(r, _)| r.clone())
    }

    fn span(&self, tokens: Range<usize>) -> Span {
        Span::new(
            self.tokens[tokens.start].span.start,
            self.tokens[tokens.end - 1].span.end,
        )
    }

    fn clitic_who(&self, t: usize) -> Who {
        let k = self.key(t);
        let pronoun = k.strip_prefix("-t-").or(k.strip_prefix('-')).unwrap_or(k);
        if self.lex.impersonal.contains(pronoun) {
            Who::Nobody
        } else {
            Who::Pronoun(Agreement::of_pronoun(pronoun))
        }
    }

    /// Skips words allowed between verb parts ("encore", "lundi") from `t` forward, up to `end`.
    fn skip_between(&self, mut t: usize, end: usize) -> usize {
        let mut n = 0;
        while t < end && n < BETWEEN_MAX {
            let time_end = self.time_end.get(t).copied().unwrap_or(0);
            if time_end > t {
                // A time expression: "rapporte mercredi 10 janvier Ouest-France".
                t = time_end.min(end);
            } else if self.lex.between.contains(self.key(t)) || self.manner_adverb(t) {
                t += 1;
            } else if let Some(len) = self.phrase_at(&self.lex.between_phrases, t, end) {
                t += len;
            } else {
                break;
            }
            n += 1;
        }
        t
    }

    /// An adverb in "-ment" that the syntax layer reads as one ("finalement", "longuement"):
    /// it may stand between an auxiliary and its participle like the listed words.
    fn manner_adverb(&self, t: usize) -> bool {
        self.key(t).ends_with("ment")
            && self.key(t).chars().count() > 6
            && self
                .first_word(t)
                .is_some_and(|w| self.words[w].upos == "ADV")
    }

    /// The length of the first of `phrases` (token keys, longest first) written at token `t`,
    /// before `end`.
    fn phrase_at(&self, phrases: &[Vec<String>], t: usize, end: usize) -> Option<usize> {
        phrases
            .iter()
            .find(|p| t + p.len() <= end && p.iter().enumerate().all(|(i, w)| self.key(t + i) == w))
            .map(Vec::len)
    }

    fn prep_at(&self, t: usize, end: usize) -> Option<usize> {
        self.phrase_at(&self.lex.preps, t, end)
    }

    /// A verb of saying starting at token `t` (before `end`): "a déclaré", "a-t-il dit",
    /// "s'est exclamé", "déclare", "dit-il", "selon".
    fn verb_forward(&self, t: usize, end: usize) -> Option<VerbMatch> {
        if t >= end {
            return None;
        }
        if let Some(len) = self.prep_at(t, end) {
            return Some(VerbMatch {
                start: t,
                end: t + len,
                clitic: None,
                next: t + len,
                prep: true,
                compound: false,
            });
        }
        let reflexive = matches!(self.key(t), "s'" | "se");
        let v = if reflexive { t + 1 } else { t };
        if v >= end || !self.is_word(v) {
            return None;
        }
        let k = self.key(v);
        let aux = if reflexive {
            self.lex.reflexive.contains(k)
        } else {
            self.lex.auxiliaries.contains(k)
        };
        if aux {
            let mut p = v + 1;
            let clitic = (p < end && self.tokens[p].kind == TokenKind::Clitic).then_some(p);
            if clitic.is_some() {
                p += 1;
            }
            p = self.skip_between(p, end);
            if p < end && self.lex.participles.contains(self.key(p)) {
                return Some(VerbMatch {
                    start: t,
                    end: p + 1,
                    clitic,
                    next: p + 1,
                    prep: false,
                    compound: true,
                });
            }
        }
        if self.lex.finite.contains(k) {
            let clitic =
                (v + 1 < end && self.tokens[v + 1].kind == TokenKind::Clitic).then_some(v + 1);
            return Some(VerbMatch {
                start: t,
                end: v + 1,
                clitic,
                next: clitic.map_or(v + 1, |c| c + 1),
                prep: false,
                compound: false,
            });
        }
        None
    }

    /// A verb of saying ending at token `t` (not before `lo`): "a déclaré", "a-t-il dit",
    /// "estime", "déclare-t-il".
    fn verb_backward(&self, t: usize, lo: usize) -> Option<VerbMatch> {
        if t < lo || !(self.is_word(t) || self.tokens[t].kind == TokenKind::Clitic) {
            return None;
        }
        let k = self.key(t);
        if self.lex.participles.contains(k) {
            let mut a = t;
            let mut n = 0;
            while a > lo && n < BETWEEN_MAX && self.lex.between.contains(self.key(a - 1)) {
                a -= 1;
                n += 1;
            }
            let clitic = (a > lo && self.tokens[a - 1].kind == TokenKind::Clitic).then(|| a - 1);
            if clitic.is_some() {
                a -= 1;
            }
            if a > lo {
                let aux = a - 1;
                let reflexive = aux > lo && matches!(self.key(aux - 1), "s'" | "se");
                if reflexive && self.lex.reflexive.contains(self.key(aux)) {
                    return Some(self.backward_match(aux - 1, t, clitic));
                }
                if self.lex.auxiliaries.contains(self.key(aux)) {
                    return Some(self.backward_match(aux, t, clitic));
                }
            }
        }
        let (v, clitic) = if self.tokens[t].kind == TokenKind::Clitic && t > lo {
            (t - 1, Some(t))
        } else {
            (t, None)
        };
        if self.lex.finite.contains(self.key(v)) && !(v > lo && self.is_determiner(v - 1)) {
            let start = if v > lo && matches!(self.key(v - 1), "s'" | "se") {
                v - 1
            } else {
                v
            };
            return Some(VerbMatch {
                start,
                end: v + 1,
                clitic,
                next: t + 1,
                prep: false,
                compound: false,
            });
        }
        None
    }

    fn backward_match(&self, start: usize, participle: usize, clitic: Option<usize>) -> VerbMatch {
        VerbMatch {
            start,
            end: participle + 1,
            clitic,
            next: participle + 1,
            prep: false,
            compound: true,
        }
    }

    fn resolve(&self, who: Who, before: usize) -> Option<Span> {
        match who {
            Who::Named(span) => Some(span),
            Who::Pronoun(agreement) => self.antecedent(before, agreement),
            Who::Nobody => None,
        }
    }

    fn verb_span(&self, m: &VerbMatch) -> Span {
        self.span(m.start..m.end)
    }

    /// Any verb with its subject clitic inverted, starting at token `t` (before `end`): after a
    /// quotation and its comma only an incise inverts its subject, so the verb says the
    /// quotation whatever it is ("« … », a-t-elle développé", "« … », balaie-t-il").
    fn inverted_incise(&self, t: usize, end: usize) -> Option<VerbMatch> {
        let reflexive = matches!(self.key(t), "s'" | "se");
        let v = if reflexive { t + 1 } else { t };
        let is_clitic = |p: usize| p < end && self.tokens[p].kind == TokenKind::Clitic;
        let lower = |p: usize| p < end && self.is_word(p) && !self.is_cap(p);
        if !lower(v) || !is_clitic(v + 1) {
            return None;
        }
        let auxiliary = self.lex.auxiliaries.contains(self.key(v))
            || (reflexive && self.lex.reflexive.contains(self.key(v)));
        if auxiliary && lower(v + 2) {
            return Some(VerbMatch {
                start: t,
                end: v + 3,
                clitic: Some(v + 1),
                next: v + 3,
                prep: false,
                compound: true,
            });
        }
        Some(VerbMatch {
            start: t,
            end: v + 1,
            clitic: Some(v + 1),
            next: v + 2,
            prep: false,
            compound: false,
        })
    }

    /// (a) After the quote: `« … », a déclaré X`, `« … », selon X`, `« … », a-t-il dit`.
    fn after(&self, e: &Extent) -> Option<Attribution> {
        let close = e.close?;
        let sent = self.sentence(close)?;
        let end = sent.end;
        let mut t = close + 1;
        let mut separated = false;
        while t < end && t - close <= 2 && self.is_punct(t, &[",", "-", "–", "—"]) {
            separated = true;
            t += 1;
        }
        // "« Partez ! » a-t-il lancé": a quote ending on its own punctuation needs no comma.
        let last_inner = e.inner.end - 1;
        separated |= self.is_punct(last_inner, &["!", "?", ".", "…", "...", ",", "?!", "!?"]);
        let m = self
            .verb_forward(t, end)
            .or_else(|| separated.then(|| self.inverted_incise(t, end)).flatten())?;
        // Without a comma, only an inverted verb attributes ("le mot "paix" dit beaucoup"),
        // or a verb with its auxiliary after a quoted sentence ("… nous y aider » a déclaré
        // Zlatko Zeljko").
        let sentence_quoted = e.inner.end - e.inner.start >= 5;
        if !separated && m.clitic.is_none() && !(m.compound && sentence_quoted) {
            return None;
        }
        let verb = Some(self.verb_span(&m));
        if let Some(c) = m.clitic {
            return Some(Attribution {
                speaker: self.resolve(self.clitic_who(c), e.open),
                verb,
            });
        }
        let s = self.skip_between(m.next, end);
        let who = self.who(self.np_from(s, end)).or_else(|| {
            self.past_complements(s, end)
                .and_then(|p| self.who(self.np_from(p, end)))
        });
        if let Some(who) = who {
            return Some(Attribution {
                speaker: self.resolve(who, e.open),
                verb,
            });
        }
        m.compound.then_some(Attribution {
            speaker: None,
            verb,
        })
    }

    /// (b) Before the quote: `X a déclaré : « … »`, `X a estimé que « … »`,
    /// `X a déclaré à l'AFP : « … »`, `Selon X, « … »`.
    fn before(&self, e: &Extent) -> Option<Attribution> {
        let sent = self.sentence(e.open)?;
        let lo = sent.start;
        let mut k = e.open;
        let mut comma = false;
        let mut n = 0;
        while k > lo && n < 2 && matches!(self.key(k - 1), ":" | "," | "que" | "qu'") {
            comma |= self.key(k - 1) == ",";
            k -= 1;
            n += 1;
        }
        if k == lo {
            return None;
        }
        // The verb right there, or before a short phrase opened by a preposition.
        let floor = k.saturating_sub(8).max(lo);
        for v in (floor..k).rev() {
            if self.quoted[v] {
                break;
            }
            let direct = v + 1 == k;
            if !direct && !self.lex.stops.contains(self.key(v + 1)) {
                continue;
            }
            if !direct && (v + 1..k).any(|t| self.tokens[t].kind == TokenKind::Punct) {
                continue;
            }
            if let Some(m) = self.verb_backward(v, lo) {
                let who = match m.clitic {
                    Some(c) => Some(self.clitic_who(c)),
                    None => self.subject_before(lo, m.start),
                };
                return Some(Attribution {
                    speaker: who.and_then(|w| self.resolve(w, lo)),
                    verb: Some(self.verb_span(&m)),
                });
            }
        }
        // "Selon X, « … »": a preposition opening the sentence or a clause, then the speaker.
        if comma {
            for p in (floor..k).rev() {
                if self.quoted[p] || self.tokens[p].kind == TokenKind::Punct {
                    break;
                }
                let clause_start = p == lo || self.is_punct(p - 1, &[",", ":", ";", "("]);
                if !clause_start {
                    continue;
                }
                let len = self.prep_at(p, k)?;
                let np = self.np_from(p + len, k);
                if np.end != k {
                    return None;
                }
                let who = self.who(np)?;
                return Some(Attribution {
                    speaker: self.resolve(who, lo),
                    verb: Some(self.span(p..p + len)),
                });
            }
        }
        None
    }

    /// "X : « … »": a sentence (often a title) that opens with a name, then a colon, then
    /// the quotation ("Trump : l'Amérique « triomphera »", "Macron : « Nous tiendrons »").
    fn colon(&self, e: &Extent) -> Option<Attribution> {
        let sent = self.sentence(e.open)?;
        let colon = (sent.start + 1..e.open).find(|&t| self.is_punct(t, &[":"]))?;
        let start = self.tokens[sent.start].span.start;
        let end = self.tokens[colon - 1].span.end;
        let first = self.mentions.partition_point(|m| m.span.start < start);
        let m = self.mentions.get(first)?;
        let quote_start = self.tokens[e.open].span.start;
        let colon_start = self.tokens[colon].span.start;
        let names_between = |from: usize, to: usize, kinds: &[EntityType]| {
            self.mentions[first + 1..]
                .iter()
                .take_while(|n| n.span.start < to)
                .any(|n| n.span.start >= from && !n.nominal && kinds.contains(&n.kind))
        };
        // "Thierry Mariani, candidat du Rassemblement national : « … »": a person's name with
        // a short description and no other person's name before the colon.
        let described = m.kind == EntityType::Per
            && m.span.end < end
            && colon - m.tokens.end <= 10
            && !names_between(m.span.end, colon_start, &[EntityType::Per]);
        let named = m.span.start == start
            && (m.span.end == end || described)
            && !m.nominal
            && matches!(m.kind, EntityType::Per | EntityType::Org);
        // "Venezuela : Jean-Luc Mélenchon … condamne les « putschistes »": a name after the
        // colon speaks for itself.
        let other = names_between(
            colon_start,
            quote_start,
            &[EntityType::Per, EntityType::Org],
        );
        (named && !other).then_some(Attribution {
            speaker: Some(m.span),
            verb: None,
        })
    }

    /// (c) Inside a sentence: its subject ("Les deux dirigeants avaient convenu
    /// "d'intensifier"") and, when the verb that follows it is one of saying, that verb.
    fn subject(&self, e: &Extent) -> Option<Attribution> {
        let sent = self.sentence(e.open)?;
        if e.open == sent.start {
            return None;
        }
        let (who, v) = self.sentence_subject(sent.clone(), e.open)?;
        // The subject of a passive ("L'individu a été appréhendé « sans difficulté »", "Onze
        // ont été écrouées pour « trafic … »") undergoes what the words tell; it does not say
        // them.
        if self.passive_at(v) {
            return None;
        }
        let verb = self
            .verb_forward(v, e.open)
            .filter(|m| !m.prep)
            .map(|m| self.verb_span(&m));
        Some(Attribution {
            speaker: self.resolve(who, sent.start),
            verb,
        })
    }

    /// An incise that closes the sentence after the quotation, with words between
    /// ("… une « fuite en avant » plus qu'une fin en soi, souligne Matthieu Tardis", "…
    /// « une crise majeure » pour la droite, a lancé l'ancien ministre"): a comma, a verb of
    /// saying, then its inverted subject, which ends the sentence or a clause.
    fn incise_later(&self, e: &Extent) -> Option<Attribution> {
        let close = e.close?;
        let sent = self.sentence(close)?;
        let end = sent.end;
        for p in close + 1..end {
            if self.quoted[p] || !self.is_punct(p, &[","]) {
                continue;
            }
            let Some(m) = self.verb_forward(p + 1, end).filter(|m| !m.prep) else {
                continue;
            };
            let (who, after) = match m.clitic {
                Some(c) => (self.clitic_who(c), m.next),
                None => {
                    let s = self.skip_between(m.next, end);
                    let np = self.np_from(s, end);
                    match self.who(np.clone()) {
                        Some(who @ Who::Named(_)) => (who, np.end),
                        _ => continue,
                    }
                }
            };
            // The incise ends at the sentence's end, at punctuation ("…, a-t-il dit, en …")
            // or with a complement ("…, a lancé l'ancien ministre aux députés").
            let closes = (after..end)
                .find(|&t| !self.lex.between.contains(self.key(t)))
                .is_none_or(|t| {
                    self.tokens[t].kind == TokenKind::Punct
                        || (self.lex.stops.contains(self.key(t))
                            && !matches!(
                                self.key(t),
                                "et" | "ou" | "mais" | "ni" | "qui" | "que" | "qu'" | "dont" | "où"
                            ))
                });
            if !closes {
                continue;
            }
            return Some(Attribution {
                speaker: self.resolve(who, e.open),
                verb: Some(self.verb_span(&m)),
            });
        }
        None
    }

    /// Attributes one quotation: (a) and (b) on the tokens, then the tree (an incise, the
    /// verb the quotation hangs on), then (c); a verb found without its speaker ("« … », a
    /// dit à l'AFP X") lets the tree name the speaker; a quotation that opens its sentence
    /// with no speaker continues the one just before. Remembers its speaker for the pronouns
    /// of the quotations that follow.
    pub fn attribute(&mut self, e: &Extent) -> Attribution {
        let rules = self
            .after(e)
            .or_else(|| self.before(e))
            .or_else(|| self.colon(e));
        let mut found = match rules {
            Some(a) if a.speaker.is_some() => a,
            _ => {
                // A sentence opened by "Selon X," speaks through X, unless the tree finds a
                // verb of saying with a speaker of its own ("Selon France Bleu, l'enseignant
                // a reconnu les faits, disant qu'il « regrettait »").
                let source = self.opening_source(e);
                let tree = self
                    .incise_on_tree(e)
                    .or_else(|| self.governor_on_tree(e))
                    .filter(|t| t.speaker.is_some())
                    .filter(|t| t.verb.is_some() || source.is_none())
                    .or(source);
                // A verb of saying that closes the sentence reports the whole of it, the
                // clause the quotation hangs on included ("une équipe de la BAC a « croisé » le
                // jeune homme, a indiqué une source policière").
                let tree = match tree {
                    Some(t) if t.verb.is_none() => self
                        .incise_later(e)
                        .or_else(|| self.source_later(e))
                        .filter(|a| a.speaker.is_some())
                        .or(Some(t)),
                    other => other,
                };
                match (rules, tree) {
                    // The speaker is the tree's: so is its verb, when it names one.
                    (Some(a), Some(t)) => Attribution {
                        speaker: t.speaker,
                        verb: t.verb.or(a.verb),
                    },
                    (Some(a), None) => a,
                    (None, Some(t)) => t,
                    (None, None) => self
                        .incise_later(e)
                        .or_else(|| self.source_later(e).filter(|a| a.speaker.is_some()))
                        .or_else(|| self.subject(e))
                        .unwrap_or_default(),
                }
            }
        };
        // A colon between the speaker and the verb opens a clause of its own ("Venezuela :
        // Jean-Luc Mélenchon, pro-Maduro, condamne …"): the subject is after it.
        if let (Some(s), Some(v)) = (found.speaker, found.verb) {
            let from = self.tokens.partition_point(|t| t.span.start < s.end);
            let verb = self.tokens.partition_point(|t| t.span.start < v.start);
            let colon = (from..verb).find(|&t| self.is_punct(t, &[":"]) && !self.quoted[t]);
            if let Some(who) = colon.and_then(|c| self.subject_before(c + 1, verb)) {
                found.speaker = self.resolve(who, verb);
            }
        }
        // A passive verb of saying speaks through its agent: "Ce clip a été condamné par la
        // préfecture qui a apporté « son soutien »".
        if let Some(agent) = found.verb.and_then(|v| self.passive_agent(v)) {
            found.speaker = Some(agent);
        } else if found.verb.is_some_and(|v| self.passive_with_ete(v)) {
            // Without its agent, the subject of "a été condamné" underwent the act; an incise
            // that closes the sentence may still name who speaks ("…, rapporte Ouest-France").
            found = self
                .incise_later(e)
                .or_else(|| self.source_later(e))
                .filter(|a| a.speaker.is_some())
                .unwrap_or_default();
        } else if found.verb.is_some_and(|v| self.bare_participle(v)) {
            // A participle with no auxiliary is passive: "le général X, condamné en 2018 pour
            // « viol »" undergoes the verb of saying, which no one in the phrase speaks.
            found.speaker = None;
        }
        // A noun phrase that names nothing that speaks is no speaker ("la réouverture des
        // mosquées répondait à un « souci »").
        if found.speaker.is_some_and(|s| !self.may_speak(s)) {
            found.speaker = None;
        }
        if found.speaker.is_none() && found.verb.is_none() {
            found.speaker = self
                .continued(e)
                .or_else(|| self.said_before(e))
                .or_else(|| self.said_after(e));
        }
        if let Some(span) = found.speaker {
            self.found.push((e.open, span));
        }
        found
    }

    /// Whether a quotation is a title or a name ("le film "Intouchables"", "baptisée
    /// "Chammal""): one to four words, the first capitalised, right after a title word.
    pub fn is_title(&self, e: &Extent) -> bool {
        let words = e
            .inner
            .clone()
            .filter(|&t| self.tokens[t].kind != TokenKind::Punct)
            .count();
        (1..=4).contains(&words)
            && self.is_cap(e.inner.start)
            && e.open > 0
            && self.lex.titles.contains(self.key(e.open - 1))
    }
}
