//! French verb forms from lemmas: the paradigms of `data/fr/events/conjugation.txt` (format in
//! its header), shared by the event dictionary and the lexicon of verbs of saying, so each
//! names a verb once by its lemma.

use crate::lang::normalize_word;

const CONJUGATION: &str = include_str!("../../data/fr/events/conjugation.txt");

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}:{line}: {why}")]
pub struct ConjugationError {
    pub file: &'static str,
    pub line: usize,
    pub why: String,
}

/// What a verb form is: finite, future, conditional, infinitive, a participle, or a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    /// Present, imperfect, simple past: the verb asserts by itself.
    Finite,
    Future,
    Conditional,
    Infinitive,
    PastParticiple,
    PresentParticiple,
    /// A noun: "visite", "bombardements".
    Noun,
}

impl FormKind {
    pub fn parse(tag: &str) -> Option<FormKind> {
        Some(match tag {
            "" => FormKind::Finite,
            "fut" => FormKind::Future,
            "cond" => FormKind::Conditional,
            "inf" => FormKind::Infinitive,
            "pp" => FormKind::PastParticiple,
            "ppr" => FormKind::PresentParticiple,
            _ => return None,
        })
    }
}

/// A paradigm: a lemma ending and the forms that replace it, each tagged.
#[derive(Debug, Clone)]
struct Paradigm {
    ending: String,
    forms: Vec<(String, FormKind)>,
}

pub fn parse_forms(
    words: &[&str],
    file: &'static str,
    line: usize,
) -> Result<Vec<(String, FormKind)>, ConjugationError> {
    words
        .iter()
        .map(|w| {
            let (form, tag) = w.split_once('/').unwrap_or((w, ""));
            let kind = FormKind::parse(tag).ok_or_else(|| ConjugationError {
                file,
                line,
                why: format!("unknown form tag '{tag}' (fut, cond, inf, pp, ppr)"),
            })?;
            Ok((normalize_word(form), kind))
        })
        .collect()
}

fn load_paradigms() -> Result<Vec<Paradigm>, ConjugationError> {
    const FILE: &str = "data/fr/events/conjugation.txt";
    let mut out = Vec::new();
    for (n, line) in CONJUGATION.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (ending, forms) = line.split_once(':').ok_or(ConjugationError {
            file: FILE,
            line: n + 1,
            why: "expected 'ending: forms…'".into(),
        })?;
        let words: Vec<&str> = forms.split_whitespace().collect();
        out.push(Paradigm {
            ending: ending.trim().trim_start_matches('-').to_string(),
            forms: parse_forms(&words, FILE, n + 1)?,
        });
    }
    // Longest ending first, so "mettre" wins over "re".
    out.sort_by_key(|p| std::cmp::Reverse(p.ending.chars().count()));
    Ok(out)
}

/// First-group spelling changes the plain paradigm misses: "menaçant", "engageons",
/// "appelle", "répète", "emploie". Over-generating is harmless: these strings are French forms
/// of this verb or of nothing.
fn spelling_variants(stem: &str, form: &str) -> Vec<String> {
    let mut out = vec![format!("{stem}{form}")];
    let starts_hard = form.starts_with('a') || form.starts_with('o') || form.starts_with('â');
    if starts_hard {
        if let Some(s) = stem.strip_suffix('c') {
            out.push(format!("{s}ç{form}"));
        }
        if stem.ends_with('g') {
            out.push(format!("{stem}e{form}"));
        }
    }
    // Silent-e endings: e, es, ent, and the future/conditional (er…).
    let silent = matches!(form, "e" | "es" | "ent") || form.starts_with("er");
    if silent {
        let chars: Vec<char> = stem.chars().collect();
        if chars.len() >= 3 {
            let (last, vowel) = (chars[chars.len() - 1], chars[chars.len() - 2]);
            let head: String = chars[..chars.len() - 2].iter().collect();
            if matches!(vowel, 'e' | 'é') && !"aeiouyé".contains(last) {
                out.push(format!("{head}è{last}{form}"));
                if vowel == 'e' && matches!(last, 'l' | 't') {
                    out.push(format!("{head}e{last}{last}{form}"));
                }
            }
        }
        if let Some(s) = stem.strip_suffix('y') {
            out.push(format!("{s}i{form}"));
        }
    }
    out
}

/// The paradigms of `data/fr/events/conjugation.txt`, longest ending first.
#[derive(Debug, Clone)]
pub struct Conjugator {
    paradigms: Vec<Paradigm>,
}

impl Conjugator {
    pub fn french() -> Result<Conjugator, ConjugationError> {
        Ok(Conjugator {
            paradigms: load_paradigms()?,
        })
    }

    /// The forms of a verb (its infinitive, without "se"), by the paradigm of its longest
    /// matching ending; `None` when no paradigm fits.
    pub fn conjugate(&self, bare: &str) -> Option<Vec<(String, FormKind)>> {
        conjugate(bare, &self.paradigms)
    }
}

/// The forms of a verb by the paradigm of its longest matching ending.
fn conjugate(bare: &str, paradigms: &[Paradigm]) -> Option<Vec<(String, FormKind)>> {
    let p = paradigms.iter().find(|p| bare.ends_with(&p.ending))?;
    let stem = &bare[..bare.len() - p.ending.len()];
    let mut forms = Vec::new();
    for (ending, kind) in &p.forms {
        let endings = if p.ending == "er" {
            spelling_variants(stem, ending)
        } else {
            vec![format!("{stem}{ending}")]
        };
        forms.extend(endings.into_iter().map(|f| (f, *kind)));
    }
    Some(forms)
}
