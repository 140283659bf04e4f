//! The pipeline: language data loaded once, and the stages run in order on each document.
//!
//! Stages so far: layout (`blocks`) → segmentation (`tokens`, `sentences`). A new stage is one
//! module and one line in [`Pipeline::annotate`]. A `Pipeline` is immutable after
//! [`Pipeline::new`] and `Send + Sync`: one instance serves every thread of a batch.

use crate::document::Document;
use crate::lang::{LangData, LangError};
use crate::{read, segment};

#[derive(Debug, Clone)]
pub struct Pipeline {
    lang: LangData,
}

impl Pipeline {
    /// Builds the pipeline for a language (ISO 639-1 code).
    pub fn new(lang: &str) -> Result<Pipeline, LangError> {
        Ok(Pipeline {
            lang: LangData::load(lang)?,
        })
    }

    pub fn lang(&self) -> &LangData {
        &self.lang
    }

    /// Runs every stage on a document freshly read.
    pub fn annotate(&self, doc: &mut Document) {
        read::layout::add_blocks(doc, &self.lang);
        segment::segment(doc, &self.lang);
    }
}
