//! The French event dictionary (`data/fr/events/verbs.txt`, format described in its header):
//! verbs and nouns, each with patterns that give a CAMEO code, in the spirit of PETRARCH's
//! `CAMEO.2.0.txt` but written for French word order, plus the word classes the coder needs
//! (auxiliaries, modals, adverbs it may skip). Verb forms are generated from the lemma by the
//! paradigms of `data/fr/events/conjugation.txt` ([`crate::lang::conjugation`]), so the
//! dictionary names each verb once.

use crate::event::lexicon::{self, LexEntry};
pub use crate::lang::conjugation::FormKind;
use crate::lang::conjugation::{parse_forms, Conjugator};
use crate::lang::normalize_word;
use rustc_hash::{FxHashMap, FxHashSet};

const VERBS: &str = include_str!("../../data/fr/events/verbs.txt");

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}:{line}: {why}")]
pub struct DictError {
    pub file: &'static str,
    pub line: usize,
    pub why: String,
}

impl From<crate::lang::conjugation::ConjugationError> for DictError {
    fn from(e: crate::lang::conjugation::ConjugationError) -> DictError {
        DictError {
            file: e.file,
            line: e.line,
            why: e.why,
        }
    }
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// The trigger word itself.
    Trigger,
    /// Any of these word sequences (lower case; a trailing `*` makes a prefix; written
    /// `aide_humanitaire` in the file for a sequence of two words).
    Words(Vec<Vec<String>>),
    /// The target actor; optional when written `$T?`; `$T=` takes only an actor right there,
    /// never one found further in the clause.
    Target { optional: bool, direct: bool },
    /// The source actor (nouns and passives): "la visite de $S".
    Source,
    /// Up to [`GAP`] tokens of anything.
    Gap,
}

/// How many tokens `...` may skip.
pub const GAP: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub code: String,
    /// Elements before the trigger, nearest first.
    pub before: Vec<Element>,
    /// Elements after the trigger, in order.
    pub after: Vec<Element>,
    /// Both sides act: a compound subject or an absent target gives the events both ways.
    pub reciprocal: bool,
    /// The infinitive after the match is an act of the target, told by the source: coded with
    /// the target as actor 1 and status alleged ("reprochent à l'armée de bombarder").
    pub alleged_complement: bool,
    /// The event is a promise or intention.
    pub intended: bool,
    /// The code to use when the event is only planned ("se rendra à" → 036).
    pub planned_code: Option<String>,
    /// The code when the act is denied: "n'acceptait pas le plan" is a rejection (120).
    pub negated_code: Option<String>,
    /// Role given to a source named by a demonym ("bombardements russes" → MIL).
    pub source_role: Option<String>,
    /// Who acts in a passive without "par X" ("ont été interpellés" → the police of the
    /// story's country): a CAMEO agent.
    pub implicit_agent: Option<String>,
    /// A noun after "être" whose subject suffers the act: "X a été victime d'une agression" →
    /// X is actor 2; actor 1 is `$S` or the implicit agent.
    pub victim: bool,
    /// A noun or participle after "être" whose subject acts: "Laurent Fabius est attendu à
    /// Alger" → Fabius is actor 1.
    pub subject: bool,
    /// The code when no target is armed (a soldier, a rebel, a policeman): "ouvrir le feu
    /// sur l'avocat" is an assault (180), on soldiers a battle (190).
    pub unarmed_code: Option<String>,
    /// The target must be people, not a place: "la libération de plusieurs journalistes",
    /// not "la libération de Tombouctou".
    pub persons: bool,
    /// Fires only when no other pattern of its entry did: "appeler X" is a telephone call
    /// (041) unless it is "appeler X à …", an appeal.
    pub alone: bool,
    /// The pattern as written, with its line, for `explain`.
    pub text: String,
}

