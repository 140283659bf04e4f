//! The knowledge base the linker reads, compiled once from tables embedded in the binary
//! (`data/fr/kb/`, derived by `scripts/derive_kb_places.py` and `scripts/derive_kb_actors.py`
//! from GeoNames, CLDR, mledoze/countries and the Phoenix dictionaries, plus hand-written
//! French tables):
//! - places: countries, first-level regions and cities with GeoNames ids, ISO codes,
//!   coordinates, population, and the names French news uses for them;
//! - demonyms: "russe", "Syriens" → country;
//! - landmarks: seats of power that stand for their city (Matignon → Paris);
//! - actors: people and organisations with date-bounded CAMEO codes (`FRAGOV@2012-05-16..`);
//! - agents: French titles, offices and group nouns → CAMEO agent ("ministre de la défense" →
//!   GOV, "armée" → MIL), including anaphors ("l'organisation", "le groupe").
//!
//! Every name is looked up through [`name_key`] (case, accents, hyphens folded). A malformed
//! row in an embedded table is a build defect: [`KnowledgeBase::french`] reports it with file
//! and line, and a test loads every table.

use crate::lang::name_key;
use jiff::civil::Date;
use rustc_hash::FxHashMap;

const PLACES: &str = include_str!("../../data/fr/kb/places.tsv");
const DEMONYMS: &str = include_str!("../../data/fr/kb/demonyms.tsv");
const REGIONS: &str = include_str!("../../data/fr/kb/regions-fr.tsv");
const LANDMARKS: &str = include_str!("../../data/fr/kb/landmarks.tsv");
const ACTORS: &str = include_str!("../../data/fr/kb/actors.tsv");
const ACTORS_FR: &str = include_str!("../../data/fr/kb/actors-fr.tsv");
pub(crate) const AGENTS_FR: &str = include_str!("../../data/fr/kb/agents-fr.tsv");
/// Group and people nouns carried from Phoenix.agents.txt by sense
/// (`scripts/derive_kb_agents.py`); the hand table above wins over them.
pub(crate) const AGENTS_PHOENIX_FR: &str = include_str!("../../data/fr/kb/agents-phoenix-fr.tsv");
const OFFICES_FR: &str = include_str!("../../data/fr/kb/offices-fr.tsv");

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}:{line}: {why}")]
pub struct KbError {
    pub file: &'static str,
    pub line: usize,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    Admin1,
    City,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonames: u64,
    pub kind: PlaceKind,
    pub name: String,
    pub iso3: String,
    /// GeoNames first-level division code within the country ("48" for Moscow City; "CA" in
    /// the US); empty for a country or when GeoNames gives none.
    pub admin1: String,
    pub feature: String,
    pub population: u64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A CAMEO code held between two dates (either end open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub code: String,
    pub from: Option<Date>,
    pub until: Option<Date>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: String,
    pub is_person: bool,
    pub name: String,
    pub roles: Vec<Role>,
    pub wikidata: Option<String>,
    pub hand: bool,
}

/// Who held an office, when: "ministre de l'intérieur" of FRA, Manuel Valls, 2012–2014.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    /// An actor id (of the actors tables, or one of the offices table's own).
    pub holder: String,
    pub name: String,
    pub from: Date,
    pub until: Option<Date>,
}

/// One term of an office, as the offices table gives it for a holder's name.
#[derive(Debug, Clone)]
struct HeldOffice {
    phrase: String,
    country: String,
    from: Date,
    until: Option<Date>,
    holder: String,
}

/// What a French title or group noun says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// CAMEO agent code (GOV, MIL, REB…); "=" for "homologue" (same office as the other
    /// party); empty for a pure anaphor.
    pub code: String,
    pub label: String,
    pub plural: bool,
    /// "PER", "ORG" or "anaphor".
    pub kind: String,
}

