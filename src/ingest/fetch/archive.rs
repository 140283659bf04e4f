//! The WARC file of a run: WARC/1.1, gzip-compressed with one gzip member per record (as
//! Common Crawl writes them, and as [`crate::ingest::warc`] reads them back).
//!
//! A run writes one `warcinfo` record first (software, user agent, politeness settings), then
//! for every HTTP response received, redirects and error statuses included, a `request` record
//! and a `response` record, linked by `WARC-Concurrent-To`. A `304 Not Modified` is a `revisit`
//! record (profile `server-not-modified`) instead of a response. A request that got no
//! complete response (timeout, refused connection, body over the size cap) leaves no record.
//!
//! **Reconstructed HTTP messages.** The HTTP client does not hand out the bytes of the status
//! line and headers as they came over the wire, so both messages are written again from what
//! it gives: the request line and the headers sent, the status line (version, code, canonical
//! reason) and the response headers, names lower-cased, grouped by name. The body is stored as
//! received, except that chunked transfer coding is undone: `Transfer-Encoding` is then left
//! out and a `Content-Length` added, so the block stays a valid HTTP message. A
//! `Content-Encoding` (gzip) body is kept encoded.
//!
//! Every record carries `WARC-Record-ID` (`<urn:uuid:…>`, random), `WARC-Date` (UTC, seconds),
//! `Content-Length` and `WARC-Block-Digest`; responses also `WARC-Payload-Digest` (the body's
//! digest). Digests are SHA-1 in base 32, as the WARC standard and Common Crawl write them.

use flate2::{write::GzEncoder, Compression};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The WARC file being written.
pub struct WarcWriter {
    out: BufWriter<File>,
    path: PathBuf,
    records: usize,
}

/// An HTTP exchange to archive.
pub struct Exchange<'a> {
    pub url: &'a str,
    /// When the response was received (`YYYY-MM-DDThh:mm:ssZ`).
    pub date: &'a str,
    /// The request as sent (request line and headers, ending with the blank line).
    pub request: &'a [u8],
    /// The response's status line and headers, ending with the blank line.
    pub response_head: &'a [u8],
    pub body: &'a [u8],
}

