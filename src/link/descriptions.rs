//! Reading descriptions: a title, office or group noun ("le ministre français de la Défense",
//! "son homologue russe", "les rebelles", "cette organisation") read against the agents table
//! of the knowledge base into a [`Description`]: its agent code and label, whether it names a
//! person, an organisation or a place, one or many, its nationality or world region, and
//! whether the office is held no longer ("l'ex-conseiller") or not yet ("le nouveau
//! président"). Words that leave the office as it is (an opener, "nouveau", "conservateur", a
//! nationality) are skipped, so that the rest can be looked up as one phrase of the table.

use super::{agent_role, groups, Linker};
use crate::document::Document;

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
pub(super) fn is_opener(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b'0'..=b'9') => w.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()),
        Some(b'a'..=b'z') => OPENERS.contains(&w),
        _ => false,
    }
}

/// A description: a title, office or group noun with what it says.
#[derive(Debug, Clone)]
pub(super) struct Description {
    /// The agent phrase of the agents table it was read as ("ministre de l'intérieur").
    pub(super) phrase: String,
    pub(super) tokens: std::ops::Range<usize>,
    pub(super) agent: String,
    pub(super) label: String,
    pub(super) kind: String,
    pub(super) plural: bool,
    pub(super) country: Option<String>,
    /// A world region instead of a country: "les dirigeants européens" → EUR.
    pub(super) region: Option<String>,
    pub(super) pro: Option<String>,
    /// "le nouveau président", "le président élu": whoever takes the office next when the
    /// story comes just before that.
    pub(super) incoming: bool,
}

impl Linker {
    /// A description starting at `i` within the sentence ending at `end`, the longest one.
    pub(super) fn description_at(
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
    pub(super) fn describe(
        &self,
        words: &[String],
        start: usize,
        stop: usize,
    ) -> Option<Description> {
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
}
