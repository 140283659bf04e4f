//! The article's main text: find the element that holds it, then read it as blocks.
//!
//! **Finding the root.** Pages that say where their article is are believed first: microdata
//! `itemprop="articleBody"`, then `<article>`, then the class names publishing systems use
//! (`article-body`, `entry-content`, `story-body`, …), then `<main>`. Within each group the
//! element with the most paragraph text wins, and a group is taken only when that text is
//! long enough to be an article ([`MIN_ROOT_CHARS`]). Pages that say nothing are scored as
//! Readability does: each paragraph gives points to its parent and half to its grandparent,
//! and the element with most points, discounted by its share of link text, is the root.
//! A body split in parts (around an ad, a video, a photo) is read whole: the siblings of the
//! root's outermost wrapper that share its tag and class are read with it, in page order.
//!
//! **Reading it.** A walk in document order with an explicit stack (no recursion, so a page
//! nested ten thousand deep cannot overflow), leaving out [`boilerplate`] elements. Block
//! elements and runs of two `<br>` end a paragraph; `<h2>`–`<h6>` become subheadings, and so
//! do AFP intertitles written as paragraphs ("- Ouverture d'une enquête -"); figures and
//! caption holders become captions with their credit; a paragraph made mostly of links is a
//! list of links, not text, and is dropped, and so is any element that is a list of links by
//! [`links`] ("related articles" boxes, hover cards), headings included; a heading inside a
//! link is a teaser of another article. An embedded post (a tweet's `<blockquote>`) is read
//! even inside a box named like furniture. The first dateline met (an element named `date`
//! or `byline`, or microdata `datePublished`) is kept for the publication date, outside the
//! text.

use super::{boilerplate, links};
use crate::document::BlockKind;
use crate::ingest::{squash_spaces, tidy_title, PageBlock};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::OnceLock;

/// The least paragraph text (in bytes) for a marked element to be taken as the article.
const MIN_ROOT_CHARS: usize = 250;
/// A paragraph whose link text is more than this share of its text, with fewer than 80 bytes
/// of its own, is a list of links ("À lire aussi : …"); past the second share, always.
const MAX_LINK_SHARE: f64 = 0.5;
const MAX_LINK_SHARE_ALWAYS: f64 = 0.85;
/// The longest subheading, in characters; a longer heading is a paragraph.
const MAX_SUBHEADING_CHARS: usize = 200;
/// How many of the best-scored elements of an unmarked page are weighed by link density.
const SCORED_CANDIDATES: usize = 8;

/// Groups of selectors for marked article roots, most trusted first.
const ROOT_SELECTORS: &[&str] = &[
    "[itemprop~='articleBody']",
    "article",
    "[class*='article-body'], [class*='article__body'], [class*='articleBody'], \
     [class*='article-content'], [class*='article__content'], [class*='article-text'], \
     [class*='entry-content'], [class*='post-content'], [class*='post-body'], \
     [class*='story-body'], [class*='story-content'], [id*='article-body'], \
     [class*='field-body'], [class*='rich-text'], [class*='text-content']",
    "main, [role='main']",
];

/// The main text of a page, and the dateline met on the way.
#[derive(Debug, Default)]
pub struct Body {
    pub blocks: Vec<PageBlock>,
    pub dateline: Option<String>,
    /// The first `<h1>` inside or before the root: the visible title.
    pub h1: Option<String>,
}

/// Finds the article's root element.
pub fn find_roots(html: &Html) -> Vec<ElementRef<'_>> {
    static GROUPS: OnceLock<Vec<Selector>> = OnceLock::new();
    let groups = GROUPS.get_or_init(|| {
        ROOT_SELECTORS
            .iter()
            .filter_map(|css| Selector::parse(css).ok())
            .collect()
    });
    for selector in groups {
        // Articles inside comments, sidebars or footers are not the page's article.
        let candidates: Vec<(usize, ElementRef)> = html
            .select(selector)
            .filter(|el| !inside_furniture(*el))
            .map(|el| (paragraph_chars(el), el))
            .collect();
        let Some(&(best, best_el)) = candidates.iter().max_by_key(|(chars, _)| *chars) else {
            continue;
        };
        if best < MIN_ROOT_CHARS {
            continue;
        }
        // A body split in parts around an ad, a video or a photo is read whole.
        return with_sibling_parts(best_el);
    }
    scored_root(html).map_or_else(Vec::new, with_sibling_parts)
}

/// How far up from the root to look for the element whose siblings are the other parts.
const MAX_PART_CLIMB: usize = 12;

