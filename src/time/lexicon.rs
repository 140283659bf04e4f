//! The temporal tagger's language data, from `data/fr/time/` (embedded at build time): month
//! and weekday names, parts of the day, duration units, seasons, fixed phrases with their
//! values (`lexicon.tsv`), and the words that mark a future clause.

use crate::document::TimexType;
use crate::lang::fold_apostrophes;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const MONTHS: &str = include_str!("../../data/fr/time/months.txt");
const WEEKDAYS: &str = include_str!("../../data/fr/time/weekdays.txt");
const PARTS_OF_DAY: &str = include_str!("../../data/fr/time/parts-of-day.txt");
const UNITS: &str = include_str!("../../data/fr/time/units.txt");
const SEASONS: &str = include_str!("../../data/fr/time/seasons.txt");
const LEXICON: &str = include_str!("../../data/fr/time/lexicon.tsv");
const FUTURE: &str = include_str!("../../data/fr/time/future-markers.txt");

/// A duration unit: "mois" → 1 M, "semestre" → 6 M, "minutes" → 1 M of clock time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub multiple: f64,
    /// ISO 8601 designator: Y, M, W, D, H, S (M also for minutes when `clock`).
    pub designator: char,
    /// A unit of clock time: written after "PT".
    pub clock: bool,
}

/// A fixed phrase: its tokens (lower case) and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    pub tokens: Vec<String>,
    pub kind: TimexType,
    pub value: String,
    pub modifier: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct TimeData {
    pub months: HashMap<String, i8>,
    pub weekdays: HashMap<String, i8>,
    pub parts_of_day: HashMap<String, String>,
    pub units: HashMap<String, Unit>,
    pub seasons: HashMap<String, String>,
    /// Phrases by first token, longest first.
    pub phrases: HashMap<String, Vec<Phrase>>,
    /// Words that may start a time expression (see `TimeTagger::may_start`).
    pub starters: HashSet<String>,
    future_words: HashSet<String>,
    future_endings: Vec<String>,
    future_exceptions: HashSet<String>,
}

fn rows(file: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    file.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(|f| fold_apostrophes(f.trim())).collect())
}

fn modifier(name: &str) -> Option<&'static str> {
    [
        "START",
        "MID",
        "END",
        "APPROX",
        "BEFORE",
        "AFTER",
        "ON_OR_BEFORE",
        "ON_OR_AFTER",
        "LESS_THAN",
        "MORE_THAN",
        "EQUAL_OR_LESS",
        "EQUAL_OR_MORE",
    ]
    .into_iter()
    .find(|m| *m == name)
}

fn timex_type(name: &str) -> Option<TimexType> {
    match name {
        "DATE" => Some(TimexType::Date),
        "TIME" => Some(TimexType::Time),
        "DURATION" => Some(TimexType::Duration),
        "SET" => Some(TimexType::Set),
        _ => None,
    }
}

/// Splits a phrase like the tokenizer would for matching: on spaces, keeping "l'" apart.
pub fn phrase_tokens(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in phrase.split_whitespace() {
        match word.split_once('\'') {
            Some((elided, rest))
                if !elided.contains('-')
                    && !rest.is_empty()
                    && elided.len() <= 6
                    && word != "aujourd'hui" =>
            {
                out.push(format!("{elided}'"));
                out.push(rest.to_string());
            }
            _ => out.push(word.to_string()),
        }
    }
    out
}

