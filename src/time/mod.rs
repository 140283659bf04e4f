//! Time expressions (placeholder until the time stage lands): adds `times`.

use crate::document::Document;
use crate::lang::LangData;

/// The time stage, built once per pipeline.
#[derive(Debug, Clone)]
pub struct TimeTagger {}

impl TimeTagger {
    pub fn new(_lang: &LangData) -> TimeTagger {
        TimeTagger {}
    }

    /// Adds the `times` layer. Requires `tokens`, `sentences`.
    pub fn annotate(&self, _doc: &mut Document) {}
}
