//! Quotations and their speakers (placeholder until the quote stage lands): adds `quotes`.

use crate::document::Document;
use crate::lang::LangData;

/// The quote stage, built once per pipeline.
#[derive(Debug, Clone)]
pub struct Quoter {}

impl Quoter {
    pub fn new(_lang: &LangData) -> Quoter {
        Quoter {}
    }

    /// Adds the `quotes` layer. Requires `tokens`, `sentences`.
    pub fn annotate(&self, _doc: &mut Document) {}
}
