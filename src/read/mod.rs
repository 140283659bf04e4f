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

use crate::document::{Document, Metadata, Published};
use crate::lang;
use std::collections::VecDeque;
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
}

impl InputFormat {
    /// The format a file's name suggests: JSON Lines for `.jsonl`/`.ndjson`, text otherwise.
    pub fn from_path(path: &Path) -> InputFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext)
                if ext.eq_ignore_ascii_case("jsonl") || ext.eq_ignore_ascii_case("ndjson") =>
            {
                InputFormat::Jsonl
            }
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
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            max_doc_bytes: decode::DEFAULT_MAX_DOC_BYTES,
            published: None,
            lang: "fr".to_string(),
        }
    }
}

/// Expands command-line arguments into inputs: `-` is standard input, a directory gives its
/// files recursively in name order (hidden entries skipped), a missing path an error.
pub fn expand_inputs(args: &[PathBuf]) -> Vec<Result<Input, ReadError>> {
    let mut out = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
        } else if arg.is_dir() {
            walk_dir(arg, &mut out);
        } else if arg.exists() {
            out.push(Ok(Input::File(arg.clone())));
        } else {
            out.push(Err(ReadError {
                origin: arg.display().to_string(),
                problem: Problem::NotFound,
            }));
        }
    }
    out
}

fn walk_dir(dir: &Path, out: &mut Vec<Result<Input, ReadError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            out.push(Err(ReadError {
                origin: dir.display().to_string(),
                problem: Problem::Io(err.to_string()),
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk_dir(&path, out);
        } else {
            out.push(Ok(Input::File(path)));
        }
    }
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
    opts: ReadOptions,
    /// Bytes consumed so far from files and standard input, for progress reporting.
    pub bytes_read: u64,
}

impl DocumentStream {
    pub fn new(inputs: Vec<Result<Input, ReadError>>, opts: ReadOptions) -> DocumentStream {
        DocumentStream {
            inputs: inputs.into(),
            current: None,
            opts,
            bytes_read: 0,
        }
    }

    fn open(&mut self, input: Input) -> Option<Result<Document, ReadError>> {
        match input {
            Input::File(path) => {
                let origin = path.display().to_string();
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| origin.clone());
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
    fn finish(&self, mut doc: Document) -> Document {
        if doc.meta.lang.is_empty() {
            doc.meta.lang = self.opts.lang.clone();
        }
        if doc.meta.published.is_none() {
            doc.meta.published = self.opts.published;
        }
        doc
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
            if self.current.is_some() {
                if let Some(item) = self.next_jsonl() {
                    return Some(item);
                }
                continue;
            }
            match self.inputs.pop_front()? {
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
