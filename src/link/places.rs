//! Places: the gazetteer record a place name designates in this story (ambiguity settled by
//! the story's countries, capitals and population: "Tripoli", "Paris"; "au Caire" read with
//! its article; one letter doubled or left single: "Benghazii"), the city a square, street
//! or building stands in ("place Tahrir"), and the record of the story's capital.

use super::kb::{self, PlaceKind};
use super::nearby::sentence_at;
use super::{Draft, Linker};
use crate::document::{Document, Entity, EntityType, Mention};
use crate::lang::{name_key, normalize_word};
use rustc_hash::FxHashMap;

/// What the city of a site needs of the whole document, computed once: which tokens lie inside
/// a place mention, and the city the story names most.
pub(super) struct SiteIndex {
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

impl Linker {
    /// The city a square, street or building stands in ("place Tahrir", "la mosquée Sidi
    /// Yeyia", "Théâtre de verdure"), as the conventions want: the city named in the same
    /// sentence, else the city the story names most.
    pub(super) fn site_city(
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

    /// The largest city of 50,000 people or more whose name is `name` with one doubled letter
    /// made single or one letter doubled: the usual slips ("Benghazii", "Villeurbane").
    pub(super) fn misspelt_place(&self, name: &str) -> Option<&kb::Place> {
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

    /// The place a name most likely designates in this story.
    pub(super) fn best_place(&self, name: &str, context: &[String]) -> Option<&kb::Place> {
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

    /// The record of the capital of the story's country, made if the article has none.
    pub(super) fn capital_record(
        &self,
        context: &[String],
        drafts: &mut Vec<Draft>,
    ) -> Option<usize> {
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
}

/// Points an entity at a place of the gazetteer: id, GeoNames id, country, coordinates.
pub(super) fn locate(e: &mut Entity, p: &kb::Place) {
    e.id = format!("geo:{}", p.geonames);
    e.geonames = Some(p.geonames);
    e.country = Some(p.iso3.clone()).filter(|c| !c.is_empty());
    e.cameo = e.country.clone();
    e.lat = p.lat;
    e.lon = p.lon;
}