/// The root and the other parts of a body split around an ad, a video or a photo: the
/// siblings that share the tag and the class of the root's outermost wrapper (the highest
/// ancestor that holds no more paragraph text than the root), read in page order. Like
/// Readability's sibling pass, but only the surest sign (the same class) is taken.
fn with_sibling_parts(root: ElementRef) -> Vec<ElementRef> {
    let own = paragraph_chars(root);
    let mut base = root;
    for _ in 0..MAX_PART_CLIMB {
        let Some(parent) = base.parent().and_then(ElementRef::wrap) else {
            break;
        };
        if matches!(parent.value().name(), "body" | "html") || paragraph_chars(parent) > own {
            break;
        }
        base = parent;
    }
    let Some(class) = base.value().attr("class").filter(|c| !c.trim().is_empty()) else {
        return vec![root];
    };
    let name = base.value().name();
    let same = |el: &ElementRef| {
        let e = el.value();
        e.name() == name
            && e.attr("class") == Some(class)
            && !boilerplate::is_hidden(e)
            && paragraph_chars(*el) > 0
            && {
                let (text, links) = links::text_and_link_chars(*el);
                links * 2 < text
            }
    };
    let before: Vec<ElementRef> = base
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .filter(same)
        .collect();
    let after: Vec<ElementRef> = base
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .filter(same)
        .collect();
    if before.is_empty() && after.is_empty() {
        return vec![root];
    }
    before
        .into_iter()
        .rev()
        .chain(std::iter::once(base))
        .chain(after)
        .collect()
}

/// The main root (the first of [`find_roots`]), for callers that need one element.
pub fn find_root(html: &Html) -> Option<ElementRef<'_>> {
    find_roots(html).into_iter().next()
}

/// Whether an element sits inside comments, a sidebar or a footer. Only these: a page's outer
/// wrappers often carry words like "has-sidebar" that say nothing of what they hold.
fn inside_furniture(el: ElementRef) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let e = a.value();
        matches!(e.name(), "aside" | "nav" | "footer") || boilerplate::is_comments(e)
    })
}

/// Bytes of text inside `<p>` elements and `<br>`-separated runs under `el`, outside links
/// and furniture: how much article text it holds.
fn paragraph_chars(el: ElementRef) -> usize {
    let mut total = 0;
    let mut stack: Vec<(NodeRef<Node>, bool)> = el.children().map(|c| (c, false)).collect();
    stack.reverse();
    while let Some((node, in_p)) = stack.pop() {
        match node.value() {
            Node::Text(t) if in_p => total += t.trim().len(),
            Node::Text(t) if t.trim().len() >= 60 => total += t.trim().len(),
            Node::Element(e) => {
                let name = e.name();
                if boilerplate::is_skipped_tag(name)
                    || name == "a"
                    || boilerplate::is_furniture(e)
                    || boilerplate::is_hidden(e)
                {
                    continue;
                }
                let in_p = in_p || name == "p";
                let at = stack.len();
                stack.extend(node.children().map(|c| (c, in_p)));
                stack[at..].reverse();
            }
            _ => {}
        }
    }
    total
}

/// Readability's scoring, for pages that do not mark their article.
fn scored_root(html: &Html) -> Option<ElementRef<'_>> {
    let mut scores: std::collections::HashMap<ego_tree::NodeId, f64> = Default::default();
    for p in html.select(sel!("p, pre, td")) {
        let text = squash_spaces(&p.text().collect::<String>());
        if text.len() < 25 || inside_furniture(p) {
            continue;
        }
        let points = 1.0 + text.matches(',').count() as f64 + (text.len() as f64 / 100.0).min(3.0);
        if let Some(parent) = p.parent() {
            *scores.entry(parent.id()).or_default() += points;
            if let Some(grand) = parent.parent() {
                *scores.entry(grand.id()).or_default() += points / 2.0;
            }
        }
    }
    // Link density is costly to measure: only the best few raw scores are measured.
    let mut scores: Vec<(ego_tree::NodeId, f64)> = scores.into_iter().collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scores.truncate(SCORED_CANDIDATES);
    scores
        .into_iter()
        .filter_map(|(id, score)| {
            let el = ElementRef::wrap(html.tree.get(id)?)?;
            let (text, links) = links::text_and_link_chars(el);
            let share = if text == 0 {
                1.0
            } else {
                links as f64 / text as f64
            };
            Some((score * (1.0 - share), el))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, el)| el)
}

