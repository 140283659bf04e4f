//! French numbers over tokens: digits with French separators and number words.
//!
//! Shared by the count and time stages. [`number_at`] reads the longest number that starts at a
//! token: "250.000", "250 000", "3,5", "1,5 million", "deux", "vingt-huit", "quatre-vingt-dix",
//! "deux cent mille", "vingt et un", "une vingtaine" (≈ 20), "des milliers" (thousands, vague),
//! "des millions". Word values and classes come from `data/fr/numbers.txt`.
//!
//! Digits: a dot followed by groups of exactly three digits is a thousands separator
//! ("250.000" = 250000), otherwise a decimal point ("3.5"); a comma is a decimal comma.

use crate::document::{Span, Token, TokenKind};
use crate::lang::{LangData, NumberWord};
use std::ops::Range;

/// How exact a number is, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exactness {
    Exact,
    /// A collective noun with "une": "une vingtaine" ≈ 20.
    About,
    /// An indefinite plural: "des milliers", "plusieurs dizaines", "des millions".
    Vague,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Token indices the number covers.
    pub tokens: Range<usize>,
    pub span: Span,
    pub value: f64,
    pub exactness: Exactness,
    /// Written in words ("deux") rather than digits.
    pub words: bool,
    /// A lone "un"/"une", which is usually an article: callers decide whether it counts.
    pub article_like: bool,
}

/// Parses digits with French separators: "250.000", "250 000" (any space), "3,5", "-2".
pub fn parse_digits(s: &str) -> Option<f64> {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let body = cleaned.trim_start_matches(['-', '+']);
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (int_part, frac_part) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = int_part.split('.').collect();
    let int_digits: String =
        // "250.000", and "9.172,37" with decimals after the comma.
        if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
            groups.concat()
        } else if groups.len() == 2 && frac_part.is_none() {
            // "3.5": a decimal point.
            return format!("{}.{}", groups[0], groups[1])
                .parse::<f64>()
                .ok()
                .map(|v| sign(&cleaned) * v);
        } else if groups.len() == 1 {
            int_part.to_string()
        } else {
            return None;
        };
    if !int_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = match frac_part {
        Some(f) if f.bytes().all(|b| b.is_ascii_digit()) && !f.is_empty() => {
            format!("{int_digits}.{f}")
        }
        Some(_) => return None,
        None => int_digits,
    };
    text.parse::<f64>().ok().map(|v| sign(&cleaned) * v)
}

fn sign(s: &str) -> f64 {
    if s.starts_with('-') {
        -1.0
    } else {
        1.0
    }
}

/// The value of one token made of number words, hyphenated or not: "vingt-huit",
/// "quatre-vingt-dix", "soixante-et-onze", "cent". `None` if any part is not a number word.
fn word_value(token: &str, lang: &LangData) -> Option<Vec<NumberWord>> {
    let mut parts = Vec::new();
    for part in token.split('-') {
        if part.eq_ignore_ascii_case("et") {
            continue;
        }
        parts.push(lang.number_word(part)?);
    }
    (!parts.is_empty()).then_some(parts)
}

/// Combines number words left to right: groups below a thousand, then thousands, millions.
#[derive(Default)]
struct Accumulator {
    total: f64,
    group: f64,
    current: f64,
}

impl Accumulator {
    fn push(&mut self, word: NumberWord) -> bool {
        match word {
            // "deux trois" is two numbers, "dix-sept", "vingt-deux", "quatre-vingt-onze" one.
            NumberWord::Unit(v) if v < 10.0 && self.current % 10.0 != 0.0 => return false,
            NumberWord::Unit(v)
                if v >= 10.0 && ![0.0, 60.0, 80.0].contains(&(self.current % 100.0)) =>
            {
                return false
            }
            NumberWord::Unit(v) => self.current += v,
            NumberWord::Tens(v) => {
                // "quatre-vingt(s)": 4 × 20.
                if v == 20.0 && (2.0..=9.0).contains(&self.current) && self.current.fract() == 0.0 {
                    self.current *= 20.0;
                } else {
                    self.current += v;
                }
            }
            NumberWord::Hundred => {
                self.current = self.current.max(1.0) * 100.0;
            }
            NumberWord::Thousand => {
                self.group = (self.group + self.current).max(1.0) * 1000.0;
                self.total += self.group;
                self.group = 0.0;
                self.current = 0.0;
            }
            NumberWord::Multiplier(m) => {
                self.total += (self.group + self.current).max(1.0) * m;
                self.group = 0.0;
                self.current = 0.0;
            }
            NumberWord::Approx(_) | NumberWord::Half => return false,
        }
        true
    }

    fn value(&self) -> f64 {
        self.total + self.group + self.current
    }
}