impl Pattern {
    /// Parses one pattern line of `verbs.txt` ("CODE elements… [+flags]"), or of a lexicon
    /// frame written in that syntax, for the entry `lemma`.
    pub fn parse(
        line: &str,
        lemma: &str,
        file: &'static str,
        line_no: usize,
    ) -> Result<Pattern, DictError> {
        let bad = |why: String| DictError {
            file,
            line: line_no,
            why,
        };
        let mut words = line.split_whitespace();
        let code = words.next().unwrap_or_default();
        if !(code.len() >= 2 && code.len() <= 4 && code.chars().all(|c| c.is_ascii_digit())) {
            return Err(bad(format!("'{code}' is not a CAMEO code")));
        }
        let mut pattern = Pattern {
            code: code.to_string(),
            before: Vec::new(),
            after: Vec::new(),
            reciprocal: false,
            alleged_complement: false,
            intended: false,
            planned_code: None,
            negated_code: None,
            source_role: None,
            implicit_agent: None,
            victim: false,
            subject: false,
            unarmed_code: None,
            persons: false,
            alone: false,
            text: format!("{lemma}: {line} ({file}:{line_no})"),
        };
        let mut seen_trigger = false;
        for w in words {
            if let Some(flag) = w.strip_prefix('+') {
                match flag.split_once('=') {
                    None if flag == "reciprocal" => pattern.reciprocal = true,
                    None if flag == "alleged-complement" => pattern.alleged_complement = true,
                    None if flag == "intended" => pattern.intended = true,
                    None if flag == "victim" => pattern.victim = true,
                    None if flag == "subject" => pattern.subject = true,
                    None if flag == "persons" => pattern.persons = true,
                    None if flag == "alone" => pattern.alone = true,
                    Some(("planned", c)) => pattern.planned_code = Some(c.to_string()),
                    Some(("negated", c)) => pattern.negated_code = Some(c.to_string()),
                    Some(("role1", r)) => pattern.source_role = Some(r.to_string()),
                    Some(("agent", r)) => pattern.implicit_agent = Some(r.to_string()),
                    Some(("unarmed", c)) => pattern.unarmed_code = Some(c.to_string()),
                    _ => return Err(bad(format!("unknown flag '+{flag}'"))),
                }
                continue;
            }
            let element = match w {
                "*" => {
                    if seen_trigger {
                        return Err(bad("two '*' in one pattern".into()));
                    }
                    seen_trigger = true;
                    continue;
                }
                "$T" => Element::Target {
                    optional: false,
                    direct: false,
                },
                "$T?" => Element::Target {
                    optional: true,
                    direct: false,
                },
                "$T=" => Element::Target {
                    optional: false,
                    direct: true,
                },
                "$S" => Element::Source,
                "..." => Element::Gap,
                words => Element::Words(words.split('|').map(word_sequence).collect()),
            };
            if seen_trigger {
                pattern.after.push(element);
            } else {
                pattern.before.push(element);
            }
        }
        if !seen_trigger {
            return Err(bad("a pattern needs '*' for its trigger".into()));
        }
        pattern.before.reverse();
        Ok(pattern)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The lemma as the dictionary writes it: "se rendre", "visite".
    pub lemma: String,
    /// Reflexive verbs need a reflexive pronoun before them.
    pub reflexive: bool,
    pub noun: bool,
    /// Most specific first: the coder keeps the first pattern that matches per root code.
    pub patterns: Vec<Pattern>,
    /// The CAMEO roots its patterns code, under negation too, sorted: filled once the
    /// dictionary is built, for the coder's account of its candidates.
    pub roots: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    pub entries: Vec<Entry>,
    /// Word form → (entry, kind of form).
    forms: FxHashMap<String, Vec<(usize, FormKind)>>,
    classes: FxHashMap<String, FxHashSet<String>>,
    /// Class entries written with a final `*`: any word that starts so.
    class_prefixes: FxHashMap<String, Vec<String>>,
}

impl Dictionary {
    /// The hand-written dictionary, then the lexicon ([`Dictionary::add_lexicon`]).
    pub fn french() -> Result<Dictionary, DictError> {
        let paradigms = Conjugator::french()?;
        let mut dict = Dictionary::parse(VERBS, "data/fr/events/verbs.txt", &paradigms)?;
        let lexicon = lexicon::french().map_err(|e| DictError {
            file: e.file,
            line: e.line,
            why: e.why,
        })?;
        dict.add_lexicon(&lexicon, &paradigms)?;
        dict.expand_classes()?;
        for entry in &mut dict.entries {
            let mut roots: Vec<String> = entry
                .patterns
                .iter()
                .flat_map(|p| std::iter::once(&p.code).chain(&p.negated_code))
                .map(|c| c.get(..2).unwrap_or(c).to_string())
                .collect();
            roots.sort();
            roots.dedup();
            entry.roots = roots;
        }
        Ok(dict)
    }

