//! Linking and in-article coreference: every mention becomes a pointer to one canonical
//! record (`entities` layer) with its country, CAMEO role and code at the story's date, and for
//! places its GeoNames id and coordinates.
//!
//! Order of work, per article:
//! 1. names are grouped: a person's later short forms join the full name ("Le Drian", "M. Le
//!    Drian" → "Jean-Yves Le Drian"); other names group by their folded spelling;
//! 2. each group is looked up in the knowledge base ([`kb`]): hand-written French entries
//!    first, then the Phoenix actors; places by landmark, then by name, ambiguity settled by the
//!    story's countries, feature (capital first) and population ("Tripoli", "Paris"); a name the
//!    base does not know stays a record of its own, keyed by its name, never forced onto
//!    another;
//! 3. appositions give roles and countries with no dictionary entry: "le ministre français de
//!    la Défense Jean-Yves Le Drian" → FRA, GOV, "defence minister"; "son homologue russe
//!    Sergueï Choïgou" → RUS and the office of the other party; the description itself becomes
//!    a nominal mention of the person;
//! 4. descriptions standing alone are resolved: "son homologue russe", "le président
//!    français" → the person the article described so; "l'armée russe", "la marine russe" →
//!    one RUS military record; "les rebelles" → rebels of the country they fight in; "cette
//!    organisation", "le groupe" → the last organisation named. Unnamed groups may open with a
//!    quantifier ("certains manifestants", "plus de 23.000 manifestants", "une trentaine de
//!    skieurs") and be nationality nouns ("les Thaïlandais" → THA civilians): [`groups`].
//!
//! Roles are read at the story's publication date (a person whose office changed between two
//! dates gets the one held that day).

mod groups;
pub mod kb;
mod organisations;

use crate::document::{Document, Entity, EntityType, Mention, Span};
use crate::lang::{name_key, normalize_word};
use jiff::civil::Date;
use kb::{KbError, KnowledgeBase, PlaceKind};
use rustc_hash::FxHashMap;

/// The linking stage, built once per pipeline.
#[derive(Debug, Clone)]
pub struct Linker {
    kb: KnowledgeBase,
}

/// Adjectives that may stand before an office without changing it: "ce nouveau
/// gouvernement", "l'actuel président", "ses plus gros fraudeurs".
const PRE_NOUN_ADJECTIVES: &[&str] = &[
    "autre",
    "autres",
    "plus",
    "gros",
    "grands",
    "grandes",
    "principaux",
    "principales",
    "nouveau",
    "nouvelle",
    "nouveaux",
    "nouvelles",
    "actuel",
    "actuelle",
    "futur",
    "future",
    "même",
];

/// Adjectives that may follow an office without changing it: "le premier ministre
/// conservateur", "le dirigeant démocrate sortant". Never the first word of a phrase.
const POST_NOUN_ADJECTIVES: &[&str] = &[
    "conservateur",
    "conservatrice",
    "socialiste",
    "libéral",
    "libérale",
    "travailliste",
    "centriste",
    "démocrate",
    "républicain",
    "républicaine",
    "sortant",
    "sortante",
    "intérimaire",
    "élu",
    "élue",
];

/// Words a name's complement may hold besides names and numbers: "de France en Afghanistan",
/// "de la chaîne France 24".
const COMPLEMENT_WORDS: &[&str] = &[
    "de", "du", "des", "d'", "la", "le", "l'", "les", "en", "à", "au", "aux", "m.", "mme",
];

/// Determiners and contracted prepositions that may open a description.
const OPENERS: &[&str] = &[
    "le",
    "la",
    "l'",
    "les",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "du",
    "des",
    "au",
    "aux",
    "ce",
    "cet",
    "cette",
    "ces",
    "un",
    "une",
    "de",
    "d'",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "plusieurs",
    "quelques",
];

/// A word a description may open with: an article, a possessive, a numeral, or a number ("2 000
/// citoyens").
fn is_opener(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b'0'..=b'9') => w.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()),
        Some(b'a'..=b'z') => OPENERS.contains(&w),
        _ => false,
    }
}

/// The named mention right after a complement "de …" at `at` ("d'Ansar Eddine", "de la ville
/// de Gao", "du MNLA"), over an article.
fn named_after_de(words: &[String], mentions: &[Mention], at: usize) -> Option<usize> {
    if !matches!(words.get(at).map(String::as_str), Some("de" | "d'" | "du")) {
        return None;
    }
    let mut p = at + 1;
    while matches!(
        words.get(p).map(String::as_str),
        Some("la" | "le" | "l'" | "les")
    ) {
        p += 1;
    }
    mentions
        .iter()
        .find(|m| m.tokens.start == p && !m.nominal)
        .and_then(|m| m.entity)
}

/// The last named record in the three sentences before token `before` that `fits`: what a
/// definite description ("l'avocat", "l'entreprise") points back to.
fn recent_named(
    doc: &Document,
    mentions: &[Mention],
    before: usize,
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    let here = sentence_index(doc, before)?;
    mentions
        .iter()
        .filter(|m| m.tokens.end <= before && !m.nominal)
        .filter(|m| sentence_index(doc, m.tokens.start).is_some_and(|s| here - s <= 3))
        .filter_map(|m| m.entity)
        .rfind(|&e| fits(e))
}

/// The index of the sentence holding token `t` (sentences are in text order).
fn sentence_index(doc: &Document, t: usize) -> Option<usize> {
    let i = doc.sentences.partition_point(|s| s.tokens.end <= t);
    doc.sentences
        .get(i)
        .filter(|s| s.tokens.contains(&t))
        .map(|_| i)
}

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

/// What the city of a site needs of the whole document, computed once: which tokens lie inside
/// a place mention, and the city the story names most.
struct SiteIndex {
    in_place: Vec<bool>,
    /// Index into the knowledge base's places.
    story_city: std::cell::OnceCell<Option<usize>>,
}

impl SiteIndex {
    fn new(doc: &Document, mentions: &[Mention]) -> SiteIndex {
        let mut in_place = vec![false; doc.tokens.len()];
        for m in mentions.iter().filter(|m| m.kind == EntityType::Loc) {
            // Tokens wholly inside the mention's span.
            let first = doc.tokens.partition_point(|t| t.span.start < m.span.start);
            for (t, flag) in doc.tokens[first..]
                .iter()
                .zip(in_place[first..].iter_mut())
                .take_while(|(t, _)| t.span.start < m.span.end)
            {
                if t.span.end <= m.span.end {
                    *flag = true;
                }
            }
        }
        SiteIndex {
            in_place,
            story_city: std::cell::OnceCell::new(),
        }
    }
}

/// The sentence holding token `t`.
fn sentence_at(doc: &Document, t: usize) -> Option<&crate::document::Sentence> {
    sentence_index(doc, t).map(|i| &doc.sentences[i])
}

/// An entity being built.
#[derive(Debug, Clone, Default)]
struct Draft {
    entity: Entity,
    /// (agent code, country) descriptions the article gave it, for later nominal mentions.
    descriptions: Vec<(String, Option<String>, String)>,
}

impl Draft {
    /// What an apposition before the name tells ("le président tunisien Moncef Marzouki"):
    /// the role when none is known yet, the office's label, the nationality when none is known
    /// or only guessed from the story's country; the description is kept for later nominal
    /// mentions.
    fn take_apposition(&mut self, desc: &Description) {
        let e = &mut self.entity;
        if !desc.agent.is_empty() && desc.agent != "=" {
            if e.role.is_none() {
                e.role = Some(agent_role(&desc.agent));
            }
            e.role_label.get_or_insert(desc.label.clone());
        }
        if e.country.is_none() || (e.by == "story-country" && desc.country.is_some()) {
            e.country = desc.country.clone();
            e.cameo = None;
            if e.by == "story-country" {
                e.by = "apposition";
                e.score = 0.6;
            }
        }
        fill_cameo(e);
        self.descriptions
            .push((desc.agent.clone(), desc.country.clone(), desc.label.clone()));
    }
}

impl Linker {
    pub fn new() -> Result<Linker, KbError> {
        Ok(Linker {
            kb: KnowledgeBase::french()?,
        })
    }

