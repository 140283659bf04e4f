//! From bytes to the text that spans index: UTF-8 validation, BOM removal, binary detection and
//! the size limit.
//!
//! The text keeps its line ends (CRLF, CR or LF) exactly: spans are offsets into what was read,
//! and rewriting line ends would shift them. Only a leading byte-order mark is dropped, because
//! it is an encoding marker, not content.

use super::Problem;

/// Default limit on one document's size: far above any news article (the longest dispatches
/// are under 100 KB) and low enough that a stray log or dump file is refused rather than
/// ground through. Change it with `--max-doc-bytes`.
pub const DEFAULT_MAX_DOC_BYTES: usize = 8 * 1024 * 1024;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes one document's bytes, or says exactly why it cannot be read as text.
pub fn decode(bytes: Vec<u8>, max_bytes: usize) -> Result<String, Problem> {
    if bytes.len() > max_bytes {
        return Err(Problem::TooLarge { limit: max_bytes });
    }
    let mut bytes = bytes;
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