    /// Pattern words written as a class ("%critical") stand for every word and prefix of it:
    /// "qualifier $T de %critical" is "… de inadmissible*|scandal*|…".
    fn expand_classes(&mut self) -> Result<(), DictError> {
        let (classes, prefixes) = (&self.classes, &self.class_prefixes);
        for entry in &mut self.entries {
            for pattern in &mut entry.patterns {
                for element in pattern.before.iter_mut().chain(pattern.after.iter_mut()) {
                    let Element::Words(alternatives) = element else {
                        continue;
                    };
                    let mut expanded = Vec::new();
                    for alt in alternatives.iter() {
                        let class = match alt.as_slice() {
                            [one] => one.strip_prefix('%'),
                            _ => None,
                        };
                        let Some(class) = class else {
                            expanded.push(alt.clone());
                            continue;
                        };
                        let words = classes.get(class);
                        let starts = prefixes.get(class);
                        if words.is_none() && starts.is_none() {
                            return Err(DictError {
                                file: "data/fr/events/verbs.txt",
                                line: 0,
                                why: format!("'{}' uses the unknown class %{class}", entry.lemma),
                            });
                        }
                        let mut sorted: Vec<&String> = words.into_iter().flatten().collect();
                        sorted.sort();
                        expanded.extend(sorted.into_iter().map(|w| vec![w.clone()]));
                        expanded
                            .extend(starts.into_iter().flatten().map(|p| vec![format!("{p}*")]));
                    }
                    *alternatives = expanded;
                }
            }
        }
        Ok(())
    }

    /// Adds the lexicon's entries as patterns. The hand-written dictionary has precedence: a
    /// verb it has keeps its own patterns, and only the lexicon's idioms of that verb ("porter
    /// plainte" for "porter") are added after them; a verb it lacks gets an entry of its own.
    /// Within what is added, frames with more literal words come first (the coder keeps the
    /// first pattern that matches per root), then longer codes, then the file's order. Plain
    /// statements (010) are left out.
    fn add_lexicon(
        &mut self,
        lexicon: &[LexEntry],
        paradigms: &Conjugator,
    ) -> Result<(), DictError> {
        let hand: FxHashMap<String, usize> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.noun)
            .map(|(i, e)| (reflexive_spelling(&e.lemma), i))
            .collect();
        let mut order: Vec<&LexEntry> = lexicon.iter().collect();
        order.sort_by_key(|e| {
            (
                std::cmp::Reverse(e.literal_words()),
                std::cmp::Reverse(e.code.len()),
                e.line,
            )
        });
        let mut added: FxHashMap<String, usize> = FxHashMap::default();
        for e in order {
            // A plain statement (010) is no event under the annotation conventions: the entries
            // stay in the lexicon for a reader that wants them, not in the coder.
            if e.code == "010" {
                continue;
            }
            let lemma = e.dictionary_lemma();
            let bad = |why: String| DictError {
                file: lexicon::LEXICON_FILE,
                line: e.line,
                why,
            };
            let idx = match (hand.get(&lemma), added.get(&lemma)) {
                (Some(&i), _) if e.idiom => i,
                (Some(_), _) => continue,
                (None, Some(&i)) => i,
                (None, None) => {
                    let forms = paradigms
                        .conjugate(&e.head)
                        .ok_or_else(|| bad(format!("no paradigm for '{}'", e.head)))?;
                    self.add_entry(&lemma, e.reflexive, false, forms);
                    let i = self.entries.len() - 1;
                    added.insert(lemma.clone(), i);
                    i
                }
            };
            let line = e.pattern_line();
            let pattern = Pattern::parse(&line, &e.entry, lexicon::LEXICON_FILE, e.line)?;
            self.entries[idx].patterns.push(pattern);
        }
        Ok(())
    }

