//! Layout: which lines of a plain-text article are its title, photo captions, subheadings and
//! paragraphs. Adds the `blocks` layer.
//!
//! Rules, in order, for each run of lines:
//! - the first non-blank line is the **title**, unless the title came from elsewhere (a JSON
//!   Lines `title` field);
//! - a line that ends with a photo **credit** ("… à Paris - DOMINIQUE FAGET, AFP/Archives",
//!   "… (AFP)", "… © Reuters") is a **caption**, the credit being a span of its own; a line
//!   whose text before the credit ends a sentence is a paragraph signed by the agency instead;
//! - a short line (at most 100 characters and 14 words) that starts with a capital or a digit,
//!   has no final punctuation, follows a paragraph and is followed by more text is a
//!   **subheading**;
//! - everything else is a **paragraph**.
//!
//! Hard-wrapped text is rejoined: a line followed by one that starts in lower case, or that ends
//! with a comma or a hyphen, continues into the next line; a blank line always separates blocks.
//! The credit words come from `data/<lang>/credits.txt`.

use crate::document::{Block, BlockKind, Document, Span};
use crate::lang::LangData;

const SUBHEADING_MAX_CHARS: usize = 100;
const SUBHEADING_MAX_WORDS: usize = 14;
const CREDIT_MAX_CHARS: usize = 80;

/// Lines of `text` as trimmed spans; `None` for a blank line. Handles LF, CRLF and CR.
fn lines(text: &str) -> Vec<Option<Span>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            out.push(trimmed(text, start, i));
            if at_end {
                break;
            }
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out
}

fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let line = &text[start..end];
    let lead = line.len() - line.trim_start().len();
    let body = line.trim();
    (!body.is_empty()).then(|| Span::new(start + lead, start + lead + body.len()))
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', '…', ':', ';', ',', '»', '"', '”', ')', ']'])
}

fn continues_into_next(line: &str, next: &str) -> bool {
    next.chars().next().is_some_and(char::is_lowercase)
        || line.ends_with(',')
        || (line.ends_with('-') && !line.ends_with(" -"))
}

/// Groups lines into runs that belong together (hard-wrapped paragraphs).
fn units(text: &str, title_line: bool) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut previous_blank = true;
    for line in lines(text) {
        let Some(line) = line else {
            previous_blank = true;
            continue;
        };
        // The title line never continues into the body.
        let after_title = title_line && out.len() == 1;
        let joins = match out.last() {
            Some(last) if !previous_blank && !after_title => {
                continues_into_next(&text[last.range()], &text[line.range()])
            }
            _ => false,
        };
        match out.last_mut() {
            Some(last) if joins => last.end = line.end,
            _ => out.push(line),
        }
        previous_blank = false;
    }
    out
}

/// Finds a photo credit at the end of `line`; returns its span relative to `line`.
pub fn find_credit(line: &str, lang: &LangData) -> Option<Span> {
    let line = line.trim_end();
    // "… (AFP)", "… (Photo Reuters/Archives)"
    if line.ends_with(')') {
        if let Some(open) = line.rfind('(') {
            let inner = &line[open + 1..line.len() - 1];
            if inner.len() <= CREDIT_MAX_CHARS && has_credit_word(inner, lang) {
                return Some(trim_span(line, open + 1, line.len() - 1));
            }
        }
    }
    // "… © Reuters"
    if let Some(at) = line.rfind('©') {
        let tail = &line[at + '©'.len_utf8()..];
        if !tail.trim().is_empty() && tail.len() <= CREDIT_MAX_CHARS {
            return Some(trim_span(line, at + '©'.len_utf8(), line.len()));
        }
    }
    // "… - DOMINIQUE FAGET, AFP/Archives"
    for dash in [" - ", " – ", " — "] {
        if let Some(at) = line.rfind(dash) {
            let start = at + dash.len();
            let tail = &line[start..];
            if tail.len() <= CREDIT_MAX_CHARS && (has_credit_word(tail, lang) || is_caps_name(tail))
            {
                return Some(trim_span(line, start, line.len()));
            }
        }
    }
    None
}

fn trim_span(line: &str, start: usize, end: usize) -> Span {
    let s = &line[start..end];
    let lead = s.len() - s.trim_start().len();
    Span::new(start + lead, start + lead + s.trim().len())
}

