//! What lies around a token: the sentence that holds it, the named record that a complement
//! ("de Gao", "du MNLA") or the sentences just before point to. Appositions, descriptions
//! standing alone and the records they make all ask these. Sentences and mentions are in text
//! order, so the sentence of a token is a binary search.

use crate::document::{Document, Mention, Sentence};

/// The named mention right after a complement "de …" at `at` ("d'Ansar Eddine", "de la ville
/// de Gao", "du MNLA"), over an article.
pub(super) fn named_after_de(words: &[String], mentions: &[Mention], at: usize) -> Option<usize> {
    if !matches!(words.get(at).map(String::as_str), Some("de" | "d'" | "du")) {
        return None;
    }
    let mut p = at + 1;
    while matches!(
        words.get(p).map(String::as_str),
        Some("la" | "le" | "l'" | "les")
    ) {
        p += 1;
    }
    mentions
        .iter()
        .find(|m| m.tokens.start == p && !m.nominal)
        .and_then(|m| m.entity)
}

/// The last named record in the three sentences before token `before` that `fits`: what a
/// definite description ("l'avocat", "l'entreprise") points back to.
pub(super) fn recent_named(
    doc: &Document,
    mentions: &[Mention],
    before: usize,
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    let here = sentence_index(doc, before)?;
    mentions
        .iter()
        .filter(|m| m.tokens.end <= before && !m.nominal)
        .filter(|m| sentence_index(doc, m.tokens.start).is_some_and(|s| here - s <= 3))
        .filter_map(|m| m.entity)
        .rfind(|&e| fits(e))
}

/// The index of the sentence holding token `t` (sentences are in text order).
pub(super) fn sentence_index(doc: &Document, t: usize) -> Option<usize> {
    let i = doc.sentences.partition_point(|s| s.tokens.end <= t);
    doc.sentences
        .get(i)
        .filter(|s| s.tokens.contains(&t))
        .map(|_| i)
}

/// The sentence holding token `t`.
pub(super) fn sentence_at(doc: &Document, t: usize) -> Option<&Sentence> {
    sentence_index(doc, t).map(|i| &doc.sentences[i])
}
