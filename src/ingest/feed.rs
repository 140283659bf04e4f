//! Feeds: RSS 0.9x, 1.0 (RDF) and 2.0, Atom and JSON Feed, parsed by `feed-rs`; each item
//! becomes a document with its title, link, date, author, categories and summary.
//!
//! **The page beside the feed.** When the page an item links to was saved next to the feed
//! (as `depeche fetch` saves them, or by hand), the page's article is the item's text, and the
//! item keeps its link and date (the page's own date wins when the item has none). The saved
//! page is looked up by the last segment of the link's path: `…/monde/un-article-123.html` is
//! `DIR/un-article-123.html`, and a segment without an extension is also tried with `.html`.
//! Otherwise the item's summary (or its content, HTML read as a page fragment) is the text.
//!
//! An item with neither title nor text is an error of its own; the other items go on.

use super::html::{self, PageSource};
use super::{Page, PageBlock};
use crate::document::{BlockKind, Document};
use crate::read::{published::parse_published, Problem, ReadError};
use scraper::Html;
use std::path::{Path, PathBuf};

/// The documents of a feed, one per item, in feed order; `dir` is where saved pages are
/// looked for.
pub fn read_feed(
    bytes: &[u8],
    dir: &Path,
    id_prefix: &str,
    origin: &str,
    max_page_bytes: usize,
) -> Result<Vec<Result<Document, ReadError>>, Problem> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| Problem::Feed(e.to_string()))?;
    let feed_title = feed.title.map(|t| super::squash_spaces(&t.content));
    let mut out = Vec::with_capacity(feed.entries.len());
    for (n, entry) in feed.entries.into_iter().enumerate() {
        let item_origin = format!("{origin}#item{}", n + 1);
        let id = format!("{id_prefix}-{}", n + 1);
        let doc = item_document(
            entry,
            dir,
            feed_title.as_deref(),
            max_page_bytes,
            id,
            &item_origin,
        )
        .map_err(|problem| ReadError {
            origin: item_origin,
            problem,
        });
        out.push(doc);
    }
    Ok(out)
}

fn item_document(
    entry: feed_rs::model::Entry,
    dir: &Path,
    feed_title: Option<&str>,
    max_page_bytes: usize,
    id: String,
    origin: &str,
) -> Result<Document, Problem> {
    let link = item_link(&entry);
    let title = entry
        .title
        .as_ref()
        .map(|t| fragment_text(&t.content))
        .filter(|t| !t.is_empty());
    let published = entry
        .published
        .or(entry.updated)
        .and_then(|d| parse_published(&d.to_rfc3339()).ok());
    let credit = entry
        .authors
        .iter()
        .filter_map(|a| a.name.as_deref().map(super::squash_spaces))
        .find(|n| !n.is_empty());
    let tags: Vec<String> = entry
        .categories
        .iter()
        .map(|c| super::squash_spaces(c.label.as_deref().unwrap_or(&c.term)))
        .filter(|t| !t.is_empty())
        .collect();
    let mut warnings = Vec::new();
    let saved = link
        .as_deref()
        .and_then(|l| saved_page(dir, l))
        .and_then(|path| match std::fs::read(&path) {
            Ok(bytes) if bytes.len() <= max_page_bytes => {
                let source = PageSource {
                    http_charset: None,
                    url: link.as_deref(),
                };
                match html::extract(&bytes, source) {
                    Ok(page) => Some(page),
                    Err(err) => {
                        warnings.push(format!(
                            "saved page {}: {err}; the item's summary was used",
                            path.display()
                        ));
                        None
                    }
                }
            }
            Ok(_) => {
                warnings.push(format!(
                    "saved page {}: larger than {max_page_bytes} bytes; the item's summary was used",
                    path.display()
                ));
                None
            }
            Err(err) => {
                warnings.push(format!("saved page {}: {err}", path.display()));
                None
            }
        });
    let mut page = match saved {
        Some(mut page) => {
            page.title = title.clone().or(page.title);
            page
        }
        None => {
            let summary = entry
                .summary
                .as_ref()
                .map(|s| s.content.clone())
                .or_else(|| entry.content.as_ref().and_then(|c| c.body.clone()))
                .unwrap_or_default();
            Page {
                title: title.clone(),
                blocks: fragment_blocks(&summary),
                ..Page::default()
            }
        }
    };
    if page.title.is_none() && page.blocks.is_empty() {
        return Err(Problem::Empty);
    }
    page.meta.url = link.or(page.meta.url);
    page.meta.published = published.or(page.meta.published);
    page.meta.credit = credit.or(page.meta.credit);
    if page.meta.site.is_none() {
        page.meta.site = feed_title.map(str::to_string);
    }
    if !tags.is_empty() {
        page.meta.tags = tags;
    }
    page.warnings.extend(warnings);
    Ok(page.into_document(id, origin.to_string()))
}

