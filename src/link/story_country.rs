//! The story's country: the countries a story is about, most likely first, which settle an
//! ambiguous place name and give a country to the people, organisations and places the
//! knowledge base does not know. First the places and nationality adjectives vote (before any
//! name is linked); once names are linked, the people and organisations the actors tables
//! know for one country vote too, and the records guessed before take the outcome.

use super::kb::{self, PlaceKind};
use super::places::locate;
use super::{Draft, Linker};
use crate::document::{Document, EntityType, Mention};
use rustc_hash::FxHashMap;

impl Linker {
    /// The countries the story's places and adjectives name, with their votes, most first.
    pub(super) fn story_countries(&self, doc: &Document, words: &[String]) -> Vec<(String, usize)> {
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

    /// People and organisations the actors tables know for one country ("François
    /// Hollande", "la CGT") vote for it too: a story about French politics may name no French
    /// place. Names guessed from the story's country before that vote take its outcome.
    pub(super) fn settle_story_country(
        &self,
        place_votes: &[(String, usize)],
        context: &[String],
        mentions: &mut [Mention],
        drafts: &mut [Draft],
    ) -> Vec<String> {
        let mut actor_votes: FxHashMap<String, usize> = FxHashMap::default();
        for m in mentions.iter() {
            let Some(d) = m.entity.map(|e| &drafts[e].entity) else {
                continue;
            };
            if let (Some(c), true) = (&d.country, d.by.starts_with("kb:actors")) {
                *actor_votes.entry(c.clone()).or_default() += 1;
            }
        }
        let mut merged: Vec<(String, usize)> = place_votes.to_vec();
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
            let same =
                (0..drafts.len()).find(|&j| j != i && drafts[j].entity.id == drafts[i].entity.id);
            if let Some(j) = same {
                for m in mentions.iter_mut().filter(|m| m.entity == Some(i)) {
                    m.entity = Some(j);
                }
            }
        }
        merged
    }
}
