//! The syntax layer of a Document: its tokens become Universal Dependencies words (a
//! contraction such as "du" becomes "de" + "le", both on the span of "du"), and each
//! sentence's words are tagged, lemmatized and parsed by the [`Model`].
//!
//! Which contractions split, and when, is language data (`data/fr/syntax/contractions.txt`).
//! "des" is both an article and "de" + "les": the tagger first reads the sentence with "des"
//! whole, and "des" splits where the word before it carries one of the listed tags.

use super::{conllu, Model, SyntaxError};
use crate::document::{Document, Word};
use std::borrow::Cow;
use std::collections::HashMap;

const CONTRACTIONS: &str = include_str!("../../data/fr/syntax/contractions.txt");

/// A contraction and the words it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Contraction {
    words: Vec<String>,
    /// When not empty: split only after a word with one of these UPOS tags.
    after: Vec<String>,
}

/// Relative pronouns that stand as a clause's subject for the noun the clause depends on
/// ("le ministre, qui a déclaré …"): read by the quote attributor and the event coder.
pub const SUBJECT_RELATIVES: &[&str] = &["qui", "lequel", "laquelle", "lesquels", "lesquelles"];

/// The model plus the contraction table: what the pipeline's syntax stage runs.
#[derive(Debug, Clone)]
pub struct Analyzer {
    model: Model,
    contractions: HashMap<String, Contraction>,
}

#[derive(Debug, thiserror::Error)]
pub enum WordsError {
    #[error(transparent)]
    Model(#[from] SyntaxError),
    #[error("data/fr/syntax/contractions.txt line {line}: {message}")]
    Table { line: usize, message: String },
}

fn parse_contractions(text: &str) -> Result<HashMap<String, Contraction>, WordsError> {
    let mut out = HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (left, after) = match line.split_once('|') {
            Some((l, a)) => (l, a.split_whitespace().map(str::to_string).collect()),
            None => (line, Vec::new()),
        };
        let mut fields = left.split_whitespace();
        let form = fields.next().unwrap_or_default().to_lowercase();
        let words: Vec<String> = fields.map(str::to_string).collect();
        if words.len() < 2 {
            return Err(WordsError::Table {
                line: i + 1,
                message: format!("\"{form}\" needs at least two words"),
            });
        }
        out.insert(form, Contraction { words, after });
    }
    Ok(out)
}

/// "De" for "Du": the first word takes the capital of the token.
fn cased(word: &str, token: &str, first: bool) -> String {
    let capital = token.chars().next().is_some_and(char::is_uppercase);
    if !(first && capital) {
        return word.to_string();
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn push_split<'t>(out: &mut Vec<(usize, Cow<'t, str>)>, token: usize, text: &str, c: &Contraction) {
    for (j, w) in c.words.iter().enumerate() {
        out.push((token, Cow::Owned(cased(w, text, j == 0))));
    }
}

impl Analyzer {
    /// The French model embedded in the binary, with the French contractions.
    pub fn french() -> Result<Analyzer, WordsError> {
        Analyzer::with_model(Model::french()?)
    }

