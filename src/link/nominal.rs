//! Descriptions standing alone (step 4 of linking), each a nominal mention of the record it
//! points to: "son homologue russe", "le président français" → the person the article
//! described so, else whoever holds that office; "la capitale", "ce pays" → the last such place
//! named; "cette organisation" → the last organisation named; "les islamistes d'Ansar Eddine",
//! "l'ONG Human Rights Watch" → the organisation named with them; "l'armée russe", "les
//! rebelles" → the record of a country's group ([`super::description_records`]).
//!
//! A description that overlaps a mention already made is skipped, unless it lies inside a
//! longer apposition or the mention is a name among its own words ("République" in "le
//! président de la République"). The mentions each description looks at are bounded
//! ([`LOOKBACK`]) so that a book-sized document stays linear in its length.

use super::appositions::{apposition_end, COMPLEMENT_WORDS};
use super::descriptions::Description;
use super::kb::PlaceKind;
use super::nearby::named_after_de;
use super::{fill_cameo, nominal_mention, Draft, Linker};
use crate::document::{Document, EntityType, Mention};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// How many mentions a description looks at on each side of it: far more than an article has
/// (so an article reads exactly as before), few enough that a book-sized document stays
/// linear in its length.
const LOOKBACK: usize = 400;

/// The mentions (sorted by position) within [`LOOKBACK`] of token `t`, on both sides.
fn around(mentions: &[Mention], t: usize) -> &[Mention] {
    let at = mentions.partition_point(|m| m.tokens.start < t);
    &mentions[at.saturating_sub(LOOKBACK)..(at + LOOKBACK).min(mentions.len())]
}

/// Token ranges (with whether the mention is nominal) sorted by their start, with the running
/// maximum of their ends: those that overlap a range are found in O(log n + k).
struct TokenIndex {
    list: Vec<(std::ops::Range<usize>, bool)>,
    max_end: Vec<usize>,
}

impl TokenIndex {
    fn new(items: impl Iterator<Item = (std::ops::Range<usize>, bool)>) -> TokenIndex {
        let mut list: Vec<_> = items.collect();
        list.sort_by_key(|(r, _)| (r.start, r.end));
        let max_end = list
            .iter()
            .scan(0, |e, (r, _)| {
                *e = (*e).max(r.end);
                Some(*e)
            })
            .collect();
        TokenIndex { list, max_end }
    }

    fn overlapping<'a>(
        &'a self,
        r: &'a std::ops::Range<usize>,
    ) -> impl Iterator<Item = &'a (std::ops::Range<usize>, bool)> + 'a {
        let first = self.max_end.partition_point(|&end| end <= r.start);
        self.list[first..]
            .iter()
            .take_while(move |(m, _)| m.start < r.end)
            .filter(move |(m, _)| r.start < m.end)
    }
}

