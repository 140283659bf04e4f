//! Quotation marks → the extents of outer quotations, over the token layer.
//!
//! A stack of open marks per document: an opening mark pushes, a closing mark pops down to the
//! nearest open mark of its family (inner quotes left open end with it), a closing mark with
//! no open partner is a stray and is ignored. Only the outermost pair makes a quotation;
//! everything inside, inner quotes included, is its text.
//!
//! Straight quotes (") carry no direction, so their position decides: glued to the word before
//! and not to the word after, one closes ("Non!" ← here); glued to the word after only, one
//! opens; otherwise (spaced on both sides, or glued on both) parity decides: it closes an open
//! straight quote, else opens one, and such a *weak* opening that never closes is a stray.
//!
//! At the end of a paragraph a quotation still open either continues or ends there: it
//! continues into the next paragraph when that one starts with an opening mark of the same
//! family (French style: each paragraph of a long quotation reopens with «), or when the first
//! mark of that family in it closes (the quotation just ran on); otherwise it ends with its
//! paragraph. Titles, captions and subheadings never continue or get continued.

use crate::document::{Block, BlockKind, Token};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// « »
    Guillemet,
    /// “ ” „
    Curly,
    /// ‹ ›
    Single,
    /// "
    Straight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    /// A straight quote that its position does not decide.
    Either,
}

/// One outer quotation found by the marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extent {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when the quotation ran to its paragraph's end.
    pub close: Option<usize>,
    /// Tokens of the quoted words (marks excluded); never empty.
    pub inner: Range<usize>,
}

fn is_opening_punct(c: char) -> bool {
    matches!(c, '«' | '“' | '„' | '‹' | '(' | '[' | '{' | '—' | '–')
}

fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '»' | '”' | '›' | ')' | ']' | '}' | ',' | '.' | ';' | ':' | '!' | '?' | '…'
    )
}

/// The family and direction of a token that is a quotation mark.
fn mark(text: &str, tok: &Token) -> Option<(Family, Dir)> {
    let s = text.get(tok.span.range())?;
    Some(match s {
        "«" => (Family::Guillemet, Dir::Open),
        "»" => (Family::Guillemet, Dir::Close),
        "“" | "„" => (Family::Curly, Dir::Open),
        "”" => (Family::Curly, Dir::Close),
        "‹" => (Family::Single, Dir::Open),
        "›" => (Family::Single, Dir::Close),
        "\"" => {
            let before = text
                .get(..tok.span.start)
                .and_then(|s| s.chars().next_back());
            let after = text.get(tok.span.end..).and_then(|s| s.chars().next());
            let left = before.is_some_and(|c| !c.is_whitespace() && !is_opening_punct(c));
            let right = after.is_some_and(|c| !c.is_whitespace() && !is_closing_punct(c));
            let dir = match (left, right) {
                (true, false) => Dir::Close,
                (false, true) => Dir::Open,
                _ => Dir::Either,
            };
            (Family::Straight, dir)
        }
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    tok: usize,
    weak: bool,
}

/// The marks still open, outermost first, with where each family's last one stands, so that
/// every step is O(1) amortised however many marks stay unclosed.
#[derive(Default)]
struct OpenMarks {
    stack: Vec<Open>,
    /// Positions in `stack` of each family's open marks, in order.
    by_family: [Vec<usize>; 4],
}

impl OpenMarks {
    fn push(&mut self, open: Open) {
        self.by_family[open.family as usize].push(self.stack.len());
        self.stack.push(open);
    }

    fn has(&self, family: Family) -> bool {
        !self.by_family[family as usize].is_empty()
    }

    /// The position of the innermost open mark of a family.
    fn innermost(&self, family: Family) -> Option<usize> {
        self.by_family[family as usize].last().copied()
    }

    fn truncate(&mut self, len: usize) {
        while self.stack.len() > len {
            if let Some(open) = self.stack.pop() {
                self.by_family[open.family as usize].pop();
            }
        }
    }

    fn first(&self) -> Option<Open> {
        self.stack.first().copied()
    }
}

/// The token range of each block (tokens are in text order, each inside one block).
pub fn block_tokens(blocks: &[Block], tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut t = 0;
    for block in blocks {
        while t < tokens.len() && tokens[t].span.start < block.span.start {
            t += 1;
        }
        let start = t;
        while t < tokens.len() && block.span.contains(tokens[t].span) {
            t += 1;
        }
        out.push(start..t);
    }
    out
}

/// How an open quotation relates to the next block: `Some(skip)` continues it, `skip` being
/// the token of a reopening mark to pass over; `None` ends it.
fn continuation(
    text: &str,
    tokens: &[Token],
    next: &Range<usize>,
    family: Family,
) -> Option<Option<usize>> {
    for t in next.clone() {
        let Some((f, dir)) = mark(text, &tokens[t]) else {
            continue;
        };
        if f != family {
            continue;
        }
        return match dir {
            Dir::Open if t == next.start => Some(Some(t)),
            Dir::Open => None,
            Dir::Close => Some(None),
            // Spaced straight quote: with a quotation open, parity makes it a closing one,
            // unless it opens the paragraph.
            Dir::Either if t == next.start => Some(Some(t)),
            Dir::Either => Some(None),
        };
    }
    None
}

/// The outer quotations of a document, in text order.
pub fn extents(text: &str, blocks: &[Block], tokens: &[Token]) -> Vec<Extent> {
    let ranges = block_tokens(blocks, tokens);
    let mut out = Vec::new();
    let mut stack = OpenMarks::default();
    let mut skip: Option<usize> = None;
    let finish = |out: &mut Vec<Extent>, open: Open, close: Option<usize>, end: usize| {
        let inner = open.tok + 1..end;
        if close.is_none() && open.weak {
            return;
        }
        let has_words = inner.clone().any(|t| {
            text.get(tokens[t].span.range())
                .is_some_and(|s| s.chars().any(char::is_alphanumeric))
        });
        if has_words {
            out.push(Extent {
                open: open.tok,
                close,
                inner,
            });
        }
    };
    for (b, range) in ranges.iter().enumerate() {
        for t in range.clone() {
            if skip == Some(t) {
                continue;
            }
            let Some((family, dir)) = mark(text, &tokens[t]) else {
                continue;
            };
            let straight_open = stack.has(Family::Straight);
            let opens = match dir {
                Dir::Open => true,
                Dir::Close => false,
                Dir::Either => !straight_open,
            };
            if opens {
                stack.push(Open {
                    family,
                    tok: t,
                    weak: dir == Dir::Either,
                });
            } else if let Some(pos) = stack.innermost(family) {
                let outer = stack.first();
                stack.truncate(pos);
                if let (Some(outer), 0) = (outer, pos) {
                    finish(&mut out, outer, Some(t), t);
                }
            }
        }
        skip = None;
        let Some(outer) = stack.first() else {
            continue;
        };
        let paragraph = |i: usize| blocks.get(i).map(|bl| bl.kind) == Some(BlockKind::Paragraph);
        let next = if paragraph(b) && paragraph(b + 1) {
            ranges
                .get(b + 1)
                .and_then(|next| continuation(text, tokens, next, outer.family))
        } else {
            None
        };
        match next {
            Some(reopen) => {
                // Inner quotes do not run across paragraphs; the outer one goes on.
                stack.truncate(1);
                skip = reopen;
            }
            None => {
                stack.truncate(0);
                finish(&mut out, outer, None, range.end);
            }
        }
    }
    out
}