    fn parse(
        text: &str,
        file: &'static str,
        paradigms: &Conjugator,
    ) -> Result<Dictionary, DictError> {
        let mut dict = Dictionary::default();
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let bad = |why: String| DictError {
                file,
                line: line_no,
                why,
            };
            let line = raw.split(" #").next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix('%') {
                let mut words = rest.split_whitespace();
                let class = words.next().ok_or_else(|| bad("empty word class".into()))?;
                for w in words.map(normalize_word) {
                    match w.strip_suffix('*') {
                        Some(prefix) => dict
                            .class_prefixes
                            .entry(class.to_string())
                            .or_default()
                            .push(prefix.to_string()),
                        None => {
                            dict.classes.entry(class.to_string()).or_default().insert(w);
                        }
                    }
                }
                continue;
            }
            if let Some(rest) = line.strip_prefix("VERB ") {
                let (lemma, explicit) = match rest.split_once('=') {
                    Some((l, f)) => (l.trim(), Some(f)),
                    None => (rest.trim(), None),
                };
                let reflexive = lemma.starts_with("se ") || lemma.starts_with("s'");
                let bare = lemma
                    .trim_start_matches("se ")
                    .trim_start_matches("s'")
                    .trim();
                let forms = match explicit {
                    Some(f) => {
                        let words: Vec<&str> = f.split_whitespace().collect();
                        parse_forms(&words, file, line_no)?
                    }
                    None => paradigms.conjugate(bare).ok_or_else(|| {
                        bad(format!(
                            "no paradigm for '{bare}': list its forms after '='"
                        ))
                    })?,
                };
                dict.add_entry(lemma, reflexive, false, forms);
                continue;
            }
            if let Some(rest) = line.strip_prefix("NOUN ") {
                let words: Vec<&str> = rest.split_whitespace().collect();
                let lemma = *words
                    .first()
                    .ok_or_else(|| bad("NOUN needs a word".into()))?;
                let mut forms: Vec<(String, FormKind)> = words
                    .iter()
                    .map(|w| (normalize_word(w), FormKind::Noun))
                    .collect();
                if words.len() == 1 {
                    let l = normalize_word(lemma);
                    let plural = if l.ends_with('s') || l.ends_with('x') || l.ends_with('z') {
                        l.clone()
                    } else if let Some(s) = l.strip_suffix("al") {
                        format!("{s}aux")
                    } else {
                        format!("{l}s")
                    };
                    forms.push((plural, FormKind::Noun));
                }
                dict.add_entry(lemma, false, true, forms);
                continue;
            }
            // A pattern line: CODE elements… [+flags]
            let entry = dict
                .entries
                .last_mut()
                .ok_or_else(|| bad("pattern before any VERB or NOUN".into()))?;
            let pattern = Pattern::parse(line, &entry.lemma, file, line_no)?;
            entry.patterns.push(pattern);
        }
        if let Some(e) = dict.entries.iter().find(|e| e.patterns.is_empty()) {
            return Err(DictError {
                file,
                line: 0,
                why: format!("'{}' has no pattern", e.lemma),
            });
        }
        Ok(dict)
    }

    fn add_entry(
        &mut self,
        lemma: &str,
        reflexive: bool,
        noun: bool,
        forms: Vec<(String, FormKind)>,
    ) {
        let idx = self.entries.len();
        self.entries.push(Entry {
            lemma: lemma.to_string(),
            reflexive,
            noun,
            patterns: Vec::new(),
            roots: Vec::new(),
        });
        for (form, kind) in forms {
            let list = self.forms.entry(form).or_default();
            if !list.iter().any(|(e, _)| *e == idx) {
                list.push((idx, kind));
            }
        }
    }

    /// The entries a (lower-case) word form belongs to.
    pub fn lookup(&self, form: &str) -> &[(usize, FormKind)] {
        self.forms.get(form).map_or(&[], Vec::as_slice)
    }

    /// Whether a lower-case word is in a word class of the dictionary (`%skip`, `%aux-avoir`…).
    pub fn is(&self, class: &str, word: &str) -> bool {
        self.classes.get(class).is_some_and(|s| s.contains(word))
    }

    /// Like [`Dictionary::is`], where the class may also list prefixes ("scandal*").
    pub fn is_like(&self, class: &str, word: &str) -> bool {
        self.is(class, word)
            || self
                .class_prefixes
                .get(class)
                .is_some_and(|ps| ps.iter().any(|p| word.starts_with(p.as_str())))
    }
}