impl Linker {
    /// Scans every sentence for descriptions that no mention covers yet and points each to
    /// its record, as a nominal mention added to `nominal`.
    pub(super) fn standalone_descriptions(
        &self,
        doc: &Document,
        words: &[String],
        mentions: &[Mention],
        drafts: &mut Vec<Draft>,
        nominal: &mut Vec<Mention>,
        context: &[String],
    ) {
        // A description inside a longer apposition ("responsable de l'organisation") is a
        // mention of its own.
        // A name inside the description's own words ("République" in "le président de la
        // République") does not take it.
        let blocks = |tokens: &std::ops::Range<usize>, m: &(std::ops::Range<usize>, bool)| {
            let (m_tokens, m_nominal) = (&m.0, m.1);
            let inside = m_nominal && m_tokens.start < tokens.start && tokens.end <= m_tokens.end;
            let nested = !m_nominal && tokens.start < m_tokens.start && m_tokens.end <= tokens.end;
            m_tokens.start < tokens.end && tokens.start < m_tokens.end && !inside && !nested
        };
        // The mentions known before this step, indexed by position; those this step adds come
        // in text order, so the last ones are the only ones that can overlap.
        let known = TokenIndex::new(
            mentions
                .iter()
                .chain(nominal.iter())
                .map(|m| (m.tokens.clone(), m.nominal)),
        );
        let known_nominal = nominal.len();
        let taken = |tokens: &std::ops::Range<usize>, nominal: &[Mention]| {
            known.overlapping(tokens).any(|m| blocks(tokens, m))
                || nominal[known_nominal..]
                    .iter()
                    .rev()
                    .take(LOOKBACK)
                    .any(|m| blocks(tokens, &(m.tokens.clone(), m.nominal)))
        };
        let mut groups_named: FxHashMap<String, usize> = FxHashMap::default();
        for sentence in &doc.sentences {
            let mut i = sentence.tokens.start;
            while i < sentence.tokens.end {
                let Some(desc) = self.description_at(doc, words, i, sentence.tokens.end) else {
                    // "le géant de l'ameublement Ikea", "Demosisto, un parti politique": a noun
                    // phrase in apposition to a name; "la radio" after "Sud Radio": a noun of
                    // the name named before.
                    let found = apposed_noun_phrase(doc, words, mentions, i, sentence.tokens.end)
                        .filter(|(tokens, _, _)| !taken(tokens, nominal))
                        .or_else(|| {
                            named_by_head(doc, words, mentions, i, sentence.tokens.end)
                                .filter(|(tokens, _, _)| !taken(tokens, nominal))
                        });
                    if let Some((tokens, e, kind)) = found {
                        nominal.push(nominal_mention(doc, tokens.clone(), kind, e));
                        i = tokens.end;
                        continue;
                    }
                    i += 1;
                    continue;
                };
                let end = desc.tokens.end;
                if taken(&desc.tokens, nominal) {
                    i = end;
                    continue;
                }
                // "les islamistes d'Ansar Eddine", "les rebelles du MNLA": a group of the
                // organisation named right after.
                // "la ville de Gao", "la province de Kapisa": the place named right after.
                let wanted = if desc.plural || desc.kind == "ORG" {
                    Some(EntityType::Org)
                } else if desc.kind.starts_with("anaphor-") {
                    Some(EntityType::Loc)
                } else {
                    None
                };
                let named = wanted.and_then(|kind| {
                    named_after_de(words, mentions, end)
                        .filter(|&e| drafts[e].entity.kind == Some(kind))
                        .map(|e| (e, kind))
                });
                if let Some((e, kind)) = named {
                    if desc.plural {
                        groups_named.insert(desc.phrase.clone(), e);
                    }
                    nominal.push(nominal_mention(doc, desc.tokens.clone(), kind, e));
                    i = end;
                    continue;
                }
                // "les islamistes" after "les islamistes d'Ansar Eddine", "le quotidien" after
                // "le quotidien français Le Figaro": the same group or organisation.
                if let Some(&e) = (desc.plural || desc.kind == "ORG")
                    .then(|| groups_named.get(&desc.phrase))
                    .flatten()
                {
                    nominal.push(nominal_mention(
                        doc,
                        desc.tokens.clone(),
                        EntityType::Org,
                        e,
                    ));
                    i = end;
                    continue;
                }
                if next_is_name(doc, end, sentence.tokens.end) {
                    // "l'ONG Human Rights Watch", "le groupe Daesh": a description right before
                    // an organisation's name is that organisation.
                    let named = mentions
                        .iter()
                        .find(|m| m.tokens.start == end && !m.nominal && m.kind == EntityType::Org)
                        .and_then(|m| m.entity);
                    if let (Some(e), false) = (named, desc.kind == "PER") {
                        // "le groupe français Crédit Mutuel CIC": the nationality beats a
                        // guess from the story's country.
                        let d = &mut drafts[e].entity;
                        if desc.country.is_some() && matches!(d.by, "story-country" | "unknown") {
                            d.country = desc.country.clone();
                            d.cameo = None;
                            d.by = "apposition";
                            d.score = 0.6;
                            fill_cameo(d);
                        }
                        groups_named.insert(desc.phrase.clone(), e);
                        nominal.push(nominal_mention(
                            doc,
                            desc.tokens.clone(),
                            EntityType::Org,
                            e,
                        ));
                    }
                    i = end;
                    continue;
                }
                // "le ministre des Relations internationales, Federico Gonzalez", "le maire
                // Luigi Brugnaro": a person's title right before their name, with its
                // complements, is that person.
                let before_name = (desc.kind == "PER" && !desc.plural)
                    .then(|| title_before_name(doc, words, mentions, end, sentence.tokens.end))
                    .flatten();
                if let Some((stop, e)) = before_name {
                    nominal.push(nominal_mention(
                        doc,
                        desc.tokens.start..stop,
                        EntityType::Per,
                        e,
                    ));
                    i = stop;
                    continue;
                }
                // "Arnaud Montebourg, le ministre du redressement productif": an apposition
                // after a person's name describes that person.
                let after_name = (desc.tokens.start >= 2 && words[desc.tokens.start - 1] == ",")
                    .then(|| {
                        mentions.iter().find(|m| {
                            m.kind == EntityType::Per
                                && !m.nominal
                                && m.tokens.end + 1 == desc.tokens.start
                        })
                    })
                    .flatten()
                    .and_then(|m| m.entity)
                    .filter(|_| desc.kind == "PER" && !desc.plural);
                // "le quotidien" after "le quotidien Midi Libre": the name it stood before.
                let by_head = (desc.kind != "PER" && !desc.plural)
                    .then(|| named_by_head(doc, words, mentions, desc.tokens.start, end))
                    .flatten()
                    .filter(|(tokens, _, _)| tokens.end == end)
                    .map(|(_, e, kind)| (e, kind));
                let target = match (after_name, by_head) {
                    (Some(e), _) => Some((e, EntityType::Per)),
                    (None, Some(found)) => Some(found),
                    (None, None) => self.resolve_description(
                        doc,
                        &desc,
                        around(mentions, desc.tokens.start),
                        &nominal[nominal.len().saturating_sub(LOOKBACK)..],
                        drafts,
                        context,
                        words,
                    ),
                };
                if let Some((e, kind)) = target {
                    // "Bernard Bonnet, le successeur de Claude Erignac,": the whole apposition.
                    let tokens = if after_name.is_some() {
                        let close = apposition_end(
                            words,
                            desc.tokens.start,
                            desc.tokens.end,
                            sentence.tokens.end,
                        );
                        desc.tokens.start..close
                    } else {
                        desc.tokens.clone()
                    };
                    nominal.push(nominal_mention(doc, tokens.clone(), kind, e));
                    i = tokens.end;
                    // "les autorités italiennes et maltaises", "les armées française,
                    // tchadienne et malienne": each nationality coordinated after a group of
                    // one country is the same group of its own country.
                    if desc.plural && desc.country.is_some() && after_name.is_none() {
                        while i + 1 < sentence.tokens.end && matches!(words[i].as_str(), "et" | ",")
                        {
                            let Some(country) = self.kb.demonym(&words[i + 1]) else {
                                break;
                            };
                            let other = Description {
                                country: Some(country.to_string()),
                                tokens: i + 1..i + 2,
                                ..desc.clone()
                            };
                            let record = self.group_record(
                                doc,
                                &other,
                                around(mentions, other.tokens.start),
                                drafts,
                                context,
                                words,
                            );
                            let Some((e, kind)) = record else {
                                break;
                            };
                            nominal.push(nominal_mention(doc, other.tokens.clone(), kind, e));
                            i += 2;
                        }
                    }
                    continue;
                }
                i = end;
            }
        }
    }

