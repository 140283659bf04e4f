//! A saved web page to its article: main text as blocks, and metadata.
//!
//! [`extract`] decodes the bytes ([`encoding`]), parses them with `scraper` (html5ever, the
//! browsers' parsing algorithm, so broken markup reads as a browser reads it), finds and reads
//! the article's main text ([`body`], leaving out [`boilerplate`]), and gathers metadata
//! ([`meta`], dates by [`dates`]). When the markup holds almost no text, the article is
//! looked for in the data of the page's scripts: JSON-LD `articleBody`, then HTML strings in
//! script data ([`scripted`]). The extraction logic is ours; the parser is not.
//!
//! The title is the visible `<h1>` when the page's metadata title (`og:title`) agrees with it
//! (one contains the other), else `og:title`, else `<title>` without its site name: the
//! visible headline is what readers saw, and metadata titles are often rewritten for sharing.

/// A CSS selector compiled once, from a constant of this crate (tested, so `expect` cannot
/// fire on any input).
macro_rules! sel {
    ($css:expr) => {{
        static CELL: std::sync::OnceLock<scraper::Selector> = std::sync::OnceLock::new();
        CELL.get_or_init(|| {
            scraper::Selector::parse($css).expect("selector constants are valid CSS")
        })
    }};
}

pub mod body;
pub mod boilerplate;
pub mod dates;
pub mod encoding;
pub mod links;
pub mod meta;
pub mod scripted;

use super::{squash_spaces, tidy_title, Page, PageMeta};
use scraper::Html;

/// Why a page gave no document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    #[error("no main text found (no paragraph of article text in the page)")]
    NoBody,
}

/// Fewest words of body text for a page to be an article rather than an index or an error page.
pub const MIN_BODY_WORDS: usize = 10;

/// Below this many words of body text from the markup, the page's scripts are searched for
/// the article ([`scripted`]).
pub const SCRIPTED_BELOW_WORDS: usize = 100;

/// What the caller knows about a page besides its bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageSource<'a> {
    /// The `Content-Type` header's charset, when the page came over HTTP.
    pub http_charset: Option<&'a str>,
    /// The URL it was fetched from, used when the page names no canonical URL.
    pub url: Option<&'a str>,
}

/// Extracts the article of a page.
pub fn extract(bytes: &[u8], source: PageSource) -> Result<Page, HtmlError> {
    let decoded = encoding::decode_page(bytes, source.http_charset);
    let html = Html::parse_document(&decoded.text);
    let mut page = extract_parsed(&html, source.url);
    let mut warnings = decoded.warnings;
    warnings.append(&mut page.warnings);
    page.warnings = warnings;
    if page.body_words() < MIN_BODY_WORDS {
        return Err(HtmlError::NoBody);
    }
    Ok(page)
}

/// Extracts the article of a parsed page (body may be empty).
pub fn extract_parsed(html: &Html, url: Option<&str>) -> Page {
    let tags = meta::MetaTags::read(html);
    let ld = meta::json_ld(html);
    let roots = body::find_roots(html);
    let root = roots.first().copied();
    let mut body = body::Body::default();
    for part in roots {
        let mut read = body::read_body(part);
        body.blocks.append(&mut read.blocks);
        body.dateline = body.dateline.or(read.dateline);
        body.h1 = body.h1.or(read.h1);
    }
    // The article element around the root (or the root itself) holds the byline microdata.
    let article = root.map(|r| {
        r.ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .find(|a| a.value().name() == "article")
            .unwrap_or(r)
    });
    let site = tags
        .first(&["og:site_name", "application-name", "twitter:site"])
        .map(str::to_string)
        .or_else(|| {
            meta::ld_field(&ld, "publisher")
                .filter(|p| !p.is_empty())
                .map(|p| squash_spaces(&p))
        });
    let h1 = body.h1.clone().or_else(|| {
        html.select(sel!("h1"))
            .next()
            .map(|h| tidy_title(&h.text().collect::<String>()))
            .filter(|t| !t.is_empty())
    });
    let meta_title = tags
        .first(&["og:title", "twitter:title"])
        .map(str::to_string)
        .or_else(|| meta::ld_field(&ld, "headline"));
    let title = match (h1, meta_title) {
        (Some(h1), Some(m)) if agree(&h1, &m) => Some(h1),
        (_, Some(m)) => Some(m),
        (Some(h1), None) => Some(h1),
        (None, None) => meta::title_tag(html, site.as_deref()),
    };
    let published = meta::published(&tags, &ld, html, body.dateline.as_deref());
    let mut blocks = body.blocks;
    // Pages that render their article with scripts still give it in JSON-LD `articleBody`:
    // taken when it holds more than twice the words the markup gave.
    if let Some(ld_body) = meta::ld_raw_text(&ld, "articleBody") {
        let ld_words = ld_body.split_whitespace().count();
        let words: usize = blocks
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum();
        if ld_words >= MIN_BODY_WORDS && ld_words > 2 * words {
            blocks = ld_body
                .split('\n')
                .map(squash_spaces)
                .filter(|p| !p.is_empty())
                .map(|text| super::PageBlock {
                    kind: crate::document::BlockKind::Paragraph,
                    text,
                    credit: None,
                })
                .collect();
        }
    }
    // Pages that render their article with scripts from data in the page: the HTML strings
    // of that data, when the markup gave little and they hold more than twice its words.
    let words = |blocks: &[super::PageBlock]| -> usize {
        blocks
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum()
    };
    let markup_words = words(&blocks);
    if markup_words < SCRIPTED_BELOW_WORDS {
        if let Some(scripted) = scripted::script_body(html) {
            if words(&scripted) > 2 * markup_words.max(MIN_BODY_WORDS) {
                blocks = scripted;
            }
        }
    }
    if let Some(t) = &title {
        // A headline repeated as the first line of the body is the title, not a paragraph.
        if blocks.first().is_some_and(|b| &b.text == t) {
            blocks.remove(0);
        }
    }
    let page_meta = PageMeta {
        published,
        credit: meta::credit(&tags, &ld, article),
        url: meta::canonical_url(&tags, html).or_else(|| url.map(str::to_string)),
        section: tags
            .first(&["article:section", "og:article:section"])
            .map(str::to_string)
            .or_else(|| meta::ld_field(&ld, "articleSection")),
        tags: meta::tags(&tags, &ld),
        lang: meta::lang(&tags, html),
        site,
    };
    Page {
        title,
        blocks,
        meta: page_meta,
        warnings: Vec::new(),
    }
}

