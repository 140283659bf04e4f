//! What the whole story is about, for agents and targets a sentence leaves implicit: its main
//! country, the countries of the places it names, and its actors, most mentioned first.

use super::*;

impl Story {
    pub(super) fn of(doc: &Document, kb: &KnowledgeBase) -> Story {
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        for e in &doc.entities {
            if let Some(c) = e.country.as_deref() {
                *counts.entry(c).or_default() += e.mentions.len();
            }
        }
        let country = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| c.to_string());
        let mut places: FxHashMap<&str, usize> = FxHashMap::default();
        for e in doc.entities.iter().filter(|e| e.geonames.is_some()) {
            if let Some(c) = e.country.as_deref() {
                *places.entry(c).or_default() += e.mentions.len();
            }
        }
        let mut place_countries: Vec<(&str, usize)> = places.into_iter().collect();
        place_countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let place_countries = place_countries
            .into_iter()
            .map(|(c, _)| c.to_string())
            .collect();
        // Actors by code, weighed by their mentions; the most mentioned entity speaks for
        // its code.
        let mut by_code: Vec<(Member, usize, usize)> = Vec::new();
        let title: Vec<Span> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Title)
            .map(|b| b.span)
            .collect();
        let in_title = |s: Span| title.iter().any(|t| t.start <= s.start && s.end <= t.end);
        // …and so does the lead, the first two sentences of the body.
        let lead_end = doc
            .sentences
            .iter()
            .filter(|x| {
                doc.blocks
                    .get(x.block)
                    .is_some_and(|b| matches!(b.kind, BlockKind::Paragraph))
            })
            .nth(1)
            .map_or(0, |x| x.span.end);
        for (i, e) in doc.entities.iter().enumerate() {
            let Some(&first) = e.mentions.first() else {
                continue;
            };
            let Some(mention) = doc.mentions.get(first) else {
                continue;
            };
            let Some(mut m) = member(doc, kb, i, mention.span, !mention.nominal) else {
                continue;
            };
            // A city is where things happen, not whom they are done to.
            if m.code.is_empty() || m.place {
                continue;
            }
            m.implied = true;
            m.place = false;
            // The headline names the story's protagonists: its mentions weigh more.
            let n: usize = e
                .mentions
                .iter()
                .map(|&k| match doc.mentions.get(k).map(|x| x.span) {
                    Some(s) if in_title(s) => 3,
                    Some(s) if s.start < lead_end => 2,
                    _ => 1,
                })
                .sum();
            match by_code.iter_mut().find(|(b, _, _)| b.code == m.code) {
                Some(slot) => {
                    slot.1 += n;
                    if n > slot.2 {
                        slot.0 = m;
                        slot.2 = n;
                    }
                }
                None => by_code.push((m, n, n)),
            }
        }
        by_code.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.span.start.cmp(&b.0.span.start)));
        Story {
            country,
            place_countries,
            actors: by_code.into_iter().map(|(m, _, _)| m).collect(),
        }
    }

    /// Where a withdrawal with no place named leaves from: the country of the story's places
    /// that is not the sources' own ("L'OTAN prévoit de retirer ses forces" in a story set in
    /// Afghanistan).
    pub(super) fn withdrawn_from(&self, sources: &[Member], span: Span) -> Option<Member> {
        let c = self.place_countries.iter().find(|c| {
            sources
                .iter()
                .all(|s| s.country.as_deref() != Some(c.as_str()) && s.code != **c)
        })?;
        Some(Member {
            code: c.clone(),
            entity: None,
            span,
            country: Some(c.clone()),
            role: None,
            place: false,
            implied: true,
            named: false,
        })
    }

    /// The target an act with no actor in its object is about: the story's most mentioned
    /// actor that is none of the sources.
    pub(super) fn implied_target(&self, sources: &[Member]) -> Option<Member> {
        self.actors
            .iter()
            .find(|a| {
                sources
                    .iter()
                    .all(|s| s.code != a.code && (s.entity.is_none() || s.entity != a.entity))
            })
            .cloned()
    }
}
