//! The word lists of the quote stage, parsed once from `data/fr/quote/` (embedded with
//! `include_str!`). Every lookup takes a token's *key*: its text lower-cased with ’ folded to
//! '; [`key`] makes one.
//!
//! Verbs of saying come from two files: `speech-verbs.txt`, written by hand with the forms
//! news uses, and `speech-verbs-framenet.tsv`, the verbs of the French FrameNet's frames of
//! saying, telling, requesting, judging, confirming and answering, by lemma
//! (`scripts/derive_speech_verbs.py`), whose forms come from the French paradigms
//! ([`crate::lang::conjugation`]).

use crate::lang::conjugation::{ConjugationError, Conjugator, FormKind};
use crate::lang::fold_apostrophes;
use rustc_hash::FxHashSet as HashSet;

mod fr {
    pub const SPEECH_VERBS: &str = include_str!("../../data/fr/quote/speech-verbs.txt");
    pub const TITLE_WORDS: &str = include_str!("../../data/fr/quote/title-words.txt");
    pub const SPEAKER_WORDS: &str = include_str!("../../data/fr/quote/speaker-words.txt");
    pub const FRAMENET_VERBS: &str = include_str!("../../data/fr/quote/speech-verbs-framenet.tsv");
    pub const FRAMENET_NOUNS: &str = include_str!("../../data/fr/quote/speaker-nouns-framenet.tsv");
    /// The nouns for people of the count stage ("personnes", "manifestants").
    pub const PERSON_NOUNS: &str = include_str!("../../data/fr/count/persons.txt");
}

/// The lookup form of a token: lower case, typographic apostrophes folded.
pub fn key(token: &str) -> String {
    fold_apostrophes(token).to_lowercase()
}

/// Splits a phrase of the data files into token keys the way the tokenizer cuts text:
/// at spaces, and after an elided word's apostrophe ("d'après" → "d'", "après").
fn phrase_keys(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in phrase.split_whitespace() {
        let word = key(word);
        match word.find('\'') {
            Some(i) if i + 1 < word.len() => {
                out.push(word[..=i].to_string());
                out.push(word[i + 1..].to_string());
            }
            _ => out.push(word),
        }
    }
    out
}

/// Tagged lines (`tag<TAB>field<TAB>…`) of a data file, comments and blank lines skipped.
fn tagged(file: &str) -> impl Iterator<Item = (&str, Vec<&str>)> {
    file.lines()
        .filter(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.split('\t').map(str::trim);
            let tag = fields.next()?;
            Some((tag, fields.collect()))
        })
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Past participles of verbs of saying ("déclaré"), after an auxiliary.
    pub participles: HashSet<String>,
    /// Finite forms of verbs of saying ("déclare", "dit").
    pub finite: HashSet<String>,
    /// Lemmas of verbs of saying ("déclarer"), read on the syntax layer.
    pub lemmas: HashSet<String>,
    /// Forms of avoir before a participle ("a", "ont", "avait").
    pub auxiliaries: HashSet<String>,
    /// Forms of être after a reflexive pronoun ("s'est exclamé").
    pub reflexive: HashSet<String>,
    /// Words allowed between auxiliary and participle, or between verb and speaker.
    pub between: HashSet<String>,
    /// Phrases allowed there too ("de son côté", "pour sa part"), longest first.
    pub between_phrases: Vec<Vec<String>>,
    /// Attributing prepositions as token-key sequences, longest first.
    pub preps: Vec<Vec<String>>,
    pub titles: HashSet<String>,
    pub determiners: HashSet<String>,
    pub pronouns: HashSet<String>,
    pub impersonal: HashSet<String>,
    pub particles: HashSet<String>,
    pub complements: HashSet<String>,
    pub stops: HashSet<String>,
    /// Connectives and pronouns skipped at the start of a subject ("Alors", "C'").
    pub skips: HashSet<String>,
    /// Object pronouns that end a subject ("Son parti lui reproche").
    pub objects: HashSet<String>,
    pub subject_enders: HashSet<String>,
    /// Prepositions that open a complement between a verb of saying and its inverted speaker
    /// ("a expliqué à l'AFP X").
    pub verb_preps: HashSet<String>,
    /// Lemmas of nouns that may name a speaker ("ministre", "communiqué", "direction"):
    /// `speaker-nouns-framenet.tsv`, the `speaker-noun` line of `speaker-words.txt`, and the
    /// count stage's nouns for people.
    pub speaker_nouns: HashSet<String>,
    /// Endings of nouns for agents ("-iste", "-eur", "-aire"): a noun with one may speak.
    pub agent_suffixes: Vec<String>,
    /// Forms of verbs that attribute a quotation but, in an incise after an unmarked
    /// sentence, tell an observation or a source rather than speech ("a constaté l'AFP",
    /// "a-t-on appris").
    pub observation: HashSet<String>,
}

