//! The count stage's word lists (`data/fr/count/`), parsed once into lookup tables.
//!
//! Every table is keyed by lower-case text with the typographic apostrophe folded to `'`, the
//! form [`Scan::low`] produces for a token. Multi-word entries ("gardes à vue", "pas moins de")
//! are split into tokens the way the tokenizer splits them (after an elision's apostrophe) and
//! indexed by their first and by their last token, so a phrase can be matched forward from a
//! token or backward from one; the longest phrase wins.

use crate::document::{CountKind, Qualifier, Token};
use crate::lang::{fold_apostrophes, is_apostrophe};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

mod fr {
    pub const KINDS: &str = include_str!("../../data/fr/count/kinds.txt");
    pub const PERSONS: &str = include_str!("../../data/fr/count/persons.txt");
    /// The linker's tables of titles and group nouns: their plural nouns for people
    /// ("soignants", "assaillants", "otages") are people to count too.
    pub const AGENTS: [&str; 2] = [
        crate::link::kb::AGENTS_FR,
        crate::link::kb::AGENTS_PHOENIX_FR,
    ];
    pub const QUALIFIERS: &str = include_str!("../../data/fr/count/qualifiers.txt");
    pub const CURRENCIES: &str = include_str!("../../data/fr/count/currencies.txt");
    pub const NOT_COUNTED: &str = include_str!("../../data/fr/count/not-counted.txt");
    pub const CONTEXT: &str = include_str!("../../data/fr/count/context.txt");
    /// The shared number words: only their first column, to know cheaply which tokens may
    /// start a number before calling the parser.
    pub const NUMBERS: &str = include_str!("../../data/fr/numbers.txt");
}

/// Lines of a data file split on tabs: `#` comments and blank lines skipped, fields trimmed.
fn rows(file: &str) -> impl Iterator<Item = Vec<&str>> + '_ {
    file.lines()
        .map(|line| line.split('#').next().unwrap_or(""))
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::trim).collect())
}

/// Lower case with apostrophes folded: the key of every table.
pub(crate) fn normalize(word: &str) -> String {
    fold_apostrophes(word).to_lowercase()
}

/// Splits a phrase into tokens as the tokenizer would: on spaces, and after the apostrophe of
/// an elision ("d'asile" → "d'" "asile", "jusqu'à" → "jusqu'" "à").
fn phrase_tokens(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in phrase.split_whitespace() {
        let word = normalize(word);
        let mut rest = word.as_str();
        while let Some(pos) = rest.find('\'') {
            let (head, tail) = rest.split_at(pos + 1);
            if tail.is_empty() {
                break;
            }
            out.push(head.to_string());
            rest = tail;
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}

/// Whether a token's text equals `lower` (already normalized) once lower-cased and folded,
/// without allocating.
pub(crate) fn eq_fold(token: &str, lower: &str) -> bool {
    let mut want = lower.chars();
    for c in token.chars() {
        if is_apostrophe(c) {
            if want.next() != Some('\'') {
                return false;
            }
            continue;
        }
        for l in c.to_lowercase() {
            if want.next() != Some(l) {
                return false;
            }
        }
    }
    want.next().is_none()
}

/// The tokens of one sentence, with a reusable buffer for lower-cased token text.
pub(crate) struct Scan<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// First token of the sentence.
    pub start: usize,
    /// One past the last token of the sentence.
    pub end: usize,
    /// The document's syntax layer (empty when it did not run).
    pub words: &'a [crate::document::Word],
    buf: String,
}

impl<'a> Scan<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token], start: usize, end: usize) -> Scan<'a> {
        let end = end.min(tokens.len());
        Scan {
            text,
            tokens,
            start: start.min(end),
            end,
            words: &[],
            buf: String::with_capacity(32),
        }
    }

    /// The raw text of token `i` (empty outside the sentence).
    pub fn raw(&self, i: usize) -> &'a str {
        if i < self.start || i >= self.end {
            return "";
        }
        self.text
            .get(self.tokens[i].span.range())
            .unwrap_or_default()
    }

    /// Token `i` lower-cased with apostrophes folded, in the shared buffer (empty outside the
    /// sentence).
    pub fn low(&mut self, i: usize) -> &str {
        let raw = self.raw(i);
        self.buf.clear();
        for c in raw.chars() {
            if is_apostrophe(c) {
                self.buf.push('\'');
            } else {
                self.buf.extend(c.to_lowercase());
            }
        }
        &self.buf
    }

    pub fn is(&self, i: usize, lower: &str) -> bool {
        let raw = self.raw(i);
        !raw.is_empty() && eq_fold(raw, lower)
    }

    pub fn inside(&self, i: usize) -> bool {
        i >= self.start && i < self.end
    }
}

