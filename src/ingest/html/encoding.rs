//! Bytes of a saved page to text: which encoding, and whether the text looks damaged.
//!
//! The order is the HTML standard's, shortened: a byte-order mark wins; then the charset an
//! HTTP header gave (a WARC record or a fetch knows it); then a `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 4 KiB, or an XML
//! declaration; then UTF-8 when the bytes are valid UTF-8, windows-1252 otherwise (what
//! browsers assume for Western pages). `encoding_rs` decodes, so every WHATWG label works
//! (`latin1` and `iso-8859-1` are windows-1252, as in browsers).
//!
//! Damage is reported, never hidden: bytes invalid in the chosen encoding become U+FFFD and a
//! warning, and text that reads like UTF-8 decoded as Latin-1 twice ("Ã©tÃ©") is named
//! mojibake.

use encoding_rs::Encoding;

/// How far the `<meta charset>` prescan looks, as in the HTML standard (1024) with margin for
/// pages whose head starts with long comments.
const PRESCAN_BYTES: usize = 4096;

/// A page decoded to text, with the encoding used and what went wrong.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Decodes a page; `http_charset` is the charset of a `Content-Type` header, when known.
pub fn decode_page(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => {
            let declared = http_charset
                .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
                .or_else(|| prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]));
            let enc = match declared {
                // A page cannot declare UTF-16 in ASCII-compatible bytes: the standard reads
                // that as UTF-8.
                Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
                    encoding_rs::UTF_8
                }
                Some(enc) => enc,
                None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
                None => encoding_rs::WINDOWS_1252,
            };
            (enc, bytes)
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let mut warnings = Vec::new();
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        warnings.push(format!(
            "encoding: {bad} byte sequence(s) invalid in {} were replaced by U+FFFD",
            encoding.name()
        ));
    }
    if looks_like_mojibake(&text) {
        warnings.push(
            "mojibake: the text reads like UTF-8 decoded as Latin-1 (\"Ã©\" for \"é\"); check the page's charset"
                .to_string(),
        );
    }
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warnings,
    }
}

/// The charset label of a `Content-Type` value (`text/html; charset=ISO-8859-1`).
pub fn charset_of_content_type(value: &str) -> Option<&str> {
    value.split(';').skip(1).find_map(|param| {
        let (key, val) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| val.trim().trim_matches(['"', '\'']))
    })
}

/// The encoding a page's head declares: `<meta charset=…>`, `<meta http-equiv … charset=…>`, or
/// `<?xml … encoding="…"?>`. A byte scan, not a parse: the page is not text yet.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml") {
        if let Some(label) = value_after(&lower, head, b"encoding=") {
            return Encoding::for_label(label);
        }
    }
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(label) = value_after(tag, &head[start..end], b"charset=") {
            if let Some(enc) = Encoding::for_label(label) {
                return Some(enc);
            }
        }
        from = end;
    }
    None
}

/// The value after `key` in `lower` (quoted or bare), sliced from `original`.
fn value_after<'a>(lower: &[u8], original: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let at = find(lower, key)? + key.len();
    let rest = &original[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'>' | b'/' | b'?'))
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|label| !label.is_empty())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether text has the marks of UTF-8 read as Latin-1: "Ã" or "Â" followed by a character
/// of the U+0080–U+00BF range, several times (one could be a real "Â»" in a name).
fn looks_like_mojibake(text: &str) -> bool {
    let mut hits = 0;
    let mut prev = ' ';
    for c in text.chars() {
        if matches!(prev, 'Ã' | 'Â') && ('\u{80}'..='\u{BF}').contains(&c)
            || prev == 'â' && matches!(c, '€' | '\u{80}')
        {
            hits += 1;
            if hits >= 3 {
                return true;
            }
        }
        prev = c;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_latin1_is_decoded() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>\xE9t\xE9</body></html>";
        let d = decode_page(page, None);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("été"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn http_equiv_header_and_bom() {
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\x80";
        assert!(decode_page(page, None).text.ends_with('€'));
        let bom = b"\xEF\xBB\xBF<meta charset=latin1>\xC3\xA9";
        assert!(decode_page(bom, None).text.ends_with('é'));
        let header = decode_page(b"<p>\xE9</p>", Some("ISO-8859-15"));
        assert_eq!(header.encoding, "ISO-8859-15");
        assert_eq!(
            charset_of_content_type("text/html; charset=\"UTF-8\""),
            Some("UTF-8")
        );
    }

    #[test]
    fn undeclared_bytes_and_damage_are_named() {
        assert_eq!(decode_page(b"<p>\xE9</p>", None).text, "<p>é</p>");
        let broken = decode_page(b"<meta charset=utf-8><p>\xE9t\xE9</p>", None);
        assert_eq!(broken.warnings.len(), 1, "{:?}", broken.warnings);
        assert!(broken.warnings[0].starts_with("encoding: 2 byte sequence(s)"));
        let twice = decode_page("<p>Ã©tÃ© Ã  la mer, dÃ©jÃ </p>".as_bytes(), None);
        assert!(
            twice.warnings[0].starts_with("mojibake"),
            "{:?}",
            twice.warnings
        );
    }
}