    pub fn kb(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// Adds the `entities` layer and points every mention to its entity. Requires `mentions`.
    pub fn annotate(&self, doc: &mut Document) {
        let date = doc.meta.published.map(|p| p.date);
        let words: Vec<String> = doc
            .tokens
            .iter()
            .map(|t| normalize_word(&doc.text[t.span.range()]))
            .collect();
        let place_votes = self.story_countries(doc, &words);
        let context: Vec<String> = place_votes.iter().map(|(c, _)| c.clone()).collect();
        let mut mentions = std::mem::take(&mut doc.mentions);
        // "L'Oréal" tagged "Oréal": the elided article is part of the name the tables know.
        for m in mentions.iter_mut().filter(|m| m.tokens.start > 0) {
            let before = doc.tokens[m.tokens.start - 1].span;
            let elided = matches!(doc.slice(before), "L'" | "L’");
            if elided && before.end == m.span.start {
                let full = Span::new(before.start, m.span.end);
                if !self.kb.actors_named(doc.slice(full)).is_empty() {
                    m.span = full;
                    m.tokens.start -= 1;
                    m.kind = EntityType::Org;
                }
            }
        }
        mentions.extend(self.missed_names(doc, &mentions));
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        self.join_split_names(doc, &mut mentions);
        let mut drafts: Vec<Draft> = Vec::new();
        let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
        // The name key of each draft made from a person's name, computed once.
        let mut person_keys: Vec<(usize, String)> = Vec::new();

        // 1–2. Named mentions: longest person names first, so short forms find them.
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&i| {
            (
                std::cmp::Reverse(mentions[i].tokens.len()),
                mentions[i].span.start,
            )
        });
        // Built on the first site met ("place Tahrir"), once per document.
        let sites = std::cell::OnceCell::new();
        for &i in &order {
            let m = &mentions[i];
            let text = doc.slice(m.span);
            let key = name_key(text);
            let group = if m.kind == EntityType::Per {
                // "B. Obama" → the Barack Obama named before: an initial and the surname.
                let initial = key
                    .split_once(' ')
                    .filter(|(first, _)| first.trim_end_matches('.').chars().count() == 1)
                    .map(|(first, rest)| (first.chars().next().unwrap_or(' '), rest.to_string()));
                let short = format!(" {key}");
                let surname = initial.as_ref().map(|(c, s)| (*c, format!(" {s}")));
                person_keys
                    .iter()
                    .find(|(d, full)| {
                        drafts[*d].entity.kind == Some(EntityType::Per)
                            && (*full == key
                                || full.ends_with(&short)
                                || surname.as_ref().is_some_and(|(c, s)| {
                                    full.starts_with(*c) && full.ends_with(s.as_str())
                                }))
                    })
                    .map(|(d, _)| *d)
            } else {
                by_key.get(&format!("{:?}:{key}", m.kind)).copied()
            };
            let idx = match group {
                Some(g) => g,
                None => {
                    let mut draft = self.resolve_name(text, m.kind, date, &context);
                    if draft.entity.geonames.is_none() && draft.entity.by != "kb:actors-fr" {
                        if let Some(city) =
                            self.site_city(doc, &words, m, &mentions, &context, &sites)
                        {
                            let e = &mut draft.entity;
                            locate(e, city);
                            e.kind = Some(EntityType::Loc);
                            e.score = 0.6;
                            e.by = "site-in-city";
                        }
                    }
                    // Two spellings of one record ("EI", "Daesh") share it.
                    match drafts.iter().position(|d| d.entity.id == draft.entity.id) {
                        Some(existing) => existing,
                        None => {
                            if draft.entity.kind == Some(EntityType::Per) {
                                person_keys.push((drafts.len(), name_key(&draft.entity.name)));
                            }
                            drafts.push(draft);
                            drafts.len() - 1
                        }
                    }
                }
            };
            by_key.insert(format!("{:?}:{key}", m.kind), idx);
            mentions[i].entity = Some(idx);
        }
        // "le Parti socialiste (PASOK)": a known acronym in brackets says which record the
        // name before it is (the Greek party, not the French one).
        for k in 0..mentions.len() {
            let Some(next) = mentions.get(k + 1) else {
                break;
            };
            let m = &mentions[k];
            let bracketed = m.tokens.end + 1 == next.tokens.start
                && doc.slice(doc.tokens[m.tokens.end].span) == "("
                && doc
                    .tokens
                    .get(next.tokens.end)
                    .is_some_and(|t| doc.slice(t.span) == ")");
            let acronym = doc
                .slice(next.span)
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-');
            if let (true, true, Some(a), Some(e)) = (bracketed, acronym, next.entity, m.entity) {
                let known = drafts[a].entity.by.starts_with("kb:actors");
                if known && a != e && m.kind != EntityType::Per {
                    // Later mentions of the same record follow.
                    for later in mentions.iter_mut().skip(k).filter(|x| x.entity == Some(e)) {
                        later.entity = Some(a);
                    }
                }
            }
        }
        // People and organisations the actors tables know for one country ("François
        // Hollande", "la CGT") vote for it too: a story about French politics may name no French
        // place. Names guessed from the story's country before that vote take its outcome.
        let context = {
            let mut actor_votes: FxHashMap<String, usize> = FxHashMap::default();
            for m in &mentions {
                let Some(d) = m.entity.map(|e| &drafts[e].entity) else {
                    continue;
                };
                if let (Some(c), true) = (&d.country, d.by.starts_with("kb:actors")) {
                    *actor_votes.entry(c.clone()).or_default() += 1;
                }
            }
            let mut merged: Vec<(String, usize)> = place_votes.clone();
            for (c, n) in actor_votes {
                match merged.iter_mut().find(|(x, _)| *x == c) {
                    Some(slot) => slot.1 += n,
                    None => merged.push((c, n)),
                }
            }
            // No clear place and no known actor: the places as resolved ("Gao", a name
            // several places bear, read as the Malian city) tell the story's country.
            if merged.is_empty() {
                for m in mentions.iter().filter(|m| !m.nominal) {
                    let Some(d) = m.entity.map(|e| &drafts[e].entity) else {
                        continue;
                    };
                    if let (Some(c), Some(_)) = (&d.country, d.geonames) {
                        match merged.iter_mut().find(|(x, _)| x == c) {
                            Some(slot) => slot.1 += 1,
                            None => merged.push((c.clone(), 1)),
                        }
                    }
                }
            }
            // A tie goes to the country the article names first (its dateline, its lead).
            let first_named = |c: &str| {
                mentions
                    .iter()
                    .position(|m| {
                        m.entity
                            .is_some_and(|e| drafts[e].entity.country.as_deref() == Some(c))
                    })
                    .unwrap_or(usize::MAX)
            };
            merged.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then(first_named(&a.0).cmp(&first_named(&b.0)))
                    .then(a.0.cmp(&b.0))
            });
            let merged: Vec<String> = merged.into_iter().map(|(c, _)| c).collect();
            if merged.first() != context.first() {
                for d in drafts.iter_mut() {
                    let e = &mut d.entity;
                    let guessable = e.by == "story-country"
                        || (e.by == "unknown"
                            && matches!(
                                e.kind,
                                Some(EntityType::Per | EntityType::Org | EntityType::Loc)
                            ));
                    // "la République" read against the places alone becomes the country
                    // the whole story is about.
                    let republic = e.by == "story-country" && e.geonames.is_some();
                    if republic {
                        if let Some(p) = merged.first().and_then(|c| self.kb.country(c)) {
                            locate(e, p);
                            e.name = p.name.clone();
                        }
                    } else if guessable {
                        e.country = merged.first().cloned();
                        e.score = if e.kind == Some(EntityType::Loc) {
                            0.3
                        } else {
                            0.4
                        };
                        e.by = "story-country";
                    }
                }
            }
            // A republic read again may now be a country the article names: one record.
            for i in 0..drafts.len() {
                if drafts[i].entity.by != "story-country" || drafts[i].entity.geonames.is_none() {
                    continue;
                }
                let same = (0..drafts.len())
                    .find(|&j| j != i && drafts[j].entity.id == drafts[i].entity.id);
                if let Some(j) = same {
                    for m in mentions.iter_mut().filter(|m| m.entity == Some(i)) {
                        m.entity = Some(j);
                    }
                }
            }
            merged
        };

        // A name the actors tables know takes their type: "Ansar Eddine" tagged PER is an
        // organisation, "CEDEAO" tagged LOC too, "Barroso" tagged LOC a person (before the
        // appositions, which read persons).
        for m in mentions.iter_mut().filter(|m| !m.nominal) {
            if let Some(d) = m.entity.and_then(|e| drafts.get(e)) {
                let republic = d.entity.by == "story-country" && d.entity.geonames.is_some();
                if d.entity.by.starts_with("kb:actors") || republic {
                    if let Some(kind) = d.entity.kind {
                        m.kind = kind;
                    }
                }
            }
        }

        // 3. Appositions before person names.
        let mut nominal: Vec<Mention> = Vec::new();
        let mut pending_peer: Vec<(usize, usize)> = Vec::new();
        for m in &mentions {
            if m.kind != EntityType::Per || m.nominal {
                continue;
            }
            let Some(e) = m.entity else { continue };
            if let Some(desc) = self.apposition(doc, &words, m.tokens.start) {
                if desc.agent == "=" {
                    pending_peer.push((e, m.tokens.start));
                }
                drafts[e].take_apposition(&desc);
                nominal.push(nominal_mention(
                    doc,
                    desc.tokens.clone(),
                    EntityType::Per,
                    e,
                ));
            } else if let Some((span, desc)) = self.opening_apposition(doc, &words, m.tokens.start)
            {
                // "La procureure de la Cour pénale internationale, Mme Fatou Bensouda, a
                // déclaré": the office in the organisation the sentence opens with.
                let owner = self.owner(
                    &words,
                    &mentions,
                    &drafts,
                    desc.tokens.end,
                    span.end,
                    &context,
                );
                // "l'ambassadeur de France en Afghanistan": the country named in the complement.
                let complement_country = named_after_de(&words, &mentions, desc.tokens.end)
                    .map(|p| &drafts[p].entity)
                    .filter(|p| {
                        p.geonames
                            .and_then(|g| self.kb.place(g))
                            .is_some_and(|p| p.kind == PlaceKind::Country)
                    })
                    .and_then(|p| p.country.clone());
                let d = &mut drafts[e];
                if d.entity.role.is_none() {
                    match owner {
                        Some((country, role, cameo)) => {
                            d.entity.country = country;
                            d.entity.role = role;
                            d.entity.cameo = cameo;
                            d.entity.by = "apposition";
                            d.entity.score = 0.6;
                        }
                        None if !desc.agent.is_empty() => {
                            d.entity.role = Some(agent_role(&desc.agent));
                            // "l'ambassadeur de France en Afghanistan": the country named in
                            // the complement.
                            let country = desc.country.clone().or(complement_country);
                            if country.is_some() {
                                d.entity.country = country;
                                d.entity.cameo = None;
                                if d.entity.by == "story-country" {
                                    d.entity.by = "apposition";
                                }
                            }
                        }
                        None => {}
                    }
                    d.entity.role_label.get_or_insert(desc.label.clone());
                    fill_cameo(&mut d.entity);
                }
                d.descriptions
                    .push((desc.agent.clone(), desc.country.clone(), desc.label.clone()));
                nominal.push(nominal_mention(doc, span, EntityType::Per, e));
            }
        }
        // 3a. Appositions before organisation names ("le quotidien El Watan").
        self.organisation_appositions(
            doc,
            &words,
            &mut mentions,
            &mut drafts,
            &mut nominal,
            context.first(),
        );
        // 3b. Appositions after person names: "Arnaud Montebourg, le ministre du redressement
        // productif, …", "Nock Ag Attia, député touareg, …". An office without a nationality
        // in a story about one country is held in that country.
        for m in &mentions {
            if m.kind != EntityType::Per
                || m.nominal
                || words.get(m.tokens.end).map(String::as_str) != Some(",")
            {
                continue;
            }
            let Some(e) = m.entity else { continue };
            let from = m.tokens.end + 1;
            let sentence_end =
                sentence_at(doc, m.tokens.start).map_or(words.len(), |s| s.tokens.end);
            let longest = (from + self.kb.longest_agent + 3).min(sentence_end);
            let Some(desc) = (from + 1..=longest)
                .rev()
                .find_map(|stop| self.describe(&words, from, stop))
            else {
                continue;
            };
            // "…du président Barack Obama, le candidat républicain Mitt Romney poursuit": the
            // description introduces the next name, not this one.
            let introduces = mentions.iter().any(|n| {
                n.tokens.start == desc.tokens.end && n.kind == EntityType::Per && !n.nominal
            });
            if introduces {
                continue;
            }
            // "Oumar Maïga, l'un des responsables de la manifestation": one of a group.
            let one_of = words.get(from + 1).is_some_and(|w| w == "un" || w == "une")
                && words.get(from + 2).is_some_and(|w| w == "des");
            if desc.agent.is_empty() || (desc.plural && !one_of) {
                continue;
            }
            // "Bernard Thibault, son secrétaire général": a post whose role is its
            // organisation's; remembered so that "le secrétaire général" finds him later.
            if desc.agent == "=" {
                // "La CGT … Bernard Thibault, son secrétaire général": the post is held in the
                // organisation named just before, whose code the person takes.
                let org = matches!(words[from].as_str(), "son" | "sa" | "leur")
                    .then(|| {
                        recent_named(doc, &mentions, m.tokens.start, |o| {
                            let o = &drafts[o].entity;
                            o.kind == Some(EntityType::Org)
                                && o.cameo.is_some()
                                && o.geonames.is_none()
                        })
                    })
                    .flatten()
                    .map(|o| drafts[o].entity.clone());
                let d = &mut drafts[e];
                if let (Some(o), None) = (org, &d.entity.role) {
                    d.entity.country = o.country;
                    d.entity.role = o.role;
                    d.entity.cameo = o.cameo;
                    d.entity.by = "apposition";
                    d.entity.score = 0.6;
                }
                drafts[e].descriptions.push((
                    desc.agent.clone(),
                    desc.country.clone(),
                    desc.label.clone(),
                ));
                nominal.push(nominal_mention(
                    doc,
                    desc.tokens.clone(),
                    EntityType::Per,
                    e,
                ));
                continue;
            }
            // "Nadim Houry, responsable de l'organisation", "Arié Bensemhoun, président de la
            // communauté juive": an office in an organisation is held for that organisation.
            let owner = self.owner(
                &words,
                &mentions,
                &drafts,
                desc.tokens.end,
                sentence_end,
                &context,
            );
            let d = &mut drafts[e];
            if let (Some((country, role, cameo)), None) = (owner, &d.entity.role) {
                // "Ashraf Khalil, correspondant égyptien pour la chaîne … de France 24": an
                // Egyptian working for a French channel.
                let (country, cameo) = match (&desc.country, &role) {
                    (Some(c), Some(r)) if Some(c) != country.as_ref() => {
                        (Some(c.clone()), Some(format!("{c}{r}")))
                    }
                    _ => (country, cameo),
                };
                d.entity.role = role;
                d.entity.role_label.get_or_insert(desc.label.clone());
                d.entity.country = country;
                d.entity.cameo = cameo;
                d.entity.by = "apposition";
                d.entity.score = 0.6;
                fill_cameo(&mut d.entity);
            }
            if d.entity.role.is_none() {
                d.entity.role = Some(agent_role(&desc.agent));
                d.entity.role_label.get_or_insert(desc.label.clone());
                if d.entity.country.is_none()
                    || (d.entity.by == "story-country" && desc.country.is_some())
                {
                    d.entity.country = desc.country.clone().or_else(|| context.first().cloned());
                    d.entity.cameo = None;
                    if d.entity.by == "story-country" && desc.country.is_some() {
                        d.entity.by = "apposition";
                        d.entity.score = 0.6;
                    }
                }
                fill_cameo(&mut d.entity);
            }
            d.descriptions
                .push((desc.agent.clone(), desc.country.clone(), desc.label.clone()));
            // The whole apposition, up to the comma that closes it, is a mention of the
            // person: "Nadim Houry, responsable de l'organisation et spécialiste de la Syrie,".
            let end = apposition_end(&words, from, desc.tokens.end, sentence_end);
            nominal.push(nominal_mention(doc, from..end, EntityType::Per, e));
        }
        // "son homologue": the office of the person the sentence pairs it with.
        for (e, at) in pending_peer {
            let sentence = sentence_at(doc, at);
            let peer = mentions
                .iter()
                .filter(|m| m.kind == EntityType::Per && m.entity.is_some_and(|x| x != e))
                .filter(|m| {
                    m.tokens.start < at
                        && sentence.is_none_or(|s| m.tokens.start + 40 > s.tokens.start)
                })
                .filter_map(|m| m.entity)
                .rfind(|&x| drafts[x].entity.role.is_some());
            if let Some(p) = peer {
                let (role, label) = (
                    drafts[p].entity.role.clone(),
                    drafts[p].entity.role_label.clone(),
                );
                let d = &mut drafts[e];
                if d.entity.role.is_none() {
                    d.entity.role = role;
                }
                if d.entity.role_label.is_none() {
                    d.entity.role_label = label;
                }
                fill_cameo(&mut d.entity);
                for desc in d.descriptions.iter_mut().filter(|x| x.0 == "=") {
                    desc.2 = "counterpart".into();
                }
            }
        }

        // 4. Descriptions standing alone.
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
                .chain(&nominal)
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
                let Some(desc) = self.description_at(doc, &words, i, sentence.tokens.end) else {
                    i += 1;
                    continue;
                };
                let end = desc.tokens.end;
                if taken(&desc.tokens, &nominal) {
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
                    named_after_de(&words, &mentions, end)
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
                let target = match after_name {
                    Some(e) => Some((e, EntityType::Per)),
                    None => self.resolve_description(
                        doc,
                        &desc,
                        around(&mentions, desc.tokens.start),
                        &nominal[nominal.len().saturating_sub(LOOKBACK)..],
                        &mut drafts,
                        &context,
                        &words,
                    ),
                };
                if let Some((e, kind)) = target {
                    // "Bernard Bonnet, le successeur de Claude Erignac,": the whole apposition.
                    let tokens = if after_name.is_some() {
                        let close = apposition_end(
                            &words,
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
                    continue;
                }
                i = end;
            }
        }

        mentions.extend(nominal);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        let mut entities: Vec<Entity> = drafts.into_iter().map(|d| d.entity).collect();
        for (k, m) in mentions.iter().enumerate() {
            if let Some(e) = m.entity {
                entities[e].mentions.push(k);
            }
        }
        // Entities in order of first mention; mentions point to the new indices.
        let mut order: Vec<usize> = (0..entities.len())
            .filter(|&e| !entities[e].mentions.is_empty())
            .collect();
        order.sort_by_key(|&e| entities[e].mentions[0]);
        let mut remap = vec![None; entities.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = Some(new);
        }
        for m in &mut mentions {
            m.entity = m.entity.and_then(|e| remap[e]);
        }
        let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
        doc.entities = order.iter().filter_map(|&e| slots[e].take()).collect();
        doc.mentions = mentions;
    }

    /// A mention the tagger cut short, or two mentions side by side that it split, when the
    /// actors tables know the whole name: "Fond" + "monétaire international", "PSA Peugeot" +
    /// "Citroën" → "PSA Peugeot Citroën".
    fn join_split_names(&self, doc: &Document, mentions: &mut Vec<Mention>) {
        // "agence américaine Moody's" tagged whole: the name starts at its first capital; the
        // words before are a description the later steps read.
        for m in mentions
            .iter_mut()
            .filter(|m| !m.nominal && m.kind != EntityType::Per)
        {
            let lower = |t: usize| {
                doc.slice(doc.tokens[t].span)
                    .starts_with(|c: char| c.is_lowercase())
            };
            if !lower(m.tokens.start) {
                continue;
            }
            let Some(c) = (m.tokens.start..m.tokens.end).find(|&t| !lower(t)) else {
                continue;
            };
            let capital = doc
                .slice(doc.tokens[c].span)
                .starts_with(|ch: char| ch.is_uppercase());
            // "ministères des Affaires étrangères" is a name in lower case with a complement.
            let complement = (m.tokens.start..c).any(|t| {
                matches!(
                    doc.slice(doc.tokens[t].span),
                    "de" | "du" | "des" | "d'" | "d’" | "la" | "l'" | "l’"
                )
            });
            if capital && !complement {
                m.span = Span::new(doc.tokens[c].span.start, m.span.end);
                m.tokens = c..m.tokens.end;
            }
        }
        // "Fond" tagged alone before "monétaire international": the words after a mention
        // that complete a name of the hand table belong to it.
        for k in 0..mentions.len() {
            let m = &mentions[k];
            if m.nominal {
                continue;
            }
            let first = doc.slice(doc.tokens[m.tokens.start].span);
            if !self.kb.starts_hand_name(&name_key(first)) {
                continue;
            }
            let limit = mentions
                .get(k + 1)
                .map_or(doc.tokens.len(), |next| next.tokens.start)
                .min(m.tokens.end + 3);
            let longer = (m.tokens.end + 1..=limit).rev().find_map(|end| {
                let whole = Span::new(m.span.start, doc.tokens[end - 1].span.end);
                self.kb
                    .actors_named(doc.slice(whole))
                    .iter()
                    .map(|&a| &self.kb.actors[a])
                    .find(|a| a.hand)
                    .map(|a| (end, a.is_person))
            });
            if let Some((end, is_person)) = longer {
                let m = &mut mentions[k];
                m.span = Span::new(m.span.start, doc.tokens[end - 1].span.end);
                m.tokens = m.tokens.start..end;
                m.kind = if is_person {
                    EntityType::Per
                } else {
                    EntityType::Org
                };
            }
        }
        let mut k = 0;
        while k + 1 < mentions.len() {
            let (a, b) = (&mentions[k], &mentions[k + 1]);
            let adjacent = a.tokens.end == b.tokens.start && !a.nominal && !b.nominal;
            let whole = Span::new(a.span.start, b.span.end);
            if adjacent && !self.kb.actors_named(doc.slice(whole)).is_empty() {
                let kind = if a.kind == EntityType::Per && b.kind == EntityType::Per {
                    EntityType::Per
                } else {
                    EntityType::Org
                };
                let tokens = a.tokens.start..b.tokens.end;
                mentions[k].span = whole;
                mentions[k].tokens = tokens;
                mentions[k].kind = kind;
                mentions.remove(k + 1);
            } else {
                k += 1;
            }
        }
    }

    /// Names of the hand-written actor table that the tagger missed, typically at the start
    /// of a sentence ("Les Occidentaux reprochent…", "L'Otan a…"): capitalised words, longest
    /// match of up to four tokens, outside every mention.
    fn missed_names(&self, doc: &Document, mentions: &[Mention]) -> Vec<Mention> {
        let n = doc.tokens.len();
        let mut taken = vec![false; n];
        for m in mentions {
            taken[m.tokens.start.min(n)..m.tokens.end.min(n)].fill(true);
        }
        let covered = |t: usize| taken[t];
        let mut out = Vec::new();
        let mut t = 0;
        while t < doc.tokens.len() {
            let first = doc.slice(doc.tokens[t].span);
            let capital = first.chars().next().is_some_and(char::is_uppercase);
            if covered(t) || !first.chars().next().is_some_and(char::is_alphabetic) {
                t += 1;
                continue;
            }
            // A lower-case name is one long word ("talibans") or two words written so in the
            // table ("zone euro"): most words stop here, before any key is built.
            let lower_pair = !capital && self.kb.starts_lower_hand_name(first);
            if !capital && first.len() <= 5 && !lower_pair {
                t += 1;
                continue;
            }
            // Cheap test first: can this word start a name of the hand table?
            if !lower_pair && !self.kb.starts_hand_name(&name_key(first)) {
                t += 1;
                continue;
            }
            let longest = if capital { 4 } else { 2 };
            let found = (1..=longest).rev().find_map(|n| {
                let end = t + n;
                if end > doc.tokens.len() || (t..end).any(covered) {
                    return None;
                }
                let text = &doc.text[doc.tokens[t].span.start..doc.tokens[end - 1].span.end];
                // A short single word must be written as an acronym: "Un" is not the UN.
                if n == 1 && text.chars().count() <= 4 && text.chars().any(char::is_lowercase) {
                    return None;
                }
                self.kb
                    .actors_named(text)
                    .iter()
                    .map(|&a| &self.kb.actors[a])
                    // Lower case only for groups written so in news ("les talibans", "la zone
                    // euro").
                    .find(|a| {
                        a.hand
                            && (capital
                                || (!a.is_person
                                    && ((n == 2 && !text.chars().any(char::is_uppercase))
                                        || (n == 1 && text.len() > 5))))
                    })
                    .map(|a| (end, a.is_person))
            });
            match found {
                Some((end, is_person)) => {
                    out.push(Mention {
                        span: Span::new(doc.tokens[t].span.start, doc.tokens[end - 1].span.end),
                        kind: if is_person {
                            EntityType::Per
                        } else {
                            EntityType::Org
                        },
                        score: 0.7,
                        tokens: t..end,
                        entity: None,
                        nominal: false,
                    });
                    t = end;
                }
                None => t += 1,
            }
        }
        out
    }

    /// The city a square, street or building stands in ("place Tahrir", "la mosquée Sidi
    /// Yeyia", "Théâtre de verdure"), as the conventions want: the city named in the same
    /// sentence, else the city the story names most.
    fn site_city(
        &self,
        doc: &Document,
        words: &[String],
        m: &Mention,
        mentions: &[Mention],
        context: &[String],
        sites: &std::cell::OnceCell<SiteIndex>,
    ) -> Option<&kb::Place> {
        const SITES: &[&str] = &[
            "place",
            "rue",
            "avenue",
            "boulevard",
            "quartier",
            "mosquée",
            "église",
            "cathédrale",
            "théâtre",
            "stade",
            "palais",
            "pont",
            "hôtel",
            "musée",
            "université",
            "aéroport",
            "gare",
            "prison",
            "hôpital",
            "parc",
        ];
        let head = m.tokens.start.checked_sub(1).map(|t| words[t].as_str());
        let first = doc.slice(m.span).split(' ').next().map(normalize_word);
        let is_site = head.is_some_and(|w| SITES.contains(&w))
            || first.as_deref().is_some_and(|w| SITES.contains(&w));
        if !is_site {
            return None;
        }
        let sites = sites.get_or_init(|| SiteIndex::new(doc, mentions));
        let city_of = |t: usize| self.city_token(doc, sites, t);
        let sentence = sentence_at(doc, m.tokens.start)?;
        let near = sentence
            .tokens
            .clone()
            .filter(|t| !m.tokens.contains(t))
            .find_map(city_of);
        near.or_else(|| {
            *sites.story_city.get_or_init(|| {
                let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
                for t in 0..doc.tokens.len() {
                    if let Some(p) = city_of(t) {
                        *counts.entry(p).or_default() += 1;
                    }
                }
                counts
                    .into_iter()
                    .max_by_key(|&(p, n)| (n, self.kb.places[p].geonames))
                    .map(|(p, _)| p)
            })
        })
        .map(|p| &self.kb.places[p])
        // No city named at all: "rassemblés place Tahrir" in an Egyptian story is in its
        // capital.
        .or_else(|| context.first().and_then(|c| self.kb.capital(c)))
    }

    /// The largest city a token names, when the tagger read the token as (part of) a place
    /// and it is capitalised: "Morsi" is no Indian town here.
    fn city_token(&self, doc: &Document, sites: &SiteIndex, t: usize) -> Option<usize> {
        let w = doc.slice(doc.tokens[t].span);
        if !sites.in_place.get(t).copied().unwrap_or(false)
            || !w.chars().next().is_some_and(char::is_uppercase)
        {
            return None;
        }
        self.kb
            .places_named(w)
            .iter()
            .copied()
            .filter(|&p| self.kb.places[p].kind == PlaceKind::City)
            .max_by_key(|&p| self.kb.places[p].population)
    }

    /// The countries the story's places and adjectives name, with their votes, most first.
    fn story_countries(&self, doc: &Document, words: &[String]) -> Vec<(String, usize)> {
        let mut counts: FxHashMap<String, usize> = FxHashMap::default();
        // Every place named counts for its country ("Ajaccio" for France), a country most:
        // the largest place of that name, so the story's cities outweigh a stray adjective.
        for m in doc.mentions.iter().filter(|m| m.kind == EntityType::Loc) {
            let candidates = self.kb.places_named(doc.slice(m.span));
            let best = candidates
                .iter()
                .map(|&p| &self.kb.places[p])
                .max_by_key(|p| (p.kind == PlaceKind::Country, p.population));
            // An ambiguous name ("Tripoli") must not vote for the reading it is being weighed on.
            let clear = |p: &&kb::Place| p.kind == PlaceKind::Country || candidates.len() == 1;
            if let Some(place) = best.filter(|p| !p.iso3.is_empty()).filter(clear) {
                *counts.entry(place.iso3.clone()).or_default() += 2;
            }
        }
        for w in words {
            if let Some(c) = self.kb.demonym(w) {
                *counts.entry(c.to_string()).or_default() += 1;
            }
        }
        let mut v: Vec<(String, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// A named mention → a draft record from the knowledge base, or one of its own.
    fn resolve_name(
        &self,
        text: &str,
        kind: EntityType,
        date: Option<Date>,
        context: &[String],
    ) -> Draft {
        let mut e = Entity {
            name: text.to_string(),
            kind: Some(kind),
            score: 0.5,
            ..Entity::default()
        };
        let actor = || {
            self.kb
                .actors_named(text)
                .iter()
                .map(|&a| &self.kb.actors[a])
                .find(|a| match kind {
                    EntityType::Per => a.is_person,
                    EntityType::Org | EntityType::Misc => !a.is_person,
                    EntityType::Loc => !a.is_person && a.hand,
                })
                // The hand table knows better than the tagger: "Ansar Eddine" tagged PER.
                .or_else(|| {
                    self.kb
                        .actors_named(text)
                        .iter()
                        .map(|&a| &self.kb.actors[a])
                        .find(|a| a.hand && kind != EntityType::Loc)
                })
        };
        let place = || self.best_place(text, context);
        let found_actor = if kind == EntityType::Loc {
            // "Barroso" tagged LOC: a person the hand table knows beats a small town outside
            // the story's country (whose own vote is in the context: read the first only).
            self.kb
                .actors_named(text)
                .iter()
                .map(|&a| &self.kb.actors[a])
                .find(|a| a.hand && a.is_person)
                .filter(|_| {
                    place().is_none_or(|p| {
                        p.kind == PlaceKind::City
                            && p.population < 100_000
                            && context.first() != Some(&p.iso3)
                    })
                })
        } else {
            actor()
        };
        if let Some(a) = found_actor {
            e.id = a.id.clone();
            e.name = a.name.clone();
            e.kind = Some(if a.is_person {
                EntityType::Per
            } else {
                EntityType::Org
            });
            e.wikidata = a.wikidata.clone();
            e.score = if a.hand { 0.95 } else { 0.8 };
            e.by = if a.hand { "kb:actors-fr" } else { "kb:actors" };
            if let Some(role) = a.roles_at(date).first() {
                e.cameo = Some(role.code.clone());
                let (country, agent) = split_code(&self.kb, &role.code);
                e.country = country;
                e.role = agent;
            } else if let Some(first) = a.roles.first() {
                // No office on that day (Mohamed Morsi a week before taking office): the
                // country still holds, the role does not.
                let (country, _) = split_code(&self.kb, &first.code);
                e.cameo = country.clone();
                e.country = country;
            }
            return Draft {
                entity: e,
                descriptions: Vec::new(),
            };
        }
        if matches!(kind, EntityType::Loc | EntityType::Org) {
            if let Some(city) = self.kb.landmark_city(text) {
                locate(&mut e, city);
                e.score = 0.9;
                e.by = "kb:landmarks";
                if kind == EntityType::Loc {
                    return Draft {
                        entity: e,
                        descriptions: Vec::new(),
                    };
                }
            }
            if kind == EntityType::Loc || e.id.is_empty() {
                if let Some(p) = place() {
                    locate(&mut e, p);
                    e.name = p.name.clone();
                    e.score = 0.85;
                    e.by = "kb:places";
                    e.kind = Some(EntityType::Loc)
                        .filter(|_| kind == EntityType::Loc)
                        .or(Some(kind));
                    return Draft {
                        entity: e,
                        descriptions: Vec::new(),
                    };
                }
            }
            if !e.id.is_empty() {
                return Draft {
                    entity: e,
                    descriptions: Vec::new(),
                };
            }
        }
        if kind == EntityType::Loc {
            // A name the places do not know but the hand table does: "MNLA" tagged LOC.
            if let Some(a) = actor() {
                e.id = a.id.clone();
                e.name = a.name.clone();
                e.kind = Some(if a.is_person {
                    EntityType::Per
                } else {
                    EntityType::Org
                });
                e.wikidata = a.wikidata.clone();
                e.score = 0.9;
                e.by = "kb:actors-fr";
                if let Some(role) = a.roles_at(date).first() {
                    e.cameo = Some(role.code.clone());
                    let (country, agent) = split_code(&self.kb, &role.code);
                    e.country = country;
                    e.role = agent;
                }
                return Draft {
                    entity: e,
                    descriptions: Vec::new(),
                };
            }
        }
        // "Benghazii", "Villeurbane": a letter doubled or left single in a city of 50,000 or
        // more people.
        if kind == EntityType::Loc {
            if let Some(p) = self.misspelt_place(text) {
                locate(&mut e, p);
                e.name = p.name.clone();
                e.score = 0.6;
                e.by = "kb:places-spelling";
                return Draft {
                    entity: e,
                    descriptions: Vec::new(),
                };
            }
        }
        // "en Asie", "au Moyen-Orient": a world region, no country.
        if kind == EntityType::Loc {
            if let Some(region) = self.kb.region(&text.to_lowercase()) {
                e.id = format!("region:{}", region.to_lowercase());
                e.cameo = Some(region.to_string());
                e.score = 0.7;
                e.by = "kb:regions";
                return Draft {
                    entity: e,
                    descriptions: Vec::new(),
                };
            }
        }
        // "la République", "les valeurs de la République": the story's country.
        if kind != EntityType::Per && name_key(text) == "republique" {
            if let Some(p) = context.first().and_then(|c| self.kb.country(c)) {
                locate(&mut e, p);
                e.name = p.name.clone();
                e.kind = Some(EntityType::Loc);
                e.score = 0.6;
                e.by = "story-country";
                return Draft {
                    entity: e,
                    descriptions: Vec::new(),
                };
            }
        }
        // "les Grecs", "des Syriens": a people stands for its country.
        if let Some(iso3) = self.kb.demonym(text) {
            if text.chars().next().is_some_and(char::is_uppercase) {
                e.id = format!("grp:{}", iso3.to_lowercase());
                e.name = self
                    .kb
                    .country(iso3)
                    .map_or(iso3.to_string(), |p| p.name.clone());
                e.kind = Some(EntityType::Org);
                e.country = Some(iso3.to_string());
                e.cameo = Some(iso3.to_string());
                e.score = 0.7;
                e.by = "demonym";
                return Draft {
                    entity: e,
                    descriptions: Vec::new(),
                };
            }
        }
        // A person the actors tables lack but the offices table names: "Manuel Valls" in
        // July 2012 is France's interior minister.
        if kind == EntityType::Per {
            let held = date.and_then(|d| self.kb.office_of(text, d));
            if let Some((phrase, country, holder)) = held {
                e.id = holder.to_string();
                e.country = Some(country.to_string());
                e.role = self.kb.agent(phrase).map(|a| agent_role(&a.code));
                e.role_label = self.kb.agent(phrase).map(|a| a.label.clone());
                e.score = 0.7;
                e.by = "kb:offices";
                fill_cameo(&mut e);
                return Draft {
                    entity: e,
                    descriptions: Vec::new(),
                };
            }
        }
        let prefix = match kind {
            EntityType::Per => "per",
            EntityType::Loc => "loc",
            EntityType::Org => "org",
            EntityType::Misc => "misc",
        };
        e.id = format!("{prefix}:{}", name_key(text).replace(' ', "_"));
        e.by = "unknown";
        // A person or organisation the base does not know most likely belongs to the country
        // the story is about; a guess, marked by its low score and "by".
        // So does a place the gazetteer lacks (a village, a region, a misspelt city), with no
        // GeoNames id and a lower score.
        if matches!(kind, EntityType::Per | EntityType::Org | EntityType::Loc) {
            if let Some(c) = context.first() {
                e.country = Some(c.clone());
                e.score = if kind == EntityType::Loc { 0.3 } else { 0.4 };
                e.by = "story-country";
            }
        }
        // "DOMINIQUE FAGET" (a credit in capitals) → "Dominique Faget".
        if text.chars().any(char::is_alphabetic)
            && !text.chars().any(char::is_lowercase)
            && kind == EntityType::Per
        {
            e.name = title_case(text);
        }
        Draft {
            entity: e,
            descriptions: Vec::new(),
        }
    }

    /// The organisation an office belongs to, from the complement right after it ("de
    /// l'organisation", "d'une ONG", "de la Commission européenne"): its country, role and
    /// actor code. A complement that is a country's own office ("de l'Intérieur") is not an
    /// organisation and gives none.
    #[allow(clippy::type_complexity)]
    fn owner(
        &self,
        words: &[String],
        mentions: &[Mention],
        drafts: &[Draft],
        end: usize,
        sentence_end: usize,
        context: &[String],
    ) -> Option<(Option<String>, Option<String>, Option<String>)> {
        let mut p = end;
        if !matches!(
            words.get(p).map(String::as_str),
            Some("de" | "du" | "d'" | "des")
        ) {
            return None;
        }
        p += 1;
        let det = p;
        while p < sentence_end
            && matches!(words[p].as_str(), "la" | "le" | "l'" | "les" | "une" | "un")
        {
            p += 1;
        }
        // A named organisation.
        if let Some(e) = mentions
            .iter()
            .find(|m| (m.tokens.start == p || m.tokens.start == det) && !m.nominal)
            .and_then(|m| m.entity)
        {
            let o = &drafts[e].entity;
            if o.kind != Some(EntityType::Org) || o.cameo.is_none() {
                return None;
            }
            return Some((o.country.clone(), o.role.clone(), o.cameo.clone()));
        }
        // A group noun: "l'organisation" (the one named before), "une ONG féminine".
        let longest = (det + self.kb.longest_agent + 3).min(sentence_end);
        let desc = (det + 1..=longest)
            .rev()
            .find_map(|stop| self.describe(words, det, stop));
        let Some(desc) = desc else {
            // "Le président du directoire de PSA": a body of the organisation named next.
            let org = (p + 1..(p + 3).min(sentence_end))
                .find_map(|q| named_after_de(words, mentions, q))
                .map(|e| &drafts[e].entity)
                .filter(|o| o.kind == Some(EntityType::Org) && o.cameo.is_some())?;
            return Some((org.country.clone(), org.role.clone(), org.cameo.clone()));
        };
        if desc.kind == "anaphor" {
            let e = mentions
                .iter()
                .filter(|m| m.tokens.end <= det && m.kind == EntityType::Org && !m.nominal)
                .filter_map(|m| m.entity)
                .rfind(|&e| {
                    let o = &drafts[e].entity;
                    o.cameo.is_some() && o.role.as_deref() != Some("MED")
                })?;
            let o = &drafts[e].entity;
            return Some((o.country.clone(), o.role.clone(), o.cameo.clone()));
        }
        if desc.kind != "ORG" || desc.agent.is_empty() || desc.agent == "=" {
            return None;
        }
        let role = agent_role(&desc.agent);
        if matches!(role.as_str(), "GOV" | "MIL" | "LEG" | "JUD" | "COP") {
            return None;
        }
        let country = desc.country.clone().or_else(|| context.first().cloned());
        let cameo = country.as_ref().map(|c| format!("{c}{role}"));
        Some((country, Some(role), cameo))
    }

    /// The place a name most likely designates in this story.
    /// The largest city of 50,000 people or more whose name is `name` with one doubled letter
    /// made single or one letter doubled: the usual slips ("Benghazii", "Villeurbane").
    fn misspelt_place(&self, name: &str) -> Option<&kb::Place> {
        let chars: Vec<char> = name.chars().collect();
        if chars.len() < 5 || name.contains(' ') {
            return None;
        }
        let mut variants: Vec<String> = Vec::new();
        for i in 1..chars.len() {
            if chars[i] == chars[i - 1] && chars[i].is_alphabetic() {
                let mut v = chars.clone();
                v.remove(i);
                variants.push(v.into_iter().collect());
            }
        }
        for i in 1..chars.len() {
            // The letters French and transliterated names double.
            if matches!(
                chars[i],
                'l' | 'n' | 's' | 't' | 'r' | 'm' | 'p' | 'f' | 'c'
            ) {
                let mut v = chars.clone();
                v.insert(i, chars[i]);
                variants.push(v.into_iter().collect());
            }
        }
        variants
            .iter()
            .flat_map(|v| self.kb.places_named(v).iter())
            .map(|&p| &self.kb.places[p])
            .filter(|p| p.kind == PlaceKind::City && p.population >= 50_000)
            .max_by_key(|p| p.population)
    }

    fn best_place(&self, name: &str, context: &[String]) -> Option<&kb::Place> {
        // "au Caire", "du Havre": the article is part of the name but not of the mention.
        if self.kb.places_named(name).is_empty() {
            for article in ["Le ", "La ", "Les ", "L'"] {
                let full = format!("{article}{name}");
                if !self.kb.places_named(&full).is_empty() {
                    return self.best_place(&full, context);
                }
            }
        }
        let key = name_key(name);
        self.kb
            .places_named(name)
            .iter()
            .map(|&p| &self.kb.places[p])
            .map(|p| {
                let mut score = (p.population as f64 + 1.0).log10();
                if p.kind == PlaceKind::Country {
                    score += 5.0;
                }
                if p.feature == "PPLC" {
                    score += 2.0;
                }
                if let Some(rank) = context.iter().position(|c| *c == p.iso3) {
                    score += 3.0 / (1.0 + rank as f64);
                }
                if name_key(&p.name) == key {
                    score += 1.0;
                }
                (score, p)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.geonames.cmp(&a.1.geonames)))
            .map(|(_, p)| p)
    }

    /// A sentence that opens with an office and its complement, then a comma and the name:
    /// "La correspondante de la chaîne France 24 en Égypte, Sonia Dridi, …". The tokens of the
    /// whole description, and the office.
    fn opening_apposition(
        &self,
        doc: &Document,
        words: &[String],
        name_start: usize,
    ) -> Option<(std::ops::Range<usize>, Description)> {
        let mut comma = name_start.checked_sub(1)?;
        // "…, Mme Fatou Bensouda": a title between the comma and the name.
        if matches!(
            words[comma].as_str(),
            "m." | "mme" | "mlle" | "me" | "dr" | "mgr"
        ) {
            comma = comma.checked_sub(1)?;
        }
        if words[comma] != "," {
            return None;
        }
        let sentence = sentence_at(doc, name_start)?;
        // The comma must be the name's sentence's own: one that ends the paragraph before it
        // ("… a dit,\nMacron") opens no apposition.
        if comma < sentence.tokens.start {
            return None;
        }
        let mut start = sentence.tokens.start;
        while start < comma && matches!(words[start].as_str(), "-" | "–" | "—") {
            start += 1;
        }
        let fits = |desc: &Description, start: usize| {
            let one_of = matches!(words[start].as_str(), "un" | "une") && words[start + 1] == "des";
            desc.kind == "PER" && (!desc.plural || one_of) && desc.agent != "="
        };
        let opening = (comma - start <= 16 && !(start..comma).any(|q| words[q] == ","))
            .then(|| {
                let longest = (start + 1 + self.kb.longest_agent).min(comma);
                (start + 2..=longest)
                    .rev()
                    .find_map(|stop| self.describe(words, start, stop))
            })
            .flatten()
            .filter(|d| fits(d, start) && !d.agent.is_empty());
        if let Some(desc) = opening {
            return Some((start..comma, desc));
        }
        // Inside the sentence: "comme le précise l'ambassadeur de France en Afghanistan,
        // Bernard Bajolet", "assisté par l'ex-conseiller économique de M. Samaras, Christos
        // Staïkouras": a definite office whose complement holds only names and small words.
        let from = comma.saturating_sub(12).max(start);
        for q in (from..comma).filter(|&q| matches!(words[q].as_str(), "le" | "la" | "l'")) {
            if (q..comma).any(|x| words[x] == ",") {
                continue;
            }
            for k in q + 2..=comma {
                let complement = k == comma
                    || (matches!(words[k].as_str(), "de" | "du" | "des" | "d'" | "en")
                        && simple_complement(doc, words, k, comma));
                if !complement {
                    continue;
                }
                // An adjective may stand between the office and its complement.
                let desc = self.describe(words, q, k).or_else(|| {
                    (k > q + 2)
                        .then(|| self.describe(words, q, k - 1))
                        .flatten()
                });
                if let Some(desc) = desc.filter(|d| fits(d, q)) {
                    return Some((q..comma, desc));
                }
                break;
            }
        }
        None
    }

    /// A title phrase ending right before token `name_start` ("le ministre français de la
    /// Défense", "son homologue russe", "du président français").
    fn apposition(
        &self,
        doc: &Document,
        words: &[String],
        name_start: usize,
    ) -> Option<Description> {
        let sentence = sentence_at(doc, name_start)?;
        let longest = self.kb.longest_agent + 4;
        let lo = name_start
            .saturating_sub(longest)
            .max(sentence.tokens.start);
        for start in lo..name_start {
            if let Some(desc) = self.describe(words, start, name_start) {
                return Some(desc);
            }
        }
        // "le journaliste de France 2 Gilles Jacquier", "du préfet de Corse Claude Érignac":
        // an office, its complement, then the name.
        let lo = name_start
            .saturating_sub(longest + 6)
            .max(sentence.tokens.start);
        for start in (lo..name_start).filter(|&q| is_opener(&words[q])) {
            for k in start + 2..name_start.saturating_sub(1) {
                if !matches!(words[k].as_str(), "de" | "du" | "des" | "d'") {
                    continue;
                }
                if !simple_complement(doc, words, k, name_start) {
                    break;
                }
                if let Some(mut desc) = self.describe(words, start, k) {
                    desc.tokens.end = name_start;
                    return Some(desc);
                }
            }
        }
        None
    }

    /// A description starting at `i` within the sentence ending at `end`, the longest one.
    fn description_at(
        &self,
        doc: &Document,
        words: &[String],
        i: usize,
        end: usize,
    ) -> Option<Description> {
        // "trois enfants" introduces a group; "les deux dirigeants" points back to people
        // named before (the event coder reads it).
        let numeral = groups::is_number(&words[i]);
        if numeral && i > 0 && matches!(words[i - 1].as_str(), "les" | "ces" | "leurs" | "nos") {
            return None;
        }
        // "certains manifestants", "plus de 23.000 manifestants", "une trentaine d'individus",
        // "les cinq individus", "quatre Français".
        if let Some(q) = groups::quantified(words, i, end) {
            // "d'autres prisonniers", "des milliers de manifestants": the mention starts after
            // a contracted article, as in `describe`.
            let contracted = matches!(words[i].as_str(), "du" | "des" | "au" | "aux" | "de" | "d'");
            if let Some(desc) = self.nationality(doc, words, i, q.body, end) {
                return Some(desc);
            }
            let longest = self.kb.longest_agent + 4;
            let desc = self.head_can_start(words, q.body, end).then(|| {
                (q.body + 1..=(q.body + longest).min(end))
                    .rev()
                    .find_map(|stop| self.describe_from(words, i, q.body, contracted, stop))
            });
            if let Some(desc) = desc.flatten() {
                // "les deux dirigeants", "ces trois ministres" point back to people named
                // before (the event coder reads them); "les cinq individus" are a group.
                let named_kind = matches!(
                    agent_role(&desc.agent).as_str(),
                    "GOV" | "LEG" | "PTY" | "JUD" | "ELI" | "=" | ""
                );
                if q.definite_count && (named_kind || desc.kind.starts_with("anaphor")) {
                    return None;
                }
                return Some(desc);
            }
        }
        if !is_opener(&words[i]) {
            return None;
        }
        // "les Thaïlandais", "des Français": a nationality noun.
        if let Some(desc) = self.nationality(doc, words, i, i + 1, end) {
            return Some(desc);
        }
        if !self.head_can_start(words, i + 1, end) {
            return None;
        }
        let longest = self.kb.longest_agent + 4;
        (i + 2..=(i + 1 + longest).min(end))
            .rev()
            .find_map(|stop| self.describe(words, i, stop))
    }

    /// Whether the first word from `from` that is not a nationality or "nouveau" can start an
    /// agent phrase; most openers fail here, before any phrase is built.
    fn head_can_start(&self, words: &[String], from: usize, end: usize) -> bool {
        let head = words
            .get(from..end.min(from + 5))
            .unwrap_or(&[])
            .iter()
            .find(|w| self.kb.demonym(w).is_none() && !PRE_NOUN_ADJECTIVES.contains(&w.as_str()));
        head.is_some_and(|w| self.kb.starts_agent(self.compound_head(w).0))
    }

    /// The office word in a compound: "président-candidat" reads as "président";
    /// "ex-conseiller" as "conseiller", held no longer (the flag).
    fn compound_head<'w>(&self, w: &'w str) -> (&'w str, bool) {
        if !w.contains('-') || self.kb.starts_agent(w) {
            return (w, false);
        }
        if let Some(rest) = w.strip_prefix("ex-") {
            return (rest, true);
        }
        match w.split_once('-') {
            Some((left, _)) if left.chars().count() >= 4 && self.kb.starts_agent(left) => {
                (left, false)
            }
            _ => (w, false),
        }
    }

    /// Reads `words[start..stop]` as [opener] agent phrase with demonyms anywhere in it.
    fn describe(&self, words: &[String], start: usize, stop: usize) -> Option<Description> {
        let mut k = start;
        let contracted = matches!(words[k].as_str(), "du" | "des" | "au" | "aux" | "de" | "d'");
        if is_opener(&words[k]) {
            k += 1;
        }
        // "un des chercheurs de HRW", "l'un des responsables": one of a group.
        if k < stop
            && k > start
            && words[k] == "des"
            && matches!(words[k - 1].as_str(), "un" | "une")
        {
            k += 1;
        } else if k + 1 < stop && matches!(words[k].as_str(), "un" | "une") && words[k + 1] == "des"
        {
            k += 2;
        }
        self.describe_from(words, start, k, contracted, stop)
    }

    /// Reads `words[k..stop]` as an agent phrase with demonyms anywhere in it, the mention
    /// starting at `start` (after it when `contracted`: "du président").
    fn describe_from(
        &self,
        words: &[String],
        start: usize,
        k: usize,
        contracted: bool,
        stop: usize,
    ) -> Option<Description> {
        if k >= stop {
            return None;
        }
        // Cheap test first: the last word must be able to end a phrase, or be a word the
        // reading below skips (a nationality, a region, an adjective).
        let last = words.get(stop.checked_sub(1)?)?.as_str();
        let can_end = self.kb.ends_agent(last)
            || self.kb.ends_agent(self.compound_head(last).0)
            || PRE_NOUN_ADJECTIVES.contains(&last)
            || POST_NOUN_ADJECTIVES.contains(&last)
            || self.kb.demonym(last).is_some()
            || self.kb.region(last).is_some()
            || last.starts_with("pro");
        if !can_end {
            return None;
        }
        let mut country = None;
        let mut region = None;
        let mut pro = None;
        let mut phrase: Vec<&str> = Vec::new();
        let mut former = false;
        let mut incoming = false;
        for (at, w) in words.iter().enumerate().take(stop).skip(k) {
            // "le jeune conducteur", "la jeune victime": the noun, when one follows.
            if matches!(w.as_str(), "jeune" | "jeunes") && at + 1 < stop {
                continue;
            }
            // "ce nouveau gouvernement", "l'actuel président": the office is the noun.
            if PRE_NOUN_ADJECTIVES.contains(&w.as_str()) {
                incoming |= w.starts_with("nouve") || w.starts_with("futur");
                continue;
            }
            if !phrase.is_empty() && POST_NOUN_ADJECTIVES.contains(&w.as_str()) {
                incoming |= w.starts_with("élu");
                continue;
            }
            let w = if phrase.is_empty() {
                let (head, was) = self.compound_head(w);
                former |= was;
                head
            } else {
                w.as_str()
            };
            if let Some(c) = self.kb.demonym(w) {
                country = Some(c.to_string());
                continue;
            }
            if let Some(r) = self.kb.region(w) {
                region = Some(r.to_string());
                continue;
            }
            if let Some(c) = w
                .strip_prefix("pro")
                .and_then(|r| self.kb.demonym(r.trim_start_matches('-')))
            {
                pro = Some(c.to_string());
                continue;
            }
            phrase.push(w);
        }
        if phrase.is_empty() {
            return None;
        }
        // Tokens "l'" "intérieur" are written "l'intérieur" in the table.
        let phrase = phrase.join(" ").replace("' ", "'");
        let agent = self.kb.agent(&phrase)?;
        // Contracted articles ("du président") are prepositions: the mention starts after them.
        let first = if contracted { start + 1 } else { start };
        Some(Description {
            phrase: phrase.clone(),
            tokens: first..stop,
            // "l'ex-président": a person no longer in office, one of the elites.
            agent: if former && agent.kind == "PER" {
                "ELI".to_string()
            } else {
                agent.code.clone()
            },
            label: agent.label.clone(),
            kind: agent.kind.clone(),
            plural: agent.plural,
            country,
            region,
            pro,
            incoming,
        })
    }

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
                    .or_else(|| self.person_of_trade(doc, desc, mentions, drafts, words));
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

    /// The record of the capital of the story's country, made if the article has none.
    fn capital_record(&self, context: &[String], drafts: &mut Vec<Draft>) -> Option<usize> {
        let capital = self.kb.capital(context.first()?)?;
        let id = format!("geo:{}", capital.geonames);
        if let Some(e) = drafts.iter().position(|d| d.entity.id == id) {
            return Some(e);
        }
        let draft = self.resolve_name(&capital.name, EntityType::Loc, None, context);
        if draft.entity.id != id {
            return None;
        }
        drafts.push(draft);
        Some(drafts.len() - 1)
    }

    /// The record of a group or office named by a description: country + role
    /// ("grp:rus_mil"), shared by every description of the same kind in the article.
    fn group_record(
        &self,
        doc: &Document,
        desc: &Description,
        mentions: &[Mention],
        drafts: &mut Vec<Draft>,
        context: &[String],
        words: &[String],
    ) -> Option<(usize, EntityType)> {
        if desc.agent.is_empty() {
            return None;
        }
        // "l'ONG" after "Human Rights Watch": the organisation of that kind named before.
        let role = agent_role(&desc.agent);
        if desc.country.is_none() && !desc.plural {
            let named = mentions
                .iter()
                .filter(|m| m.tokens.end <= desc.tokens.start && !m.nominal)
                .filter_map(|m| m.entity)
                .rfind(|&e| {
                    let d = &drafts[e].entity;
                    d.kind == Some(EntityType::Org)
                        && d.role.as_deref() == Some(role.as_str())
                        && !d.id.starts_with("grp:")
                });
            if let Some(e) = named {
                return Some((e, EntityType::Org));
            }
            // "L'entreprise", "la chaîne" after "PSA", "France 24": the last organisation
            // named just before that nothing else describes; it takes the role.
            // "son parti": the possessive points back as the article does.
            let definite = matches!(
                words.get(desc.tokens.start).map(String::as_str),
                Some("le" | "la" | "l'" | "son" | "sa" | "leur")
            );
            // "le gouvernement", "l'armée" are the country's own, never a company just named.
            let state = matches!(role.as_str(), "GOV" | "MIL" | "COP" | "JUD" | "LEG");
            let unknown = (definite && !role.is_empty() && !state)
                .then(|| {
                    recent_named(doc, mentions, desc.tokens.start, |e| {
                        let d = &drafts[e].entity;
                        d.kind == Some(EntityType::Org) && d.role.is_none() && d.geonames.is_none()
                    })
                })
                .flatten();
            if let Some(e) = unknown {
                let d = &mut drafts[e].entity;
                d.role = Some(role.clone());
                d.role_label = Some(desc.label.clone());
                d.cameo = None;
                fill_cameo(d);
                return Some((e, EntityType::Org));
            }
        }
        if let (None, Some(region)) = (&desc.country, &desc.region) {
            return Some((self.region_record(desc, region, drafts), EntityType::Org));
        }
        let country = desc
            .country
            .clone()
            .or_else(|| self.group_country(doc, desc, mentions, drafts, context, words));
        let id = format!(
            "grp:{}_{}",
            country.as_deref().unwrap_or("xxx").to_lowercase(),
            desc.agent.to_lowercase()
        );
        let e = match drafts.iter().position(|d| d.entity.id == id) {
            Some(e) => e,
            None => {
                let name = match &country {
                    Some(c) => format!(
                        "{} {}",
                        self.kb.country(c).map_or(c.as_str(), |p| p.name.as_str()),
                        desc.label
                    ),
                    None => desc.label.clone(),
                };
                let mut entity = Entity {
                    id,
                    name,
                    kind: Some(EntityType::Org),
                    country: country.clone(),
                    role: Some(agent_role(&desc.agent)),
                    role_label: Some(desc.label.clone()),
                    score: 0.7,
                    by: "nominal",
                    ..Entity::default()
                };
                fill_cameo(&mut entity);
                drafts.push(Draft {
                    entity,
                    descriptions: Vec::new(),
                });
                drafts.len() - 1
            }
        };
        Some((e, EntityType::Org))
    }

    /// "l'avocat", "le journaliste français", "le chanteur": a trade, not an office, with a
    /// definite article points back to the last person named in the sentences just before
    /// whom nothing else describes (no other role, no other country), who then takes that role.
    fn person_of_trade(
        &self,
        doc: &Document,
        desc: &Description,
        mentions: &[Mention],
        drafts: &mut [Draft],
        words: &[String],
    ) -> Option<usize> {
        let opener = words.get(desc.tokens.start).map(String::as_str);
        let role = agent_role(&desc.agent);
        if !matches!(opener, Some("le" | "la" | "l'"))
            || desc.agent.is_empty()
            || desc.agent == "="
            || matches!(role.as_str(), "GOV" | "MIL" | "LEG")
        {
            return None;
        }
        let e = recent_named(doc, mentions, desc.tokens.start, |e| {
            let d = &drafts[e].entity;
            d.kind == Some(EntityType::Per)
                && d.role.as_ref().is_none_or(|r| *r == role)
                && (desc.country.is_none()
                    || d.country.is_none()
                    || d.country == desc.country
                    || d.by == "story-country")
        })?;
        let d = &mut drafts[e].entity;
        if d.role.is_none() {
            d.role = Some(role);
            d.role_label = Some(desc.label.clone());
            if desc.country.is_some() {
                d.country = desc.country.clone();
            }
            d.cameo = None;
            fill_cameo(d);
        }
        Some(e)
    }

    /// "Le ministre de l'Intérieur", "le président français": whoever held that office in
    /// that country (the description's, else the story's) on the story's date, by the offices
    /// table; the record the article already has for that person, else a new one.
    fn office_holder(
        &self,
        doc: &Document,
        desc: &Description,
        drafts: &mut Vec<Draft>,
        context: &[String],
        words: &[String],
    ) -> Option<usize> {
        // "un ministre" is someone new; "le ministre", "la présidente" someone known, and so
        // is "au nouveau président" (the contracted article is definite).
        let opener = words.get(desc.tokens.start).map(String::as_str);
        let contracted = desc
            .tokens
            .start
            .checked_sub(1)
            .is_some_and(|p| matches!(words[p].as_str(), "du" | "au"));
        if !matches!(opener, Some("le" | "la" | "l'")) && !contracted {
            return None;
        }
        let date = doc.meta.published.map(|p| p.date)?;
        let country = desc.country.clone().or_else(|| context.first().cloned())?;
        // "le nouveau président" a week before the inauguration: the president-elect.
        // "le président-candidat" holds the office of its first word.
        let phrase = match desc.phrase.split_once('-') {
            Some((head, _)) if self.kb.agent(head).is_some() => head,
            _ => desc.phrase.as_str(),
        };
        let incoming = desc
            .incoming
            .then(|| self.kb.incoming_holder(phrase, &country, date, 90))
            .flatten();
        let office = incoming.or_else(|| self.kb.office_holder(phrase, &country, date))?;
        if let Some(e) = drafts.iter().position(|d| d.entity.id == office.holder) {
            return Some(e);
        }
        let mut entity = Entity {
            id: office.holder.clone(),
            name: office.name.clone(),
            kind: Some(EntityType::Per),
            country: Some(country.clone()),
            role: Some(agent_role(&desc.agent)),
            role_label: Some(desc.label.clone()),
            score: 0.6,
            by: "kb:offices",
            ..Entity::default()
        };
        if let Some(a) = self.kb.holder_actor(office) {
            entity.wikidata = a.wikidata.clone();
            if let Some(role) = a.roles_at(Some(date)).first() {
                entity.cameo = Some(role.code.clone());
            }
        }
        fill_cameo(&mut entity);
        drafts.push(Draft {
            entity,
            descriptions: vec![(desc.agent.clone(), Some(country), desc.label.clone())],
        });
        Some(drafts.len() - 1)
    }

    /// The record of a region's group: "les dirigeants européens" → EURGOV, no country.
    fn region_record(&self, desc: &Description, region: &str, drafts: &mut Vec<Draft>) -> usize {
        let role = agent_role(&desc.agent);
        let id = format!(
            "grp:{}_{}",
            region.to_lowercase(),
            desc.agent.to_lowercase()
        );
        if let Some(e) = drafts.iter().position(|d| d.entity.id == id) {
            return e;
        }
        drafts.push(Draft {
            entity: Entity {
                id,
                name: format!("{region} {}", desc.label),
                kind: Some(EntityType::Org),
                country: None,
                cameo: Some(format!("{region}{role}")),
                role: Some(role),
                role_label: Some(desc.label.clone()),
                score: 0.7,
                by: "nominal",
                ..Entity::default()
            },
            descriptions: Vec::new(),
        });
        drafts.len() - 1
    }

    /// The country of a group with no demonym ("les rebelles"): for a "pro-X" group, another
    /// country named in the sentence; else the country of a government named in the sentence
    /// ("le régime de Bachar al-Assad"); else the last group of that kind; else the story's.
    fn group_country(
        &self,
        doc: &Document,
        desc: &Description,
        mentions: &[Mention],
        drafts: &[Draft],
        context: &[String],
        words: &[String],
    ) -> Option<String> {
        let sentence = sentence_at(doc, desc.tokens.start)?;
        let in_sentence: Vec<usize> = (sentence.tokens.start..sentence.tokens.end).collect();
        if let Some(pro) = &desc.pro {
            return in_sentence
                .iter()
                .filter_map(|&t| self.kb.demonym(&words[t]).map(str::to_string))
                .find(|c| c != pro);
        }
        // "les rebelles de Homs": a place right after the description.
        let place = named_after_de(words, mentions, desc.tokens.end)
            .filter(|&e| drafts[e].entity.kind == Some(EntityType::Loc))
            .and_then(|e| drafts[e].entity.country.clone());
        if place.is_some() {
            return place;
        }
        // Police, crowds, criminals and gunmen belong where they act: "la police" in a
        // sentence set in Cairo is Egyptian, even in a story about a French channel. The
        // nearest place of the sentence, else of the sentence before.
        if matches!(
            agent_role(&desc.agent).as_str(),
            "COP" | "CVL" | "CRM" | "UAF"
        ) {
            let here = sentence_index(doc, desc.tokens.start)?;
            for s in [Some(here), here.checked_sub(1)].into_iter().flatten() {
                let range = doc.sentences[s].tokens.clone();
                // A place where something happens ("dans les rues du Caire"), not where a thing
                // comes from ("une cape brodée du Liban").
                let locative = |m: &Mention| {
                    (m.tokens.start.saturating_sub(3)..m.tokens.start).any(|q| {
                        matches!(
                            words[q].as_str(),
                            "à" | "au" | "aux" | "en" | "dans" | "sur" | "place" | "près"
                        )
                    })
                };
                let local = mentions
                    .iter()
                    .filter(|m| range.contains(&m.tokens.start) && !m.nominal && locative(m))
                    .filter_map(|m| Some((m, m.entity?)))
                    .filter(|(_, e)| {
                        let d = &drafts[*e].entity;
                        d.kind == Some(EntityType::Loc) && d.geonames.is_some()
                    })
                    .min_by_key(|(m, _)| m.tokens.start.abs_diff(desc.tokens.start))
                    .and_then(|(_, e)| drafts[e].entity.country.clone());
                if local.is_some() {
                    return local;
                }
            }
        }
        let government = mentions
            .iter()
            .filter(|m| sentence.tokens.contains(&m.tokens.start))
            .filter_map(|m| m.entity)
            .find(|&e| {
                drafts[e].entity.role.as_deref() == Some("GOV")
                    && drafts[e].entity.country.is_some()
            });
        if let Some(e) = government {
            return drafts[e].entity.country.clone();
        }
        let previous = drafts.iter().rev().find(|d| {
            d.entity.id.starts_with("grp:")
                && d.entity.role.as_deref() == Some(desc.agent.as_str())
                && d.entity.country.is_some()
        });
        if let Some(d) = previous {
            return d.entity.country.clone();
        }
        context.first().cloned()
    }
}

