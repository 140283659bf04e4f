//! Link text: how much of an element's text sits in links, to tell text from lists of links.
//!
//! Article text links a few words of its sentences; navigation, "related articles" boxes, tag
//! lists and the hover cards some sites put inside paragraphs are made of links. [`link_stats`]
//! measures every element under the article's root in one pass (children before parents, so
//! the cost is linear in the page), and [`is_link_list`] says which are lists, to be left out
//! whole, headings included. A list inside an element does not count in that element, so a
//! paragraph holding a hover card is still a paragraph once the card is left out.

use super::boilerplate;
use ego_tree::NodeRef;
use scraper::{ElementRef, Node};
use std::collections::HashMap;

/// Text and link text (bytes) and links under an element, skipped tags left out.
#[derive(Debug, Default, Clone, Copy)]
pub struct LinkStats {
    pub text: usize,
    pub links: usize,
    pub anchors: usize,
}

/// A container is a list of links when it holds at least this many links and its link text
/// is more than this share of its text ("Related articles", tag lists, hover cards inside a
/// paragraph): left out whole, headings included.
const LIST_MIN_LINKS: usize = 2;
const LIST_LINK_SHARE: f64 = 0.75;

/// [`LinkStats`] of every element under `root`, in one pass: nodes in reverse document order
/// meet their children before themselves, so each element sums its children once. A child
/// that is a list of links counts for nothing in its parent, as it will not be read.
pub fn link_stats(root: ElementRef) -> HashMap<ego_tree::NodeId, LinkStats> {
    let mut stats: HashMap<ego_tree::NodeId, LinkStats> = Default::default();
    let nodes: Vec<NodeRef<Node>> = root.descendants().collect();
    for node in nodes.into_iter().rev() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        if boilerplate::is_skipped_tag(el.name()) {
            continue;
        }
        let mut sum = LinkStats::default();
        for child in node.children() {
            match child.value() {
                Node::Text(t) => sum.text += t.trim().len(),
                Node::Element(_) => {
                    // A list of links inside (a hover card in a paragraph) is left out
                    // whole: it does not make its parent a list.
                    if let Some(s) = stats.get(&child.id()).filter(|s| !is_link_list(Some(s))) {
                        sum.text += s.text;
                        sum.links += s.links;
                        sum.anchors += s.anchors;
                    }
                }
                _ => {}
            }
        }
        if el.name() == "a" {
            sum.links = sum.text;
            sum.anchors += 1;
        }
        stats.insert(node.id(), sum);
    }
    stats
}

/// Whether an element is a list of links by its [`LinkStats`].
pub fn is_link_list(stats: Option<&LinkStats>) -> bool {
    stats.is_some_and(|s| {
        s.anchors >= LIST_MIN_LINKS
            && s.text > 0
            && s.links as f64 > LIST_LINK_SHARE * s.text as f64
    })
}

/// Text and link text (bytes) under an element, every descendant counted.
pub fn text_and_link_chars(el: ElementRef) -> (usize, usize) {
    let (mut text, mut links) = (0, 0);
    let mut stack: Vec<(NodeRef<Node>, bool)> = vec![(*el, false)];
    while let Some((node, in_link)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                let n = t.trim().len();
                text += n;
                if in_link {
                    links += n;
                }
            }
            Node::Element(e) => {
                let in_link = in_link || e.name() == "a";
                stack.extend(node.children().map(|c| (c, in_link)));
            }
            _ => {}
        }
    }
    (text, links)
}