/// Whether two titles agree: one holds the other, spacing aside.
fn agree(a: &str, b: &str) -> bool {
    let (a, b) = (squash_spaces(a), squash_spaces(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::published::format_published;

    #[test]
    fn a_page_with_no_body_is_an_error() {
        let page = b"<html><head><title>Accueil</title></head><body><nav>Menu</nav></body></html>";
        assert_eq!(extract(page, PageSource::default()), Err(HtmlError::NoBody));
    }

    #[test]
    fn a_page_rendered_by_scripts_gives_the_html_of_its_data() {
        let para = "Une phrase assez longue pour faire un article, avec des virgules, des mots et \
            encore des mots pour la longueur voulue.";
        let page = format!(
            r#"<html><body><h1>Le titre</h1><div id="root"><p>Chargement…</p></div>
            <script id="__NEXT_DATA__" type="application/json">{{"props": {{"article":
            {{"body": "<p>{para}</p><h2>Un intertitre</h2><p>{para}</p>"}}}}}}</script></body></html>"#
        );
        let page = extract(page.as_bytes(), PageSource::default()).expect("a page");
        assert_eq!(page.blocks.len(), 3);
        assert_eq!(page.blocks[1].text, "Un intertitre");
    }

    #[test]
    fn metadata_of_a_page() {
        let page = r#"<html lang="fr"><head><meta property="og:title" content="Le titre ">
        <meta property="og:site_name" content="Le Site"><meta property="article:section" content="Monde">
        <meta property="article:tag" content="climat"><meta property="article:tag" content="Climat">
        <link rel="canonical" href="https://example.org/a.html"></head><body><article>
        <h1>Le titre</h1><p class="date"><span itemprop="author">AFP</span>, publié le 3 mars 2021 à 10h05</p>
        <p>Une phrase assez longue pour faire un article, avec des virgules, des mots et encore des mots pour la longueur voulue.</p>
        <p>Une seconde phrase assez longue pour faire un article, avec des virgules, des mots et encore des mots.</p>
        </article></body></html>"#;
        let page = extract(page.as_bytes(), PageSource::default()).expect("a page");
        assert_eq!(page.title.as_deref(), Some("Le titre"));
        assert_eq!(page.meta.credit.as_deref(), Some("AFP"));
        assert_eq!(page.meta.site.as_deref(), Some("Le Site"));
        assert_eq!(page.meta.section.as_deref(), Some("Monde"));
        assert_eq!(page.meta.tags, ["climat"]);
        assert_eq!(page.meta.url.as_deref(), Some("https://example.org/a.html"));
        assert_eq!(page.meta.lang.as_deref(), Some("fr"));
        let published = page.meta.published.map(|p| format_published(&p));
        assert_eq!(published.as_deref(), Some("2021-03-03T10:05:00"));
        assert_eq!(page.blocks.len(), 2);
    }
}
