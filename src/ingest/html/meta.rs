//! A page's metadata: `<meta>` tags (Open Graph, `article:*`, Dublin Core, `itemprop`),
//! JSON-LD (`NewsArticle`, also inside `@graph`), `<link rel=canonical>`, `<html lang>`.
//!
//! Each field has an ordered list of sources and takes the first that gives a usable value.
//! Dates follow the issue's order (`article:published_time`, JSON-LD `datePublished`, microdata,
//! `<time>`, dateline); a source that gives a day without its time is upgraded by a later one
//! that gives the same day with a time, so the more precise of two agreeing sources wins.

use super::dates::{parse_dateline, parse_meta_date};
use crate::document::Published;
use crate::ingest::squash_spaces;
use scraper::{ElementRef, Html};
use std::collections::HashMap;

/// The `<meta>` values of a page by lower-cased key (`property`, `name` or `itemprop`), each
/// key's values in document order.
pub struct MetaTags {
    map: HashMap<String, Vec<String>>,
}

impl MetaTags {
    pub fn read(html: &Html) -> MetaTags {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for el in html.select(sel!("meta")) {
            let Some(content) = el.attr("content") else {
                continue;
            };
            let content = squash_spaces(content);
            if content.is_empty() {
                continue;
            }
            for key_attr in ["property", "name", "itemprop"] {
                if let Some(key) = el.attr(key_attr) {
                    map.entry(key.trim().to_ascii_lowercase())
                        .or_default()
                        .push(content.clone());
                }
            }
        }
        MetaTags { map }
    }

    /// The first value of the first key present.
    pub fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.map.get(*k).and_then(|v| v.first()))
            .map(String::as_str)
    }

    pub fn all(&self, key: &str) -> &[String] {
        self.map.get(key).map_or(&[], Vec::as_slice)
    }
}

/// JSON-LD objects of the page, flattened (`@graph` members and arrays become items).
pub fn json_ld(html: &Html) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for script in html.select(sel!("script[type='application/ld+json']")) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text.trim()) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items.into_iter().rev()),
                serde_json::Value::Object(mut obj) => {
                    if let Some(graph) = obj.remove("@graph") {
                        stack.push(graph);
                    }
                    out.push(serde_json::Value::Object(obj));
                }
                _ => {}
            }
        }
    }
    out
}

/// A string field of a JSON-LD object, or the `name` of an object (or the first of an array).
fn ld_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(squash_spaces(s)).filter(|s| !s.is_empty()),
        serde_json::Value::Object(o) => o.get("name").and_then(ld_text),
        serde_json::Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(ld_text).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn is_article(v: &serde_json::Value) -> bool {
    let kind = |t: &str| {
        t.ends_with("Article")
            || matches!(t, "BlogPosting" | "Report" | "LiveBlogPosting" | "WebPage")
    };
    match v.get("@type") {
        Some(serde_json::Value::String(t)) => kind(t),
        Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(kind)),
        _ => false,
    }
}

/// The first value of `key` among the article objects of the JSON-LD (articles before pages).
pub fn ld_field(ld: &[serde_json::Value], key: &str) -> Option<String> {
    let mut articles: Vec<&serde_json::Value> = ld.iter().filter(|v| is_article(v)).collect();
    articles.sort_by_key(|v| v.get("@type").and_then(|t| t.as_str()) == Some("WebPage"));
    articles
        .into_iter()
        .find_map(|v| v.get(key).and_then(ld_text))
}

/// A string field of the JSON-LD article objects as written, line breaks kept.
pub fn ld_raw_text(ld: &[serde_json::Value], key: &str) -> Option<String> {
    ld.iter()
        .filter(|v| is_article(v))
        .find_map(|v| v.get(key)?.as_str().map(str::to_string))
        .filter(|s| !s.trim().is_empty())
}

/// The publication date, from the most reliable source that gives one.
pub fn published(
    tags: &MetaTags,
    ld: &[serde_json::Value],
    html: &Html,
    dateline: Option<&str>,
) -> Option<Published> {
    let mut found: Vec<Published> = Vec::new();
    let meta_keys = [
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "published_time",
    ];
    found.extend(tags.first(&meta_keys).and_then(parse_meta_date));
    found.extend(ld_field(ld, "datePublished").and_then(|d| parse_meta_date(&d)));
    for el in html.select(sel!("[itemprop='datePublished']")) {
        let v = el.attr("content").or_else(|| el.attr("datetime"));
        found.extend(v.and_then(parse_meta_date));
    }
    let dc_keys = [
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "pubdate",
        "publishdate",
        "publish-date",
        "sailthru.date",
        "parsely-pub-date",
    ];
    found.extend(tags.first(&dc_keys).and_then(parse_meta_date));
    if let Some(t) = html.select(sel!("time")).next() {
        let from_attr = t.attr("datetime").and_then(parse_meta_date);
        let from_text = || parse_dateline(&t.text().collect::<String>());
        found.extend(from_attr.or_else(from_text));
    }
    found.extend(dateline.and_then(parse_dateline));
    let first = *found.first()?;
    if first.time.is_some() {
        return Some(first);
    }
    Some(
        found
            .iter()
            .copied()
            .find(|p| p.date == first.date && p.time.is_some())
            .unwrap_or(first),
    )
}

