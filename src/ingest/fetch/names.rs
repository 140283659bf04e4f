//! File names in the output directory, chosen so that `depeche extract DIR/FEED --input feed`
//! finds every saved page.
//!
//! - A **feed** is saved as its host and path, characters other than `A-Z a-z 0-9 . _ -`
//!   turned into `_`, query included: `https://www.ex.org/rss/une.xml` is
//!   `www.ex.org_rss_une.xml`, `http://ex.org:8080/feed?cat=monde` is
//!   `ex.org_8080_feed_cat_monde.xml`. A name that does not end in `.xml`, `.rss`, `.atom`,
//!   `.rdf` or `.json` gets `.xml`. The name comes from the URL given on the command line, so it
//!   is the same run after run.
//! - A **page** is saved under the name the feed reader looks for
//!   ([`crate::ingest::feed::saved_page_segment`]): the last segment of the URL's path, plus
//!   `.html` when the segment has no extension. `…/monde/un-article-123` is
//!   `un-article-123.html`.
//!
//! **Collisions.** Two URLs may want the same name (`/monde/index.html` and
//! `/france/index.html`). The first URL to take a name keeps it, in this run and the next ones
//! (the state file records owners; page names are taken in feed order when the feeds are read,
//! before any page is fetched, so the first item wanting a name gets it); a later one is saved as the name with a hash of its URL
//! before the extension (`index-1a2b3c4d.html`), with a warning, since the feed reader will not
//! find it there (the WARC file has it anyway). A name that would be hidden (leading `.`),
//! holds control characters or a backslash, or is longer than [`MAX_NAME`] bytes is replaced
//! in the same way.

/// The longest file name written, in bytes (file systems allow 255).
pub const MAX_NAME: usize = 200;

/// The file name of a feed fetched from `url`.
pub fn feed_file_name(url: &url::Url) -> String {
    let mut raw = url.host_str().unwrap_or("feed").to_string();
    if let Some(port) = url.port() {
        raw.push('_');
        raw.push_str(&port.to_string());
    }
    raw.push_str(url.path());
    if let Some(query) = url.query() {
        raw.push('_');
        raw.push_str(query);
    }
    let mut name = String::with_capacity(raw.len());
    for c in raw.chars() {
        let keep = c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
        let c = if keep { c } else { '_' };
        if c == '_' && name.ends_with('_') {
            continue;
        }
        name.push(c);
    }
    let mut name = name.trim_matches('_').to_string();
    let lower = name.to_ascii_lowercase();
    let known = [".xml", ".rss", ".atom", ".rdf", ".json"];
    if !known.iter().any(|ext| lower.ends_with(ext)) {
        name.push_str(".xml");
    }
    if name.len() > MAX_NAME || name.starts_with('.') {
        return hashed_name(&name, url.as_str());
    }
    name
}

/// The file name the feed reader looks for when an item links to `link` (as written in the
/// feed), or `None` when it looks for none (no path segment) or the name is unsafe.
pub fn page_file_name(link: &str) -> Option<String> {
    let segment = crate::ingest::feed::saved_page_segment(link)?;
    let name = if has_extension(segment) {
        segment.to_string()
    } else {
        format!("{segment}.html")
    };
    safe(&name).then_some(name)
}

/// The name given when `url` cannot have `wanted` (taken, unsafe): the stem, a hash of the
/// URL, the extension. `page.html` for `https://ex.org/b/page.html` is `page-1a2b3c4d.html`.
pub fn hashed_name(wanted: &str, url: &str) -> String {
    let (stem, ext) = match wanted.rfind('.') {
        Some(i) if i > 0 => (&wanted[..i], &wanted[i..]),
        _ => (wanted, ".html"),
    };
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let stem = stem.trim_start_matches(['_', '.']);
    let stem = if stem.is_empty() { "page" } else { stem };
    let ext: String = ext
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .take(10)
        .collect();
    format!("{stem}-{:08x}{ext}", fnv1a(url.as_bytes()) as u32)
}

/// The name for a page whose URL has no usable last segment (`https://ex.org/`).
pub fn fallback_page_name(url: &str) -> String {
    hashed_name("page.html", url)
}

fn has_extension(segment: &str) -> bool {
    segment
        .rfind('.')
        .is_some_and(|i| i > 0 && i + 1 < segment.len())
}

fn safe(name: &str) -> bool {
    !name.starts_with('.')
        && name.len() <= MAX_NAME
        && !name
            .chars()
            .any(|c| c.is_control() || c == '\\' || c == '/')
}

/// FNV-1a, 64 bits: a stable hash (the same in every run and build) for names.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> url::Url {
        url::Url::parse(s).expect("a URL")
    }

    #[test]
    fn feeds_are_named_by_host_and_path() {
        let cases = [
            ("https://www.ex.org/rss/une.xml", "www.ex.org_rss_une.xml"),
            (
                "http://ex.org:8080/feed?cat=monde",
                "ex.org_8080_feed_cat_monde.xml",
            ),
            ("https://ex.org/atom", "ex.org_atom.xml"),
            ("https://ex.org/feed.json", "ex.org_feed.json"),
            ("https://ex.org/", "ex.org.xml"),
        ];
        for (u, want) in cases {
            assert_eq!(feed_file_name(&url(u)), want, "{u}");
        }
    }

    #[test]
    fn pages_are_named_as_the_feed_reader_looks_for_them() {
        let cases = [
            (
                "https://ex.org/monde/un-article-123.html",
                Some("un-article-123.html"),
            ),
            (
                "https://ex.org/monde/un-article-123",
                Some("un-article-123.html"),
            ),
            (
                "https://ex.org/monde/un-article-123/",
                Some("un-article-123.html"),
            ),
            ("https://ex.org/a/page.php?id=4#x", Some("page.php")),
            (
                "https://ex.org/a/l-%C3%A9t%C3%A9",
                Some("l-%C3%A9t%C3%A9.html"),
            ),
            ("https://ex.org/a/.hidden", None),
            // The reader's rule, kept: a site's root is looked for under the host's name.
            ("https://ex.org/", Some("ex.org")),
            ("https://ex.org", None),
        ];
        for (link, want) in cases {
            assert_eq!(page_file_name(link).as_deref(), want, "{link}");
        }
    }

    #[test]
    fn hashed_names_keep_the_extension_and_differ_by_url() {
        let a = hashed_name("index.html", "https://ex.org/a/index.html");
        let b = hashed_name("index.html", "https://ex.org/b/index.html");
        assert!(a.starts_with("index-") && a.ends_with(".html"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, hashed_name("index.html", "https://ex.org/a/index.html"));
        assert!(fallback_page_name("https://ex.org/").starts_with("page-"));
    }
}