/// A description: a title, office or group noun with what it says.
#[derive(Debug, Clone)]
struct Description {
    /// The agent phrase of the agents table it was read as ("ministre de l'intérieur").
    phrase: String,
    tokens: std::ops::Range<usize>,
    agent: String,
    label: String,
    kind: String,
    plural: bool,
    country: Option<String>,
    /// A world region instead of a country: "les dirigeants européens" → EUR.
    region: Option<String>,
    pro: Option<String>,
    /// "le nouveau président", "le président élu": whoever takes the office next when the
    /// story comes just before that.
    incoming: bool,
}

/// The role of an agent code: its first three letters ("GOVMIL", a defence minister, is a
/// government actor; the full code stays in the agents table for the record's label).
fn agent_role(agent: &str) -> String {
    agent.get(..3).unwrap_or(agent).to_string()
}

/// "FRAGOV" → (FRA, GOV); "IGOUNO" → (None, IGO); "WST" → (None, WST).
/// Points an entity at a place of the gazetteer: id, GeoNames id, country, coordinates.
fn locate(e: &mut Entity, p: &kb::Place) {
    e.id = format!("geo:{}", p.geonames);
    e.geonames = Some(p.geonames);
    e.country = Some(p.iso3.clone()).filter(|c| !c.is_empty());
    e.cameo = e.country.clone();
    e.lat = p.lat;
    e.lon = p.lon;
}

