//! Counts and amounts (placeholder until the count stage lands): adds the `counts` layer.

use crate::document::Document;
use crate::lang::LangData;

/// The count stage, built once per pipeline.
#[derive(Debug, Clone)]
pub struct Counter {}

impl Counter {
    pub fn new(_lang: &LangData) -> Counter {
        Counter {}
    }

    /// Adds the `counts` layer. Requires `tokens`, `sentences`.
    pub fn annotate(&self, _doc: &mut Document) {}
}