fn lower(text: &str, tok: &Token) -> String {
    text[tok.span.range()].to_lowercase()
}

/// Reads the longest number starting at token `i` (tokens before `end` only).
pub fn number_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    end: usize,
    lang: &LangData,
) -> Option<Number> {
    let end = end.min(tokens.len());
    if i >= end {
        return None;
    }
    let first = lower(text, &tokens[i]);
    // A plural collective noun at token `k`: "dizaines", "milliers" (not "millier").
    let collective = |k: usize| -> Option<f64> {
        let w = lower(text, tokens.get(k)?);
        match lang.number_word(&w) {
            Some(NumberWord::Approx(v)) | Some(NumberWord::Multiplier(v)) if w.ends_with('s') => {
                Some(v)
            }
            _ => None,
        }
    };
    // Whether token `k` is "de" or "d'".
    let of_follows = |k: usize| {
        k < end && {
            let w = lower(text, &tokens[k]);
            w == "de" || w == "d'"
        }
    };
    // "dizaines de milliers", "centaines de millions": the product, from token `k`.
    let compound = |k: usize| -> Option<(f64, usize)> {
        let v = collective(k)?;
        match (k + 2 < end && of_follows(k + 1))
            .then(|| collective(k + 2))
            .flatten()
        {
            Some(m) if m >= 1000.0 => Some((v * m, k + 3)),
            _ => Some((v, k + 1)),
        }
    };
    let vague = |from: usize, (value, to): (f64, usize)| Number {
        tokens: from..to,
        span: Span::new(tokens[from].span.start, tokens[to - 1].span.end),
        value,
        exactness: Exactness::Vague,
        words: true,
        article_like: false,
    };
    // "des milliers", "plusieurs dizaines", "quelques centaines", "des millions", "des
    // dizaines de milliers": vague.
    if matches!(first.as_str(), "des" | "plusieurs" | "quelques") && i + 1 < end {
        if let Some(found) = compound(i + 1) {
            return Some(vague(i, found));
        }
    }
    // "les dizaines de milliers de militaires": a compound needs no determiner of its own;
    // nor does a plural collective after another determiner, before what it counts ("parmi
    // les centaines de personnes", "ces milliers d'exilés").
    if let Some(found @ (_, to)) = compound(i) {
        if to == i + 3 || of_follows(to) {
            return Some(vague(i, found));
        }
    }
    // "le millier d'individus interpellés", "la centaine de salariés": about.
    if let Some(NumberWord::Approx(v)) = lang.number_word(&first) {
        let determined = i > 0
            && matches!(
                lower(text, &tokens[i - 1]).as_str(),
                "le" | "la" | "du" | "au" | "ce" | "cette" | "l'"
            );
        if determined && of_follows(i + 1) {
            return Some(Number {
                tokens: i..i + 1,
                span: tokens[i].span,
                value: v,
                exactness: Exactness::About,
                words: true,
                article_like: false,
            });
        }
    }
    // "une vingtaine", "une centaine": about.
    if matches!(first.as_str(), "une" | "un") && i + 1 < end {
        if let Some(NumberWord::Approx(v)) = lang.number_word(&lower(text, &tokens[i + 1])) {
            return Some(Number {
                tokens: i..i + 2,
                span: Span::new(tokens[i].span.start, tokens[i + 1].span.end),
                value: v,
                exactness: Exactness::About,
                words: true,
                article_like: false,
            });
        }
    }
    if tokens[i].kind == TokenKind::Number {
        let mut value = parse_digits(&text[tokens[i].span.range()])?;
        let mut j = i + 1;
        let mut exactness = Exactness::Exact;
        // "1,5 million", "3 milliards", "2 000 milliards", "30 milliers" (rare), "deux mille".
        if j < end {
            match lang.number_word(&lower(text, &tokens[j])) {
                Some(NumberWord::Multiplier(m)) => {
                    value *= m;
                    j += 1;
                }
                Some(NumberWord::Thousand) => {
                    value *= 1000.0;
                    j += 1;
                }
                Some(NumberWord::Approx(m)) if m >= 1000.0 => {
                    value *= m;
                    exactness = Exactness::About;
                    j += 1;
                }
                _ => {}
            }
        }
        return Some(Number {
            tokens: i..j,
            span: Span::new(tokens[i].span.start, tokens[j - 1].span.end),
            value,
            exactness,
            words: false,
            article_like: false,
        });
    }
    // Number words, across tokens: "deux cent mille", "vingt et un", "trois millions".
    let mut acc = Accumulator::default();
    let mut j = i;
    let mut last_good = None;
    while j < end {
        let word = lower(text, &tokens[j]);
        if word == "et" && last_good.is_some() && j + 1 < end {
            // "vingt et un", "soixante et onze": only after tens and before "un" or "onze", so
            // that "deux et trois" stays two numbers.
            let after_tens = acc.current >= 20.0 && acc.current % 10.0 == 0.0;
            if let Some(parts) = word_value(&lower(text, &tokens[j + 1]), lang) {
                if after_tens && matches!(parts[0], NumberWord::Unit(v) if v == 1.0 || v == 11.0) {
                    j += 1;
                    continue;
                }
            }
            break;
        }
        let Some(parts) = word_value(&word, lang) else {
            break;
        };
        if !parts.into_iter().all(|p| acc.push(p)) {
            break;
        }
        j += 1;
        last_good = Some(j);
    }
    let j = last_good?;
    let article_like = j == i + 1 && matches!(first.as_str(), "un" | "une");
    Some(Number {
        tokens: i..j,
        span: Span::new(tokens[i].span.start, tokens[j - 1].span.end),
        value: acc.value(),
        exactness: Exactness::Exact,
        words: true,
        article_like,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment_paragraph;

    fn read(s: &str) -> Option<(String, f64, Exactness)> {
        let fr = LangData::french();
        let (tokens, _) = segment_paragraph(s, &fr);
        number_at(s, &tokens, 0, tokens.len(), &fr)
            .map(|n| (s[n.span.range()].to_string(), n.value, n.exactness))
    }

    #[test]
    fn digits_with_french_separators() {
        assert_eq!(parse_digits("250.000"), Some(250000.0));
        assert_eq!(parse_digits("250\u{202f}000"), Some(250000.0));
        assert_eq!(parse_digits("1.250.000"), Some(1250000.0));
        assert_eq!(parse_digits("3,5"), Some(3.5));
        assert_eq!(parse_digits("9.172,37"), Some(9172.37));
        assert_eq!(parse_digits("3.5"), Some(3.5));
        assert_eq!(parse_digits("-0,8"), Some(-0.8));
        assert_eq!(parse_digits("1.2.3"), None);
        assert_eq!(parse_digits("abc"), None);
    }

    #[test]
    fn numbers_in_words_and_digits() {
        let cases: &[(&str, &str, f64, Exactness)] = &[
            ("deux bâtiments", "deux", 2.0, Exactness::Exact),
            ("vingt-huit morts", "vingt-huit", 28.0, Exactness::Exact),
            (
                "quatre-vingt-dix blessés",
                "quatre-vingt-dix",
                90.0,
                Exactness::Exact,
            ),
            ("quatre-vingts ans", "quatre-vingts", 80.0, Exactness::Exact),
            (
                "soixante-et-onze",
                "soixante-et-onze",
                71.0,
                Exactness::Exact,
            ),
            ("vingt et un soldats", "vingt et un", 21.0, Exactness::Exact),
            (
                "deux cent mille personnes",
                "deux cent mille",
                200000.0,
                Exactness::Exact,
            ),
            (
                "trois millions de réfugiés",
                "trois millions",
                3000000.0,
                Exactness::Exact,
            ),
            (
                "1,5 million d'euros",
                "1,5 million",
                1500000.0,
                Exactness::Exact,
            ),
            ("250 000 morts", "250 000", 250000.0, Exactness::Exact),
            (
                "des millions de réfugiés",
                "des millions",
                1000000.0,
                Exactness::Vague,
            ),
            (
                "des milliers de manifestants",
                "des milliers",
                1000.0,
                Exactness::Vague,
            ),
            (
                "des dizaines de morts",
                "des dizaines",
                10.0,
                Exactness::Vague,
            ),
            (
                "plusieurs centaines de",
                "plusieurs centaines",
                100.0,
                Exactness::Vague,
            ),
            (
                "une vingtaine de blessés",
                "une vingtaine",
                20.0,
                Exactness::About,
            ),
        ];
        for (input, span, value, exactness) in cases {
            assert_eq!(
                read(input),
                Some((span.to_string(), *value, *exactness)),
                "{input}"
            );
        }
        assert_eq!(read("deux trois minutes").map(|n| n.1), Some(2.0));
        assert_eq!(read("dix-sept").map(|n| n.1), Some(17.0));
        assert_eq!(read("quatre-vingt-onze").map(|n| n.1), Some(91.0));
        assert_eq!(
            read("deux et trois morts"),
            Some(("deux".to_string(), 2.0, Exactness::Exact))
        );
        assert_eq!(
            read("soixante et onze ans"),
            Some(("soixante et onze".to_string(), 71.0, Exactness::Exact))
        );
        assert_eq!(read("des morts"), None);
        assert_eq!(read("le groupe"), None);
    }
}