fn split_code(kb: &KnowledgeBase, code: &str) -> (Option<String>, Option<String>) {
    if code.len() >= 3 && kb.is_country_code(&code[..3]) {
        let agent = code.get(3..6).filter(|a| a.len() == 3).map(str::to_string);
        (Some(code[..3].to_string()), agent)
    } else {
        (None, code.get(..3).map(str::to_string))
    }
}

/// Country + role → the CAMEO actor code, when the record has none yet.
fn fill_cameo(e: &mut Entity) {
    if e.cameo.is_none() {
        e.cameo = match (&e.country, &e.role) {
            (Some(c), Some(r)) => Some(format!("{c}{r}")),
            (Some(c), None) => Some(c.clone()),
            (None, Some(r)) => Some(r.clone()),
            _ => None,
        };
    } else if let (Some(c), Some(r), Some(code)) = (&e.country, &e.role, &e.cameo) {
        if code.len() == 3 && code == c {
            e.cameo = Some(format!("{c}{r}"));
        }
    }
}

fn nominal_mention(
    doc: &Document,
    tokens: std::ops::Range<usize>,
    kind: EntityType,
    entity: usize,
) -> Mention {
    Mention {
        span: Span::new(
            doc.tokens[tokens.start].span.start,
            doc.tokens[tokens.end - 1].span.end,
        ),
        kind,
        score: 0.8,
        tokens,
        entity: Some(entity),
        nominal: true,
    }
}

fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// Whether a capitalised word (a name in apposition) follows the description.
/// Where an apposition that starts at `from` and whose office ends at `desc_end` closes: at
/// the next punctuation mark, within 16 tokens, or before the verb when the writer left out
/// the closing comma ("Barroso, le président de la commission européenne se dit …"); else
/// right after the office.
fn apposition_end(words: &[String], from: usize, desc_end: usize, sentence_end: usize) -> usize {
    let limit = (from + 16).min(sentence_end);
    (desc_end..limit)
        .find(|&q| {
            matches!(
                words[q].as_str(),
                "," | ";"
                    | ":"
                    | "("
                    | ")"
                    | "«"
                    | "»"
                    | "\""
                    | "—"
                    | "–"
                    | "se"
                    | "s'"
                    | "qui"
                    | "a"
                    | "est"
                    | "avait"
                    | "était"
                    | "sera"
                    | "va"
                    | "doit"
            ) || (q + 1 == sentence_end && matches!(words[q].as_str(), "." | "!" | "?"))
        })
        .unwrap_or(desc_end)
}

/// Whether `words[from..to]` is a complement of names: small words, capitalised words and
/// numbers only ("de France en Afghanistan", "de M. Samaras", "de France 2").
fn simple_complement(doc: &Document, words: &[String], from: usize, to: usize) -> bool {
    from < to
        && to - from <= 7
        && (from..to).all(|q| {
            COMPLEMENT_WORDS.contains(&words[q].as_str())
                || doc
                    .slice(doc.tokens[q].span)
                    .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        })
        && !COMPLEMENT_WORDS.contains(&words[to - 1].as_str())
}