/// The link of an item: its `alternate` link (or one without `rel`), else its first link,
/// as written in the feed (trimmed). `depeche fetch` downloads the same link.
pub fn item_link(entry: &feed_rs::model::Entry) -> Option<String> {
    entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
}

/// The name a saved page for `link` has beside the feed: the last segment of the link's path
/// as written (not percent-decoded), without query or fragment; `None` when the link has no
/// path segment or one that could climb out of the directory. The reader also tries this name
/// plus `.html`; `depeche fetch` saves under the same rule, so the two agree.
pub fn saved_page_segment(link: &str) -> Option<&str> {
    let path = link.split(['?', '#']).next()?;
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let segment = path.trim_end_matches('/').rsplit('/').next()?;
    if segment.is_empty() || segment.contains("..") || !path.contains('/') {
        return None;
    }
    Some(segment)
}

/// The path of the saved page for a link, when one exists in `dir`.
fn saved_page(dir: &Path, link: &str) -> Option<PathBuf> {
    let segment = saved_page_segment(link)?;
    let plain = dir.join(segment);
    if plain.is_file() {
        return Some(plain);
    }
    let html = dir.join(format!("{segment}.html"));
    html.is_file().then_some(html)
}

/// Text of an HTML fragment (a feed title may hold entities and tags).
fn fragment_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return super::squash_spaces(s);
    }
    let html = Html::parse_fragment(s);
    super::squash_spaces(&html.root_element().text().collect::<String>())
}

/// Paragraphs of an item's summary or content, HTML or plain text.
fn fragment_blocks(s: &str) -> Vec<PageBlock> {
    if s.trim().is_empty() {
        return Vec::new();
    }
    let html = Html::parse_fragment(s);
    let mut blocks = html::body::read_body(html.root_element()).blocks;
    if blocks.is_empty() {
        let text = fragment_text(s);
        if !text.is_empty() {
            blocks.push(PageBlock {
                kind: BlockKind::Paragraph,
                text,
                credit: None,
            });
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Le Journal</title>
<item><title>Premier titre</title><link>https://example.org/monde/premier-article.html</link>
<pubDate>Mon, 21 Dec 2015 00:09:00 +0100</pubDate><category>Monde</category>
<description>&lt;p&gt;Un résumé du premier article.&lt;/p&gt;</description></item>
<item><title>Second titre</title><link>https://example.org/second</link>
<description>Un résumé du second.</description></item>
<item><link>https://example.org/vide</link></item>
</channel></rss>"#;

    #[test]
    fn items_become_documents() {
        let dir = tempfile::tempdir().expect("tempdir");
        let items = read_feed(RSS.as_bytes(), dir.path(), "f", "f.rss", 1 << 20).expect("a feed");
        assert_eq!(items.len(), 3);
        let first = items[0].as_ref().expect("an item");
        assert_eq!(first.meta.title.as_deref(), Some("Premier titre"));
        assert_eq!(first.text, "Premier titre\n\nUn résumé du premier article.");
        assert_eq!(first.meta.source.as_deref(), Some("Le Journal"));
        assert_eq!(first.meta.tags, ["Monde"]);
        let published = first
            .meta
            .published
            .map(|p| crate::read::published::format_published(&p));
        assert_eq!(published.as_deref(), Some("2015-12-20T23:09:00Z"));
        assert_eq!(
            items[2].as_ref().map_err(|e| e.problem.clone()).err(),
            Some(Problem::Empty)
        );
        assert!(matches!(
            read_feed(b"<html>no</html>", dir.path(), "f", "f", 100),
            Err(Problem::Feed(_))
        ));
    }

    #[test]
    fn a_saved_page_beside_the_feed_is_the_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let para =
            "<p>Le texte complet de la page sauvegardée, bien plus long que le résumé du flux.</p>";
        std::fs::write(
            dir.path().join("second.html"),
            format!(
                "<html><body><article><h1>Second titre</h1>{para}{para}</article></body></html>"
            ),
        )
        .expect("write");
        let items = read_feed(RSS.as_bytes(), dir.path(), "f", "f.rss", 1 << 20).expect("a feed");
        let second = items[1].as_ref().expect("an item");
        assert!(second.text.contains("Le texte complet"), "{}", second.text);
        assert_eq!(
            second.meta.url.as_deref(),
            Some("https://example.org/second")
        );
    }
}
