//! depeche turns French news dispatches into structured, sourced event data. Every annotation
//! is a span of UTF-8 byte offsets into the article's original text.
//!
//! The modules follow the pipeline:
//! - [`read`]: files, directories, standard input, plain text and JSON Lines → [`Document`],
//!   with the layout (`blocks`: title, captions, subheadings, paragraphs);
//! - [`segment`]: French tokens and sentences;
//! - [`time`], [`count`], [`quote`]: time expressions, counts and amounts, quotations
//!   (with [`number`], French numbers in digits and words);
//! - [`syntax`]: UPOS, lemmas and dependency trees over UD words (not yet in the pipeline);
//! - [`output`]: the versioned JSON contract;
//! - [`eval`]: measurements against gold data;
//! - [`store`]: the embedded event database (`ingest`, `query`, `export`, `check`);
//! - `serve` (cargo feature `serve`, on by default): the HTTP API and the web page.
//!
//! [`pipeline::Pipeline`] assembles the stages; [`lang`] holds the language data they read.

pub mod count;
pub mod document;
pub mod eval;
pub mod event;
pub mod ingest;
pub mod lang;
pub mod link;
pub mod ner;
pub mod number;
pub mod output;
pub mod pipeline;
pub mod quote;
pub mod read;
pub mod segment;
#[cfg(feature = "serve")]
pub mod serve;
pub mod store;
pub mod syntax;
pub mod time;

pub use document::{
    Block, BlockKind, Count, CountKind, Document, Entity, EntityType, Mention, Metadata, Published,
    Qualifier, Quote, Sentence, Span, Speaker, TimeExpr, TimexType, Token, TokenKind,
};
pub use pipeline::Pipeline;