    pub fn with_model(model: Model) -> Result<Analyzer, WordsError> {
        Ok(Analyzer {
            model,
            contractions: parse_contractions(CONTRACTIONS)?,
        })
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The UD words of a sentence's tokens: (token index, form) pairs.
    fn split<'t>(&self, tokens: &[(usize, &'t str)]) -> Vec<(usize, Cow<'t, str>)> {
        let found: Vec<Option<&Contraction>> = tokens
            .iter()
            .map(|(_, t)| self.contractions.get(t.to_lowercase().as_str()))
            .collect();
        let mut words = Vec::with_capacity(tokens.len() + 4);
        // Where each conditional contraction sits among the words, still whole.
        let mut pending = Vec::new();
        for (&(token, text), contraction) in tokens.iter().zip(&found) {
            match contraction {
                Some(c) if c.after.is_empty() => push_split(&mut words, token, text, c),
                Some(c) => {
                    pending.push((words.len(), c));
                    words.push((token, Cow::Borrowed(text)));
                }
                None => words.push((token, Cow::Borrowed(text))),
            }
        }
        if pending.is_empty() {
            return words;
        }
        // Tag the sentence with the conditional contractions whole, then split those that
        // follow a word with a listed tag; from the end, so that positions stay right.
        let forms: Vec<&str> = words.iter().map(|(_, f)| f.as_ref()).collect();
        let split_at: Vec<(usize, &&Contraction)> = {
            let tags = self.model.tags(&forms);
            pending
                .into_iter()
                .filter(|(at, c)| {
                    at.checked_sub(1)
                        .and_then(|p| tags.get(p))
                        .is_some_and(|tag| c.after.iter().any(|a| a == tag))
                })
                .collect()
        };
        for (at, c) in split_at.into_iter().rev() {
            let (token, text) = words[at].clone();
            let mut parts = Vec::with_capacity(c.words.len());
            push_split(&mut parts, token, &text, c);
            let owned: Vec<(usize, Cow<'t, str>)> = parts
                .into_iter()
                .map(|(t, f)| (t, Cow::Owned(f.into_owned())))
                .collect();
            words.splice(at..=at, owned);
        }
        words
    }

    /// Gives the document its syntax layer (replacing any there was).
    pub fn annotate(&self, doc: &mut Document) {
        let mut words = Vec::with_capacity(doc.tokens.len() + doc.tokens.len() / 8);
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let tokens: Vec<(usize, &str)> = sentence
                .tokens
                .clone()
                .filter_map(|t| {
                    doc.tokens
                        .get(t)
                        .map(|tok| (t, &doc.text[tok.span.range()]))
                })
                .collect();
            let split = self.split(&tokens);
            let forms: Vec<&str> = split.iter().map(|(_, f)| f.as_ref()).collect();
            let base = words.len();
            for ((token, form), a) in split.iter().zip(self.model.analyze(&forms)) {
                words.push(Word {
                    token: *token,
                    sentence: s,
                    form: form.to_string(),
                    lemma: a.lemma,
                    upos: a.upos,
                    feats: a.feats,
                    head: a.head.checked_sub(1).map(|h| base + h),
                    deprel: a.deprel,
                });
            }
        }
        doc.words = words;
    }
}

/// The document's syntax layer as CoNLL-U sentences: `# sent_id` (the document id and the
/// sentence's number) and `# text`, a range line for each contraction ("3-4 du"), and
/// `SpaceAfter=No` where the next token follows with no space.
pub fn to_conllu(doc: &Document) -> Vec<conllu::Sentence> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let words = doc.sentence_words(s);
        let Some(first) = words.first() else {
            continue;
        };
        let base = doc.token_words(first.token).start;
        let mut conll = conllu::Sentence {
            comments: vec![
                format!("# sent_id = {}-{}", doc.meta.id, s + 1),
                format!(
                    "# text = {}",
                    doc.text[sentence.span.range()].replace(['\n', '\r'], " ")
                ),
            ],
            ..conllu::Sentence::default()
        };
        let mut i = 0;
        while i < words.len() {
            let token = words[i].token;
            let n = words[i..].iter().take_while(|w| w.token == token).count();
            let span = doc.tokens.get(token).map(|t| t.span);
            let joined = doc
                .tokens
                .get(token + 1)
                .zip(span)
                .is_some_and(|(next, span)| next.span.start == span.end)
                && token + 1 < sentence.tokens.end;
            let misc = if joined { "SpaceAfter=No" } else { "_" };
            let text = span.map_or("", |sp| &doc.text[sp.range()]);
            if n > 1 {
                conll.multiwords.push(conllu::Multiword {
                    first: i + 1,
                    last: i + n,
                    line: format!("{}-{}\t{text}\t_\t_\t_\t_\t_\t_\t_\t{misc}", i + 1, i + n),
                });
            }
            for w in &words[i..i + n] {
                conll.words.push(conllu::Word {
                    form: w.form.clone(),
                    lemma: w.lemma.clone(),
                    upos: w.upos.clone(),
                    xpos: "_".into(),
                    feats: w.feats.clone(),
                    head: Some(w.head.map_or(0, |h| h + 1 - base)),
                    deprel: w.deprel.clone(),
                    deps: "_".into(),
                    misc: if n > 1 { "_" } else { misc }.into(),
                });
            }
            i += n;
        }
        out.push(conll);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_rejects_a_contraction_of_one_word() {
        let table = parse_contractions(CONTRACTIONS).expect("table");
        assert_eq!(table["du"].words, ["de", "le"]);
        assert!(table["au"].after.is_empty());
        assert!(table["des"].after.iter().any(|t| t == "NOUN"));
        match parse_contractions("# x\ndu de\n") {
            Err(WordsError::Table { line: 2, .. }) => {}
            other => panic!("expected an error on line 2, got {other:?}"),
        }
    }

    #[test]
    fn the_first_word_keeps_the_capital() {
        assert_eq!(cased("de", "Du", true), "De");
        assert_eq!(cased("le", "Du", false), "le");
        assert_eq!(cased("à", "AU", true), "À");
    }
}
