//! The records descriptions with no name stand for: whoever held an office on the story's date
//! ("le ministre de l'Intérieur", by the offices table), the person just named whose trade a
//! definite description gives ("l'avocat"), and a group of a country or world region
//! ("l'armée russe" → grp:rus_mil, "les dirigeants européens" → EURGOV), its country read
//! from the description, the sentence around it, or the story.

use super::descriptions::Description;
use super::nearby::{named_after_de, recent_named, sentence_at, sentence_index};
use super::{agent_role, fill_cameo, Draft, Linker};
use crate::document::{Document, Entity, EntityType, Mention};

impl Linker {
    /// The record of a group or office named by a description: country + role
    /// ("grp:rus_mil"), shared by every description of the same kind in the article.
    pub(super) fn group_record(
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
    pub(super) fn person_of_trade(
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
    pub(super) fn office_holder(
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