    /// The record a description standing alone points to, with the type its mention takes.
    #[allow(clippy::too_many_arguments)]
    fn resolve_description(
        &self,
        doc: &Document,
        desc: &Description,
        mentions: &[Mention],
        nominal: &[Mention],
        drafts: &mut Vec<Draft>,
        context: &[String],
        words: &[String],
    ) -> Option<(usize, EntityType)> {
        let before = |m: &Mention| m.tokens.end <= desc.tokens.start;
        match desc.kind.as_str() {
            // "cette organisation", "le groupe": the last organisation named.
            // "la ville", "la capitale", "ce pays", "la province": the last such place named.
            "anaphor-city" | "anaphor-country" | "anaphor-region" => {
                let want = match desc.kind.as_str() {
                    "anaphor-city" => PlaceKind::City,
                    "anaphor-country" => PlaceKind::Country,
                    _ => PlaceKind::Admin1,
                };
                let named: Vec<usize> = mentions
                    .iter()
                    .filter(|m| before(m) && m.kind == EntityType::Loc && !m.nominal)
                    .filter_map(|m| m.entity)
                    .filter(|&e| {
                        drafts[e]
                            .entity
                            .geonames
                            .and_then(|g| self.kb.place(g))
                            .is_some_and(|p| p.kind == want)
                    })
                    .collect();
                // "ce pays": the country the story is about when it was named, else the last
                // one named.
                let story = context.first().and_then(|c| {
                    named
                        .iter()
                        .copied()
                        .find(|&e| drafts[e].entity.country.as_ref() == Some(c))
                });
                let found = if want == PlaceKind::Country {
                    story.or(named.last().copied())
                } else if desc.phrase == "capitale" {
                    // "la capitale": the capital of the story's country, when it was named.
                    named
                        .iter()
                        .rev()
                        .copied()
                        .find(|&e| {
                            let d = &drafts[e].entity;
                            d.country.as_ref() == context.first()
                                && d.geonames
                                    .and_then(|g| self.kb.place(g))
                                    .is_some_and(|p| p.feature == "PPLC")
                        })
                        .or_else(|| {
                            // Else the last capital named ("au Caire" … "la capitale").
                            named.iter().rev().copied().find(|&e| {
                                drafts[e]
                                    .entity
                                    .geonames
                                    .and_then(|g| self.kb.place(g))
                                    .is_some_and(|p| p.feature == "PPLC")
                            })
                        })
                        .or_else(|| {
                            // A bare "la capitale" in an Algerian story is Algiers, named or
                            // not; "la capitale de l'Ohio" is another matter.
                            let bare = !matches!(
                                words.get(desc.tokens.end).map(String::as_str),
                                Some("de" | "du" | "d'" | "des")
                            );
                            bare.then(|| self.capital_record(context, drafts)).flatten()
                        })
                        .or(named.last().copied())
                } else if named.is_empty()
                    && (desc.phrase.starts_with("état") || desc.phrase.starts_with("etat"))
                {
                    // "l'État" in a story with no region named is the country itself.
                    mentions
                        .iter()
                        .filter(|m| before(m) && m.kind == EntityType::Loc && !m.nominal)
                        .filter_map(|m| m.entity)
                        .find(|&e| {
                            let d = &drafts[e].entity;
                            d.country.as_ref() == context.first()
                                && d.geonames
                                    .and_then(|g| self.kb.place(g))
                                    .is_some_and(|p| p.kind == PlaceKind::Country)
                        })
                } else {
                    named.last().copied()
                };
                found.map(|e| (e, EntityType::Loc))
            }
            // The record's type, not the tagger's: "Ansar Eddine" tagged PER is an
            // organisation of the actors table.
            "anaphor" => mentions
                .iter()
                .chain(nominal)
                .filter(|m| {
                    before(m)
                        && !m.nominal
                        && m.entity
                            .map_or(m.kind, |e| drafts[e].entity.kind.unwrap_or(m.kind))
                            == EntityType::Org
                })
                .filter(|m| {
                    m.entity
                        .is_some_and(|e| drafts[e].entity.role.as_deref() != Some("MED"))
                })
                .filter(|m| {
                    !matches!(
                        drafts[m.entity.unwrap_or(0)].entity.id.as_str(),
                        "org:afp" | "org:reuters"
                    )
                })
                // "l'organisation islamique": an armed or religious group agrees, a court
                // named since does not.
                .rfind(|m| {
                    let armed = matches!(
                        words.get(desc.tokens.end).map(String::as_str),
                        Some(
                            "islamique"
                                | "islamiste"
                                | "jihadiste"
                                | "djihadiste"
                                | "terroriste"
                                | "rebelle"
                                | "armée"
                        )
                    );
                    !armed
                        || drafts[m.entity.unwrap_or(0)]
                            .entity
                            .cameo
                            .as_deref()
                            .is_some_and(|c| {
                                ["REB", "MUS", "IMG", "UAF", "ISI", "ALQ", "INS"]
                                    .iter()
                                    .any(|r| c.contains(r))
                            })
                })
                .and_then(|m| m.entity)
                .map(|e| (e, EntityType::Org)),
            // A plural of people ("des manifestants", "les soldats") is a group, below.
            "PER" if !desc.plural => {
                // The person the article described the same way before.
                let same = |d: &Draft| {
                    d.descriptions.iter().any(|(agent, country, label)| {
                        // The same office, not just any government post: "le ministre du
                        // budget" is not the prime minister described before.
                        (label == &desc.label || (agent == &desc.agent && agent != "GOV"))
                            && (desc.country.is_none() || country == &desc.country)
                    })
                };
                let found = mentions
                    .iter()
                    .chain(nominal)
                    .filter(|m| m.kind == EntityType::Per && before(m))
                    .filter_map(|m| m.entity)
                    .rfind(|&e| same(&drafts[e]));
                // An office with a country and no name stands for that country's office
                // holders as an actor: "le président syrien" → SYRGOV.
                // So does an unnamed person: "un lycéen", "le journaliste" → the story's
                // country's students, journalists.
                let found = found
                    .or_else(|| self.office_holder(doc, desc, drafts, context, words))
                    .or_else(|| self.person_of_trade(doc, desc, mentions, drafts, words))
                    .or_else(|| self.person_named_just_before(doc, desc, mentions, drafts, words));
                match found {
                    Some(e) => Some((e, EntityType::Per)),
                    None if desc.agent != "=" && !desc.agent.is_empty() => {
                        self.group_record(doc, desc, mentions, drafts, context, words)
                    }
                    None => None,
                }
            }
            _ => self.group_record(doc, desc, mentions, drafts, context, words),
        }
    }
}