impl Lexicon {
    pub fn french() -> Result<Lexicon, ConjugationError> {
        let mut lex = Lexicon::default();
        let words = |fields: &[&str], i: usize| -> Vec<String> {
            fields
                .get(i)
                .map(|f| f.split_whitespace().map(key).collect())
                .unwrap_or_default()
        };
        for (tag, fields) in tagged(fr::SPEECH_VERBS) {
            match tag {
                "verb" => {
                    lex.lemmas.extend(words(&fields, 0));
                    // "s'est désolée", "ont été dites": the participle agrees.
                    for participle in words(&fields, 1) {
                        for ending in ["e", "s", "es"] {
                            lex.participles.insert(format!("{participle}{ending}"));
                        }
                        lex.participles.insert(participle);
                    }
                    lex.finite.extend(words(&fields, 2));
                }
                "aux" => lex.auxiliaries.extend(words(&fields, 0)),
                "reflexive" => lex.reflexive.extend(words(&fields, 0)),
                "observation" => lex.observation.extend(words(&fields, 0)),
                "between" => lex.between.extend(words(&fields, 0)),
                "between-phrase" => {
                    if let Some(phrase) = fields.first() {
                        lex.between_phrases.push(phrase_keys(phrase));
                    }
                }
                "prep" => {
                    if let Some(phrase) = fields.first() {
                        lex.preps.push(phrase_keys(phrase));
                    }
                }
                _ => {}
            }
        }
        lex.add_framenet_verbs(&Conjugator::french()?);
        lex.preps.retain(|p| !p.is_empty());
        lex.preps.sort_by_key(|p| std::cmp::Reverse(p.len()));
        lex.between_phrases.retain(|p| !p.is_empty());
        lex.between_phrases
            .sort_by_key(|p| std::cmp::Reverse(p.len()));
        lex.titles = tagged(fr::TITLE_WORDS).map(|(w, _)| key(w)).collect();
        for (tag, fields) in tagged(fr::SPEAKER_WORDS) {
            let set = match tag {
                "det" => &mut lex.determiners,
                "pronoun" => &mut lex.pronouns,
                "impersonal" => &mut lex.impersonal,
                "particle" => &mut lex.particles,
                "complement" => &mut lex.complements,
                "stop" => &mut lex.stops,
                "skip" => &mut lex.skips,
                "object" => &mut lex.objects,
                "verb" => &mut lex.subject_enders,
                "verb-prep" => &mut lex.verb_preps,
                "speaker-noun" => &mut lex.speaker_nouns,
                "agent-suffix" => {
                    lex.agent_suffixes.extend(words(&fields, 0));
                    continue;
                }
                _ => continue,
            };
            set.extend(words(&fields, 0));
        }
        for file in [fr::FRAMENET_NOUNS, fr::PERSON_NOUNS] {
            let first_fields = file
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .filter_map(|l| l.split('\t').next().map(str::trim))
                .filter(|w| !w.is_empty());
            lex.speaker_nouns.extend(first_fields.map(key));
        }
        Ok(lex)
    }

    /// The verbs of `speech-verbs-framenet.tsv`: each lemma, its past participles (all four:
    /// "s'est exclamée" agrees) and its finite forms of the third person, as the paradigms
    /// give them. A lemma no paradigm fits still counts on the dependency tree.
    fn add_framenet_verbs(&mut self, conjugator: &Conjugator) {
        for line in fr::FRAMENET_VERBS.lines() {
            let Some(lemma) = line.split('\t').next().map(str::trim) else {
                continue;
            };
            if lemma.is_empty() || lemma.starts_with('#') {
                continue;
            }
            self.lemmas.insert(key(lemma));
            for (form, kind) in conjugator.conjugate(lemma).unwrap_or_default() {
                match kind {
                    FormKind::PastParticiple => {
                        self.participles.insert(key(&form));
                    }
                    // First and second persons plural ("déclarons", "déclarez") are no
                    // reporting forms.
                    FormKind::Finite if !form.ends_with("ons") && !form.ends_with("ez") => {
                        self.finite.insert(key(&form));
                    }
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        let lex = Lexicon::french().expect("the embedded lists");
        assert!(lex.participles.contains("déclaré"));
        // From the FrameNet list, conjugated.
        assert!(lex.lemmas.contains("rétorquer") && lex.finite.contains("rétorque"));
        assert!(lex.participles.contains("fustigé") && lex.finite.contains("fustigeait"));
        assert!(lex.finite.contains("explique"));
        assert!(lex.auxiliaries.contains("avaient"));
        assert!(lex
            .preps
            .contains(&vec!["d'".to_string(), "après".to_string()]));
        assert!(lex.preps.iter().any(|p| p.len() == 3));
        assert!(lex.titles.contains("baptisée"));
        assert!(lex.determiners.contains("les") && lex.determiners.contains("l'"));
        assert!(lex.pronouns.contains("il") && lex.impersonal.contains("on"));
        assert!(lex.stops.contains("à") && lex.stops.contains("devant"));
        assert!(lex.subject_enders.contains("n'"));
        assert!(lex.skips.contains("alors") && lex.objects.contains("lui"));
        assert!(lex.observation.contains("constaté") && lex.observation.contains("appris"));
        assert!(lex.speaker_nouns.contains("ministre") && lex.speaker_nouns.contains("communiqué"));
        assert!(lex.speaker_nouns.contains("personnes") && !lex.speaker_nouns.contains("clip"));
    }

    #[test]
    fn every_verb_line_has_a_participle_and_finite_forms() {
        for (tag, fields) in tagged(fr::SPEECH_VERBS) {
            assert!(
                matches!(
                    tag,
                    "verb"
                        | "aux"
                        | "reflexive"
                        | "between"
                        | "between-phrase"
                        | "prep"
                        | "observation"
                ),
                "unknown tag {tag}"
            );
            if tag == "verb" {
                assert_eq!(fields.len(), 3, "verb line {fields:?}");
                assert!(!fields[1].contains(' '), "one-word participle: {fields:?}");
            }
        }
    }
}