impl WarcWriter {
    /// Creates the file; it must not exist already.
    pub fn create(path: &Path) -> io::Result<WarcWriter> {
        let file = File::options().write(true).create_new(true).open(path)?;
        Ok(WarcWriter {
            out: BufWriter::new(file),
            path: path.to_path_buf(),
            records: 0,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records written so far.
    pub fn records(&self) -> usize {
        self.records
    }

    /// The `warcinfo` record: `fields` are `name: value` lines.
    pub fn warcinfo(&mut self, date: &str, fields: &[(&str, String)]) -> io::Result<()> {
        let mut block = String::new();
        for (name, value) in fields {
            block.push_str(name);
            block.push_str(": ");
            block.push_str(value);
            block.push_str("\r\n");
        }
        let file_name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.write_record(
            &[
                ("WARC-Type", "warcinfo".into()),
                ("WARC-Date", date.into()),
                ("WARC-Filename", file_name),
                ("Content-Type", "application/warc-fields".into()),
            ],
            block.as_bytes(),
        )
    }

    /// A request record and its response record (or, for a 304, a revisit record).
    pub fn exchange(&mut self, ex: &Exchange<'_>, not_modified: bool) -> io::Result<()> {
        let request_id = record_id();
        let response_id = record_id();
        self.write_record(
            &[
                ("WARC-Type", "request".into()),
                ("WARC-Record-ID", request_id.clone()),
                ("WARC-Date", ex.date.into()),
                ("WARC-Target-URI", ex.url.into()),
                ("WARC-Concurrent-To", response_id.clone()),
                ("Content-Type", "application/http; msgtype=request".into()),
                ("WARC-Block-Digest", sha1_base32(&[ex.request])),
            ],
            ex.request,
        )?;
        let mut headers = vec![
            (
                "WARC-Type",
                if not_modified { "revisit" } else { "response" }.to_string(),
            ),
            ("WARC-Record-ID", response_id),
            ("WARC-Date", ex.date.into()),
            ("WARC-Target-URI", ex.url.into()),
            ("WARC-Concurrent-To", request_id),
            ("Content-Type", "application/http; msgtype=response".into()),
            (
                "WARC-Block-Digest",
                sha1_base32(&[ex.response_head, ex.body]),
            ),
        ];
        if not_modified {
            headers.push((
                "WARC-Profile",
                "http://netpreserve.org/warc/1.1/revisit/server-not-modified".into(),
            ));
            headers.push(("WARC-Refers-To-Target-URI", ex.url.into()));
        } else {
            headers.push(("WARC-Payload-Digest", sha1_base32(&[ex.body])));
        }
        let mut block = Vec::with_capacity(ex.response_head.len() + ex.body.len());
        block.extend_from_slice(ex.response_head);
        block.extend_from_slice(ex.body);
        self.write_record(&headers, &block)
    }

    /// Flushes the file to disk.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()?;
        self.out.get_ref().sync_all()
    }

    /// One record, as one gzip member. `WARC-Record-ID` is added when `headers` has none.
    fn write_record(&mut self, headers: &[(&str, String)], block: &[u8]) -> io::Result<()> {
        let mut head = String::from("WARC/1.1\r\n");
        if !headers.iter().any(|(n, _)| *n == "WARC-Record-ID") {
            head.push_str(&format!("WARC-Record-ID: {}\r\n", record_id()));
        }
        for (name, value) in headers {
            // A header value never holds a line break: it would start a header of its own.
            let value: String = value.chars().filter(|c| *c != '\r' && *c != '\n').collect();
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        let mut gz = GzEncoder::new(&mut self.out, Compression::default());
        gz.write_all(head.as_bytes())?;
        gz.write_all(block)?;
        gz.write_all(b"\r\n\r\n")?;
        gz.finish()?;
        self.records += 1;
        Ok(())
    }
}

fn record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

/// `sha1:` and the SHA-1 of the concatenated parts in base 32 (RFC 4648 alphabet).
fn sha1_base32(parts: &[&[u8]]) -> String {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY);
    for part in parts {
        ctx.update(part);
    }
    format!("sha1:{}", base32(ctx.finish().as_ref()))
}

fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    while out.len() % 8 != 0 {
        out.push('=');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_sha1_in_base32() {
        // RFC 4648 test vectors, and the SHA-1 of "abc" (FIPS 180) in base 32.
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
        assert_eq!(base32(b"f"), "MY======");
        assert_eq!(
            sha1_base32(&[b"a", b"bc"]),
            "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5"
        );
    }

    #[test]
    fn records_read_back_as_documents() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.warc.gz");
        let mut w = WarcWriter::create(&path).expect("create");
        w.warcinfo("2026-01-02T03:04:05Z", &[("software", "depeche".into())])
            .expect("warcinfo");
        let body = "<html><body><article><h1>Un titre</h1><p>Un paragraphe assez long pour \
                    être un article, avec des mots, encore des mots et une fin.</p></article>\
                    </body></html>";
        w.exchange(
            &Exchange {
                url: "https://ex.org/a.html",
                date: "2026-01-02T03:04:05Z",
                request: b"GET /a.html HTTP/1.1\r\nhost: ex.org\r\n\r\n",
                response_head: b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n\r\n",
                body: body.as_bytes(),
            },
            false,
        )
        .expect("exchange");
        assert_eq!(w.records(), 3);
        w.finish().expect("finish");
        assert!(WarcWriter::create(&path).is_err(), "never overwrites");
        let file = std::io::BufReader::new(File::open(&path).expect("open"));
        let mut source =
            crate::ingest::warc::WarcSource::new(Box::new(file), "t".into(), "t".into(), &path);
        let doc = source
            .next_document(1 << 20)
            .expect("a record")
            .expect("a page");
        assert_eq!(doc.meta.url.as_deref(), Some("https://ex.org/a.html"));
        assert!(source.next_document(1 << 20).is_none());
    }
}