impl Linker {
    /// A definite description in the singular ("l'élue", "le chercheur", "cette habitante")
    /// points back to the person named last, in its sentence or the two before it, when its
    /// role's country does not say otherwise.
    fn person_named_just_before(
        &self,
        doc: &Document,
        desc: &Description,
        mentions: &[Mention],
        drafts: &[Draft],
        words: &[String],
    ) -> Option<usize> {
        let first = desc.tokens.start;
        let determiner = [first, first.wrapping_sub(1)]
            .into_iter()
            .filter_map(|t| words.get(t))
            .any(|w| DEFINITE_SINGULAR.contains(&w.as_str()));
        if !determiner {
            return None;
        }
        let from = sentences_back(doc, first, BACK_SENTENCES);
        around(mentions, first)
            .iter()
            .rfind(|m| {
                m.kind == EntityType::Per
                    && !m.nominal
                    && m.tokens.start >= from
                    && m.tokens.end <= first
            })
            .and_then(|m| m.entity)
            .filter(|&e| {
                let country = drafts[e].entity.country.as_ref();
                desc.country.is_none() || country.is_none() || country == desc.country.as_ref()
            })
    }
}

/// "la radio" after "Sud Radio", "le viaduc" after "le viaduc Morandi", "le quotidien" after
/// "le quotidien Midi Libre": a definite description in the singular whose noun is a word of
/// the name of an organisation or place, or the noun written right before that name, named in
/// its sentence or the [`NAME_HEAD_SENTENCES`] before: that name's entity (the last one
/// named). A person's name is taken only by the noun before it ("le rappeur Elams", "le
/// quotidien Midi Libre" that the tagger took for a person), never by a word of it.
fn named_by_head(
    doc: &Document,
    words: &[String],
    mentions: &[Mention],
    i: usize,
    end: usize,
) -> Option<(std::ops::Range<usize>, usize, EntityType)> {
    let head = i + 1;
    if head >= end || !DEFINITE_SINGULAR.contains(&words[i].as_str()) {
        return None;
    }
    let noun = crate::document::token_word_range(&doc.words, head)
        .next()
        .is_some_and(|w| doc.words[w].upos == "NOUN");
    if !noun || words[head].chars().count() < 4 {
        return None;
    }
    let from = sentences_back(doc, i, NAME_HEAD_SENTENCES);
    let noun = Some(&words[head]);
    around(mentions, i)
        .iter()
        .rfind(|m| {
            !m.nominal
                && m.tokens.start >= from
                && m.tokens.end <= i
                && ((m.kind != EntityType::Per
                    && m.tokens.len() >= 2
                    && m.tokens.clone().any(|t| words.get(t) == noun))
                    || (m.tokens.start > 0 && words.get(m.tokens.start - 1) == noun))
        })
        .and_then(|m| m.entity.map(|e| (i..head + 1, e, m.kind)))
}

