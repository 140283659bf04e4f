//! Named mentions into records (steps 1 and 2 of linking): a person's later short forms join
//! the full name ("Le Drian", "B. Obama"), other names group by their folded spelling, and
//! each group is looked up once in the knowledge base: the actors tables (hand-written French
//! entries first), landmarks, places, world regions, peoples, the offices table; a name the
//! base does not know becomes a record of its own, guessed to be of the story's country. Then
//! a known acronym in brackets says which record the name before it is, and a name the actors
//! tables know takes their type.

use super::kb::{KnowledgeBase, PlaceKind};
use super::places::locate;
use super::{agent_role, fill_cameo, Draft, Linker};
use crate::document::{Document, Entity, EntityType, Mention};
use crate::lang::name_key;
use jiff::civil::Date;
use rustc_hash::FxHashMap;

impl Linker {
    /// One record per named mention's group, each mention pointed to its own
    /// (`Mention::entity` is an index into the drafts returned).
    pub(super) fn link_names(
        &self,
        doc: &Document,
        words: &[String],
        mentions: &mut [Mention],
        date: Option<Date>,
        context: &[String],
    ) -> Vec<Draft> {
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
                    let mut draft = self.resolve_name(text, m.kind, date, context);
                    if draft.entity.geonames.is_none() && draft.entity.by != "kb:actors-fr" {
                        if let Some(city) = self.site_city(doc, words, m, mentions, context, &sites)
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
        drafts
    }

    /// A named mention → a draft record from the knowledge base, or one of its own.
    pub(super) fn resolve_name(
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
}

/// "le Parti socialiste (PASOK)": a known acronym in brackets says which record the
/// name before it is (the Greek party, not the French one).
pub(super) fn follow_bracketed_acronyms(
    doc: &Document,
    mentions: &mut [Mention],
    drafts: &[Draft],
) {
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
}

/// A name the actors tables know takes their type: "Ansar Eddine" tagged PER is an
/// organisation, "CEDEAO" tagged LOC too, "Barroso" tagged LOC a person (before the
/// appositions, which read persons).
pub(super) fn take_record_kinds(mentions: &mut [Mention], drafts: &[Draft]) {
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
}

/// "FRAGOV" → (FRA, GOV); "IGOUNO" → (None, IGO); "WST" → (None, WST).
fn split_code(kb: &KnowledgeBase, code: &str) -> (Option<String>, Option<String>) {
    if code.len() >= 3 && kb.is_country_code(&code[..3]) {
        let agent = code.get(3..6).filter(|a| a.len() == 3).map(str::to_string);
        (Some(code[..3].to_string()), agent)
    } else {
        (None, code.get(..3).map(str::to_string))
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
