//! Readers for web inputs: saved pages and feeds (archives stream through
//! [`crate::ingest::warc::WarcSource`]). Kept apart from the text and JSON Lines readers of
//! the parent module; they share its [`DocumentStream`].

use super::{io_error, DocumentStream, Problem, ReadError};
use crate::document::Document;
use std::io::Read;
use std::path::Path;

impl DocumentStream {
    /// Remarks gathered so far that concern no one document ("12 records skipped"), drained.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Reads up to the size limit plus one byte, so that "over the limit" is told apart.
    pub(super) fn read_limited(
        &mut self,
        reader: impl Read,
        origin: &str,
    ) -> Result<Vec<u8>, ReadError> {
        let limit = self.opts.max_doc_bytes;
        let mut bytes = Vec::new();
        reader
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| io_error(origin.to_string(), err))?;
        self.bytes_read += bytes.len() as u64;
        if bytes.len() > limit {
            return Err(ReadError {
                origin: origin.to_string(),
                problem: Problem::TooLarge { limit },
            });
        }
        Ok(bytes)
    }

    /// A saved page: its article and metadata.
    pub(super) fn read_page(
        &mut self,
        reader: impl Read,
        origin: String,
        id: String,
    ) -> Option<Result<Document, ReadError>> {
        let bytes = match self.read_limited(reader, &origin) {
            Ok(bytes) => bytes,
            Err(err) => return Some(Err(err)),
        };
        let source = crate::ingest::html::PageSource::default();
        match crate::ingest::html_document(&bytes, source, id, origin.clone()) {
            Ok(doc) => self.admit(doc).map(|doc| Ok(self.finish(doc))),
            Err(problem) => Some(Err(ReadError { origin, problem })),
        }
    }

    /// Detects a web document's language; one in another language than the batch's is
    /// skipped and counted, unless `--lang-any` keeps it (with a warning).
    pub(super) fn admit(&mut self, mut doc: Document) -> Option<Document> {
        let detected = crate::ingest::language::detect(&doc.text);
        if let Some(lang) = detected {
            doc.meta.detected_lang = Some(lang.to_string());
        }
        match detected {
            Some(lang) if lang != self.opts.lang => {
                if !self.opts.lang_any {
                    *self.lang_skipped.entry(lang.to_string()).or_default() += 1;
                    return None;
                }
                doc.warnings.push(format!(
                    "lang: the text reads as '{lang}'; processed with the rules of '{}' (--lang-any)",
                    self.opts.lang
                ));
                Some(doc)
            }
            _ => Some(doc),
        }
    }

    /// "N documents skipped, not in fr (3 en, 1 de); --lang-any keeps them", once.
    pub(super) fn lang_note(&mut self) -> Option<String> {
        let skipped = std::mem::take(&mut self.lang_skipped);
        let total: usize = skipped.values().sum();
        (total > 0).then(|| {
            let parts: Vec<String> = skipped.iter().map(|(l, n)| format!("{n} {l}")).collect();
            format!(
                "{total} web document(s) skipped, not in '{}' ({}); --lang-any keeps them",
                self.opts.lang,
                parts.join(", ")
            )
        })
    }

    /// A feed: its items queued as documents (a saved page beside the feed is read for an
    /// item's text).
    pub(super) fn read_feed(
        &mut self,
        reader: impl Read,
        path: &Path,
        origin: String,
        id: String,
    ) -> Option<Result<Document, ReadError>> {
        let bytes = match self.read_limited(reader, &origin) {
            Ok(bytes) => bytes,
            Err(err) => return Some(Err(err)),
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        match crate::ingest::feed::read_feed(&bytes, dir, &id, &origin, self.opts.max_doc_bytes) {
            Ok(items) => {
                let items: Vec<_> = items
                    .into_iter()
                    .filter_map(|item| match item {
                        Ok(doc) => self.admit(doc).map(|doc| Ok(self.finish(doc))),
                        Err(err) => Some(Err(err)),
                    })
                    .collect();
                self.pending.extend(items);
                None
            }
            Err(problem) => Some(Err(ReadError { origin, problem })),
        }
    }
}
