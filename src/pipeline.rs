//! The pipeline: language data loaded once, and the stages run in order on each document.
//!
//! Stages: layout (`blocks`) → segmentation (`tokens`, `sentences`) → named entities
//! (`mentions`) → linking and coreference (`entities`, nominal mentions) → time expressions
//! (`times`) → counts (`counts`) → quotations (`quotes`) → events (`events`). A new stage is one module, one field
//! here and one line in [`Pipeline::annotate`]. A `Pipeline` is immutable after
//! [`Pipeline::new`] and `Send + Sync`: one instance serves every thread of a batch.

use crate::document::Document;
use crate::lang::{LangData, LangError};
use crate::ner::{NerError, Recognizer};
use crate::{count, event, quote, read, segment, time};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Lang(#[from] LangError),
    #[error(transparent)]
    Ner(#[from] NerError),
    #[error("event dictionary: {0}")]
    Events(#[from] crate::event::dict::DictError),
    #[error("knowledge base: {0}")]
    Kb(#[from] crate::link::kb::KbError),
}

#[derive(Debug, Clone)]
pub struct Pipeline {
    lang: LangData,
    ner: Recognizer,
    link: crate::link::Linker,
    times: time::TimeTagger,
    counts: count::Counter,
    quotes: quote::Quoter,
    events: event::EventCoder,
}

impl Pipeline {
    /// Builds the pipeline for a language (ISO 639-1 code) with its built-in NER model.
    pub fn new(lang: &str) -> Result<Pipeline, PipelineError> {
        Pipeline::with_model(lang, None)
    }

    /// Builds the pipeline with a NER model file instead of the built-in one.
    pub fn with_model(lang: &str, ner_model: Option<&Path>) -> Result<Pipeline, PipelineError> {
        let lang = LangData::load(lang)?;
        let ner = match ner_model {
            Some(path) => Recognizer::load(path)?,
            None => Recognizer::french()?,
        };
        Ok(Pipeline {
            ner,
            link: crate::link::Linker::new()?,
            times: time::TimeTagger::new(&lang),
            counts: count::Counter::new(&lang),
            quotes: quote::Quoter::new(&lang),
            events: event::EventCoder::new()?,
            lang,
        })
    }

    pub fn lang(&self) -> &LangData {
        &self.lang
    }

    /// The knowledge base the linker reads (places, actors), for exports that need more of a
    /// place than its entity record holds.
    pub fn kb(&self) -> &crate::link::kb::KnowledgeBase {
        self.link.kb()
    }

    /// The event coder's account of an annotated document: every candidate trigger and what
    /// became of it.
    pub fn explain_events(&self, doc: &Document) -> Vec<event::Candidate> {
        self.events.code(doc, self.link.kb()).1
    }

    /// Runs every stage on a document freshly read.
    pub fn annotate(&self, doc: &mut Document) {
        read::layout::add_blocks(doc, &self.lang);
        segment::segment(doc, &self.lang);
        self.ner.annotate(doc);
        self.link.annotate(doc);
        self.times.annotate(doc);
        self.counts.annotate(doc);
        self.quotes.annotate(doc);
        crate::link::attach_speakers(doc);
        self.events.annotate(doc, self.link.kb());
    }
}
