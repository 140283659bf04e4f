//! Segmentation: the `tokens` and `sentences` layers, block by block.
//!
//! Requires `blocks`; assigns `tokens` (in text order, covering every non-space character of
//! every block) and `sentences` (each inside one block, each a whole number of tokens).

pub mod sentences;
pub mod tokenize;

use crate::document::{Document, Span};
use crate::lang::LangData;

/// Adds the `tokens` and `sentences` layers to a document whose blocks are laid out.
pub fn segment(doc: &mut Document, lang: &LangData) {
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        let first = tokens.len();
        tokenize::tokenize(&doc.text, block.span, lang, &mut tokens);
        sentences::split_sentences(
            &doc.text,
            lang,
            &tokens,
            first..tokens.len(),
            b,
            &mut sentences,
        );
    }
    doc.tokens = tokens;
    doc.sentences = sentences;
}

/// Tokens and sentence spans of a bare piece of text taken as one paragraph: what the
/// evaluation and benchmarks measure, without layout.
pub fn segment_paragraph(text: &str, lang: &LangData) -> (Vec<crate::document::Token>, Vec<Span>) {
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    tokenize::tokenize(text, Span::new(0, text.len()), lang, &mut tokens);
    sentences::split_sentences(text, lang, &tokens, 0..tokens.len(), 0, &mut sentences);
    (tokens, sentences.into_iter().map(|s| s.span).collect())
}
