//! Readers: from files, directories and standard input to [`Document`]s.
//!
//! A batch is a list of inputs (`-` is standard input); directories are walked recursively in
//! name order, hidden entries skipped. [`DocumentStream`] yields one `Result` per document, in
//! input order, so that a bad document is reported with its origin and the batch goes on.
//!
//! Formats:
//! - **plain text** (`.txt` and anything not named below): one document per file, the first
//!   line its title; layout rules in [`layout`];
//! - **JSON Lines** (`.jsonl`, `.ndjson`): one document per line,
//!   `{"id","title","text","published","url","source","lang"}`, only `text` required. When the
//!   object has a `title` key, even empty, the text's first line is body, not title. Metadata
//!   never costs a document its place: a `published` that is not a valid date (of any JSON
//!   type) and an empty `id` (replaced by the default `FILE-LINE`) are warnings in the
//!   document's `warnings`. A numeric `id` keeps its text exactly as written (`1.50` stays
//!   `1.50`), as a parsed number would not.
//!
//! On standard input the format is JSON Lines when the first non-blank character is `{`, plain
//! text otherwise; `--input` forces either. JSON Lines are streamed line by line, so a feed
//! larger than memory is fine; each document is held to [`decode::DEFAULT_MAX_DOC_BYTES`]
//! unless the caller sets another limit.

pub mod decode;
mod inputs;
mod jsonl;
pub mod layout;
pub mod published;
mod web;

pub use inputs::{expand_inputs, total_bytes, Expanded, Input, WalkOptions};
pub use jsonl::{document_from_json, parse_json_document};

use crate::document::{Document, Metadata, Published};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// Why one document could not be read. Shown after its origin: `path:line: <problem>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("no such file or directory")]
    NotFound,
    #[error("not valid UTF-8 (first bad byte at offset {offset}, line {line}); convert the file to UTF-8")]
    InvalidUtf8 { offset: usize, line: usize },
    #[error("not valid UTF-16 (first bad unit at byte offset {offset}, line {line})")]
    InvalidUtf16 { offset: usize, line: usize },
    #[error("a UTF-16 JSON Lines file: convert it to UTF-8")]
    Utf16Lines,
    #[error("binary content, not text")]
    Binary,
    #[error("empty document (no text)")]
    Empty,
    #[error("larger than the limit of {limit} bytes per document (raise it with --max-doc-bytes)")]
    TooLarge { limit: usize },
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("field \"{0}\" must be a string")]
    FieldType(&'static str),
    #[error("field \"id\" must be a string or a number")]
    IdType,
    #[error("the JSON object has no \"text\" field")]
    MissingText,
    /// A page, feed item or archive record with no article text.
    #[error("no main text found (no paragraph of article text in the page)")]
    NoMainText,
    #[error("not a feed: {0}")]
    Feed(String),
    #[error("malformed WARC: {0}")]
    Warc(String),
}

/// A document that could not be read, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {problem}")]
pub struct ReadError {
    pub origin: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Jsonl,
    /// A saved web page: its main text and metadata ([`crate::ingest::html`]).
    Html,
    /// An RSS, Atom or JSON Feed file: one document per item ([`crate::ingest::feed`]).
    Feed,
    /// A WARC or WARC.gz file: one document per HTML response ([`crate::ingest::warc`]).
    Warc,
}

impl InputFormat {
    /// The format a file's name suggests: JSON Lines for `.jsonl`/`.ndjson`, a page for
    /// `.html`/`.htm`/`.xhtml` (also gzip-compressed, `.html.gz`), a feed for `.rss`/`.atom`/`.rdf`, an archive for `.warc` and
    /// `.warc.gz`, text otherwise.
    pub fn from_path(path: &Path) -> InputFormat {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if name.ends_with(".warc") || name.ends_with(".warc.gz") {
            return InputFormat::Warc;
        }
        if name.ends_with(".html.gz") || name.ends_with(".htm.gz") {
            return InputFormat::Html;
        }
        match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("jsonl" | "ndjson") => InputFormat::Jsonl,
            Some("html" | "htm" | "xhtml" | "shtml") => InputFormat::Html,
            Some("rss" | "atom" | "rdf") => InputFormat::Feed,
            _ => InputFormat::Text,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Forced format; `None` detects it.
    pub format: Option<InputFormat>,
    pub max_doc_bytes: usize,
    /// Publication date for documents that do not carry their own.
    pub published: Option<Published>,
    /// Language to process documents as (ISO 639-1).
    pub lang: String,
    /// Keep web documents detected to be in another language (`--lang-any`) instead of
    /// skipping them.
    pub lang_any: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            max_doc_bytes: decode::DEFAULT_MAX_DOC_BYTES,
            published: None,
            lang: "fr".to_string(),
            lang_any: false,
        }
    }
}