/// A paragraph being gathered.
#[derive(Default)]
struct Gather {
    text: String,
    link_chars: usize,
    brs: usize,
}

impl Gather {
    fn push(&mut self, s: &str, in_link: bool) {
        if s.trim().is_empty() {
            if !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            return;
        }
        self.brs = 0;
        if in_link {
            self.link_chars += s.trim().len();
        }
        self.text.push_str(s);
    }

    /// Ends the paragraph: a block, unless it is empty or a list of links.
    fn flush(&mut self, blocks: &mut Vec<PageBlock>) {
        let text = squash_spaces(&self.text);
        let links = self.link_chars;
        self.text.clear();
        self.link_chars = 0;
        self.brs = 0;
        let share = links as f64 / text.len().max(1) as f64;
        let own = text.len().saturating_sub(links);
        if text.is_empty() || share > MAX_LINK_SHARE_ALWAYS || share > MAX_LINK_SHARE && own < 80 {
            return;
        }
        let kind = if is_intertitle(&text) {
            BlockKind::Subheading
        } else {
            BlockKind::Paragraph
        };
        blocks.push(PageBlock {
            kind,
            text,
            credit: None,
        });
    }
}

/// An AFP intertitle written as a paragraph: "- Ouverture d'une enquête -".
fn is_intertitle(text: &str) -> bool {
    text.len() <= MAX_SUBHEADING_CHARS
        && text.len() > 4
        && (text.starts_with("- ") || text.starts_with("– "))
        && (text.ends_with(" -") || text.ends_with(" –"))
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tbody"
            | "thead"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "address"
            | "hr"
            | "center"
    )
}