fn next_is_name(doc: &Document, at: usize, end: usize) -> bool {
    at < end
        && doc
            .slice(doc.tokens[at].span)
            .starts_with(char::is_uppercase)
}

/// Points each quotation's speaker to the mention it names and that mention's entity: the
/// mention inside the speaker's words, the last one when there are several ("le ministre
/// français de la Défense Jean-Yves Le Drian"), or a mention that covers them. "Les deux
/// dirigeants" and other speakers that are no mention keep their words only.
pub fn attach_speakers(doc: &mut Document) {
    let Document {
        quotes,
        mentions,
        entities,
        ..
    } = doc;
    // Mentions by start, with the running maximum of their ends: the ones a speaker's words
    // overlap are found by binary search.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (mentions[i].span.start, i));
    let max_end: Vec<usize> = order
        .iter()
        .scan(0, |e, &i| {
            *e = (*e).max(mentions[i].span.end);
            Some(*e)
        })
        .collect();
    for q in quotes.iter_mut() {
        let Some(speaker) = q.speaker.as_mut() else {
            continue;
        };
        let s = speaker.span;
        // Either way of nesting, a mention ends at or after the words start and starts at or
        // before they end.
        let first = max_end.partition_point(|&end| end < s.start);
        let found = order[first..]
            .iter()
            .take_while(|&&i| mentions[i].span.start <= s.end)
            .map(|&i| (i, &mentions[i]))
            .filter(|(_, m)| {
                (s.start <= m.span.start && m.span.end <= s.end)
                    || (m.span.start <= s.start && s.end <= m.span.end)
            })
            .max_by_key(|(_, m)| (!m.nominal, m.span.end));
        if let Some((i, m)) = found {
            speaker.mention = Some(i);
            speaker.entity = m.entity.and_then(|e| entities.get(e)).map(|e| e.id.clone());
        }
    }
}
