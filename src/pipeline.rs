//! The pipeline: language data loaded once, and the stages run in order on each document.
//!
//! Stages: layout (`blocks`) → segmentation (`tokens`, `sentences`) → time expressions
//! (`times`) → counts (`counts`) → quotations (`quotes`). A new stage is one module, one field
//! here and one line in [`Pipeline::annotate`]. A `Pipeline` is immutable after
//! [`Pipeline::new`] and `Send + Sync`: one instance serves every thread of a batch.

use crate::document::Document;
use crate::lang::{LangData, LangError};
use crate::{count, quote, read, segment, time};

#[derive(Debug, Clone)]
pub struct Pipeline {
    lang: LangData,
    times: time::TimeTagger,
    counts: count::Counter,
    quotes: quote::Quoter,
}

impl Pipeline {
    /// Builds the pipeline for a language (ISO 639-1 code).
    pub fn new(lang: &str) -> Result<Pipeline, LangError> {
        let lang = LangData::load(lang)?;
        Ok(Pipeline {
            times: time::TimeTagger::new(&lang),
            counts: count::Counter::new(&lang),
            quotes: quote::Quoter::new(&lang),
            lang,
        })
    }

    pub fn lang(&self) -> &LangData {
        &self.lang
    }

    /// Runs every stage on a document freshly read.
    pub fn annotate(&self, doc: &mut Document) {
        read::layout::add_blocks(doc, &self.lang);
        segment::segment(doc, &self.lang);
        self.times.annotate(doc);
        self.counts.annotate(doc);
        self.quotes.annotate(doc);
    }
}