/// A JSON Lines source being streamed.
struct JsonlSource {
    reader: Box<dyn BufRead>,
    origin: String,
    id_prefix: String,
    line: usize,
}

/// Yields the documents of a batch in input order, one `Result` each.
pub struct DocumentStream {
    inputs: VecDeque<Result<Input, ReadError>>,
    current: Option<JsonlSource>,
    /// An archive being streamed, one record at a time.
    warc: Option<crate::ingest::warc::WarcSource>,
    /// Documents read ahead (a feed's items), given out before the next input is opened.
    pending: VecDeque<Result<Document, ReadError>>,
    /// Remarks on the input that concern no one document (records an archive skipped).
    notes: Vec<String>,
    /// Web documents skipped for their language, by detected language.
    lang_skipped: std::collections::BTreeMap<String, usize>,
    opts: ReadOptions,
    /// Bytes consumed so far from files and standard input, for progress reporting.
    pub bytes_read: u64,
}

impl DocumentStream {
    pub fn new(inputs: Vec<Result<Input, ReadError>>, opts: ReadOptions) -> DocumentStream {
        DocumentStream {
            inputs: inputs.into(),
            current: None,
            warc: None,
            pending: VecDeque::new(),
            notes: Vec::new(),
            lang_skipped: Default::default(),
            opts,
            bytes_read: 0,
        }
    }

    /// A stream over documents already read (a request body that the server parsed), so that
    /// they go through the same ingest as files.
    pub fn from_documents(
        docs: Vec<Result<Document, ReadError>>,
        opts: ReadOptions,
    ) -> DocumentStream {
        let mut stream = DocumentStream::new(Vec::new(), opts);
        stream.pending = docs.into_iter().collect();
        stream
    }

