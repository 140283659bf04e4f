//! Bodies rendered by scripts: pages whose markup holds almost no article text but whose
//! scripts carry it as data (`__NEXT_DATA__`, `window.__INITIAL_STATE__ = {…}`, Apollo
//! caches), the article's HTML written as JSON strings.
//!
//! [`script_body`] reads each inline script as JSON (from its first `{` when it is an
//! assignment), gathers the strings that hold HTML paragraphs (`<p`), groups them by the key
//! that holds them (`content`, `body`, `html`, …) and reads the group with the most words, in
//! order and without repeats, as the body. It is a fallback: [`super::extract_parsed`] calls it
//! only when the markup gave almost nothing, so a normal page never pays for it.

use super::body;
use crate::ingest::PageBlock;
use scraper::Html;
use serde_json::Value;
use std::collections::HashSet;

/// The fewest words of an HTML string in a script for it to be a part of the article.
const MIN_PART_WORDS: usize = 20;
/// Scripts longer than this are not read (bytes): data this large is not one article.
const MAX_SCRIPT_BYTES: usize = 16 << 20;

/// The article's blocks from the HTML strings of the page's scripts, if any.
pub fn script_body(html: &Html) -> Option<Vec<PageBlock>> {
    // (key, HTML) in document order, over all scripts.
    let mut parts: Vec<(String, String)> = Vec::new();
    for script in html.select(sel!("script:not([src])")) {
        let text: String = script.text().collect();
        if text.len() > MAX_SCRIPT_BYTES {
            continue;
        }
        let Some(start) = text.find(['{', '[']) else {
            continue;
        };
        // A prefix value: `window.x = {...};` parses up to its closing brace.
        let mut values = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
        let Some(Ok(value)) = values.next() else {
            continue;
        };
        html_strings(value, &mut parts);
    }
    let mut words_by_key: Vec<(String, usize)> = Vec::new();
    for (key, html) in &parts {
        let words = word_count(html);
        match words_by_key.iter_mut().find(|(k, _)| k == key) {
            Some((_, n)) => *n += words,
            None => words_by_key.push((key.clone(), words)),
        }
    }
    let (key, _) = words_by_key.into_iter().max_by_key(|(_, n)| *n)?;
    let mut seen = HashSet::new();
    let mut blocks = Vec::new();
    for (k, html) in parts {
        if k != key || !seen.insert(html.clone()) {
            continue;
        }
        let fragment = Html::parse_fragment(&html);
        blocks.extend(body::read_body(fragment.root_element()).blocks);
    }
    (!blocks.is_empty()).then_some(blocks)
}

/// Words of an HTML string outside its tags (a rough count, to compare candidates).
fn word_count(html: &str) -> usize {
    let mut in_tag = false;
    let mut text = String::with_capacity(html.len());
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().count()
}

/// Collects the strings of `value` that hold HTML paragraphs, with the key that holds each.
fn html_strings(value: Value, out: &mut Vec<(String, String)>) {
    let mut stack: Vec<(String, Value)> = vec![(String::new(), value)];
    while let Some((key, v)) = stack.pop() {
        match v {
            Value::String(s)
                if (s.contains("<p>") || s.contains("<p ")) && word_count(&s) >= MIN_PART_WORDS =>
            {
                out.push((key, s));
            }
            Value::Array(items) => {
                stack.extend(items.into_iter().rev().map(|i| (key.clone(), i)));
            }
            Value::Object(map) => {
                let at = stack.len();
                stack.extend(map);
                stack[at..].reverse();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "Le conseil municipal a voté mardi soir, après un long débat, un budget \
        en hausse pour les écoles, les crèches et les transports de la commune.";

    #[test]
    fn the_html_strings_of_a_state_script_are_the_body() {
        let page = format!(
            r#"<html><body><div id="app"></div><script>window.__STATE__ = {{"post": {{
            "modules": [{{"content": "<p>{PARA} Un.</p><p>{PARA} Deux.</p>"}},
                        {{"image": "x.jpg", "caption": "Une photo"}},
                        {{"content": "<p>{PARA} Trois.</p>"}}],
            "teaser": {{"content": "<p>{PARA} Un.</p><p>{PARA} Deux.</p>"}},
            "related": [{{"summary": "<p>Court.</p>"}}]}}}};</script>
            <script>var broken = {{"content": "<p>{PARA}"</script></body></html>"#
        );
        let blocks = script_body(&Html::parse_document(&page)).expect("a body");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[0].ends_with("Un."));
        assert!(texts[2].ends_with("Trois."));
    }

    #[test]
    fn a_page_without_scripted_html_gives_nothing() {
        let page = r#"<script>var x = {"a": "pas de html", "b": [1, 2]};</script>
            <script>{ not json at all </script><script>]]]</script>"#;
        assert!(script_body(&Html::parse_document(page)).is_none());
    }
}
