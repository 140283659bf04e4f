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
    ) -> Result<Document, ReadError> {
        let bytes = self.read_limited(reader, &origin)?;
        let source = crate::ingest::html::PageSource::default();
        crate::ingest::html_document(&bytes, source, id, origin.clone())
            .map(|doc| self.finish(doc))
            .map_err(|problem| ReadError { origin, problem })
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
                    .map(|item| item.map(|doc| self.finish(doc)))
                    .collect();
                self.pending.extend(items);
                None
            }
            Err(problem) => Some(Err(ReadError { origin, problem })),
        }
    }
}