/// The person named right after a title ending at `from`, over the title's complements ("des
/// Relations internationales", "noir de Toronto": up to [`TITLE_COMPLEMENT`] nouns, adjectives,
/// articles, prepositions of [`COMPLEMENT_WORDS`] and names of places and organisations),
/// directly or after a comma; with the end of the title and its complements. Not a name after
/// the title's "de" ("le successeur de Claude Erignac", "le directeur de l'OMS"). After a comma
/// the name must close the apposition (a comma, a parenthesis or the sentence's end follow it):
/// in "Selon le ministre, Emmanuel Macron a menti" the name is the clause's subject.
fn title_before_name(
    doc: &Document,
    words: &[String],
    mentions: &[Mention],
    from: usize,
    end: usize,
) -> Option<(usize, usize)> {
    name_after_noun(doc, words, mentions, from, end, &[EntityType::Per])
        .map(|(stop, e, _, _)| (stop, e))
}

/// The name of one of `kinds` right after a noun ending at `from`, over its complements, as
/// [`title_before_name`] reads them: the end of the complements, the entity, its type and the
/// name's mention.
fn name_after_noun(
    doc: &Document,
    words: &[String],
    mentions: &[Mention],
    from: usize,
    end: usize,
    kinds: &[EntityType],
) -> Option<(usize, usize, EntityType, std::ops::Range<usize>)> {
    let name_at = |k: usize| {
        around(mentions, k)
            .iter()
            .find(|m| m.tokens.start == k && !m.nominal && kinds.contains(&m.kind))
    };
    let trim = |mut stop: usize| {
        while stop > from && COMPLEMENT_WORDS.contains(&words[stop - 1].as_str()) {
            stop -= 1;
        }
        stop
    };
    let de = |j: usize| is_de(&words[j]);
    let article = |j: usize| matches!(words[j].as_str(), "le" | "la" | "l'" | "les");
    let title = |j: usize| matches!(words[j].as_str(), "m." | "mme" | "mlle" | "me" | "dr");
    let mut k = from;
    while k < end {
        if let Some(m) = name_at(k) {
            // Not the name a complement holds ("l'ancien Premier ministre d'Hosni Moubarak",
            // "la visite de M. Le Drian", "le directeur de l'OMS"), nor one after its own
            // article ("la présence des islamistes inquiète l'Unesco").
            let of = (k > from && (de(k - 1) || article(k - 1)))
                || (k > from + 1 && (article(k - 1) || title(k - 1)) && de(k - 2));
            return m
                .entity
                .filter(|_| !of)
                .map(|e| (trim(k), e, m.kind, m.tokens.clone()));
        }
        if words[k] == "," {
            let m = name_at(k + 1)?;
            let closes = m.tokens.end >= end
                || matches!(words[m.tokens.end].as_str(), "," | "." | "(" | ")");
            return m
                .entity
                .filter(|_| closes)
                .map(|e| (trim(k), e, m.kind, m.tokens.clone()));
        }
        let inside_name = around(mentions, k)
            .iter()
            .any(|m| !m.nominal && !kinds.contains(&m.kind) && m.tokens.contains(&k));
        // Prepositions of a title's complement only: "le ministre de…", not "un accord
        // avec…".
        let complement = crate::document::token_word_range(&doc.words, k).all(|w| {
            match doc.words[w].upos.as_str() {
                "NOUN" | "ADJ" | "DET" => true,
                "ADP" => COMPLEMENT_WORDS.contains(&words[k].as_str()),
                _ => false,
            }
        });
        if k >= from + TITLE_COMPLEMENT || !(inside_name || complement) {
            return None;
        }
        k += 1;
    }
    None
}