/// "s'engager" → "se engager", as the lexicon writes reflexives.
fn reflexive_spelling(lemma: &str) -> String {
    match lemma.strip_prefix("s'") {
        Some(rest) => format!("se {rest}"),
        None => lemma.to_string(),
    }
}

/// "état_d'urgence" → ["état", "d'", "urgence"]: the tokens the tokenizer makes of it.
fn word_sequence(written: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in written.split('_').map(normalize_word) {
        match piece.find('\'') {
            Some(i) if i + 1 < piece.len() => {
                out.push(piece[..=i].to_string());
                out.push(piece[i + 1..].to_string());
            }
            _ => out.push(piece),
        }
    }
    out
}

/// Whether a dictionary word (possibly a `prefix*`) matches a lower-case token.
pub fn word_matches(pattern: &str, word: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => pattern == word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dictionary_loads() {
        let d = Dictionary::french().unwrap_or_else(|e| panic!("{e}"));
        assert!(d.entries.len() > 50);
    }

    #[test]
    fn every_code_of_the_dictionary_is_a_cameo_code() {
        let d = Dictionary::french().unwrap_or_else(|e| panic!("{e}"));
        let table = crate::event::codes::cameo();
        for p in d.entries.iter().flat_map(|e| &e.patterns) {
            assert!(table.get(&p.code).is_some(), "{}", p.text);
            if let Some(c) = &p.planned_code {
                assert!(table.get(c).is_some(), "{}", p.text);
            }
        }
    }

    #[test]
    fn the_lexicon_adds_after_the_hand_written_entries() {
        let d = Dictionary::french().unwrap_or_else(|e| panic!("{e}"));
        let entry = |lemma: &str| d.entries.iter().find(|e| e.lemma == lemma);
        // A verb only the lexicon has gets an entry of its own.
        let insulter = entry("insulter").unwrap_or_else(|| panic!("no 'insulter'"));
        assert!(insulter.patterns[0].text.contains("lexicon.tsv"));
        // A hand-written verb keeps its own patterns first; the lexicon adds only idioms.
        let mettre = entry("mettre").unwrap_or_else(|| panic!("no 'mettre'"));
        let first_lexicon = mettre
            .patterns
            .iter()
            .position(|p| p.text.contains("lexicon.tsv"))
            .unwrap_or_else(|| panic!("no idiom of 'mettre' added"));
        assert!(mettre.patterns[..first_lexicon]
            .iter()
            .all(|p| p.text.contains("verbs.txt")));
        assert!(mettre.patterns[first_lexicon..]
            .iter()
            .all(|p| p.text.contains("lexicon.tsv") && p.text.contains("mettre ")));
        let rencontrer = entry("rencontrer").unwrap_or_else(|| panic!("no 'rencontrer'"));
        assert!(rencontrer
            .patterns
            .iter()
            .all(|p| p.text.contains("verbs.txt")));
        // Plain statements stay out of the coder.
        assert!(d
            .entries
            .iter()
            .flat_map(|e| &e.patterns)
            .all(|p| p.code != "010"));
    }

    #[test]
    fn verb_forms_are_generated() {
        let d = Dictionary::french().unwrap_or_else(|e| panic!("{e}"));
        let kinds = |w: &str| -> Vec<FormKind> { d.lookup(w).iter().map(|(_, k)| *k).collect() };
        assert_eq!(kinds("demandé"), [FormKind::PastParticiple]);
        assert_eq!(kinds("demandera"), [FormKind::Future]);
        assert_eq!(kinds("demander"), [FormKind::Infinitive]);
        assert!(kinds("menaçant").contains(&FormKind::PresentParticiple));
        assert!(kinds("appelle").contains(&FormKind::Finite));
        assert!(kinds("rend").contains(&FormKind::Finite));
        assert!(kinds("rendra").contains(&FormKind::Future));
        assert!(!d.lookup("visites").is_empty());
    }
}
