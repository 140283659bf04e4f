//! robots.txt as RFC 9309 defines it (and Google reads it), reduced to what one crawler needs:
//! the rules of its own group, and its `Crawl-delay`.
//!
//! **Group.** The rules obeyed are those of every group whose `User-agent` line names the
//! crawler's product token (the part of `--user-agent` before the first `/` or space, compared
//! case-insensitively: `depeche/0.1 (…)` is `depeche`), merged; when no group names it, those
//! of the `*` groups, merged; when there is neither, everything is allowed. A named group
//! always beats `*`, whatever their order in the file.
//!
//! **Rules.** `Allow` and `Disallow` patterns match from the start of the URL's path and query;
//! `*` matches any run of characters and a final `$` anchors the end. Among the rules that
//! match, the longest pattern wins, and `Allow` wins a tie (RFC 9309 §2.2.2). An empty
//! `Disallow:` is no rule. Paths and patterns are compared percent-encoded, with the hex digits
//! of `%xx` upper-cased and non-ASCII characters of a pattern encoded as UTF-8, so `/été` and
//! `/%C3%A9t%C3%A9` are the same path. `/robots.txt` itself is always allowed.
//!
//! What the file's status means is decided by the caller (see `super`): a 4xx is "allow all"
//! ([`RobotsRules::allow_all`]), a 5xx or an unreachable host "disallow all"
//! ([`RobotsRules::disallow_all`]).

/// The rules of one host for one crawler.
#[derive(Debug, Clone, PartialEq)]
pub struct RobotsRules {
    rules: Vec<Rule>,
    /// `Crawl-delay` of the chosen group, in seconds.
    crawl_delay: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
struct Rule {
    allow: bool,
    /// Normalised pattern (see [`normalise`]).
    pattern: String,
}

/// One `User-agent` group as written.
#[derive(Default)]
struct Group {
    agents: Vec<String>,
    rules: Vec<Rule>,
    crawl_delay: Option<f64>,
}

impl RobotsRules {
    /// No robots.txt (a 4xx, too many redirects): everything is allowed.
    pub fn allow_all() -> RobotsRules {
        RobotsRules {
            rules: Vec::new(),
            crawl_delay: None,
        }
    }

    /// The robots.txt could not be read (a 5xx, a timeout, a refused connection): the host
    /// may not want crawlers at all, so nothing is fetched from it (RFC 9309 §2.3.1.4).
    pub fn disallow_all() -> RobotsRules {
        RobotsRules {
            rules: vec![Rule {
                allow: false,
                pattern: "/".into(),
            }],
            crawl_delay: None,
        }
    }

    /// The rules of `text` for the crawler whose `User-Agent` header is `user_agent`.
    pub fn parse(text: &str, user_agent: &str) -> RobotsRules {
        let token = product_token(user_agent);
        let mut groups: Vec<Group> = Vec::new();
        // A `User-agent` line after a rule starts a new group; consecutive ones share a group.
        let mut open_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" | "useragent" | "user agent" => {
                    if !open_agents || groups.is_empty() {
                        groups.push(Group::default());
                    }
                    open_agents = true;
                    if let Some(group) = groups.last_mut() {
                        group.agents.push(product_token(value));
                    }
                }
                "allow" | "disallow" => {
                    open_agents = false;
                    // Rules before any User-agent line belong to no group.
                    let Some(group) = groups.last_mut() else {
                        continue;
                    };
                    if value.is_empty() {
                        continue;
                    }
                    group.rules.push(Rule {
                        allow: key == "allow",
                        pattern: normalise(value),
                    });
                }
                "crawl-delay" => {
                    open_agents = false;
                    if let (Some(group), Ok(secs)) = (groups.last_mut(), value.parse::<f64>()) {
                        if secs.is_finite() && secs >= 0.0 {
                            group.crawl_delay = Some(secs);
                        }
                    }
                }
                _ => {}
            }
        }
        let named: Vec<&Group> = groups
            .iter()
            .filter(|g| g.agents.iter().any(|a| a == &token))
            .collect();
        let chosen = if named.is_empty() {
            groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == "*"))
                .collect()
        } else {
            named
        };
        RobotsRules {
            rules: chosen
                .iter()
                .flat_map(|g| g.rules.iter().cloned())
                .collect(),
            crawl_delay: chosen.iter().filter_map(|g| g.crawl_delay).reduce(f64::max),
        }
    }

    /// Whether a URL with this path and query (`/a/b?c`, as sent on the request line) may be
    /// fetched.
    pub fn allows(&self, path_and_query: &str) -> bool {
        let path = normalise(path_and_query);
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if !matches(&rule.pattern, &path) {
                continue;
            }
            let len = rule.pattern.len();
            best = match best {
                Some((best_len, best_allow))
                    if best_len > len || (best_len == len && (best_allow || !rule.allow)) =>
                {
                    Some((best_len, best_allow))
                }
                _ => Some((len, rule.allow)),
            };
        }
        best.is_none_or(|(_, allow)| allow)
    }

    /// The `Crawl-delay` of the chosen group, in seconds.
    pub fn crawl_delay(&self) -> Option<f64> {
        self.crawl_delay
    }
}