/// Phrases of one or more tokens mapped to a value; the longest match wins.
#[derive(Debug, Clone)]
pub(crate) struct Phrases<V> {
    by_first: HashMap<String, Vec<(Vec<String>, V)>>,
    by_last: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V: Copy> Phrases<V> {
    fn new() -> Phrases<V> {
        Phrases {
            by_first: HashMap::default(),
            by_last: HashMap::default(),
        }
    }

    fn insert(&mut self, phrase: &str, value: V) {
        let words = phrase_tokens(phrase);
        let (Some(first), Some(last)) = (words.first().cloned(), words.last().cloned()) else {
            return;
        };
        for (key, map) in [(first, &mut self.by_first), (last, &mut self.by_last)] {
            let list = map.entry(key).or_default();
            list.push((words.clone(), value));
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    /// The longest phrase that starts at token `i`: its length in tokens and its value.
    pub fn at(&self, scan: &mut Scan, i: usize) -> Option<(usize, V)> {
        if !scan.inside(i) {
            return None;
        }
        let candidates = self.by_first.get(scan.low(i))?;
        candidates.iter().find_map(|(words, v)| {
            let n = words.len();
            (i + n <= scan.end && (1..n).all(|k| scan.is(i + k, &words[k]))).then_some((n, *v))
        })
    }

    /// The longest phrase that ends right before token `end` and starts at `floor` or later.
    pub fn ending_at(&self, scan: &mut Scan, floor: usize, end: usize) -> Option<(usize, V)> {
        let floor = floor.max(scan.start);
        if end <= floor || !scan.inside(end - 1) {
            return None;
        }
        let candidates = self.by_last.get(scan.low(end - 1))?;
        candidates.iter().find_map(|(words, v)| {
            let n = words.len();
            (end - floor >= n && (0..n - 1).all(|k| scan.is(end - n + k, &words[k])))
                .then_some((n, *v))
        })
    }
}

/// Why a word after a number makes it no count (`not-counted.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    Time,
    Month,
    Clock,
    Measure,
    Other,
}

/// Where a verb phrase may stand and what it may apply to (`kinds.txt`).
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    pub nouns: Phrases<CountKind>,
    pub after_people: Phrases<CountKind>,
    pub before_people: Phrases<CountKind>,
    pub after_things: Phrases<CountKind>,
    pub before_things: Phrases<CountKind>,
    pub persons: Phrases<()>,
    pub qualifiers_before: Phrases<Qualifier>,
    pub qualifiers_after: Phrases<Qualifier>,
    /// Money and percent units.
    pub units: Phrases<CountKind>,
    /// Abbreviated multipliers before a currency symbol, compared exactly ("M", "Md").
    pub scales: HashMap<String, f64>,
    pub not_counted: HashMap<String, Stop>,
    pub anaphora: HashSet<String>,
    /// The word between two numbers of a range ("de 35.000 à 70.000 dollars").
    pub range: HashSet<String>,
    /// The word between a part and its whole ("Trois des sept pompiers").
    pub part: HashSet<String>,
    /// Nouns of a toll or a total that a bare number after "à" reaches ("le bilan … à 12").
    pub total: HashSet<String>,
    /// Verbs of change (lemmas) whose "de" amount counts what their total counts ("a augmenté
    /// de 40").
    pub change: HashSet<String>,
    /// Participles that open a clause between a counted noun and its verb ("ayant").
    pub clause: HashSet<String>,
    /// Finite auxiliaries, where the main verb after such a clause starts ("sont", "ont").
    pub auxiliaries: HashSet<String>,
    /// Nouns of a group whose verb gives the kind of the people counted in it ("un groupe de").
    pub collective: HashSet<String>,
    /// The preposition of a group that people are counted among ("parmi les victimes").
    pub among: HashSet<String>,
    /// Determiners that count none of a victim noun ("aucun blessé").
    pub none: HashSet<String>,
    pub identifiers: HashSet<String>,
    pub year_prepositions: HashSet<String>,
    pub skip: HashSet<String>,
    pub adjectives: HashSet<String>,
    pub function: HashSet<String>,
    /// Words that may start a number: number words (and their first part before a hyphen)
    /// and the vague determiners ("des", "plusieurs", "quelques").
    pub starters: HashSet<String>,
    /// Verbs by lemma, with the words that must follow them ("mettre" + "en examen"), that
    /// give the kind of a count they govern on the dependency tree: of people, of things.
    pub verbs_people: HashMap<String, Vec<(Vec<String>, CountKind)>>,
    pub verbs_things: HashMap<String, Vec<(Vec<String>, CountKind)>>,
    /// Nouns of an event, by lemma, that give the kind of people (or things) counted after
    /// them with "de" on the dependency tree ("la mort de", "l'évacuation de", "la saisie de").
    pub event_nouns_people: HashMap<String, CountKind>,
    pub event_nouns_things: HashMap<String, CountKind>,
}

fn kind(name: &str) -> Option<CountKind> {
    Some(match name {
        "KILL" => CountKind::Kill,
        "WOUND" => CountKind::Wound,
        "ARREST" => CountKind::Arrest,
        "KIDNAP" => CountKind::Kidnap,
        "PROTEST" => CountKind::Protest,
        "REFUGEES" => CountKind::Refugees,
        "AFFECT" => CountKind::Affect,
        "EVACUATE" => CountKind::Evacuate,
        "SEIZE" => CountKind::Seize,
        "MONEY" => CountKind::Money,
        "PERCENT" => CountKind::Percent,
        "OTHER" => CountKind::Other,
        _ => return None,
    })
}

fn qualifier(name: &str) -> Option<Qualifier> {
    Some(match name {
        "more_than" => Qualifier::MoreThan,
        "less_than" => Qualifier::LessThan,
        "at_least" => Qualifier::AtLeast,
        "at_most" => Qualifier::AtMost,
        "about" => Qualifier::About,
        "vague" => Qualifier::Vague,
        _ => return None,
    })
}

/// A problem in a shipped data file: a bug in the data, reported by the tests
/// ([`Lexicon::problems`]) and skipped at run time rather than aborting.
fn problem(file: &str, row: &[&str]) -> String {
    format!("{file}: cannot read row {:?}", row.join("\t"))
}

impl Lexicon {
    pub fn french() -> Lexicon {
        Lexicon::parse().0
    }