    fn open(&mut self, input: Input) -> Option<Result<Document, ReadError>> {
        match input {
            Input::File(path) => {
                let origin = path.display().to_string();
                let mut stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| origin.clone());
                // `page.html.gz` and `crawl.warc.gz` are `page` and `crawl`.
                if path.extension().is_some_and(|e| e == "gz") {
                    if let Some(inner) = Path::new(&stem).file_stem() {
                        stem = inner.to_string_lossy().into_owned();
                    }
                }
                let format = self.opts.format.unwrap_or(InputFormat::from_path(&path));
                let file = match File::open(&path) {
                    Ok(f) => f,
                    Err(err) => return Some(Err(io_error(origin, err))),
                };
                match format {
                    InputFormat::Jsonl => {
                        self.current = Some(JsonlSource {
                            reader: Box::new(BufReader::new(file)),
                            origin,
                            id_prefix: stem,
                            line: 0,
                        });
                        None
                    }
                    InputFormat::Text => Some(self.read_text(file, origin, stem)),
                    InputFormat::Html => self.read_page(file, origin, stem),
                    InputFormat::Feed => self.read_feed(file, &path, origin, stem),
                    InputFormat::Warc => {
                        self.warc = Some(crate::ingest::warc::WarcSource::new(
                            Box::new(BufReader::new(file)),
                            origin,
                            stem,
                            &path,
                        ));
                        None
                    }
                }
            }
            Input::Stdin => {
                let mut stdin = io::stdin().lock();
                let format = match self.opts.format {
                    Some(format) => format,
                    None => match sniff(&mut stdin) {
                        Ok(format) => format,
                        Err(err) => return Some(Err(io_error("<stdin>".into(), err))),
                    },
                };
                match format {
                    InputFormat::Jsonl => {
                        self.current = Some(JsonlSource {
                            reader: Box::new(stdin),
                            origin: "<stdin>".into(),
                            id_prefix: "stdin".into(),
                            line: 0,
                        });
                        None
                    }
                    InputFormat::Text => {
                        Some(self.read_text(stdin, "<stdin>".into(), "stdin".into()))
                    }
                    InputFormat::Html => self.read_page(stdin, "<stdin>".into(), "stdin".into()),
                    InputFormat::Feed => {
                        self.read_feed(stdin, Path::new("."), "<stdin>".into(), "stdin".into())
                    }
                    InputFormat::Warc => {
                        self.warc = Some(crate::ingest::warc::WarcSource::new(
                            Box::new(stdin),
                            "<stdin>".into(),
                            "stdin".into(),
                            Path::new("stdin"),
                        ));
                        None
                    }
                }
            }
        }
    }

    fn read_text(
        &mut self,
        reader: impl Read,
        origin: String,
        id: String,
    ) -> Result<Document, ReadError> {
        let limit = self.opts.max_doc_bytes;
        let mut bytes = Vec::new();
        // Read one byte past the limit to tell "at the limit" from "over it" without reading a
        // giant file whole.
        reader
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| io_error(origin.clone(), err))?;
        self.bytes_read += bytes.len() as u64;
        let text = decode::decode(bytes, limit).map_err(|problem| ReadError {
            origin: origin.clone(),
            problem,
        })?;
        let meta = Metadata {
            id,
            origin,
            title_from_first_line: true,
            ..Metadata::default()
        };
        Ok(self.finish(Document::new(meta, text)))
    }

    /// Fills what the options give: language, default publication date.
    fn finish(&self, doc: Document) -> Document {
        fill_defaults(doc, &self.opts)
    }
}

impl Iterator for DocumentStream {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(warc) = self.warc.as_mut() {
                match warc.next_document(self.opts.max_doc_bytes) {
                    Some(item) => {
                        self.bytes_read = self.bytes_read.max(warc.bytes_read());
                        match item {
                            Ok(doc) => match self.admit(doc) {
                                Some(doc) => return Some(Ok(self.finish(doc))),
                                None => continue,
                            },
                            Err(err) => return Some(Err(err)),
                        }
                    }
                    None => {
                        if let Some(summary) = warc.summary() {
                            self.notes.push(summary);
                        }
                        self.warc = None;
                        continue;
                    }
                }
            }
            if self.current.is_some() {
                if let Some(item) = self.next_jsonl() {
                    return Some(item);
                }
                continue;
            }
            let Some(input) = self.inputs.pop_front() else {
                if let Some(note) = self.lang_note() {
                    self.notes.push(note);
                }
                return None;
            };
            match input {
                Err(err) => return Some(Err(err)),
                Ok(input) => {
                    if let Some(item) = self.open(input) {
                        return Some(item);
                    }
                }
            }
        }
    }
}

/// Fills what the options give: language, default publication date.
fn fill_defaults(mut doc: Document, opts: &ReadOptions) -> Document {
    if doc.meta.lang.is_empty() {
        doc.meta.lang = opts.lang.clone();
    }
    if doc.meta.published.is_none() {
        doc.meta.published = opts.published;
    }
    doc
}

fn io_error(origin: String, err: io::Error) -> ReadError {
    let problem = if err.kind() == io::ErrorKind::NotFound {
        Problem::NotFound
    } else if err.kind() == io::ErrorKind::InvalidData {
        Problem::Binary
    } else {
        Problem::Io(err.to_string())
    };
    ReadError { origin, problem }
}

/// Peeks at standard input: JSON Lines when the first non-blank character is `{`.
fn sniff(reader: &mut impl BufRead) -> io::Result<InputFormat> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(InputFormat::Text);
        }
        let buf = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                return Ok(if buf[i] == b'{' {
                    InputFormat::Jsonl
                } else {
                    InputFormat::Text
                })
            }
            // Only whitespace so far: it can be consumed, it matters to neither format.
            None => {
                let n = reader.fill_buf()?.len();
                reader.consume(n);
            }
        }
    }
}
