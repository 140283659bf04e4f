//! WARC and WARC.gz archives (CC-NEWS layout: `response` records holding an HTTP response),
//! read as a stream, one record at a time, so an archive of gigabytes needs no more memory
//! than its largest page.
//!
//! A gzip archive is a series of gzip members, usually one per record; it is read through
//! `flate2`'s multi-member decoder, detected by its magic bytes rather than its name. An HTML
//! response (2xx, `Content-Type` text/html or application/xhtml+xml, or no type and a body
//! that starts like HTML) is extracted as a saved page: the HTTP charset is used for decoding,
//! the record's `WARC-Target-URI` is the page's URL when it names none, and `WARC-Date` is the
//! publication date when the page gives none. Every other record (`warcinfo`, `request`,
//! `metadata`, redirects, images) is skipped and counted; [`WarcSource::summary`] says how
//! many of each.
//!
//! Damage stays local: a malformed record header is an error for that record and the reader
//! looks for the next `WARC/` line; a record larger than the size limit is skipped to its end
//! and reported; a truncated gzip stream or a cut record ends the archive with an error, the
//! records before it kept.

use super::html::{encoding::charset_of_content_type, PageSource};
use crate::document::Document;
use crate::read::{published::parse_published, Problem, ReadError};
use flate2::read::MultiGzDecoder;
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// The longest header line accepted (a WARC or HTTP header), in bytes.
const MAX_HEADER_LINE: usize = 64 * 1024;