/// Reads the article under `root` as blocks.
pub fn read_body(root: ElementRef) -> Body {
    let mut body = Body::default();
    let stats = links::link_stats(root);
    let mut cur = Gather::default();
    // (node, entering, inside a link)
    let mut stack: Vec<(NodeRef<Node>, bool, bool)> = vec![(*root, true, false)];
    while let Some((node, entering, in_link)) = stack.pop() {
        let Node::Element(el) = node.value() else {
            if let Node::Text(t) = node.value() {
                cur.push(t, in_link);
            }
            continue;
        };
        let name = el.name();
        if !entering {
            if is_block_tag(name) {
                cur.flush(&mut body.blocks);
            }
            continue;
        }
        let is_root = node.id() == root.id();
        if name == "br" {
            cur.brs += 1;
            if cur.brs >= 2 {
                cur.flush(&mut body.blocks);
            } else {
                cur.text.push(' ');
            }
            continue;
        }
        if boilerplate::is_skipped_tag(name) || boilerplate::is_hidden(el) {
            continue;
        }
        if !is_root && boilerplate::is_caption_holder(el) {
            cur.flush(&mut body.blocks);
            body.blocks.extend(caption(node));
            continue;
        }
        if !is_root && boilerplate::is_furniture(el) {
            if body.dateline.is_none() && boilerplate::is_dateline(el) {
                let text = squash_spaces(
                    &ElementRef::wrap(node).map_or(String::new(), |e| e.text().collect::<String>()),
                );
                body.dateline = Some(text).filter(|t| !t.is_empty());
            }
            if !boilerplate::is_comments(el) {
                // An embedded post (a tweet in a "social-embed" or "video-container" box) is
                // quoted text: its blockquote is read, the rest of the box is not.
                if let Some(holder) = ElementRef::wrap(node) {
                    cur.flush(&mut body.blocks);
                    let quotes: Vec<NodeRef<Node>> = holder
                        .select(sel!("blockquote"))
                        .filter(|q| boilerplate::is_embedded_post(q.value()))
                        .filter(|q| {
                            !q.ancestors().take_while(|a| a.id() != node.id()).any(|a| {
                                a.value()
                                    .as_element()
                                    .is_some_and(|e| e.name() == "blockquote")
                            })
                        })
                        .map(|q| *q)
                        .collect();
                    stack.extend(quotes.into_iter().rev().map(|q| (q, true, in_link)));
                }
            }
            continue;
        }
        if !is_root && links::is_link_list(stats.get(&node.id())) {
            if is_block_tag(name) {
                cur.flush(&mut body.blocks);
            }
            continue;
        }
        if let Some(level) = heading_level(name) {
            cur.flush(&mut body.blocks);
            if in_link {
                // A headline inside a link is a teaser of another article.
                continue;
            }
            let raw = ElementRef::wrap(node).map_or(String::new(), |e| e.text().collect());
            let text = squash_spaces(&raw);
            if level == 1 {
                if body.h1.is_none() {
                    body.h1 = Some(tidy_title(&raw)).filter(|t| !t.is_empty());
                }
            } else if !text.is_empty() && text.chars().count() <= MAX_SUBHEADING_CHARS {
                body.blocks.push(PageBlock {
                    kind: BlockKind::Subheading,
                    text,
                    credit: None,
                });
            }
            continue;
        }
        if is_block_tag(name) {
            cur.flush(&mut body.blocks);
        }
        stack.push((node, false, in_link));
        let in_link = in_link || name == "a";
        let at = stack.len();
        stack.extend(node.children().map(|c| (c, true, in_link)));
        stack[at..].reverse();
    }
    cur.flush(&mut body.blocks);
    // A subheading with nothing after it is a heading of what follows the article.
    while body
        .blocks
        .last()
        .is_some_and(|b| b.kind == BlockKind::Subheading)
    {
        body.blocks.pop();
    }
    body
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// A caption block from a figure or caption holder: its caption text and its credit.
fn caption(node: NodeRef<Node>) -> Option<PageBlock> {
    let mut text = String::new();
    let mut credit = String::new();
    let mut stack: Vec<(NodeRef<Node>, bool)> = vec![(node, false)];
    while let Some((n, in_credit)) = stack.pop() {
        match n.value() {
            Node::Text(t) if in_credit => {
                credit.push_str(t);
                credit.push(' ');
            }
            Node::Text(t) => {
                text.push_str(t);
                text.push(' ');
            }
            Node::Element(e) => {
                if boilerplate::is_skipped_tag(e.name()) || boilerplate::is_hidden(e) {
                    continue;
                }
                let in_credit = in_credit || boilerplate::is_credit(e);
                let at = stack.len();
                stack.extend(n.children().map(|c| (c, in_credit)));
                stack[at..].reverse();
            }
            _ => {}
        }
    }
    let mut text = squash_spaces(&text);
    let mut credit = squash_spaces(&credit);
    if credit.is_empty() {
        // "… à Paris © AFP / Jean Dupont" or "… (Photo AFP)".
        if let Some(at) = text.rfind('©') {
            credit = text[at + '©'.len_utf8()..].trim().to_string();
            text = text[..at].trim().to_string();
        }
    }
    let credit = credit.trim_start_matches('©').trim().to_string();
    let text = text.trim_end_matches(['-', '–', '/']).trim().to_string();
    if text.is_empty() {
        return None;
    }
    Some(PageBlock {
        kind: BlockKind::Caption,
        text,
        credit: Some(credit).filter(|c| !c.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_of(html: &str) -> Vec<(BlockKind, String, Option<String>)> {
        let doc = Html::parse_document(html);
        let root = find_root(&doc).expect("a root");
        read_body(root)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text, b.credit))
            .collect()
    }

    const LONG: &str = "Le conseil municipal a voté mardi soir, après un long débat, un budget \
        en hausse pour les écoles, les crèches et les transports de la commune, selon le maire.";

    #[test]
    fn paragraphs_subheadings_captions_and_furniture() {
        let html = format!(
            r#"<html><body><nav><a href="/">Accueil</a></nav>
            <article><h1>Le titre</h1><p class="date">Publié le 3 mars 2021</p>
            <figure><img src="x.jpg"><figcaption>Le maire à Lyon <span class="credit">© AFP, Jean DUPONT</span></figcaption></figure>
            <p>{LONG}</p><div class="lire-aussi"><a href="/x">Autre article</a></div>
            <h2>Un intertitre</h2><p>{LONG}</p><p>- Une enquête -</p>
            <div>Première ligne.<br><br>Seconde ligne.</div>
            <ul><li><a href="/a">Lien un</a></li><li><a href="/b">Lien deux</a></li></ul>
            <script>var x = "non";</script></article>
            <aside><p>{LONG}</p></aside></body></html>"#
        );
        let blocks = body_of(&html);
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.0).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [Caption, Paragraph, Subheading, Paragraph, Subheading, Paragraph, Paragraph]
        );
        assert_eq!(blocks[0].1, "Le maire à Lyon");
        assert_eq!(blocks[0].2.as_deref(), Some("AFP, Jean DUPONT"));
        assert_eq!(blocks[4].1, "- Une enquête -");
        assert_eq!(blocks[5].1, "Première ligne.");
        assert_eq!(blocks[6].1, "Seconde ligne.");
    }

    #[test]
    fn an_unmarked_page_is_scored() {
        let html = format!(
            r#"<body><div id="menu"><p><a href="/">Un lien de navigation assez long</a></p></div>
            <div id="x"><p>{LONG}</p><p>{LONG}</p></div><div><p>Court.</p></div></body>"#
        );
        let blocks = body_of(&html);
        assert_eq!(blocks.len(), 2);
        assert!(blocks.iter().all(|b| b.1 == squash_spaces(LONG)));
    }

    #[test]
    fn the_largest_of_nested_articles_is_the_root() {
        let html = format!(
            r#"<body><article><p>{LONG}</p><p>{LONG}</p>
            <article class="teaser"><p>Un article voisin, trop court pour être lu.</p></article>
            </article></body>"#
        );
        assert_eq!(body_of(&html).len(), 3);
    }

    #[test]
    fn a_body_split_around_an_ad_is_read_whole() {
        let html = format!(
            r#"<body><div id="post"><div class="part wide"><p>{LONG}</p></div>
            <div class="ad-slot"><p>Publicité pour une voiture, un texte assez long pour compter.</p></div>
            <div class="part wide"><div><p>{LONG} Deux.</p><p>{LONG} Trois.</p></div></div>
            <div class="part wide"><p>{LONG} Quatre.</p></div></div>
            <div class="part"><p>{LONG} Autre classe.</p></div></body>"#
        );
        let doc = Html::parse_document(&html);
        let blocks: Vec<String> = find_roots(&doc)
            .into_iter()
            .flat_map(|r| read_body(r).blocks)
            .map(|b| b.text)
            .collect();
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert!(blocks[0].ends_with("maire."));
        assert!(blocks[3].ends_with("Quatre."));
    }

    #[test]
    fn lists_of_links_and_teasers_are_left_out() {
        let html = format!(
            r#"<body><article><p>{LONG}</p>
            <section class="cards"><h3>Sur le même sujet</h3>
              <div class="card"><a href="/a"><h4>Un autre article du site</h4></a></div>
              <div class="card"><a href="/b"><h4>Encore un autre article</h4></a></div>
              <div class="card"><a href="/c"><h4>Et un troisième article</h4></a></div></section>
            <p>Le maire de <span class="person"><a href="/p">Lyon</a><span class="card">
              <a href="/1">Premier article lié au maire</a> <a href="/2">Second article lié</a>
              </span></span> a parlé mardi devant le conseil municipal réuni au complet.</p>
            <p>{LONG}</p></article></body>"#
        );
        let blocks = body_of(&html);
        let texts: Vec<&str> = blocks.iter().map(|b| b.1.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(
            texts[1],
            "Le maire de Lyon a parlé mardi devant le conseil municipal réuni au complet."
        );
    }

    #[test]
    fn an_embedded_post_in_a_furniture_box_is_read() {
        let html = format!(
            r#"<body><article><p>{LONG}</p>
            <div class="social-media-embed"><blockquote class="twitter-tweet"><p>Le budget des
            écoles est voté, une bonne nouvelle pour la commune.</p>— Le maire (@maire) 3 mars 2021
            </blockquote><a class="share">Partager</a></div>
            <div class="share-bar"><blockquote>Pas un tweet, une citation de la barre.</blockquote></div>
            <p>{LONG}</p></article></body>"#
        );
        let blocks = body_of(&html);
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert!(blocks[1].1.starts_with("Le budget des écoles"));
        assert_eq!(blocks[2].1, "— Le maire (@maire) 3 mars 2021");
    }

    #[test]
    fn table_rows_are_read_whatever_their_class_and_dates_are_not() {
        let html = format!(
            r#"<body><article><span itemprop="datePublished">mardi 3 mars 2021</span><p>{LONG}</p>
            <table><tr class="player-1"><td>1</td><td>Kyle Busch</td><td>5040</td></tr>
            <tr class="ad-row"><td>2</td><td>Martin Truex</td><td>5035</td></tr></table>
            </article></body>"#
        );
        let doc = Html::parse_document(&html);
        let body = find_root(&doc).map(read_body).expect("a root");
        let texts: Vec<&str> = body.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts[1..],
            ["1", "Kyle Busch", "5040", "2", "Martin Truex", "5035"]
        );
        assert_eq!(body.dateline.as_deref(), Some("mardi 3 mars 2021"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}{LONG}{}", "<div>".repeat(5_000), "</div>".repeat(5_000));
        let doc = Html::parse_document(&html);
        if let Some(root) = find_root(&doc) {
            let _ = read_body(root);
        }
    }
}