    /// Rows of the data files that could not be read (empty for the shipped data).
    #[cfg(test)]
    pub fn problems() -> Vec<String> {
        Lexicon::parse().1
    }

    fn parse() -> (Lexicon, Vec<String>) {
        let mut lex = Lexicon {
            nouns: Phrases::new(),
            after_people: Phrases::new(),
            before_people: Phrases::new(),
            after_things: Phrases::new(),
            before_things: Phrases::new(),
            persons: Phrases::new(),
            qualifiers_before: Phrases::new(),
            qualifiers_after: Phrases::new(),
            units: Phrases::new(),
            scales: HashMap::default(),
            not_counted: HashMap::default(),
            anaphora: HashSet::default(),
            range: HashSet::default(),
            part: HashSet::default(),
            total: HashSet::default(),
            change: HashSet::default(),
            clause: HashSet::default(),
            auxiliaries: HashSet::default(),
            collective: HashSet::default(),
            among: HashSet::default(),
            none: HashSet::default(),
            identifiers: HashSet::default(),
            year_prepositions: HashSet::default(),
            skip: HashSet::default(),
            adjectives: HashSet::default(),
            function: HashSet::default(),
            starters: HashSet::default(),
            verbs_people: HashMap::default(),
            verbs_things: HashMap::default(),
            event_nouns_people: HashMap::default(),
            event_nouns_things: HashMap::default(),
        };
        let mut problems = Vec::new();

        for row in rows(fr::KINDS) {
            let Some((&[place, _, words], Some(k))) = row
                .get(..3)
                .filter(|_| row.len() == 3)
                .map(|r| (r, kind(r[1])))
            else {
                problems.push(problem("kinds.txt", &row));
                continue;
            };
            let verbs = match place {
                "verb" => Some(&mut lex.verbs_people),
                "verb-thing" => Some(&mut lex.verbs_things),
                _ => None,
            };
            if let Some(verbs) = verbs {
                let mut parts = words.split_whitespace().map(normalize);
                match parts.next() {
                    Some(lemma) => verbs.entry(lemma).or_default().push((parts.collect(), k)),
                    None => problems.push(problem("kinds.txt", &row)),
                }
                continue;
            }
            let event_nouns = match place {
                "event-noun" => Some(&mut lex.event_nouns_people),
                "event-noun-thing" => Some(&mut lex.event_nouns_things),
                _ => None,
            };
            if let Some(table) = event_nouns {
                table.insert(normalize(words), k);
                continue;
            }
            let table = match place {
                "noun" => &mut lex.nouns,
                "after" => &mut lex.after_people,
                "before" => &mut lex.before_people,
                "after-thing" => &mut lex.after_things,
                "before-thing" => &mut lex.before_things,
                _ => {
                    problems.push(problem("kinds.txt", &row));
                    continue;
                }
            };
            table.insert(words, k);
        }
        for row in rows(fr::PERSONS) {
            lex.persons.insert(row[0], ());
        }
        // Columns: phrase, agent, label, number, kind; one word, plural, a person.
        for agents in fr::AGENTS {
            for row in rows(agents) {
                if let [phrase, _, _, "pl", "PER", ..] = row.as_slice() {
                    if !phrase.contains(' ') {
                        lex.persons.insert(phrase, ());
                    }
                }
            }
        }
        for row in rows(fr::QUALIFIERS) {
            let Some((&[place, _, words], Some(q))) = row
                .get(..3)
                .filter(|_| row.len() == 3)
                .map(|r| (r, qualifier(r[1])))
            else {
                problems.push(problem("qualifiers.txt", &row));
                continue;
            };
            match place {
                "before" => lex.qualifiers_before.insert(words, q),
                "after" => lex.qualifiers_after.insert(words, q),
                _ => problems.push(problem("qualifiers.txt", &row)),
            }
        }
        for row in rows(fr::CURRENCIES) {
            match row.as_slice() {
                ["money", words] => lex.units.insert(words, CountKind::Money),
                ["percent", words] => lex.units.insert(words, CountKind::Percent),
                ["scale", word, value] => match value.parse::<f64>() {
                    Ok(v) => {
                        lex.scales.insert(word.to_string(), v);
                    }
                    Err(_) => problems.push(problem("currencies.txt", &row)),
                },
                _ => problems.push(problem("currencies.txt", &row)),
            }
        }
        for row in rows(fr::NOT_COUNTED) {
            let stop = match row.first().copied() {
                Some("time") => Stop::Time,
                Some("month") => Stop::Month,
                Some("clock") => Stop::Clock,
                Some("measure") => Stop::Measure,
                Some("other") => Stop::Other,
                _ => {
                    problems.push(problem("not-counted.txt", &row));
                    continue;
                }
            };
            match row.get(1) {
                // "heures" is both a duration and a clock word: the first class listed wins.
                Some(word) if row.len() == 2 => {
                    lex.not_counted.entry(normalize(word)).or_insert(stop);
                }
                _ => problems.push(problem("not-counted.txt", &row)),
            }
        }
        for row in rows(fr::CONTEXT) {
            let set = match row.first().copied() {
                Some("anaphora") => &mut lex.anaphora,
                Some("range") => &mut lex.range,
                Some("part") => &mut lex.part,
                Some("total") => &mut lex.total,
                Some("change") => &mut lex.change,
                Some("clause") => &mut lex.clause,
                Some("auxiliary") => &mut lex.auxiliaries,
                Some("collective") => &mut lex.collective,
                Some("among") => &mut lex.among,
                Some("none") => &mut lex.none,
                Some("identifier") => &mut lex.identifiers,
                Some("year") => &mut lex.year_prepositions,
                Some("skip") => &mut lex.skip,
                Some("adjective") => &mut lex.adjectives,
                Some("function") => &mut lex.function,
                Some("vague") => &mut lex.starters,
                _ => {
                    problems.push(problem("context.txt", &row));
                    continue;
                }
            };
            match row.get(1) {
                Some(word) if row.len() == 2 => {
                    set.insert(normalize(word));
                }
                _ => problems.push(problem("context.txt", &row)),
            }
        }
        for row in rows(fr::NUMBERS) {
            let word = normalize(row[0]);
            lex.starters.insert(word);
        }
        (lex, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_row_parses() {
        assert_eq!(Lexicon::problems(), Vec::<String>::new());
    }

    #[test]
    fn phrases_split_like_the_tokenizer() {
        assert_eq!(
            phrase_tokens("demandeurs d'asile"),
            ["demandeurs", "d'", "asile"]
        );
        assert_eq!(phrase_tokens("jusqu’à"), ["jusqu'", "à"]);
        assert_eq!(phrase_tokens("plus d'"), ["plus", "d'"]);
        assert_eq!(phrase_tokens("Au-delà de"), ["au-delà", "de"]);
    }

    #[test]
    fn folded_comparison() {
        assert!(eq_fold("D’", "d'"));
        assert!(eq_fold("Morts", "morts"));
        assert!(!eq_fold("mort", "morts"));
        assert!(!eq_fold("morts", "mort"));
    }
}