/// Counts the bytes read from the underlying file, for progress.
struct Counted<R> {
    inner: R,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// An archive being read.
pub struct WarcSource {
    reader: Option<Box<dyn BufRead>>,
    origin: String,
    id_prefix: String,
    record: usize,
    /// Records skipped, by reason.
    skipped: BTreeMap<String, usize>,
    bytes: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl WarcSource {
    pub fn new(
        reader: Box<dyn BufRead>,
        origin: String,
        id_prefix: String,
        _path: &Path,
    ) -> WarcSource {
        let bytes = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let mut raw = BufReader::new(Counted {
            inner: reader,
            count: bytes.clone(),
        });
        let gzip = raw.fill_buf().is_ok_and(|b| b.starts_with(&[0x1f, 0x8b]));
        let reader: Box<dyn BufRead> = if gzip {
            Box::new(BufReader::new(MultiGzDecoder::new(raw)))
        } else {
            Box::new(raw)
        };
        WarcSource {
            reader: Some(reader),
            origin,
            id_prefix,
            record: 0,
            skipped: BTreeMap::new(),
            bytes,
        }
    }

    /// Bytes of the archive file read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// "N records skipped (2 request, 1 warcinfo)", or `None` when none were.
    pub fn summary(&self) -> Option<String> {
        let total: usize = self.skipped.values().sum();
        (total > 0).then(|| {
            let parts: Vec<String> = self
                .skipped
                .iter()
                .map(|(why, n)| format!("{n} {why}"))
                .collect();
            format!(
                "{}: {total} record(s) skipped, not HTML pages ({})",
                self.origin,
                parts.join(", ")
            )
        })
    }

    fn skip(&mut self, why: impl Into<String>) {
        *self.skipped.entry(why.into()).or_default() += 1;
    }

    /// The next HTML page of the archive as a document, or an error for one record; `None` at
    /// the end.
    pub fn next_document(&mut self, limit: usize) -> Option<Result<Document, ReadError>> {
        loop {
            let reader = self.reader.as_mut()?;
            self.record += 1;
            let origin = format!("{}#record{}", self.origin, self.record);
            let fail = |problem| {
                Some(Err(ReadError {
                    origin: origin.clone(),
                    problem,
                }))
            };
            let headers = match read_warc_headers(reader) {
                Ok(Some(h)) => h,
                Ok(None) => {
                    self.reader = None;
                    return None;
                }
                Err(HeaderError::Io(err)) => {
                    self.reader = None;
                    return fail(io_problem(&err));
                }
                Err(HeaderError::Malformed(why)) => {
                    // Look for the next record; what lies between is lost.
                    if let Err(err) = resync(reader) {
                        self.reader = None;
                        return fail(io_problem(&err));
                    }
                    return fail(Problem::Warc(why));
                }
            };
            let Some(length) =
                header(&headers, "content-length").and_then(|v| v.parse::<u64>().ok())
            else {
                let _ = resync(reader);
                return fail(Problem::Warc(
                    "record without a valid Content-Length".into(),
                ));
            };
            let kind = header(&headers, "warc-type")
                .unwrap_or("")
                .to_ascii_lowercase();
            if kind != "response" || length as usize > limit.saturating_add(MAX_HEADER_LINE) {
                if let Err(err) = skip_bytes(reader, length) {
                    self.reader = None;
                    return fail(io_problem(&err));
                }
                if kind == "response" {
                    return fail(Problem::TooLarge { limit });
                }
                self.skip(if kind.is_empty() {
                    "untyped".to_string()
                } else {
                    kind
                });
                continue;
            }
            let mut block = Vec::with_capacity(length as usize);
            match reader.by_ref().take(length).read_to_end(&mut block) {
                Ok(n) if (n as u64) < length => {
                    self.reader = None;
                    return fail(Problem::Warc(format!(
                        "the archive ends inside a record ({n} of {length} bytes): truncated file"
                    )));
                }
                Ok(_) => {}
                Err(err) => {
                    self.reader = None;
                    return fail(io_problem(&err));
                }
            }
            let url =
                header(&headers, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
            let date = header(&headers, "warc-date").and_then(|d| parse_published(d).ok());
            let page = match parse_http_response(&block) {
                Ok(page) => page,
                Err(why) => return fail(Problem::Warc(why)),
            };
            if !(200..300).contains(&page.status) {
                self.skip(format!("HTTP {}", page.status));
                continue;
            }
            if !page.is_html() {
                self.skip("non-HTML response");
                continue;
            }
            let body = match page.decoded_body() {
                Ok(body) => body,
                Err(why) => return fail(Problem::Warc(why)),
            };
            if body.len() > limit {
                return fail(Problem::TooLarge { limit });
            }
            let source = PageSource {
                http_charset: page
                    .content_type
                    .as_deref()
                    .and_then(charset_of_content_type),
                url: url.as_deref(),
            };
            let id = format!("{}-{}", self.id_prefix, self.record);
            let doc =
                crate::ingest::html_document(&body, source, id, origin.clone()).map(|mut doc| {
                    if doc.meta.published.is_none() {
                        doc.meta.published = date;
                    }
                    doc
                });
            return Some(doc.map_err(|problem| ReadError { origin, problem }));
        }
    }
}

enum HeaderError {
    Io(io::Error),
    Malformed(String),
}

fn io_problem(err: &io::Error) -> Problem {
    let what = if err.kind() == io::ErrorKind::UnexpectedEof {
        "truncated gzip stream".to_string()
    } else {
        err.to_string()
    };
    Problem::Warc(format!("cannot read on: {what}"))
}

/// Reads one line (without its line end), refusing lines over [`MAX_HEADER_LINE`].
fn read_line(reader: &mut dyn BufRead) -> Result<Option<String>, HeaderError> {
    let mut buf = Vec::new();
    let n = (&mut *reader)
        .take(MAX_HEADER_LINE as u64)
        .read_until(b'\n', &mut buf)
        .map_err(HeaderError::Io)?;
    if n == 0 {
        return Ok(None);
    }
    if !buf.ends_with(b"\n") && n >= MAX_HEADER_LINE {
        return Err(HeaderError::Malformed("a header line is too long".into()));
    }
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// The headers of the next record, lower-cased names; `None` at the end of the archive.
fn read_warc_headers(
    reader: &mut dyn BufRead,
) -> Result<Option<Vec<(String, String)>>, HeaderError> {
    // Blank lines between records (the CRLF CRLF after each block) are skipped.
    let version = loop {
        match read_line(reader)? {
            None => return Ok(None),
            Some(line) if line.trim().is_empty() => continue,
            Some(line) => break line,
        }
    };
    if !version.starts_with("WARC/") {
        let shown: String = version.chars().take(40).collect();
        return Err(HeaderError::Malformed(format!(
            "expected a 'WARC/1.x' line, found '{shown}'"
        )));
    }
    let mut headers = Vec::new();
    loop {
        let Some(line) = read_line(reader)? else {
            return Err(HeaderError::Malformed(
                "the archive ends inside a record header".into(),
            ));
        };
        if line.is_empty() {
            return Ok(Some(headers));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(HeaderError::Malformed(format!(
                "a header line without ':' ({line:.40})"
            )));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Skips to the line before the next `WARC/` version line.
fn resync(reader: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() || buf.starts_with(b"WARC/") {
            return Ok(());
        }
        let n = buf
            .iter()
            .position(|&b| b == b'\n')
            .map_or(buf.len(), |i| i + 1);
        reader.consume(n);
    }
}

fn skip_bytes(reader: &mut dyn BufRead, n: u64) -> io::Result<()> {
    let copied = io::copy(&mut reader.take(n), &mut io::sink())?;
    if copied < n {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "truncated record",
        ));
    }
    Ok(())
}

/// An HTTP response of a record.
struct HttpResponse<'a> {
    status: u16,
    content_type: Option<String>,
    chunked: bool,
    gzip: bool,
    body: &'a [u8],
}

fn parse_http_response(block: &[u8]) -> Result<HttpResponse<'_>, String> {
    let end = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| {
            block
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|i| (i, i + 2))
        })
        .ok_or("the HTTP response has no end of headers")?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|_| status_line.starts_with("HTTP/"))
        .ok_or_else(|| format!("not an HTTP status line: '{status_line:.40}'"))?;
    let mut response = HttpResponse {
        status,
        content_type: None,
        chunked: false,
        gzip: false,
        body: &block[end.1..],
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => response.content_type = Some(value.to_string()),
            "transfer-encoding" => response.chunked = value.eq_ignore_ascii_case("chunked"),
            "content-encoding" => {
                response.gzip = matches!(value.to_ascii_lowercase().as_str(), "gzip" | "x-gzip")
            }
            _ => {}
        }
    }
    Ok(response)
}