/// Whether `s` holds a credit word as a whole word ("AFP/Archives" holds "AFP").
fn has_credit_word(s: &str, lang: &LangData) -> bool {
    lang.credits().iter().any(|word| {
        s.match_indices(word.as_str()).any(|(at, m)| {
            let before = s[..at].chars().next_back();
            let after = s[at + m.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// A photographer's name in capitals: at least two words, no lower-case letter.
fn is_caps_name(s: &str) -> bool {
    let name = s.split(',').next().unwrap_or("").trim();
    name.split_whitespace().count() >= 2
        && name.chars().any(char::is_uppercase)
        && !name.chars().any(char::is_lowercase)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
}

fn is_subheading(s: &str) -> bool {
    s.chars().count() <= SUBHEADING_MAX_CHARS
        && s.split_whitespace().count() <= SUBHEADING_MAX_WORDS
        && s.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !ends_sentence(s)
}

/// Adds the `blocks` layer; sets the title from the first line when the document has none.
/// A document that already has blocks (a web page, laid out by its own markup) keeps them.
pub fn add_blocks(doc: &mut Document, lang: &LangData) {
    if !doc.blocks.is_empty() {
        return;
    }
    let text = doc.text.as_str();
    let title_line = doc.meta.title_from_first_line;
    let units = units(text, title_line);
    let mut blocks: Vec<Block> = Vec::with_capacity(units.len());
    for (i, &span) in units.iter().enumerate() {
        let s = &text[span.range()];
        let block = if i == 0 && title_line {
            Block {
                kind: BlockKind::Title,
                span,
                credit: None,
            }
        } else if let Some(credit) = find_credit(s, lang)
            .filter(|credit| {
                let before = s[..credit.start].trim_end();
                let before = before
                    .trim_end_matches(['-', '–', '—', '(', '©'])
                    .trim_end();
                !before.is_empty() && !ends_sentence(before)
            })
            .map(|credit| credit.shift(span.start))
        {
            Block {
                kind: BlockKind::Caption,
                span,
                credit: Some(credit),
            }
        } else if i + 1 < units.len()
            && blocks
                .last()
                .is_some_and(|b| b.kind == BlockKind::Paragraph)
            && is_subheading(s)
        {
            Block {
                kind: BlockKind::Subheading,
                span,
                credit: None,
            }
        } else {
            Block {
                kind: BlockKind::Paragraph,
                span,
                credit: None,
            }
        };
        blocks.push(block);
    }
    if title_line {
        if let Some(title) = blocks.first().filter(|b| b.kind == BlockKind::Title) {
            doc.meta.title = Some(text[title.span.range()].to_string());
        }
    }
    doc.blocks = blocks;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;

    fn blocks(text: &str, title_line: bool) -> Vec<(BlockKind, String, Option<String>)> {
        let mut doc = Document::new(
            Metadata {
                title_from_first_line: title_line,
                ..Metadata::default()
            },
            text.to_string(),
        );
        add_blocks(&mut doc, &LangData::french());
        doc.blocks
            .iter()
            .map(|b| {
                (
                    b.kind,
                    doc.slice(b.span).to_string(),
                    b.credit.map(|c| doc.slice(c).to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn credits_in_their_three_forms() {
        let fr = LangData::french();
        let credit = |s: &str| find_credit(s, &fr).map(|c| s[c.range()].to_string());
        assert_eq!(
            credit("Le ministre à Paris - DOMINIQUE FAGET, AFP/Archives").as_deref(),
            Some("DOMINIQUE FAGET, AFP/Archives")
        );
        assert_eq!(credit("Des manifestants (AFP)").as_deref(), Some("AFP"));
        assert_eq!(credit("Le port © Reuters").as_deref(), Some("Reuters"));
        assert_eq!(credit("Paris - un moment historique"), None);
        assert_eq!(credit("L'AFPA recrute (en Bretagne)"), None);
    }

    #[test]
    fn crlf_wrapped_paragraphs_and_subheading() {
        let text = "Titre\r\n\r\nUne phrase qui\r\ncontinue ici.\r\nIntertitre\r\nFin.\r\n";
        assert_eq!(
            blocks(text, true),
            vec![
                (BlockKind::Title, "Titre".into(), None),
                (
                    BlockKind::Paragraph,
                    "Une phrase qui\r\ncontinue ici.".into(),
                    None
                ),
                (BlockKind::Subheading, "Intertitre".into(), None),
                (BlockKind::Paragraph, "Fin.".into(), None),
            ]
        );
    }

    #[test]
    fn no_title_line_when_title_given_and_signed_paragraph_is_no_caption() {
        let got = blocks("Il pleut à Paris. (AFP)\rSuite.", false);
        assert_eq!(got[0].0, BlockKind::Paragraph);
        assert_eq!(got[1], (BlockKind::Paragraph, "Suite.".into(), None));
    }
}
