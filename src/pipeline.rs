//! The pipeline: language data loaded once, and the stages run in order on each document.
//!
//! Stages: layout (`blocks`) → segmentation (`tokens`, `sentences`) → named entities
//! (`mentions`) → linking and coreference (`entities`, nominal mentions) → time expressions
//! (`times`) → counts (`counts`) → quotations (`quotes`) → events (`events`). A new stage is one module, one field
//! here and one line in `Pipeline::run_stages`. A `Pipeline` is immutable after
//! [`Pipeline::new`] and `Send + Sync`: one instance serves every thread of a batch.
//!
//! [`Pipeline::annotate_within`] runs under a deadline, checked before each stage: a document
//! that runs out of time stops between stages, half annotated, and the caller drops it. The
//! check is cooperative, so it cannot cut a stage short; a caller that must not wait for a
//! stage either (`depeche extract`) also stops waiting for the document at its deadline.

use crate::document::Document;
use crate::lang::{LangData, LangError};
use crate::ner::{NerError, Recognizer};
use crate::{count, event, quote, read, segment, time};
use std::path::Path;
use std::time::Instant;

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
    #[error("syntax: {0}")]
    Syntax(#[from] crate::syntax::words::WordsError),
    #[error("verb paradigms: {0}")]
    Conjugation(#[from] crate::lang::conjugation::ConjugationError),
}

/// A document ran out of time: the stages from `stage` on were not run, so its annotation is
/// incomplete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("out of time before the {stage} stage")]
pub struct Overtime {
    pub stage: &'static str,
}

/// One stage of [`Pipeline::annotate`], as the stage list holds it.
type Stage<'a> = dyn Fn(&mut Document) + 'a;

#[derive(Debug, Clone)]
pub struct Pipeline {
    lang: LangData,
    ner: Recognizer,
    syntax: crate::syntax::words::Analyzer,
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
            syntax: crate::syntax::words::Analyzer::french()?,
            link: crate::link::Linker::new()?,
            times: time::TimeTagger::new(&lang),
            counts: count::Counter::new(&lang),
            quotes: quote::Quoter::new(&lang)?,
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
        // Without a deadline no stage is skipped.
        let _complete = self.run_stages(doc, None);
    }

    /// Runs every stage on a document freshly read, unless `deadline` passes first: it is
    /// checked before each stage, and when it has passed the remaining stages are skipped.
    pub fn annotate_within(&self, doc: &mut Document, deadline: Instant) -> Result<(), Overtime> {
        self.run_stages(doc, Some(deadline))
    }

    fn run_stages(&self, doc: &mut Document, deadline: Option<Instant>) -> Result<(), Overtime> {
        let stages: [(&'static str, &Stage); 10] = [
            ("layout", &|d| read::layout::add_blocks(d, &self.lang)),
            ("segmentation", &|d| segment::segment(d, &self.lang)),
            ("syntax", &|d| self.syntax.annotate(d)),
            ("named-entity", &|d| self.ner.annotate(d)),
            ("linking", &|d| self.link.annotate(d)),
            ("time", &|d| self.times.annotate(d)),
            ("count", &|d| self.counts.annotate(d)),
            ("quote", &|d| self.quotes.annotate(d)),
            ("speaker", &|d| crate::link::attach_speakers(d)),
            ("event", &|d| self.events.annotate(d, self.link.kb())),
        ];
        for (stage, run) in stages {
            if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                return Err(Overtime { stage });
            }
            run(doc);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;

    #[test]
    fn a_passed_deadline_stops_before_the_first_stage() {
        let pipeline = Pipeline::new("fr").expect("French");
        let meta = Metadata {
            id: "t".into(),
            lang: "fr".into(),
            title_from_first_line: true,
            ..Metadata::default()
        };
        let mut doc = Document::new(meta.clone(), "Titre\n\nLa France a condamné.".into());
        let passed = Instant::now();
        assert_eq!(
            pipeline.annotate_within(&mut doc, passed),
            Err(Overtime { stage: "layout" })
        );
        assert!(doc.blocks.is_empty() && doc.tokens.is_empty());
        let mut doc = Document::new(meta, "Titre\n\nLa France a condamné.".into());
        let later = Instant::now() + std::time::Duration::from_secs(3600);
        assert_eq!(pipeline.annotate_within(&mut doc, later), Ok(()));
        assert!(!doc.sentences.is_empty());
    }
}
