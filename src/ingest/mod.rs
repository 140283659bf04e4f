//! Ingest: web pages, feeds and web archives turned into [`Document`]s.
//!
//! Every source ends as a [`Page`]: a title, an ordered list of [`PageBlock`]s (paragraphs,
//! subheadings, captions with their credit) and [`PageMeta`] (date, credit, site, URL, section,
//! tags, language). [`Page::into_document`] then lays the blocks out as text, one block per
//! line with a blank line between, and records each block's span, so the `blocks` layer comes
//! from the page's own structure (an `<h2>` is a subheading, a `<figcaption>` a caption)
//! instead of being guessed again from lines. The text is the extracted text: every span of
//! every later layer points into it.
//!
//! Modules: [`html`] (main text and metadata of a saved page), [`feed`] (RSS, Atom, JSON Feed
//! items), [`warc`] (WARC and WARC.gz records); [`fetch`] downloads feeds and their pages
//! politely, for the readers above.

pub mod feed;
pub mod fetch;
pub mod html;
pub mod language;
pub mod warc;

use crate::document::{Block, BlockKind, Document, Metadata, Published, Span};

/// One block of a page's main text, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageBlock {
    /// Paragraph, subheading or caption (a page's title is [`Page::title`]).
    pub kind: BlockKind,
    pub text: String,
    /// For a caption: the photo credit ("AFP, Martin BUREAU"), written after the caption.
    pub credit: Option<String>,
}

/// What a page says about itself, besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub published: Option<Published>,
    /// Author or agency credit ("AFP", "Orange avec AFP").
    pub credit: Option<String>,
    /// Site name (`og:site_name`), kept as the document's `source`.
    pub site: Option<String>,
    /// Canonical URL, else `og:url`, else the URL the page was fetched from.
    pub url: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    /// Language the page declares (`<html lang>`, `og:locale`), lower-case ISO 639-1.
    pub lang: Option<String>,
}

/// A page's extracted article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    pub blocks: Vec<PageBlock>,
    pub meta: PageMeta,
    /// Problems met while extracting (a damaged encoding, a date that did not parse).
    pub warnings: Vec<String>,
}

impl Page {
    /// Words of body text (paragraphs and subheadings), for "no body" checks.
    pub fn body_words(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Caption)
            .map(|b| b.text.split_whitespace().count())
            .sum()
    }

    /// The page as a document: title line, then one block per line, blank lines between;
    /// `blocks` filled, so the layout stage keeps them.
    pub fn into_document(self, id: String, origin: String) -> Document {
        let mut text = String::new();
        let mut blocks = Vec::with_capacity(self.blocks.len() + 1);
        let push = |text: &mut String, s: &str| -> Span {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(s);
            Span::new(start, text.len())
        };
        if let Some(title) = &self.title {
            let span = push(&mut text, title);
            blocks.push(Block {
                kind: BlockKind::Title,
                span,
                credit: None,
            });
        }
        for block in &self.blocks {
            let span = push(&mut text, &block.text);
            let mut block_out = Block {
                kind: block.kind,
                span,
                credit: None,
            };
            if let Some(credit) = &block.credit {
                text.push_str(" - ");
                let start = text.len();
                text.push_str(credit);
                block_out.span.end = text.len();
                block_out.credit = Some(Span::new(start, text.len()));
            }
            blocks.push(block_out);
        }
        let meta = Metadata {
            id,
            title: self.title,
            source: self.meta.site,
            url: self.meta.url,
            published: self.meta.published,
            lang: String::new(),
            origin,
            title_from_first_line: false,
            credit: self.meta.credit,
            section: self.meta.section,
            tags: self.meta.tags,
            detected_lang: self.meta.lang,
        };
        let mut doc = Document::new(meta, text);
        doc.blocks = blocks;
        doc.warnings = self.warnings;
        doc
    }
}

/// A saved page as a document, or why it gives none.
pub fn html_document(
    bytes: &[u8],
    source: html::PageSource,
    id: String,
    origin: String,
) -> Result<Document, crate::read::Problem> {
    let unzipped;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        // A page saved gzip-compressed (`page.html.gz`), held to 16 times its size at most.
        let mut out = Vec::new();
        let limit = (bytes.len() as u64).saturating_mul(16).max(1 << 20);
        std::io::Read::read_to_end(
            &mut std::io::Read::take(flate2::read::MultiGzDecoder::new(bytes), limit),
            &mut out,
        )
        .map_err(|e| {
            crate::read::Problem::Io(format!("a gzip-compressed page that cannot be read: {e}"))
        })?;
        unzipped = out;
        &unzipped[..]
    } else {
        bytes
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(crate::read::Problem::Empty);
    }
    match html::extract(bytes, source) {
        Ok(page) => Ok(page.into_document(id, origin)),
        Err(html::HtmlError::NoBody) => Err(crate::read::Problem::NoMainText),
    }
}

/// Collapses runs of whitespace (and non-breaking spaces) into one space and trims.
pub fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A title as the page shows it: trimmed, line breaks and tabs turned into one space, but
/// inner runs of spaces kept (they are part of the headline as published).
pub fn tidy_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = String::new();
    for c in s.trim().chars() {
        if c.is_whitespace() {
            pending.push(c);
            continue;
        }
        if !pending.is_empty() {
            if pending.chars().all(|p| p == ' ' || p == '\u{a0}') {
                out.push_str(&pending);
            } else {
                out.push(' ');
            }
            pending.clear();
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_point_into_the_laid_out_text() {
        let page = Page {
            title: Some("Un titre".into()),
            blocks: vec![
                PageBlock {
                    kind: BlockKind::Caption,
                    text: "Une photo".into(),
                    credit: Some("AFP, Jean DUPONT".into()),
                },
                PageBlock {
                    kind: BlockKind::Paragraph,
                    text: "Il pleut.".into(),
                    credit: None,
                },
            ],
            ..Page::default()
        };
        let doc = page.into_document("p".into(), "p.html".into());
        let texts: Vec<&str> = doc.blocks.iter().map(|b| doc.slice(b.span)).collect();
        assert_eq!(
            texts,
            ["Un titre", "Une photo - AFP, Jean DUPONT", "Il pleut."]
        );
        let credit = doc.blocks[1].credit.map(|c| doc.slice(c));
        assert_eq!(credit, Some("AFP, Jean DUPONT"));
        assert_eq!(doc.meta.title.as_deref(), Some("Un titre"));
    }

    #[test]
    fn spaces_are_squashed() {
        assert_eq!(squash_spaces("  a \u{a0}\n b\t"), "a b");
        assert_eq!(tidy_title("\n  Le  titre\n   suite \n"), "Le  titre suite");
    }
}