/// A noun phrase starting at `i` in apposition to a name, with the name's entity and type:
/// - before the name of an organisation, or of a person after a noun that names people, after a
///   definite determiner ("le géant de l'ameublement Ikea", "du transporteur émirati Etihad
///   Airways": without a contracted article), over the noun's complements as
///   [`title_before_name`] reads them, when the parser hangs the name on that noun;
/// - after a name and its comma ("Demosisto, un parti politique, …", "Hind Ouali, adjointe au
///   directeur des opérations du CHU."), when the parser hangs the phrase's noun on the name as
///   an apposition, up to the punctuation that closes it.
fn apposed_noun_phrase(
    doc: &Document,
    words: &[String],
    mentions: &[Mention],
    i: usize,
    end: usize,
) -> Option<(std::ops::Range<usize>, usize, EntityType)> {
    let upos = |k: usize| {
        crate::document::token_word_range(&doc.words, k)
            .last()
            .map_or("", |w| doc.words[w].upos.as_str())
    };
    let lower = |k: usize| {
        doc.slice(doc.tokens[k].span)
            .starts_with(char::is_lowercase)
    };
    // Before the name.
    let contracted = matches!(words[i].as_str(), "du" | "au");
    // Not the complement of a noun before ("le directeur de la veille sanitaire X").
    let complement = i > 0 && is_de(&words[i - 1]);
    let determiner = !complement && (contracted || DEFINITE_SINGULAR.contains(&words[i].as_str()));
    if determiner && i + 1 < end && upos(i + 1) == "NOUN" && lower(i + 1) {
        // Before a person's name, a noun that names people ("la scénariste Ludivine Clerc");
        // other nouns name no one ("la loi Macron", "pour le climat Greta Thunberg").
        let kinds: &[EntityType] = if names_people(&words[i + 1]) {
            &[EntityType::Per, EntityType::Org]
        } else {
            &[EntityType::Org]
        };
        if let Some((stop, e, kind, name)) =
            name_after_noun(doc, words, mentions, i + 2, end, kinds)
        {
            // The parser hangs the name on this noun, not on one of its complements ("le
            // trésorier du parti Les Républicains").
            let on_noun = name.clone().any(|t| {
                crate::document::token_word_range(&doc.words, t).any(|w| {
                    doc.words[w].head.is_some_and(|h| {
                        let at = doc.words[h].token;
                        !name.contains(&at) && at == i + 1
                    })
                })
            });
            let start = if contracted { i + 1 } else { i };
            return on_noun.then_some((start..stop, e, kind));
        }
    }
    // After the name and its comma.
    if i < 2 || words[i - 1] != "," {
        return None;
    }
    let name = around(mentions, i - 1)
        .iter()
        .find(|m| !m.nominal && m.tokens.end == i - 1 && m.kind != EntityType::Misc)?;
    let first = if APPOSED_DETERMINERS.contains(&words[i].as_str()) {
        i + 1
    } else {
        i
    };
    if first >= end || upos(first) != "NOUN" || !lower(first) {
        return None;
    }
    let on_name = crate::document::token_word_range(&doc.words, first).any(|w| {
        doc.words[w].deprel.starts_with("appos")
            && doc.words[w]
                .head
                .is_some_and(|h| name.tokens.contains(&doc.words[h].token))
    });
    if !on_name {
        return None;
    }
    let close = (first + 1..(first + TITLE_COMPLEMENT + 4).min(end)).find(|&k| {
        matches!(words[k].as_str(), "," | ";" | "(" | ")" | "qui")
            || (k + 1 == end && matches!(words[k].as_str(), "." | "!" | "?"))
    })?;
    let plain = (first + 1..close)
        .all(|k| matches!(upos(k), "NOUN" | "ADJ" | "DET" | "ADP" | "PROPN" | "NUM"));
    Some((i..close, name.entity?, name.kind)).filter(|_| plain)
}