/// The author or credit: the article's microdata author, JSON-LD author, then meta tags.
pub fn credit(
    tags: &MetaTags,
    ld: &[serde_json::Value],
    article: Option<ElementRef>,
) -> Option<String> {
    let microdata = article.and_then(|a| {
        a.select(sel!("[itemprop~='author']")).find_map(|el| {
            let text = el
                .attr("content")
                .map(squash_spaces)
                .unwrap_or_else(|| squash_spaces(&el.text().collect::<String>()));
            (!text.is_empty() && text.len() < 120).then_some(text)
        })
    });
    microdata.or_else(|| ld_field(ld, "author")).or_else(|| {
        tags.first(&[
            "author",
            "article:author",
            "dc.creator",
            "byl",
            "sailthru.author",
        ])
        .filter(|a| !a.starts_with("http"))
        .map(str::to_string)
    })
}

/// The page's own URL: `og:url` (the URL the site shares, which agrees with its section),
/// else `<link rel=canonical>`.
pub fn canonical_url(tags: &MetaTags, html: &Html) -> Option<String> {
    tags.first(&["og:url", "twitter:url"])
        .filter(|u| u.starts_with("http"))
        .map(str::to_string)
        .or_else(|| {
            html.select(sel!("link[rel~='canonical']"))
                .find_map(|l| {
                    l.attr("href")
                        .map(str::trim)
                        .filter(|h| h.starts_with("http"))
                })
                .map(str::to_string)
        })
}

/// The page's declared language as a lower-case ISO 639-1 code ("fr-FR" and "fr_FR" → "fr").
pub fn lang(tags: &MetaTags, html: &Html) -> Option<String> {
    html.select(sel!("html"))
        .find_map(|h| h.attr("lang").or_else(|| h.attr("xml:lang")))
        .or_else(|| tags.first(&["og:locale", "content-language", "language", "dc.language"]))
        .and_then(|l| {
            let code = l.trim().split(['-', '_']).next()?.to_ascii_lowercase();
            (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())).then_some(code)
        })
}

/// Tags: `article:tag` values, else `news_keywords`/`keywords` split on commas.
pub fn tags(tags: &MetaTags, ld: &[serde_json::Value]) -> Vec<String> {
    let mut out: Vec<String> = tags.all("article:tag").to_vec();
    if out.is_empty() {
        let keywords = tags
            .first(&["news_keywords", "keywords"])
            .map(str::to_string)
            .or_else(|| ld_field(ld, "keywords"));
        if let Some(k) = keywords {
            out = k
                .split([',', ';'])
                .map(squash_spaces)
                .filter(|t| !t.is_empty())
                .collect();
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|t| seen.insert(t.to_lowercase()));
    out
}

/// The `<title>` text, without a site name after " | ", " - " or " – " when the site is
/// known or the rest is short.
pub fn title_tag(html: &Html, site: Option<&str>) -> Option<String> {
    let raw = squash_spaces(
        &html
            .select(sel!("title"))
            .next()?
            .text()
            .collect::<String>(),
    );
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = raw.rsplit_once(sep) {
            if site.is_some_and(|s| tail.contains(s) || s.contains(tail)) || tail.len() < 30 {
                return Some(head.trim().to_string()).filter(|t| !t.is_empty());
            }
        }
    }
    Some(raw).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_in_a_graph() {
        let html = Html::parse_document(
            r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"X"},
            {"@type":"NewsArticle","datePublished":"2021-03-04T05:06:07+01:00",
             "author":[{"@type":"Person","name":"Ana"},{"name":"Bo"}]}]}</script>"#,
        );
        let ld = json_ld(&html);
        assert_eq!(ld_field(&ld, "author").as_deref(), Some("Ana, Bo"));
        let tags = MetaTags::read(&html);
        let p = published(&tags, &ld, &html, None).map(|p| p.offset_seconds);
        assert_eq!(p, Some(Some(3600)));
    }

    #[test]
    fn a_bare_day_is_upgraded_by_a_later_source_with_time() {
        let html = Html::parse_document(
            r#"<meta itemprop="datePublished" content="2020-05-24"><time datetime="2020-05-24T19:34:46+02:00">x</time>"#,
        );
        let tags = MetaTags::read(&html);
        let p = published(&tags, &[], &html, None);
        assert!(p.is_some_and(|p| p.time.is_some()));
    }

    #[test]
    fn title_tag_loses_its_site_name() {
        let html = Html::parse_document("<title>Un titre | Le Site</title>");
        assert_eq!(title_tag(&html, None).as_deref(), Some("Un titre"));
        let tags = MetaTags::read(&Html::parse_document(r#"<html lang="fr-FR">"#));
        assert_eq!(
            lang(&tags, &Html::parse_document(r#"<html lang="fr-FR">"#)).as_deref(),
            Some("fr")
        );
    }
}
