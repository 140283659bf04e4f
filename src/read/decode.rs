//! From bytes to the text that spans index: UTF-8 validation, BOM removal, UTF-16 decoding,
//! binary detection and the size limit.
//!
//! The text keeps its line ends (CRLF, CR or LF) exactly: spans are offsets into what was read,
//! and rewriting line ends would shift them. Only a leading byte-order mark is dropped, because
//! it is an encoding marker, not content. A file that opens with a UTF-16 byte-order mark
//! (little- or big-endian, as Windows tools write "Unicode" text) is decoded to UTF-8 first;
//! its spans are then byte offsets into the decoded UTF-8 text, the `text` of the output. Without
//! a BOM, UTF-16 is not guessed: its NUL bytes make it binary.

use super::Problem;

/// Default limit on one document's size: far above any news article (the longest dispatches
/// are under 100 KB) and low enough that a stray log or dump file is refused rather than
/// ground through. Change it with `--max-doc-bytes`.
pub const DEFAULT_MAX_DOC_BYTES: usize = 8 * 1024 * 1024;

const BOM: &[u8] = b"\xEF\xBB\xBF";
const BOM_UTF16_LE: &[u8] = b"\xFF\xFE";
const BOM_UTF16_BE: &[u8] = b"\xFE\xFF";

/// Whether `bytes` open with a UTF-16 byte-order mark.
pub fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(BOM_UTF16_LE) || bytes.starts_with(BOM_UTF16_BE)
}

/// Decodes one document's bytes, or says exactly why it cannot be read as text.
pub fn decode(bytes: Vec<u8>, max_bytes: usize) -> Result<String, Problem> {
    if bytes.len() > max_bytes {
        return Err(Problem::TooLarge { limit: max_bytes });
    }
    let mut bytes = if is_utf16(&bytes) {
        decode_utf16(&bytes)?.into_bytes()
    } else {
        bytes
    };
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    if looks_binary(&bytes) {
        return Err(Problem::Binary);
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        Problem::InvalidUtf8 { offset, line }
    })?;
    if text.trim().is_empty() {
        return Err(Problem::Empty);
    }
    Ok(text)
}

/// Decodes UTF-16 that opens with its byte-order mark (dropped) into a UTF-8 string.
fn decode_utf16(bytes: &[u8]) -> Result<String, Problem> {
    let little = bytes.starts_with(BOM_UTF16_LE);
    let body = &bytes[2..];
    let units = body.chunks(2).map(|pair| match *pair {
        [a, b] if little => u16::from_le_bytes([a, b]),
        [a, b] => u16::from_be_bytes([a, b]),
        // An odd byte out: never a valid unit, reported below.
        _ => 0xDC00,
    });
    let mut text = String::with_capacity(body.len());
    let mut units_done = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                text.push(c);
                units_done += c.len_utf16();
            }
            Err(_) => {
                return Err(Problem::InvalidUtf16 {
                    offset: 2 + 2 * units_done,
                    line: 1 + text.matches('\n').count(),
                })
            }
        }
    }
    Ok(text)
}

/// Binary content: a NUL byte, or more than 1% control characters other than tab, line feed,
/// carriage return and form feed, in the first 8 KiB. Text in any legacy encoding passes this
/// test and is then caught by UTF-8 validation with a more precise message.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 100 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_line_ends_kept() {
        let text = decode(b"\xEF\xBB\xBFTitre\r\n\r\nCorps.\r".to_vec(), 1000).unwrap();
        assert_eq!(text, "Titre\r\n\r\nCorps.\r");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let text = "Titre\r\n\r\nL'armée a frappé 🚀.";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(le.clone(), 1000).as_deref(), Ok(text));
        assert_eq!(decode(be, 1000).as_deref(), Ok(text));
        // A lone surrogate on line 2, and an odd byte at the end.
        let mut bad = le.clone();
        bad.splice(16..18, [0x00, 0xD8]);
        assert_eq!(
            decode(bad, 1000),
            Err(Problem::InvalidUtf16 {
                offset: 16,
                line: 2
            })
        );
        let mut odd = le;
        odd.push(b'x');
        assert!(matches!(
            decode(odd, 1000),
            Err(Problem::InvalidUtf16 { .. })
        ));
        // Without a BOM, UTF-16 stays binary.
        assert_eq!(decode(b"T\0i\0".to_vec(), 1000), Err(Problem::Binary));
    }

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let err = decode(b"ligne un\nl\xE9gal".to_vec(), 1000).unwrap_err();
        assert_eq!(
            err,
            Problem::InvalidUtf8 {
                offset: 10,
                line: 2
            }
        );
    }

    #[test]
    fn binary_empty_and_large_are_refused() {
        assert_eq!(
            decode(b"PK\x03\x04\0\0".to_vec(), 1000),
            Err(Problem::Binary)
        );
        assert_eq!(decode(b" \n\t ".to_vec(), 1000), Err(Problem::Empty));
        assert_eq!(
            decode(vec![b'a'; 11], 10),
            Err(Problem::TooLarge { limit: 10 })
        );
    }
}
