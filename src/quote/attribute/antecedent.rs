//! Who a pronoun of saying stands for ("« … », a-t-elle dit", "selon lui"): someone the
//! text named before it, that can speak and that agrees with it.
//!
//! A candidate must be a mention of a person or an organisation (a place, a thing or a
//! capitalised participle such as "Interrogée" never speaks), and agree in number and gender
//! with the pronoun when both are known. A mention's gender and number come from its own
//! words (its article, the features the parser gives its noun, a title "M."/"Mme" before
//! it), else from the other mentions of its entity ("la secrétaire d'État …, Amélie de
//! Montchalin" makes Amélie de Montchalin feminine for every later "elle").
//!
//! The search goes back sentence by sentence, nearest first, over the last few sentences of
//! running text; in each it prefers the speaker of a quotation already attributed, then the
//! sentence's subject, then the nearest person it names, then the nearest organisation.

use super::{Context, Who, ANTECEDENT_SENTENCES};
use crate::document::{token_word_range, BlockKind, Entity, EntityType, Mention, Span};

/// Gender and number, each unknown when `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agreement {
    pub feminine: Option<bool>,
    pub plural: Option<bool>,
}

impl Agreement {
    /// What a subject pronoun or strong pronoun agrees with ("il", "-t-elle", "lui", "eux").
    pub(super) fn of_pronoun(key: &str) -> Agreement {
        let bare = key
            .strip_prefix("-t-")
            .or_else(|| key.strip_prefix('-'))
            .unwrap_or(key);
        let (feminine, plural) = match bare {
            "il" | "lui" => (Some(false), Some(false)),
            "elle" => (Some(true), Some(false)),
            "ils" | "eux" => (None, Some(true)),
            "elles" => (Some(true), Some(true)),
            _ => (None, None),
        };
        Agreement { feminine, plural }
    }

    /// Whether two agreements can describe the same referent.
    pub(super) fn compatible(self, other: Agreement) -> bool {
        let fits = |a: Option<bool>, b: Option<bool>| a.zip(b).is_none_or(|(a, b)| a == b);
        fits(self.feminine, other.feminine) && fits(self.plural, other.plural)
    }

    /// `self`, with what `other` knows where `self` knows nothing.
    fn or(self, other: Agreement) -> Agreement {
        Agreement {
            feminine: self.feminine.or(other.feminine),
            plural: self.plural.or(other.plural),
        }
    }
}

/// What the first word of a noun phrase says about its gender and number.
fn determiner_agreement(key: &str) -> Agreement {
    let (feminine, plural) = match key {
        "la" | "une" | "cette" | "sa" | "ma" => (Some(true), Some(false)),
        "le" | "un" | "ce" | "cet" | "du" | "au" => (Some(false), Some(false)),
        "les" | "des" | "ces" | "leurs" | "ses" | "nos" | "vos" | "aux" | "plusieurs"
        | "quelques" | "certains" | "deux" | "trois" | "quatre" | "cinq" | "six" | "sept"
        | "huit" | "neuf" | "dix" => (None, Some(true)),
        "certaines" => (Some(true), Some(true)),
        "l'" | "son" | "mon" | "notre" | "votre" | "leur" => (None, Some(false)),
        _ => (None, None),
    };
    Agreement { feminine, plural }
}

/// What a title before a name says: "M. Johnson", "Mme Merkel".
fn title_agreement(key: &str) -> Agreement {
    let feminine = match key {
        "mme" | "madame" | "mlle" | "mademoiselle" => Some(true),
        "m." | "monsieur" => Some(false),
        _ => None,
    };
    Agreement {
        feminine,
        plural: feminine.map(|_| false),
    }
}

/// A feature's value in a `Feat=Value|…` string.
fn feature<'f>(feats: &'f str, name: &str) -> Option<&'f str> {
    feats
        .split('|')
        .find_map(|f| f.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
}

