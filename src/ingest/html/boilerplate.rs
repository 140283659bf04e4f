//! What is not the article: elements left out of the main text by their tag, their state or
//! the words in their `class` and `id`.
//!
//! Class words are matched as whole tokens (`ad` matches `ad-slot` and `top_ad`, never
//! `header` or `shadow`) or, for a few compound words sites write in many ways
//! (`lire-aussi`, `alire`, `fil-info`), as substrings. The root of the article is never
//! tested: a body called `article-content-with-share` is still the body.

use scraper::node::Element;

/// Tags whose content is never article text.
pub fn is_skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "frame"
            | "frameset"
            | "form"
            | "button"
            | "input"
            | "select"
            | "option"
            | "textarea"
            | "label"
            | "nav"
            | "aside"
            | "footer"
            | "svg"
            | "canvas"
            | "video"
            | "audio"
            | "object"
            | "embed"
            | "map"
            | "dialog"
            | "menu"
            | "head"
            | "link"
            | "meta"
            | "picture"
            | "source"
            | "img"
    )
}

/// Whether the element is hidden from readers (`hidden`, `aria-hidden`, `display: none`).
pub fn is_hidden(el: &Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            let s = s.to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Whole class/id tokens that mark page furniture.
const TOKENS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "pub",
    "publicite",
    "promo",
    "sponsor",
    "sponsored",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "footer",
    "banner",
    "popup",
    "modal",
    "cookie",
    "cookies",
    "newsletter",
    "subscribe",
    "subscription",
    "widget",
    "share",
    "sharing",
    "social",
    "socials",
    "comment",
    "comments",
    "related",
    "recommended",
    "recommendations",
    "popular",
    "trending",
    "outbrain",
    "taboola",
    "tags",
    "tag",
    "keywords",
    "byline",
    "author",
    "authors",
    "date",
    "dateline",
    "timestamp",
    "print",
    "toolbar",
    "hidden",
    "hide",
    "sr",
    "video",
    "player",
    "embed",
    "disclaimer",
    "signup",
    "login",
    "paywall",
    "pagination",
    "pager",
];

/// Substrings of the joined, lower-cased `class` and `id` that mark furniture.
const SUBSTRINGS: &[&str] = &[
    "lire-aussi",
    "lireaussi",
    "lire_aussi",
    "a-lire",
    "alire",
    "fil-info",
    "filinfo",
    "read-more",
    "readmore",
    "read-also",
    "more-stories",
    "most-read",
    "mostread",
    "related",
    "newsletter",
    "outbrain",
    "taboola",
    "social",
    "sharebar",
    "share-",
    "sharing",
    "comment",
    "advert",
    "cookie",
    "breadcrumb",
    "sidebar",
    "subscribe",
    "recommend",
    "promo",
];

/// Whether an element's class or id names furniture (a share bar, "à lire aussi", an ad slot,
/// a byline or dateline, comments).
pub fn is_furniture(el: &Element) -> bool {
    let mut names = String::new();
    if let Some(c) = el.attr("class") {
        names.push_str(c);
    }
    if let Some(id) = el.attr("id") {
        names.push(' ');
        names.push_str(id);
    }
    if names.is_empty() {
        return false;
    }
    let names = names.to_ascii_lowercase();
    if SUBSTRINGS.iter().any(|s| names.contains(s)) {
        return true;
    }
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|token| TOKENS.contains(&token))
}

/// Whether class/id names say this holds readers' comments.
pub fn is_comments(el: &Element) -> bool {
    let names = format!(
        "{} {}",
        el.attr("class").unwrap_or(""),
        el.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|t| matches!(t, "comment" | "comments" | "commentaires" | "disqus"))
}

/// Whether class/id names say "date" or "byline": such furniture holds the dateline and the
/// credit, read before it is dropped.
pub fn is_dateline(el: &Element) -> bool {
    let names = format!(
        "{} {}",
        el.attr("class").unwrap_or(""),
        el.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    names.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| {
        matches!(
            t,
            "date" | "dateline" | "byline" | "timestamp" | "publication"
        )
    })
}

/// Whether class/id names say this is a photo caption or its holder.
pub fn is_caption_holder(el: &Element) -> bool {
    if matches!(el.name(), "figure" | "figcaption") {
        return true;
    }
    let names = format!(
        "{} {}",
        el.attr("class").unwrap_or(""),
        el.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    names.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| {
        matches!(
            t,
            "caption" | "figcaption" | "legend" | "legende" | "wp-caption" | "photo-caption"
        )
    })
}

/// Whether class/id/itemprop names say this is a photo credit.
pub fn is_credit(el: &Element) -> bool {
    if el
        .attr("itemprop")
        .is_some_and(|p| p.contains("copyrightHolder") || p.contains("creditText"))
    {
        return true;
    }
    let names = format!(
        "{} {}",
        el.attr("class").unwrap_or(""),
        el.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    names.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| {
        matches!(
            t,
            "credit" | "credits" | "copyright" | "source" | "photographer"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn first_div(html: &str) -> Element {
        let doc = Html::parse_fragment(html);
        let el = doc
            .root_element()
            .descendent_elements()
            .find(|e| e.value().name() == "div")
            .map(|e| e.value().clone());
        el.unwrap_or_else(|| panic!("no div in {html}"))
    }

    #[test]
    fn class_tokens_are_whole_words() {
        assert!(is_furniture(&first_div(r#"<div class="top_ad"></div>"#)));
        assert!(is_furniture(&first_div(
            r#"<div class="sticky-block a-lire-aussi"></div>"#
        )));
        assert!(!is_furniture(&first_div(
            r#"<div class="header shadow"></div>"#
        )));
        assert!(!is_furniture(&first_div(
            r#"<div class="article-text"></div>"#
        )));
        assert!(is_dateline(&first_div(r#"<div class="date"></div>"#)));
        assert!(is_hidden(&first_div(
            r#"<div style="DISPLAY: none"></div>"#
        )));
    }
}
