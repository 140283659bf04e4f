//! Sentence splitter over the tokens of one block.
//!
//! A sentence ends after a terminal token ". ! ? …" (or a run of them), together with the
//! closing quotes and brackets that follow it, when the next token opens a sentence: a capital
//! letter, a digit, an opening quote, bracket or dash. So `"… ennemi", a déclaré` and
//! `« Partez ! » a-t-il dit` stay one sentence, while `… ennemi. » Le ministre` splits after
//! the quote. Abbreviations that keep their dot never end a sentence ("M.", "av."), name
//! initials neither ("J.-Y. Le Drian") unless the next word is one that starts sentences and
//! never a surname (`data/fr/sentence-starters.txt`: "… Mac OS X. Une version"); "etc." and "J.-C." end one before a capital. Sentences
//! never cross blocks: the end of a block ends its last sentence.

use crate::document::{Sentence, Span, Token, TokenKind};
use crate::lang::LangData;

fn is_terminal(tok: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

/// Closing quotes and brackets. A straight quote closes when glued to what precedes it, or
/// when the block has an odd number of straight quotes before it and it is not glued to the next word (`! "` after `"Tu…`).
fn is_closer(text: &str, prev_end: usize, tok: &Token, straight_quote_open: bool) -> bool {
    let s = &text[tok.span.range()];
    match s {
        "»" | "”" | "’" | "›" | ")" | "]" | "}" => true,
        "\"" => {
            let glued_before = tok.span.start == prev_end;
            let glued_after =
                !text[tok.span.end..].starts_with(char::is_whitespace) && tok.span.end < text.len();
            glued_before || (straight_quote_open && !glued_after)
        }
        "'" => tok.span.start == prev_end,
        _ => false,
    }
}

fn opens_sentence(text: &str, tok: &Token) -> bool {
    let s = &text[tok.span.range()];
    s.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '«' | '“' | '"' | '(' | '[' | '—' | '–' | '-' | '‹' | '¿' | '¡'
            )
    })
}

/// Splits the tokens of block `block` (indices `range` into `tokens`) into sentences.
pub fn split_sentences(
    text: &str,
    lang: &LangData,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    block: usize,
    out: &mut Vec<Sentence>,
) {
    let mut start = range.start;
    let mut i = range.start;
    // Whether an odd number of straight double quotes has been seen in this block (a quote may
    // span sentences: `"Oui. Tu es une bête ! " Les serveuses…`).
    let mut quote_open = false;
    while i < range.end {
        let tok = tokens[i];
        let s = &text[tok.span.range()];
        if s == "\"" {
            quote_open = !quote_open;
        }
        let candidate = match tok.kind {
            TokenKind::Punct => is_terminal(s),
            TokenKind::FinalAbbreviation => true,
            // "… Mac OS X. Une version": a name initial ends a sentence only before a word
            // that starts sentences and never a surname.
            TokenKind::Initial | TokenKind::Abbreviation if !lang.is_abbreviation(s) => tokens
                .get(i + 1)
                .filter(|_| i + 1 < range.end)
                .is_some_and(|next| lang.is_sentence_starter(&text[next.span.range()])),
            _ => false,
        };
        if !candidate {
            i += 1;
            continue;
        }
        // Take further terminal marks and closing quotes/brackets with this sentence.
        let mut j = i + 1;
        while j < range.end {
            let t = tokens[j];
            let ts = &text[t.span.range()];
            if (t.kind == TokenKind::Punct && is_terminal(ts))
                || is_closer(text, tokens[j - 1].span.end, &t, quote_open)
            {
                if ts == "\"" {
                    quote_open = !quote_open;
                }
                j += 1;
            } else {
                break;
            }
        }
        let ends = j == range.end || opens_sentence(text, &tokens[j]);
        let ends = ends
            && !(tok.kind == TokenKind::FinalAbbreviation
                && j < range.end
                && !starts_upper_or_digit(text, &tokens[j]));
        if ends {
            push(tokens, start..j, block, out);
            start = j;
        }
        i = j;
    }
    if start < range.end {
        push(tokens, start..range.end, block, out);
    }
}

fn starts_upper_or_digit(text: &str, tok: &Token) -> bool {
    text[tok.span.range()]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn push(tokens: &[Token], range: std::ops::Range<usize>, block: usize, out: &mut Vec<Sentence>) {
    let span = Span::new(
        tokens[range.start].span.start,
        tokens[range.end - 1].span.end,
    );
    out.push(Sentence {
        span,
        block,
        tokens: range,
    });
}