#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    pub places: Vec<Place>,
    place_names: FxHashMap<String, Vec<usize>>,
    country_by_iso3: FxHashMap<String, usize>,
    /// The offices each holder's name held.
    offices_by_name: FxHashMap<String, Vec<HeldOffice>>,
    /// The capital (feature PPLC) of each country, by ISO alpha-3.
    capital_by_iso3: FxHashMap<String, usize>,
    demonyms: FxHashMap<String, String>,
    /// Adjectives of world regions → CAMEO region code ("européens" → EUR).
    regions: FxHashMap<String, String>,
    landmarks: FxHashMap<String, u64>,
    place_by_id: FxHashMap<u64, usize>,
    /// First-level divisions by (ISO alpha-3, GeoNames admin1 code).
    admin1_by_code: FxHashMap<(String, String), usize>,
    pub actors: Vec<Actor>,
    actor_names: FxHashMap<String, Vec<usize>>,
    actor_ids: FxHashMap<String, usize>,
    /// Lower-case phrase → agent; the longest phrase has this many words.
    agents: FxHashMap<String, Agent>,
    pub longest_agent: usize,
    agent_first_words: rustc_hash::FxHashSet<String>,
    /// The last token of every agent phrase ("intérieur" of "ministre de l'intérieur").
    agent_last_words: rustc_hash::FxHashSet<String>,
    /// (office phrase, country or organisation code) → its holders over time.
    offices: FxHashMap<(String, String), Vec<Office>>,
    hand_first_words: rustc_hash::FxHashSet<String>,
    /// First words of hand names written in lower case with two words ("zone euro"), as
    /// written: the linker looks for those without building a name key for every word.
    hand_lower_first_words: rustc_hash::FxHashSet<String>,
}