impl HttpResponse<'_> {
    fn is_html(&self) -> bool {
        match &self.content_type {
            Some(t) => {
                let t = t.to_ascii_lowercase();
                t.starts_with("text/html") || t.starts_with("application/xhtml")
            }
            None => {
                let start: Vec<u8> = self
                    .body
                    .iter()
                    .take(512)
                    .map(u8::to_ascii_lowercase)
                    .collect();
                let start = String::from_utf8_lossy(&start);
                start.contains("<html") || start.contains("<!doctype html")
            }
        }
    }

    /// The body with chunked transfer and gzip content encoding undone.
    fn decoded_body(&self) -> Result<Vec<u8>, String> {
        let mut body = if self.chunked {
            dechunk(self.body)?
        } else {
            self.body.to_vec()
        };
        if self.gzip && body.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("the gzip-encoded page cannot be read: {e}"))?;
            body = out;
        }
        Ok(body)
    }
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = data
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("a chunked body without its last chunk")?;
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size_text = size_text.trim().split(';').next().unwrap_or("");
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("a bad chunk size '{size_text:.20}'"))?;
        data = &data[line_end + 1..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = data.get(..size).ok_or("a chunk cut short")?;
        out.extend_from_slice(chunk);
        data = &data[size..];
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

/// One record in WARC form, for writers and tests: `kind` is `response`, `request`, ….
pub fn record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    const PAGE: &str = "<html><body><article><h1>Un titre</h1><p>Un paragraphe assez long pour \
        être un article, avec des mots, encore des mots et une fin.</p></article></body></html>";

    fn response(content_type: &str, body: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}").into_bytes()
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(data).expect("gzip");
        enc.finish().expect("gzip")
    }

    fn read_all(bytes: Vec<u8>) -> (Vec<Result<Document, ReadError>>, Option<String>) {
        let mut source = WarcSource::new(
            Box::new(io::Cursor::new(bytes)),
            "a.warc".into(),
            "a".into(),
            Path::new("a.warc"),
        );
        let mut out = Vec::new();
        while let Some(item) = source.next_document(1 << 20) {
            out.push(item);
        }
        (out, source.summary())
    }

    #[test]
    fn html_responses_become_documents_others_are_counted() {
        let members = [
            gz(&record(
                "warcinfo",
                "",
                "2020-05-24T10:00:00Z",
                b"software: test",
            )),
            gz(&record(
                "request",
                "https://ex.org/a",
                "2020-05-24T10:00:00Z",
                b"GET / HTTP/1.1\r\n\r\n",
            )),
            gz(&record(
                "response",
                "https://ex.org/a",
                "2020-05-24T10:00:00Z",
                &response("text/html; charset=utf-8", PAGE),
            )),
            gz(&record(
                "response",
                "https://ex.org/i.png",
                "2020-05-24T10:00:00Z",
                &response("image/png", "PNG"),
            )),
        ];
        let (docs, summary) = read_all(members.concat());
        assert_eq!(docs.len(), 1);
        let doc = docs[0].as_ref().expect("a document");
        assert_eq!(doc.meta.url.as_deref(), Some("https://ex.org/a"));
        assert_eq!(doc.meta.title.as_deref(), Some("Un titre"));
        assert!(doc.meta.published.is_some());
        let summary = summary.expect("a summary");
        assert!(summary.contains("3 record(s) skipped"), "{summary}");
    }

    #[test]
    fn damage_is_named_and_the_rest_goes_on() {
        let good = record(
            "response",
            "https://ex.org/b",
            "2020-05-24T10:00:00Z",
            &response("text/html", PAGE),
        );
        let mut bytes = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n".to_vec();
        bytes.extend_from_slice(&good);
        let (docs, _) = read_all(bytes);
        assert!(matches!(
            docs[0],
            Err(ReadError {
                problem: Problem::Warc(_),
                ..
            })
        ));
        assert!(docs[1].is_ok());
        // A gzip stream cut in the middle: the first record is kept, then one error.
        let mut cut = gz(&good);
        let second = gz(&good);
        cut.extend_from_slice(&second[..second.len() / 2]);
        let (docs, _) = read_all(cut);
        assert_eq!(docs.len(), 2);
        assert!(docs[0].is_ok());
        assert!(docs[1].is_err());
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x\r\nde\r\n0\r\n\r\n"),
            Ok(b"abcde".to_vec())
        );
        assert!(dechunk(b"zz\r\nabc").is_err());
    }
}