impl Context<'_> {
    /// What a mention's own words say about its gender and number.
    fn own_agreement(&self, m: &Mention) -> Agreement {
        let first = m.tokens.start;
        let mut own = if m.nominal {
            determiner_agreement(self.key(first))
        } else {
            let title = first
                .checked_sub(1)
                .map_or_else(Agreement::default, |t| title_agreement(self.key(t)));
            Agreement {
                plural: title.plural.or(Some(false)),
                ..title
            }
        };
        if m.nominal {
            // The parser's features of the phrase's first noun ("la présidence": feminine).
            let noun = m
                .tokens
                .clone()
                .flat_map(|t| token_word_range(self.words, t))
                .find(|&w| self.words[w].upos == "NOUN");
            if let Some(w) = noun {
                let feats = &self.words[w].feats;
                let parsed = Agreement {
                    feminine: feature(feats, "Gender").map(|g| g == "Fem"),
                    plural: feature(feats, "Number").map(|n| n == "Plur"),
                };
                own = own.or(parsed);
            }
        }
        own
    }

    /// The gender and number of every entity, from the mentions that know them.
    pub(super) fn entity_agreements(&self, entities: &[Entity]) -> Vec<Agreement> {
        let mut votes = vec![(0u32, 0u32); entities.len()];
        for m in self.mentions {
            let Some(slot) = m.entity.and_then(|e| votes.get_mut(e)) else {
                continue;
            };
            match self.own_agreement(m).feminine {
                Some(true) => slot.0 += 1,
                Some(false) => slot.1 += 1,
                None => {}
            }
        }
        votes
            .into_iter()
            .map(|(fem, masc)| Agreement {
                feminine: (fem != masc).then_some(fem > masc),
                plural: None,
            })
            .collect()
    }

    /// A mention's gender and number: its own words', else its entity's.
    fn agreement(&self, m: &Mention) -> Agreement {
        let entity = m
            .entity
            .and_then(|e| self.entity_agreement.get(e))
            .copied()
            .unwrap_or_default();
        self.own_agreement(m).or(entity)
    }

    /// Whether mention `m` can be what a pronoun with `agreement` stands for: a person or an
    /// organisation that agrees with it.
    fn can_speak_as(&self, m: &Mention, agreement: Agreement) -> bool {
        matches!(m.kind, EntityType::Per | EntityType::Org)
            && agreement.compatible(self.agreement(m))
    }

    /// The mention that a speaker's words are (or hold), preferring a name.
    fn mention_at(&self, span: Span) -> Option<&Mention> {
        self.mentions
            .iter()
            .filter(|m| {
                (span.start <= m.span.start && m.span.end <= span.end)
                    || (m.span.start <= span.start && span.end <= m.span.end)
            })
            .max_by_key(|m| (!m.nominal, m.span.len()))
    }

    /// The person a pronoun before token `before` stands for (see the module's text): a
    /// person told in the last sentences before an organisation ("L'Union va « … », a-t-elle
    /// dit": the commissioner named before).
    pub(super) fn antecedent(&self, before: usize, agreement: Agreement) -> Option<Span> {
        self.antecedent_of_kinds(before, agreement, &[EntityType::Per])
            .or_else(|| {
                self.antecedent_of_kinds(before, agreement, &[EntityType::Per, EntityType::Org])
            })
    }

    /// The antecedent among mentions of `kinds`, nearest sentence first.
    fn antecedent_of_kinds(
        &self,
        before: usize,
        agreement: Agreement,
        kinds: &[EntityType],
    ) -> Option<Span> {
        let span_fits = |span: Span| {
            self.mention_at(span)
                .is_some_and(|m| kinds.contains(&m.kind) && self.can_speak_as(m, agreement))
        };
        let s0 = *self.tok_sent.get(before)?;
        // Sentences whose subject is the same pronoun continue the referent and do not
        // count; the title is read only when the search reaches the story's start.
        let mut budget = ANTECEDENT_SENTENCES + 1;
        for s in (0..=s0).rev() {
            if budget == 0 {
                break;
            }
            let Some((range, kind)) = self.sentences.get(s) else {
                continue;
            };
            if !matches!(
                kind,
                BlockKind::Paragraph | BlockKind::Caption | BlockKind::Title
            ) {
                continue;
            }
            // A sentence wholly inside a quotation is the quoted speaker's, not the
            // narrator's: it costs no budget ("« Je reçois … fascistes. Je n'entends pas … »,
            // a expliqué l'élue" is one report).
            let quoted_only = range
                .clone()
                .filter(|&t| self.is_word(t))
                .all(|t| self.quoted.get(t).copied().unwrap_or(false));
            if !quoted_only {
                budget -= 1;
            }
            let limit = if s == s0 { before } else { range.end };
            let speaker = self
                .found
                .iter()
                .rev()
                .take_while(|(o, _)| *o >= range.start)
                .filter(|(o, _)| *o < limit)
                .map(|&(_, span)| span)
                .find(|&span| span_fits(span));
            if speaker.is_some() {
                return speaker;
            }
            match self.sentence_subject(range.clone(), limit) {
                Some((Who::Named(span), _)) if span_fits(span) => return Some(span),
                // The same pronoun as subject ("Interrogé sur France Inter, il a refusé"):
                // it continues the same referent, told further back.
                Some((Who::Pronoun(subject), _)) if subject.compatible(agreement) => {
                    budget += 1;
                    continue;
                }
                _ => {}
            }
            let lo = self
                .tokens
                .get(range.start)
                .map_or(usize::MAX, |t| t.span.start);
            let hi = self.tokens.get(limit).map_or(usize::MAX, |t| t.span.start);
            let here = |kind: EntityType| {
                self.mentions
                    .iter()
                    .filter(|m| lo <= m.span.start && m.span.end <= hi && m.kind == kind)
                    .filter(|m| !self.quoted.get(m.tokens.start).copied().unwrap_or(true))
                    .filter(|m| self.can_speak_as(m, agreement))
                    .max_by_key(|m| (m.span.start, !m.nominal))
                    .map(|m| {
                        // A description stands for its entity's name when the sentence
                        // gives it ("Mme Claire Martin, la maire de Nantes").
                        let name = m.entity.filter(|_| m.nominal).and_then(|e| {
                            self.mentions.iter().find(|n| {
                                !n.nominal
                                    && n.entity == Some(e)
                                    && lo <= n.span.start
                                    && n.span.end <= hi
                            })
                        });
                        name.map_or(m.span, |n| n.span)
                    })
            };
            if let Some(span) = kinds.iter().find_map(|&kind| here(kind)) {
                return Some(span);
            }
        }
        None
    }
}
