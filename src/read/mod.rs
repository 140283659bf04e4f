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
pub mod layout;
pub mod published;
mod web;

use crate::document::{Document, Metadata, Published};
use crate::lang;
use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

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

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
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

/// How directories are walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Follow symbolic links met inside directories (`--follow`); a directory reached twice
    /// (a link cycle, or two links to one place) is read once.
    pub follow_links: bool,
}

/// The inputs of a batch, and what the walk skipped on the way (one message per entry,
/// naming it: symbolic links not followed, FIFOs, sockets, devices, link cycles).
#[derive(Debug, Default)]
pub struct Expanded {
    pub inputs: Vec<Result<Input, ReadError>>,
    pub skipped: Vec<String>,
}

/// Expands command-line arguments into inputs: `-` is standard input, a directory gives its
/// regular files recursively in name order (hidden entries skipped), a missing path an error.
///
/// A path named on the command line is taken as given, symbolic link or FIFO alike (as `cat`
/// would read it). Inside a directory only regular files and directories are taken: a
/// symbolic link is skipped unless [`WalkOptions::follow_links`], and a FIFO, socket or
/// device is always skipped, since reading one can block the walk forever. Every skip is
/// reported in [`Expanded::skipped`]. Directories are told apart by (device, inode) on Unix
/// (by canonical path elsewhere), so a link cycle ends the walk of that branch instead of
/// growing it forever.
pub fn expand_inputs(args: &[PathBuf], opts: WalkOptions) -> Expanded {
    let mut out = Expanded::default();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.inputs.push(Ok(Input::Stdin));
        } else if arg.is_dir() {
            // Each argument is walked whole, even one named twice (as `cat a a` reads a twice).
            walk_dir(arg, opts, &mut HashSet::new(), &mut out);
        } else if arg.exists() {
            out.inputs.push(Ok(Input::File(arg.clone())));
        } else {
            out.inputs.push(Err(ReadError {
                origin: arg.display().to_string(),
                problem: Problem::NotFound,
            }));
        }
    }
    out
}

/// Identifies a directory however it was reached.
#[cfg(unix)]
type DirKey = (u64, u64);
#[cfg(not(unix))]
type DirKey = PathBuf;