impl TimeData {
    pub fn french() -> TimeData {
        let pairs = |file: &str| -> HashMap<String, i8> {
            rows(file)
                .filter_map(|r| Some((r.first()?.clone(), r.get(1)?.parse().ok()?)))
                .collect()
        };
        let strings = |file: &str| -> HashMap<String, String> {
            rows(file)
                .filter_map(|r| Some((r.first()?.clone(), r.get(1)?.clone())))
                .collect()
        };
        let units = rows(UNITS)
            .filter_map(|r| {
                Some((
                    r.first()?.clone(),
                    Unit {
                        multiple: r.get(1)?.parse().ok()?,
                        designator: r.get(2)?.chars().next()?,
                        clock: r.get(3).is_some_and(|t| t == "T"),
                    },
                ))
            })
            .collect();
        let mut phrases: HashMap<String, Vec<Phrase>> = HashMap::default();
        for r in rows(LEXICON) {
            let (Some(phrase), Some(kind), Some(value)) =
                (r.first(), r.get(1).and_then(|k| timex_type(k)), r.get(2))
            else {
                continue;
            };
            let tokens = phrase_tokens(phrase);
            let Some(first) = tokens.first().cloned() else {
                continue;
            };
            phrases.entry(first).or_default().push(Phrase {
                tokens,
                kind,
                value: value.clone(),
                modifier: r.get(3).and_then(|m| modifier(m)),
            });
        }
        for list in phrases.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.tokens.len()));
        }
        let mut future_words = HashSet::default();
        let mut future_endings = Vec::new();
        let mut future_exceptions = HashSet::default();
        for r in rows(FUTURE) {
            let Some(w) = r.first() else { continue };
            if let Some(ending) = w.strip_prefix('-') {
                future_endings.push(ending.to_string());
            } else if let Some(exception) = w.strip_prefix('!') {
                future_exceptions.insert(exception.to_string());
            } else {
                future_words.insert(w.clone());
            }
        }
        let months = pairs(MONTHS);
        let weekdays = pairs(WEEKDAYS);
        let parts_of_day = strings(PARTS_OF_DAY);
        let seasons = strings(SEASONS);
        // Words the grammar in `time/mod.rs` starts a match with, besides numbers.
        let grammar_words = [
            "le",
            "la",
            "l'",
            "les",
            "ce",
            "cet",
            "cette",
            "même",
            "il",
            "dans",
            "chaque",
            "tous",
            "toutes",
            "début",
            "fin",
            "mi",
            "mi-",
            "milieu",
            "vers",
            "environ",
            "presque",
            "quelque",
            "près",
            "plus",
            "moins",
            "au",
            "plusieurs",
            "quelques",
            "des",
            "nombreuses",
            "nombreux",
            "1er",
            "premier",
            "midi",
            "minuit",
            "l'année",
            "mois",
        ];
        let starters = grammar_words
            .iter()
            .map(|w| w.to_string())
            .chain(months.keys().cloned())
            .chain(weekdays.keys().cloned())
            .chain(seasons.keys().cloned())
            .chain(parts_of_day.keys().cloned())
            .chain(phrases.keys().cloned())
            .collect();
        TimeData {
            months,
            weekdays,
            parts_of_day,
            units,
            seasons,
            phrases,
            starters,
            future_words,
            future_endings,
            future_exceptions,
        }
    }

    /// Whether a (lower-case) word marks a future clause.
    pub fn is_future_marker(&self, word: &str) -> bool {
        self.future_words.contains(word)
            || (word.chars().count() >= 4
                && !self.future_exceptions.contains(word)
                && self
                    .future_endings
                    .iter()
                    .any(|e| word.ends_with(e.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_is_read() {
        let data = TimeData::french();
        assert_eq!(data.months.len(), rows(MONTHS).count());
        assert_eq!(data.units.len(), rows(UNITS).count());
        let phrases: usize = data.phrases.values().map(Vec::len).sum();
        assert_eq!(
            phrases,
            rows(LEXICON).count(),
            "a lexicon line has a bad type"
        );
        assert_eq!(data.months["août"], 8);
        assert_eq!(
            phrase_tokens("l'année dernière"),
            ["l'", "année", "dernière"]
        );
        assert_eq!(phrase_tokens("aujourd'hui"), ["aujourd'hui"]);
        assert!(data.is_future_marker("frappera"));
        assert!(data.is_future_marker("va"));
        assert!(!data.is_future_marker("caméra"));
    }
}