/// The product token of a User-Agent value, lower-cased: `Depeche/0.1 (+url)` → `depeche`.
fn product_token(user_agent: &str) -> String {
    user_agent
        .trim()
        .split(|c: char| c == '/' || c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// A path or pattern in the form both are compared in: non-ASCII and control characters
/// percent-encoded as UTF-8, `%xx` escapes with upper-case hex digits.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            out.push('%');
            out.push(bytes[i + 1].to_ascii_uppercase() as char);
            out.push(bytes[i + 2].to_ascii_uppercase() as char);
            i += 3;
        } else if b.is_ascii_graphic() {
            out.push(b as char);
            i += 1;
        } else {
            out.push_str(&format!("%{b:02X}"));
            i += 1;
        }
    }
    out
}

/// Whether `pattern` (with `*` and a final `$`) matches the start of `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p.as_bytes(), true),
        None => (pattern.as_bytes(), false),
    };
    let path = path.as_bytes();
    // Glob matching with one backtrack point (the last `*` seen), linear in practice.
    let (mut p, mut s) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    loop {
        if p == pattern.len() && (!anchored || s == path.len()) {
            return true;
        }
        if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, s));
            p += 1;
            continue;
        }
        if p < pattern.len() && s < path.len() && pattern[p] == path[s] {
            p += 1;
            s += 1;
            continue;
        }
        match star {
            Some((star_p, star_s)) if star_s < path.len() => {
                star = Some((star_p, star_s + 1));
                p = star_p + 1;
                s = star_s + 1;
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UA: &str = "depeche/0.1.0 (+https://example.org/bot)";

    #[test]
    fn the_named_group_beats_the_star_group() {
        let text = "User-agent: *\nDisallow: /\n\nUser-agent: Depeche\nUser-agent: other\n\
                    Disallow: /prive/\nCrawl-delay: 2.5\n";
        let rules = RobotsRules::parse(text, UA);
        assert!(rules.allows("/monde/article.html"));
        assert!(!rules.allows("/prive/x"));
        assert_eq!(rules.crawl_delay(), Some(2.5));
        let other = RobotsRules::parse(text, "somebot/1.0");
        assert!(!other.allows("/monde/article.html"));
        assert!(other.allows("/robots.txt"), "robots.txt is always allowed");
        assert_eq!(other.crawl_delay(), None);
    }

    #[test]
    fn groups_naming_the_crawler_are_merged_and_comments_dropped() {
        let text = "# header\nuser-agent: depeche # us\ndisallow: /a\n\
                    user-agent: *\ndisallow: /b\nuser-agent: DEPECHE\ndisallow: /c\n";
        let rules = RobotsRules::parse(text, UA);
        assert!(!rules.allows("/a/1"));
        assert!(rules.allows("/b/1"));
        assert!(!rules.allows("/c/1"));
    }

    #[test]
    fn the_longest_match_wins_and_allow_wins_a_tie() {
        // Each case: robots.txt rules for `*`, a path, whether it is allowed, and why.
        let cases: &[(&str, &str, bool, &str)] = &[
            ("Disallow: /", "/x", false, "everything disallowed"),
            ("Disallow:", "/x", true, "an empty Disallow is no rule"),
            (
                "Disallow: /a\nAllow: /a/b",
                "/a/b/c",
                true,
                "longer Allow wins",
            ),
            (
                "Allow: /a\nDisallow: /a/b",
                "/a/b/c",
                false,
                "longer Disallow wins",
            ),
            ("Allow: /a\nDisallow: /a", "/a", true, "Allow wins a tie"),
            ("Disallow: /*.pdf$", "/doc/x.pdf", false, "* and $"),
            (
                "Disallow: /*.pdf$",
                "/doc/x.pdf?v=1",
                true,
                "$ anchors the end",
            ),
            ("Disallow: /*/print", "/monde/print/1", false, "* inside"),
            (
                "Disallow: /fish*",
                "/fishheads",
                false,
                "trailing * is a prefix",
            ),
            ("Disallow: /fish", "/Fish", true, "paths are case-sensitive"),
            ("Disallow: /*?", "/a?b=1", false, "the query counts"),
            (
                "Disallow: /été",
                "/%c3%a9t%c3%a9/x",
                false,
                "percent-encoding normalised",
            ),
            ("Disallow: /a**b$", "/axxb", false, "stars in a row"),
            ("Disallow: /a*b$", "/axxbc", true, "$ after a star"),
        ];
        for (rules, path, allowed, why) in cases {
            let text = format!("User-agent: *\n{rules}\n");
            let got = RobotsRules::parse(&text, UA).allows(path);
            assert_eq!(got, *allowed, "{rules} / {path}: {why}");
        }
    }

    #[test]
    fn rules_outside_a_group_and_garbage_are_ignored() {
        let text = "Disallow: /\nnot a line\nUser-agent: *\nCrawl-delay: lots\nAllow: /";
        let rules = RobotsRules::parse(text, UA);
        assert!(rules.allows("/x"));
        assert_eq!(rules.crawl_delay(), None);
        assert!(RobotsRules::parse("", UA).allows("/x"));
        assert!(!RobotsRules::disallow_all().allows("/x"));
        assert!(RobotsRules::disallow_all().allows("/robots.txt"));
        assert!(RobotsRules::allow_all().allows("/x"));
    }
}
