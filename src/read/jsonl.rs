//! The JSON Lines reader: one document per line, by the fields, defaults and warnings of the
//! parent module's essay. A file is streamed line by line and a line is held in memory only up
//! to the size limit (a longer one is skipped to its end and reported), so that a feed larger
//! than memory is fine. The same rules read one JSON object on its own: the server's request
//! bodies and the Python binding get the document a line of a file would give.

use super::{decode, fill_defaults, io_error, published};
use super::{DocumentStream, Problem, ReadError, ReadOptions};
use crate::document::{Document, Metadata};
use crate::lang;
use std::io::{self, BufRead};

impl DocumentStream {
    pub(super) fn next_jsonl(&mut self) -> Option<Result<Document, ReadError>> {
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
    use crate::read::Input;

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