/// Data rows of a table: comments, blank lines and the column-name row ("id", "phrase",
/// "form", "name", "office" first) skipped; with their 1-based line numbers.
fn rows(text: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(n, l)| (n + 1, l.split('\t').map(str::trim).collect::<Vec<_>>()))
        .filter(|(_, f)| {
            !matches!(
                f.first().copied(),
                Some("id" | "phrase" | "form" | "name" | "office")
            ) || f.len() < 2
                || !f[1]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

fn parse_date(s: &str) -> Option<Date> {
    s.parse().ok()
}

/// "RUSGOV@2012-05-07..2018-05-07", "RUSGOV@2012-05-07..", "IGOUNO".
pub fn parse_role(s: &str) -> Option<Role> {
    let (code, range) = match s.split_once('@') {
        Some((c, r)) => (c, Some(r)),
        None => (s, None),
    };
    if code.len() < 3
        || !code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    let (from, until) = match range {
        None => (None, None),
        Some(r) => {
            let (a, b) = r.split_once("..")?;
            let from = if a.is_empty() {
                None
            } else {
                Some(parse_date(a)?)
            };
            let until = if b.is_empty() {
                None
            } else {
                Some(parse_date(b)?)
            };
            (from, until)
        }
    };
    Some(Role {
        code: code.to_string(),
        from,
        until,
    })
}

impl KnowledgeBase {
    pub fn french() -> Result<KnowledgeBase, KbError> {
        let mut kb = KnowledgeBase::default();
        kb.load_places()?;
        kb.load_actors(ACTORS, "data/fr/kb/actors.tsv", false)?;
        kb.load_actors(ACTORS_FR, "data/fr/kb/actors-fr.tsv", true)?;
        kb.actor_ids = kb
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        kb.load_agents()?;
        kb.load_offices()?;
        Ok(kb)
    }

    fn load_places(&mut self) -> Result<(), KbError> {
        const FILE: &str = "data/fr/kb/places.tsv";
        for (line, f) in rows(PLACES) {
            let bad = |why: &str| KbError {
                file: FILE,
                line,
                why: why.to_string(),
            };
            if f.len() < 11 {
                return Err(bad("expected 11 columns"));
            }
            let kind = match f[1] {
                "country" => PlaceKind::Country,
                "admin1" => PlaceKind::Admin1,
                "city" => PlaceKind::City,
                _ => return Err(bad("kind must be country, admin1 or city")),
            };
            let place = Place {
                geonames: f[0]
                    .parse()
                    .map_err(|_| bad("id must be a GeoNames number"))?,
                kind,
                name: f[2].to_string(),
                iso3: f[4].to_string(),
                admin1: f[5].to_string(),
                feature: f[6].to_string(),
                population: f[7].parse().unwrap_or(0),
                lat: f[8].parse().ok(),
                lon: f[9].parse().ok(),
            };
            let idx = self.places.len();
            let mut names: Vec<&str> = vec![f[2]];
            names.extend(f[10].split('|').filter(|a| !a.is_empty()));
            for name in names {
                let key = name_key(name);
                let list = self.place_names.entry(key).or_default();
                if !list.contains(&idx) {
                    list.push(idx);
                }
            }
            if kind == PlaceKind::Country {
                self.country_by_iso3.insert(place.iso3.clone(), idx);
            }
            if kind == PlaceKind::Admin1 && !place.admin1.is_empty() {
                self.admin1_by_code
                    .insert((place.iso3.clone(), place.admin1.clone()), idx);
            }
            if place.feature == "PPLC" {
                self.capital_by_iso3.insert(place.iso3.clone(), idx);
            }
            self.place_by_id.insert(place.geonames, idx);
            self.places.push(place);
        }
        for (line, f) in rows(DEMONYMS) {
            if f.len() < 2 {
                return Err(KbError {
                    file: "data/fr/kb/demonyms.tsv",
                    line,
                    why: "expected form, iso3".into(),
                });
            }
            self.demonyms.insert(f[0].to_lowercase(), f[1].to_string());
        }
        for (line, f) in rows(REGIONS) {
            if f.len() < 2 || f[1].len() != 3 {
                return Err(KbError {
                    file: "data/fr/kb/regions-fr.tsv",
                    line,
                    why: "expected form, three-letter CAMEO region code".into(),
                });
            }
            self.regions.insert(f[0].to_lowercase(), f[1].to_string());
        }
        for (line, f) in rows(LANDMARKS) {
            let city = f.get(1).and_then(|c| c.parse().ok()).ok_or(KbError {
                file: "data/fr/kb/landmarks.tsv",
                line,
                why: "expected name, city GeoNames id".into(),
            })?;
            self.landmarks.insert(name_key(f[0]), city);
        }
        Ok(())
    }

    fn load_actors(
        &mut self,
        text: &'static str,
        file: &'static str,
        hand: bool,
    ) -> Result<(), KbError> {
        for (line, f) in rows(text) {
            let bad = |why: String| KbError { file, line, why };
            if f.len() < 5 {
                return Err(bad("expected id, type, name, aliases, codes".into()));
            }
            let is_person = match f[1] {
                "PER" => true,
                "ORG" => false,
                other => return Err(bad(format!("type '{other}' must be PER or ORG"))),
            };
            let roles = f[4]
                .split(';')
                .filter(|r| !r.is_empty())
                .map(|r| parse_role(r).ok_or_else(|| bad(format!("bad code '{r}'"))))
                .collect::<Result<Vec<Role>, KbError>>()?;
            let actor = Actor {
                id: f[0].to_string(),
                is_person,
                name: f[2].to_string(),
                roles,
                wikidata: f.get(6).filter(|w| !w.is_empty()).map(|w| w.to_string()),
                hand,
            };
            // A hand row replaces the derived row with the same id.
            // Only hand rows look for a derived row to replace: the derived table is loaded
            // first and its ids are unique, so a scan per derived row would be quadratic.
            let existing = if hand {
                self.actors.iter().position(|a| a.id == actor.id)
            } else {
                None
            };
            let idx = match existing {
                Some(i) => {
                    self.actors[i] = actor;
                    i
                }
                _ => {
                    self.actors.push(actor);
                    self.actors.len() - 1
                }
            };
            let mut names: Vec<&str> = vec![f[2]];
            names.extend(f[3].split('|').filter(|a| !a.is_empty()));
            for name in names {
                let key = name_key(name);
                if hand && !name.chars().any(char::is_uppercase) {
                    if let Some((first, _)) = name.split_once(' ') {
                        self.hand_lower_first_words.insert(first.to_string());
                    }
                }
                if hand {
                    if let Some(first) = key.split(' ').next() {
                        self.hand_first_words.insert(first.to_string());
                        // "L'Oréal" is two tokens, "L'" first.
                        if let Some(i) = first.find('\'') {
                            self.hand_first_words.insert(first[..=i].to_string());
                        }
                    }
                }
                let list = self.actor_names.entry(key).or_default();
                if !list.contains(&idx) {
                    // Hand entries first: they know French usage.
                    if hand {
                        list.insert(0, idx);
                    } else {
                        list.push(idx);
                    }
                }
            }
        }
        Ok(())
    }

    fn load_agents(&mut self) -> Result<(), KbError> {
        for (file, text) in [
            ("data/fr/kb/agents-fr.tsv", AGENTS_FR),
            ("data/fr/kb/agents-phoenix-fr.tsv", AGENTS_PHOENIX_FR),
        ] {
            for (line, f) in rows(text) {
                if f.len() < 5 {
                    return Err(KbError {
                        file,
                        line,
                        why: "expected phrase, agent, label, number, kind".into(),
                    });
                }
                // Keyed without accents: the press writes "le chef de l'Etat".
                let phrase =
                    crate::lang::fold_accents(&crate::lang::normalize_word(f[0])).into_owned();
                // The first table wins: the hand rows know French usage.
                if self.agents.contains_key(&phrase) {
                    continue;
                }
                // In tokens: "l'intérieur" is two.
                let tokens = phrase.split(' ').count() + phrase.matches('\'').count();
                self.longest_agent = self.longest_agent.max(tokens);
                if let Some(first) = phrase.split(' ').next() {
                    self.agent_first_words.insert(first.to_string());
                }
                if let Some(last) = phrase.rsplit(' ').next() {
                    let token = last.rsplit('\'').next().unwrap_or(last);
                    self.agent_last_words.insert(token.to_string());
                }
                self.agents.insert(
                    phrase,
                    Agent {
                        code: f[1].to_string(),
                        label: f[2].to_string(),
                        plural: f[3] == "pl",
                        kind: f[4].to_string(),
                    },
                );
            }
        }
        Ok(())
    }

    fn load_offices(&mut self) -> Result<(), KbError> {
        const FILE: &str = "data/fr/kb/offices-fr.tsv";
        for (line, f) in rows(OFFICES_FR) {
            let bad = |why: String| KbError {
                file: FILE,
                line,
                why,
            };
            if f.len() < 5 {
                return Err(bad(
                    "expected office, country, holder, name, from, to".into()
                ));
            }
            let phrase = crate::lang::fold_accents(&crate::lang::normalize_word(f[0])).into_owned();
            if !self.agents.contains_key(&phrase) {
                return Err(bad(format!(
                    "office '{}' is not a phrase of agents-fr.tsv",
                    f[0]
                )));
            }
            let from = parse_date(f[4]).ok_or_else(|| bad(format!("bad date '{}'", f[4])))?;
            let until = match f.get(5).filter(|d| !d.is_empty()) {
                Some(d) => Some(parse_date(d).ok_or_else(|| bad(format!("bad date '{d}'")))?),
                None => None,
            };
            if until.is_some_and(|u| u < from) {
                return Err(bad("office left before it was taken".into()));
            }
            self.offices_by_name
                .entry(name_key(f[3]))
                .or_default()
                .push(HeldOffice {
                    phrase: phrase.clone(),
                    country: f[1].to_string(),
                    from,
                    until,
                    holder: f[2].to_string(),
                });
            self.offices
                .entry((phrase, f[1].to_string()))
                .or_default()
                .push(Office {
                    holder: f[2].to_string(),
                    name: f[3].to_string(),
                    from,
                    until,
                });
        }
        Ok(())
    }

    /// Who held an office of a country (or organisation) on a day: the holder whose term
    /// holds the date, the latest one when terms touch.
    pub fn office_holder(&self, phrase: &str, country: &str, date: Date) -> Option<&Office> {
        self.offices
            .get(&(
                crate::lang::fold_accents(phrase).into_owned(),
                country.to_string(),
            ))?
            .iter()
            .filter(|o| o.from <= date && o.until.is_none_or(|u| date < u))
            .max_by_key(|o| o.from)
    }

    /// The next holder of an office, taking it within `days` after `date`: "le nouveau
    /// président" a week before the inauguration is the president-elect.
    pub fn incoming_holder(
        &self,
        phrase: &str,
        country: &str,
        date: Date,
        days: i64,
    ) -> Option<&Office> {
        self.offices
            .get(&(
                crate::lang::fold_accents(phrase).into_owned(),
                country.to_string(),
            ))?
            .iter()
            .filter(|o| o.from > date && i64::from((o.from - date).get_days()) <= days)
            .min_by_key(|o| o.from)
    }

    /// The office a person of that name held on `date`, by the offices table: the office
    /// phrase, its country and the holder's id ("Arnaud Montebourg" in 2012 → "ministre du redressement
    /// productif", FRA).
    pub fn office_of(&self, name: &str, date: Date) -> Option<(&str, &str, &str)> {
        self.offices_by_name
            .get(&name_key(name))?
            .iter()
            .filter(|o| o.from <= date && o.until.is_none_or(|u| date < u))
            .max_by_key(|o| o.from)
            .map(|o| (o.phrase.as_str(), o.country.as_str(), o.holder.as_str()))
    }

    /// The actors-table record of an office holder.
    pub fn holder_actor(&self, office: &Office) -> Option<&Actor> {
        self.actor_ids.get(&office.holder).map(|&i| &self.actors[i])
    }

    pub fn places_named(&self, name: &str) -> &[usize] {
        self.place_names
            .get(&name_key(name))
            .map_or(&[], Vec::as_slice)
    }

    pub fn landmark_city(&self, name: &str) -> Option<&Place> {
        let id = self.landmarks.get(&name_key(name))?;
        self.place_by_id.get(id).map(|&i| &self.places[i])
    }

    /// The place with this GeoNames id.
    pub fn place(&self, geonames: u64) -> Option<&Place> {
        self.place_by_id.get(&geonames).map(|&i| &self.places[i])
    }

    /// The capital city of a country.
    pub fn capital(&self, iso3: &str) -> Option<&Place> {
        self.capital_by_iso3.get(iso3).map(|&i| &self.places[i])
    }

    pub fn country(&self, iso3: &str) -> Option<&Place> {
        self.country_by_iso3.get(iso3).map(|&i| &self.places[i])
    }

    /// The first-level division of a country with this GeoNames admin1 code ("RUS", "48" →
    /// Moscow City).
    pub fn admin1(&self, iso3: &str, code: &str) -> Option<&Place> {
        self.admin1_by_code
            .get(&(iso3.to_string(), code.to_string()))
            .map(|&i| &self.places[i])
    }

    /// The CAMEO region an adjective names ("européens" → EUR).
    pub fn region(&self, word: &str) -> Option<&str> {
        self.regions.get(word).map(String::as_str)
    }

    /// The country a demonym or adjective names ("russe", "Syriens"), lower-cased lookup.
    pub fn demonym(&self, word: &str) -> Option<&str> {
        let found = if word.chars().any(char::is_uppercase) {
            self.demonyms.get(&word.to_lowercase())
        } else {
            self.demonyms.get(word)
        };
        found.map(String::as_str)
    }

    /// Whether a lower-case word can start an agent phrase ("ministre", "forces"): a cheap
    /// test before trying every phrase length.
    pub fn starts_agent(&self, word: &str) -> bool {
        self.agent_first_words
            .contains(crate::lang::fold_accents(word).as_ref())
    }

    /// Whether a lower-case token can end an agent phrase: a cheap test before reading one.
    pub fn ends_agent(&self, word: &str) -> bool {
        self.agent_last_words
            .contains(crate::lang::fold_accents(word).as_ref())
    }

    /// Whether a lower-case word, as written, starts a two-word lower-case hand name.
    pub fn starts_lower_hand_name(&self, word: &str) -> bool {
        self.hand_lower_first_words.contains(word)
    }

    /// Whether a name key can start a name of the hand-written actor table.
    pub fn starts_hand_name(&self, key: &str) -> bool {
        self.hand_first_words.contains(key)
    }

    pub fn actors_named(&self, name: &str) -> &[usize] {
        self.actor_names
            .get(&name_key(name))
            .map_or(&[], Vec::as_slice)
    }

    /// The agent a lower-case phrase names ("ministre de la défense", "armée").
    pub fn agent(&self, phrase: &str) -> Option<&Agent> {
        self.agents.get(crate::lang::fold_accents(phrase).as_ref())
    }

    pub fn is_country_code(&self, code: &str) -> bool {
        self.country_by_iso3.contains_key(code)
    }
}

impl Actor {
    /// The roles held on `date` (all undated ones too); without a date, the latest ones.
    pub fn roles_at(&self, date: Option<Date>) -> Vec<&Role> {
        let dated: Vec<&Role> = self
            .roles
            .iter()
            .filter(|r| r.from.is_some() || r.until.is_some())
            .collect();
        let undated: Vec<&Role> = self
            .roles
            .iter()
            .filter(|r| r.from.is_none() && r.until.is_none())
            .collect();
        let holding: Vec<&Role> = match date {
            Some(d) => dated
                .iter()
                .copied()
                .filter(|r| r.from.is_none_or(|f| f <= d) && r.until.is_none_or(|u| d < u))
                .collect(),
            None => dated
                .iter()
                .copied()
                .filter(|r| r.until.is_none())
                .collect(),
        };
        if !holding.is_empty() {
            return holding;
        }
        if !undated.is_empty() {
            return undated;
        }
        // Nothing held on that day: the last role that ended before it.
        let mut past: Vec<&Role> = dated
            .into_iter()
            .filter(|r| date.is_none_or(|d| r.until.is_some_and(|u| u <= d)))
            .collect();
        past.sort_by_key(|r| r.until);
        past.into_iter().last().into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_table_loads() {
        let kb = KnowledgeBase::french().unwrap_or_else(|e| panic!("{e}"));
        let _ = kb;
    }

    #[test]
    fn places_carry_their_first_level_division() {
        let kb = KnowledgeBase::french().unwrap_or_else(|e| panic!("{e}"));
        let moscow = kb.place(524901).expect("Moscow");
        assert_eq!(
            (moscow.iso3.as_str(), moscow.admin1.as_str()),
            ("RUS", "48")
        );
        let division = kb.admin1("RUS", "48").expect("Moscow's division");
        assert_eq!(division.kind, PlaceKind::Admin1);
        assert_eq!(kb.admin1("SYR", "09").map(|p| p.geonames), Some(170062));
        assert!(kb.country("RUS").is_some_and(|c| c.admin1.is_empty()));
        assert!(kb.admin1("RUS", "no such code").is_none());
    }

    #[test]
    fn roles_are_read_at_a_date() {
        let actor = Actor {
            id: "per:x".into(),
            is_person: true,
            name: "X".into(),
            roles: ["FRAGOV@2012-05-16..2017-05-17", "FRAELI@2017-05-17.."]
                .iter()
                .filter_map(|r| parse_role(r))
                .collect(),
            wikidata: None,
            hand: true,
        };
        let at = |d: &str| {
            actor
                .roles_at(d.parse().ok())
                .iter()
                .map(|r| r.code.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(at("2015-12-21"), ["FRAGOV"]);
        assert_eq!(at("2019-01-01"), ["FRAELI"]);
        assert_eq!(at("2010-01-01"), Vec::<String>::new());
        assert!(parse_role("fragov").is_none());
        assert!(parse_role("FRAGOV@2012-13-01..").is_none());
    }
}