/// Endings of nouns that name people (`data/fr/kb/person-noun-endings.txt`).
const PERSON_NOUN_ENDINGS: &str = include_str!("../../data/fr/kb/person-noun-endings.txt");

/// Whether a noun names people by its ending ("rappeur", "scénariste"); the file is read once.
fn names_people(noun: &str) -> bool {
    static ENDINGS: OnceLock<Vec<&'static str>> = OnceLock::new();
    ENDINGS
        .get_or_init(|| {
            PERSON_NOUN_ENDINGS
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        })
        .iter()
        .any(|ending| noun.ends_with(ending))
}

/// "de" and its contracted forms.
fn is_de(word: &str) -> bool {
    matches!(word, "de" | "d'" | "du" | "des")
}

/// Determiners a noun phrase in apposition may open with.
const APPOSED_DETERMINERS: [&str; 8] = ["le", "la", "l'", "un", "une", "ce", "cet", "cette"];

/// How many words of complements a title may have before the name it stands before.
const TITLE_COMPLEMENT: usize = 8;

/// The first token of the sentence `back` sentences before the one holding token `t`.
fn sentences_back(doc: &Document, t: usize, back: usize) -> usize {
    let sentence = doc.sentences.partition_point(|s| s.tokens.end <= t);
    doc.sentences
        .get(sentence.saturating_sub(back))
        .map_or(0, |s| s.tokens.start)
}

/// How many sentences before its own a description looks for a name holding its noun.
const NAME_HEAD_SENTENCES: usize = 5;

/// Determiners of a definite description in the singular.
const DEFINITE_SINGULAR: [&str; 6] = ["le", "la", "l'", "ce", "cet", "cette"];

/// How many sentences before its own a definite description looks for the person it names.
const BACK_SENTENCES: usize = 2;

/// Whether a capitalised word (a name in apposition) follows the description.
fn next_is_name(doc: &Document, at: usize, end: usize) -> bool {
    at < end
        && doc
            .slice(doc.tokens[at].span)
            .starts_with(char::is_uppercase)
}
