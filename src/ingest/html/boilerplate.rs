//! What is not the article: elements left out of the main text by their tag, their state or
//! the words in their `class` and `id`.
//!
//! Class words are matched as whole tokens (`ad` matches `ad-slot`, `top_ad` and `adSlot`,
//! never `header` or `shadow`; [`class_words`] splits camelCase too) or, for a few compound
//! words sites write in many ways (`lire-aussi`, `alire`, `fil-info`), as substrings. The
//! root of the article is never tested: a body called `article-content-with-share` is still
//! the body. Table rows and cells are never furniture by their class (a row called
//! `player-2020` is a row of the table), and microdata `datePublished` or `author` is.

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

/// The words of an element's `class` and `id`, lower-cased: split on every character that
/// is not a letter or digit, and where a lower-case letter meets an upper-case one, so that
/// `newsCaption` says `caption` as `news-caption` does.
pub fn class_words(el: &Element) -> Vec<String> {
    let mut words = Vec::new();
    for value in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        let mut word = String::new();
        let mut prev_lower = false;
        for c in value.chars() {
            let boundary = !c.is_ascii_alphanumeric() || (prev_lower && c.is_ascii_uppercase());
            if boundary && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

/// Table parts: their class names style rows (`player-2020`, `ad-row`), they do not mark
/// furniture, and a table's rows are read or left out with the table.
fn is_table_part(name: &str) -> bool {
    matches!(
        name,
        "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" | "colgroup" | "col"
    )
}

/// Microdata that marks the article's own metadata (its date, its author), not its text.
fn is_meta_microdata(el: &Element) -> bool {
    el.attr("itemprop").is_some_and(|p| {
        p.split_whitespace().any(|p| {
            matches!(
                p,
                "datePublished" | "dateModified" | "dateCreated" | "author"
            )
        })
    })
}

/// Whether an element's class or id names furniture (a share bar, "à lire aussi", an ad slot,
/// a byline or dateline, comments), or its microdata says it is the date or the author.
pub fn is_furniture(el: &Element) -> bool {
    if is_table_part(el.name()) {
        return false;
    }
    if is_meta_microdata(el) {
        return true;
    }
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
    class_words(el).iter().any(|w| TOKENS.contains(&w.as_str()))
}

/// Whether a `<blockquote>` is an embedded post (`twitter-tweet`, `instagram-media`,
/// `tiktok-embed`, …): quoted text of the article, even inside a box named like furniture.
pub fn is_embedded_post(el: &Element) -> bool {
    el.name() == "blockquote"
        && class_words(el).iter().any(|w| {
            matches!(
                w.as_str(),
                "tweet" | "twitter" | "instagram" | "tiktok" | "embed" | "embedded" | "post"
            )
        })
}

/// Whether class/id names say this holds readers' comments.
pub fn is_comments(el: &Element) -> bool {
    class_words(el).iter().any(|t| {
        matches!(
            t.as_str(),
            "comment" | "comments" | "commentaires" | "disqus"
        )
    })
}

/// Whether class/id names say "date" or "byline": such furniture holds the dateline and the
/// credit, read before it is dropped.
pub fn is_dateline(el: &Element) -> bool {
    is_meta_microdata(el)
        || class_words(el).iter().any(|t| {
            matches!(
                t.as_str(),
                "date" | "dateline" | "byline" | "timestamp" | "publication"
            )
        })
}

/// Whether class/id names say this is a photo caption or its holder.
pub fn is_caption_holder(el: &Element) -> bool {
    if matches!(el.name(), "figure" | "figcaption") {
        return true;
    }
    class_words(el)
        .iter()
        .any(|t| matches!(t.as_str(), "caption" | "figcaption" | "legend" | "legende"))
}

/// Whether class/id/itemprop names say this is a photo credit.
pub fn is_credit(el: &Element) -> bool {
    if el
        .attr("itemprop")
        .is_some_and(|p| p.contains("copyrightHolder") || p.contains("creditText"))
    {
        return true;
    }
    class_words(el).iter().any(|t| {
        matches!(
            t.as_str(),
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
        assert!(is_caption_holder(&first_div(
            r#"<div class="newsCaption"></div>"#
        )));
        assert!(is_furniture(&first_div(r#"<div id="topAdSlot"></div>"#)));
        assert!(!is_furniture(&first_div(
            r#"<div class="PAGE_HEADER"></div>"#
        )));
        assert!(is_furniture(&first_div(
            r#"<div itemprop="datePublished"></div>"#
        )));
        assert!(is_hidden(&first_div(
            r#"<div style="DISPLAY: none"></div>"#
        )));
    }
}