#[cfg(unix)]
fn dir_key(path: &Path) -> io::Result<DirKey> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    Ok((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn dir_key(path: &Path) -> io::Result<DirKey> {
    std::fs::canonicalize(path)
}

/// Walks `root` depth first, entries in name order, with an explicit stack of directory
/// listings so that a deep tree cannot overflow the call stack.
fn walk_dir(root: &Path, opts: WalkOptions, seen: &mut HashSet<DirKey>, out: &mut Expanded) {
    let mut stack = Vec::new();
    if let Some(listing) = list_dir(root, seen, out) {
        stack.push(listing);
    }
    while let Some(listing) = stack.last_mut() {
        let Some((path, mut kind)) = listing.next() else {
            stack.pop();
            continue;
        };
        if kind.is_symlink() {
            if !opts.follow_links {
                out.skipped.push(format!(
                    "{}: skipped: a symbolic link (--follow follows them)",
                    path.display()
                ));
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(meta) => kind = meta.file_type(),
                Err(err) => {
                    out.skipped.push(format!(
                        "{}: skipped: a symbolic link that cannot be followed ({err})",
                        path.display()
                    ));
                    continue;
                }
            }
        }
        if kind.is_dir() {
            if let Some(listing) = list_dir(&path, seen, out) {
                stack.push(listing);
            }
        } else if kind.is_file() {
            out.inputs.push(Ok(Input::File(path)));
        } else {
            out.skipped.push(format!(
                "{}: skipped: not a regular file (a FIFO, socket or device)",
                path.display()
            ));
        }
    }
}

/// The entries of a directory not read before, hidden ones left out, sorted by name.
fn list_dir(
    dir: &Path,
    seen: &mut HashSet<DirKey>,
    out: &mut Expanded,
) -> Option<std::vec::IntoIter<(PathBuf, std::fs::FileType)>> {
    let dir_error = |err: io::Error| ReadError {
        origin: dir.display().to_string(),
        problem: Problem::Io(err.to_string()),
    };
    match dir_key(dir) {
        Ok(key) if !seen.insert(key) => {
            out.skipped.push(format!(
                "{}: skipped: a directory already read (a symbolic link cycle?)",
                dir.display()
            ));
            return None;
        }
        Ok(_) => {}
        Err(err) => {
            out.inputs.push(Err(dir_error(err)));
            return None;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            out.inputs.push(Err(dir_error(err)));
            return None;
        }
    };
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_str().is_some_and(|n| n.starts_with('.')))
        .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Some(entries.into_iter())
}

/// Total size in bytes of the file inputs, for a progress bar (standard input counts 0).
pub fn total_bytes(inputs: &[Result<Input, ReadError>]) -> u64 {
    inputs
        .iter()
        .filter_map(|i| match i {
            Ok(Input::File(p)) => std::fs::metadata(p).ok().map(|m| m.len()),
            _ => None,
        })
        .sum()
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

    fn next_jsonl(&mut self) -> Option<Result<Document, ReadError>> {
        let limit = self.opts.max_doc_bytes;
        loop {
            let source = self.current.as_mut()?;
            source.line += 1;
            let origin = format!("{}:{}", source.origin, source.line);
            let mut buf = Vec::new();
            let line = match read_line_limited(&mut source.reader, limit, &mut buf) {
                Ok(None) => {
                    self.current = None;
                    return None;
                }
                Ok(Some(line)) => line,
                Err(err) => {
                    self.current = None;
                    return Some(Err(io_error(origin, err)));
                }
            };
            self.bytes_read += line.consumed as u64;
            if line.too_large {
                return Some(Err(ReadError {
                    origin,
                    problem: Problem::TooLarge { limit },
                }));
            }
            let mut bytes: &[u8] = &buf;
            if source.line == 1 {
                if decode::is_utf16(bytes) {
                    // Lines cannot be split on bytes in UTF-16; one message for the file.
                    self.current = None;
                    return Some(Err(ReadError {
                        origin,
                        problem: Problem::Utf16Lines,
                    }));
                }
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let id = format!("{}-{}", source.id_prefix, source.line);
            let parsed = parse_jsonl_line(bytes, id, origin.clone(), limit);
            return Some(
                parsed
                    .map(|doc| self.finish(doc))
                    .map_err(|problem| ReadError { origin, problem }),
            );
        }
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

/// One document from one JSON object, by exactly the rules of a line of a JSON Lines file
/// (see the module essay): the same fields, defaults, warnings and errors, so that a caller
/// that is not reading a file (the Python binding) gets the document `depeche extract` would.
/// `default_id` stands in for a missing id (a file's line gets `FILE-LINE`); `origin` names
/// the document in errors and warnings.
pub fn document_from_json(
    line: &str,
    default_id: String,
    origin: String,
    opts: &ReadOptions,
) -> Result<Document, ReadError> {
    match parse_jsonl_line(
        line.as_bytes(),
        default_id,
        origin.clone(),
        opts.max_doc_bytes,
    ) {
        Ok(doc) => Ok(fill_defaults(doc, opts)),
        Err(problem) => Err(ReadError { origin, problem }),
    }
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

struct Line {
    consumed: usize,
    too_large: bool,
}

/// Reads one line into `buf` (without its line end), holding at most `limit` bytes in memory;
/// a longer line is skipped to its end and reported as too large. `None` at end of input.
fn read_line_limited(
    reader: &mut dyn BufRead,
    limit: usize,
    buf: &mut Vec<u8>,
) -> io::Result<Option<Line>> {
    let mut consumed = 0;
    let mut too_large = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            if consumed == 0 {
                return Ok(None);
            }
            break;
        }
        let (take, done) = match memchr_newline(chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_large {
            if buf.len() + take > limit + 1 {
                too_large = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        reader.consume(take);
        consumed += take;
        if done {
            break;
        }
    }
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    Ok(Some(Line {
        consumed,
        too_large,
    }))
}

fn memchr_newline(chunk: &[u8]) -> Option<usize> {
    chunk.iter().position(|&b| b == b'\n')
}

/// The text of a numeric `"id"` exactly as written (`1.50`, `12345678901234567890123`), which
/// a parsed number would round or reformat.
fn raw_id(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id<'a> {
        #[serde(borrow)]
        id: Option<&'a serde_json::value::RawValue>,
    }
    let id: Id = serde_json::from_str(line).ok()?;
    Some(id.id?.get().to_string())
}

/// Reads one JSON Lines object into a document (blocks not yet laid out).
/// One JSON document, as a line of JSON Lines holds it (see the module essay): the server's
/// `POST /v1/annotate` and `POST /v1/documents` read their bodies with it.
pub fn parse_json_document(
    bytes: &[u8],
    default_id: String,
    origin: String,
    limit: usize,
) -> Result<Document, Problem> {
    parse_jsonl_line(bytes, default_id, origin, limit)
}

fn parse_jsonl_line(
    bytes: &[u8],
    default_id: String,
    origin: String,
    limit: usize,
) -> Result<Document, Problem> {
    let line = std::str::from_utf8(bytes).map_err(|err| Problem::InvalidUtf8 {
        offset: err.valid_up_to(),
        line: 1,
    })?;
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| Problem::Json(e.to_string()))?;
    let serde_json::Value::Object(object) = value else {
        return Err(Problem::Json("expected an object {\"text\": …}".into()));
    };
    let string_field = |name: &'static str| -> Result<Option<String>, Problem> {
        match object.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Problem::FieldType(name)),
        }
    };
    let text = string_field("text")?.ok_or(Problem::MissingText)?;
    let text = decode::decode(text.into_bytes(), limit)?;
    let mut warnings = Vec::new();
    let id = match object.get("id") {
        None | Some(serde_json::Value::Null) => default_id,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => {
            warnings.push(format!("id: empty; the default id {default_id} was used"));
            default_id
        }
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => raw_id(line).unwrap_or_else(|| n.to_string()),
        Some(_) => return Err(Problem::IdType),
    };
    // Metadata never costs the document: a bad date of any JSON type is a warning.
    let published = match object.get("published") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(p)) if p.trim().is_empty() => None,
        Some(serde_json::Value::String(p)) => match published::parse_published(p) {
            Ok(p) => Some(p),
            Err(why) => {
                warnings.push(format!("published: {why}; the date was ignored"));
                None
            }
        },
        Some(other) => {
            let mut shown = other.to_string();
            if shown.len() > 40 {
                let cut = (0..=40)
                    .rev()
                    .find(|&i| shown.is_char_boundary(i))
                    .unwrap_or(0);
                shown.truncate(cut);
                shown.push('…');
            }
            warnings.push(format!(
                "published: expected a date string, found {shown}; the date was ignored"
            ));
            None
        }
    };
    let mut lang = string_field("lang")?.unwrap_or_default().to_lowercase();
    if !lang.is_empty() && !lang::SUPPORTED.contains(&lang.as_str()) {
        warnings.push(format!(
            "lang: '{lang}' is not supported; processed with the rules of the default language"
        ));
        lang.clear();
    }
    let has_title = object.contains_key("title");
    let meta = Metadata {
        id,
        title: string_field("title")?.filter(|t| !t.trim().is_empty()),
        source: string_field("source")?,
        url: string_field("url")?,
        published,
        lang,
        origin,
        title_from_first_line: !has_title,
        credit: string_field("credit").ok().flatten(),
        section: string_field("section").ok().flatten(),
        tags: Vec::new(),
        detected_lang: None,
    };
    let mut doc = Document::new(meta, text);
    doc.warnings = warnings;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Document, Problem> {
        parse_jsonl_line(line.as_bytes(), "f-1".into(), "f:1".into(), 1000)
    }

    #[test]
    fn jsonl_fields_and_title_presence() {
        let doc = parse(
            r#"{"id":7,"title":"","text":"Corps.","published":"2015-12-21","url":"http://x"}"#,
        )
        .unwrap();
        assert_eq!(doc.meta.id, "7");
        assert_eq!(doc.meta.title, None);
        assert!(!doc.meta.title_from_first_line);
        assert_eq!(doc.meta.url.as_deref(), Some("http://x"));
        assert!(doc.meta.published.is_some());
        let doc = parse(r#"{"text":"Titre\nCorps."}"#).unwrap();
        assert_eq!(doc.meta.id, "f-1");
        assert!(doc.meta.title_from_first_line);
    }

    #[test]
    fn jsonl_problems() {
        assert_eq!(parse(r#"{"title":"x"}"#).unwrap_err(), Problem::MissingText);
        assert_eq!(
            parse(r#"{"text":3}"#).unwrap_err(),
            Problem::FieldType("text")
        );
        assert_eq!(parse(r#"{"text":"  "}"#).unwrap_err(), Problem::Empty);
        assert!(matches!(parse("[1]").unwrap_err(), Problem::Json(_)));
        assert!(matches!(
            parse("{\"text\": ").unwrap_err(),
            Problem::Json(_)
        ));
        let doc = parse(r#"{"text":"a","published":"2015-02-31","lang":"en"}"#).unwrap();
        assert_eq!(doc.meta.published, None);
        assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
    }

    /// Regression (issue 20): a numeric id came out as a float, `""` as "must be a string".
    #[test]
    fn ids_keep_their_text() {
        for (id, expected) in [
            ("12345678901234567890123", "12345678901234567890123"),
            ("1.50", "1.50"),
            ("-7e3", "-7e3"),
            ("\"a-1\"", "a-1"),
        ] {
            let doc = parse(&format!(r#"{{"id":{id},"text":"a"}}"#)).unwrap();
            assert_eq!(doc.meta.id, expected);
            assert!(doc.warnings.is_empty());
        }
        let doc = parse(r#"{"id":"","text":"a"}"#).unwrap();
        assert_eq!(doc.meta.id, "f-1");
        assert_eq!(doc.warnings, ["id: empty; the default id f-1 was used"]);
        assert_eq!(
            parse(r#"{"id":true,"text":"a"}"#).unwrap_err(),
            Problem::IdType
        );
    }

    /// Regression (issue 20): a number as `published` dropped the document.
    #[test]
    fn a_published_of_any_type_is_a_warning() {
        for published in ["20151221", "{\"date\":\"2015-12-21\"}", "true", "[1]"] {
            let doc = parse(&format!(r#"{{"published":{published},"text":"a"}}"#)).unwrap();
            assert_eq!(doc.meta.published, None);
            assert_eq!(doc.warnings.len(), 1, "{published}");
            assert!(doc.warnings[0].starts_with("published: expected a date string, found"));
        }
        let long = format!(r#"{{"published":["{}"],"text":"a"}}"#, "é".repeat(40));
        let doc = parse(&long).unwrap();
        assert!(doc.warnings[0].len() < 120, "{}", doc.warnings[0]);
    }

    #[test]
    fn utf16_json_lines_are_named_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.jsonl");
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "{\"text\":\"a\"}\n{\"text\":\"b\"}\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        std::fs::write(&path, bytes).unwrap();
        let items: Vec<_> =
            DocumentStream::new(vec![Ok(Input::File(path))], ReadOptions::default()).collect();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].as_ref().unwrap_err().problem, Problem::Utf16Lines);
    }

    fn file_names(expanded: &Expanded) -> Vec<String> {
        expanded
            .inputs
            .iter()
            .map(|i| match i {
                Ok(Input::File(p)) => p.file_name().unwrap().to_string_lossy().into_owned(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn walk_keeps_name_order_depth_first() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("b")).unwrap();
        for name in ["a.txt", "b/x.txt", "c.txt", ".hidden.txt"] {
            std::fs::write(d.join(name), "T").unwrap();
        }
        let expanded = expand_inputs(&[d.to_path_buf()], WalkOptions::default());
        assert_eq!(file_names(&expanded), ["a.txt", "x.txt", "c.txt"]);
        assert!(expanded.skipped.is_empty());
    }

    /// Regression (issue 20): two links to the directory itself made a walk that never ended.
    #[cfg(unix)]
    #[test]
    fn self_referencing_links_end_the_walk() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("d");
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("a.txt"), "T").unwrap();
        std::fs::write(dir.path().join("outside.txt"), "T").unwrap();
        symlink(".", d.join("loop1")).unwrap();
        symlink(&d, d.join("loop2")).unwrap();
        symlink("../outside.txt", d.join("link.txt")).unwrap();
        symlink("no-such-target", d.join("broken")).unwrap();
        let plain = expand_inputs(std::slice::from_ref(&d), WalkOptions::default());
        assert_eq!(file_names(&plain), ["a.txt"]);
        assert_eq!(plain.skipped.len(), 4, "{:?}", plain.skipped);
        assert!(plain.skipped.iter().all(|s| s.contains("--follow")));
        let follow = WalkOptions { follow_links: true };
        let followed = expand_inputs(std::slice::from_ref(&d), follow);
        assert_eq!(file_names(&followed), ["a.txt", "link.txt"]);
        assert_eq!(followed.skipped.len(), 3, "{:?}", followed.skipped);
        assert!(followed.skipped.iter().any(|s| s.contains("broken")));
    }

    #[test]
    fn long_lines_are_skipped_not_held() {
        let data = format!("{}\nshort\n", "x".repeat(50));
        let mut reader: &[u8] = data.as_bytes();
        let mut buf = Vec::new();
        let first = read_line_limited(&mut reader, 10, &mut buf)
            .unwrap()
            .unwrap();
        assert!(first.too_large);
        assert_eq!(first.consumed, 51);
        buf.clear();
        let second = read_line_limited(&mut reader, 10, &mut buf)
            .unwrap()
            .unwrap();
        assert!(!second.too_large);
        assert_eq!(buf, b"short");
        assert!(read_line_limited(&mut reader, 10, &mut buf)
            .unwrap()
            .is_none());
    }
}
