//! French tokenizer: spans of words, numbers and punctuation over the original text.
//!
//! The design follows spaCy's tokenizer, minus its 15,000-line exception list: the text is cut
//! at whitespace into chunks, and each chunk is peeled from both ends:
//!
//! 1. opening punctuation off the front (« “ " ( [ ‹ — –);
//! 2. closing punctuation off the back (» ” " ) ] , ; : ! ? … % and dots), except a dot that
//!    belongs to the word: an abbreviation from `data/fr/abbreviations*.txt` ("M.", "etc."), a
//!    name initial ("J.", "J.-Y."), a dotted acronym ("U.S.A.");
//! 3. in the core: URLs and e-mails stay whole; an elided word comes off the front at its
//!    apostrophe ("l'", "jusqu’", from `elisions.txt`); a clitic comes off the back at its hyphen
//!    ("a-t-il" → "a" "-t-il", from `clitics.txt`); clock times split like UD French-GSD
//!    ("22h30" → "22" "h" "30"). Words in `tokenizer-exceptions.txt` stay whole ("aujourd'hui").
//!
//! A last pass joins numbers written with a space as thousands separator ("250 000", with an
//! ordinary, no-break or narrow no-break space) into one token.
//!
//! Every token is a span into the original text: nothing is normalised here, apostrophes are
//! folded only for lookups. The conventions (what is one token) follow UD French-GSD, which is
//! how `depeche eval tokens` measures them.

use crate::document::{Span, Token, TokenKind};
use crate::lang::{is_apostrophe, LangData};

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '«' | '“' | '"' | '(' | '[' | '{' | '‹' | '„' | '‘' | '\'' | '—' | '–' | '¿' | '¡'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '»' | '”'
            | '"'
            | ')'
            | ']'
            | '}'
            | '›'
            | '’'
            | '\''
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '%'
            | '‰'
            | '€'
            | '—'
            | '–'
    )
}

/// Spaces that may separate thousands in a French number.
fn is_digit_group_space(s: &str) -> bool {
    matches!(s, " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
}

/// Tokenizes `text[span]` and appends the tokens (with document offsets) to `out`.
pub fn tokenize(text: &str, span: Span, lang: &LangData, out: &mut Vec<Token>) {
    let first = out.len();
    let region = &text[span.range()];
    let mut chunk_start = None;
    for (i, c) in region.char_indices() {
        if c.is_whitespace() {
            if let Some(start) = chunk_start.take() {
                let last = region[i..].trim_start().is_empty();
                split_chunk(text, span.start + start, span.start + i, last, lang, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(start) = chunk_start {
        split_chunk(text, span.start + start, span.end, true, lang, out);
    }
    join_digit_groups(text, out, first);
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind) {
    if start < end {
        out.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// Where a chunk must be cut inside, whatever surrounds it: runs of two or more hyphens, em and
/// en dashes, ellipses, "°", a slash (but not in a numeric date "21/12/2015"), a comma not
/// between digits ("Huntingdon,25"). Returns the separator's byte range within `s`.
fn find_infix(s: &str, lang: &LangData) -> Option<(usize, usize)> {
    // Most chunks hold no separator at all: say so without allocating.
    if !s.contains(['-', '—', '–', '…', '°', '/', ',']) {
        return None;
    }
    let numeric_date = s.split('/').count() == 3
        && s.split('/')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if k == 0 {
            continue;
        }
        let prev = chars[k - 1].1;
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let end = i + c.len_utf8();
        match c {
            '-' if next == Some('-') => {
                let run = s[i..].len() - s[i..].trim_start_matches('-').len();
                return Some((i, i + run));
            }
            '—' | '–' | '…' if next.is_some() => return Some((i, end)),
            '°' if prev.is_ascii_digit() => {
                // "9°C": the unit after the degree sign is a token of its own.
                return Some((i, end));
            }
            '/' if next.is_some() && !numeric_date && !lang.is_unit(s) => {
                let word_start = chars[..k]
                    .iter()
                    .rposition(|&(_, c)| !c.is_alphanumeric())
                    .map_or(0, |p| chars[p].0 + chars[p].1.len_utf8());
                if !lang.is_unit(&s[word_start..]) {
                    return Some((i, end));
                }
            }
            ',' if next.is_some_and(|n| !(prev.is_ascii_digit() && n.is_ascii_digit()))
                && next.is_some_and(char::is_alphanumeric) =>
            {
                return Some((i, end));
            }
            _ => {}
        }
    }
    None
}

/// Splits one whitespace-free chunk `text[start..end]`; `last` says it ends its block.
fn split_chunk(
    text: &str,
    start: usize,
    end: usize,
    last: bool,
    lang: &LangData,
    out: &mut Vec<Token>,
) {
    let chunk = &text[start..end];
    let bare = chunk.trim_start_matches(is_opening);
    if !is_url(bare) && !is_email(bare) {
        if let Some((a, b)) = find_infix(chunk, lang) {
            split_chunk(text, start, start + a, false, lang, out);
            let mut rest = start + b;
            if &chunk[a..b] == "°" {
                push(out, start + a, rest, TokenKind::Symbol);
                // "9°C." → the scale letter is a word, not a name initial with its dot.
                // The scale letter is ASCII, so the byte after it is a char boundary.
                let scale = text[rest..end]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, 'C' | 'F'));
                if scale.is_some() {
                    let after = text[rest + 1..end].chars().next();
                    if !after.is_some_and(char::is_alphanumeric) {
                        push(out, rest, rest + 1, TokenKind::Word);
                        rest += 1;
                    }
                }
            } else {
                push(out, start + a, rest, TokenKind::Punct);
            }
            split_chunk(text, rest, end, last, lang, out);
            return;
        }
    }
    let (mut lo, mut hi) = (start, end);
    // 1. Opening punctuation. A leading hyphen before a digit is a sign ("-365"), kept.
    while let Some(c) = first_char(&text[lo..hi]) {
        if is_opening(c) && hi - lo > c.len_utf8() {
            push(out, lo, lo + c.len_utf8(), TokenKind::Punct);
            lo += c.len_utf8();
        } else {
            break;
        }
    }
    if is_url(&text[lo..hi]) || is_email(&text[lo..hi]) {
        let kind = if is_email(&text[lo..hi]) {
            TokenKind::Email
        } else {
            TokenKind::Url
        };
        let mut suffix = Vec::new();
        while let Some(c) = last_char(&text[lo..hi]) {
            let unbalanced_paren = c == ')' && !text[lo..hi].contains('(');
            if matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '»' | '"' | '”' | '\'' | '’'
            ) || unbalanced_paren
            {
                suffix.push((hi - c.len_utf8(), hi));
                hi -= c.len_utf8();
            } else {
                break;
            }
        }
        push(out, lo, hi, kind);
        for (s, e) in suffix.into_iter().rev() {
            push(out, s, e, TokenKind::Punct);
        }
        return;
    }
    // 2. Closing punctuation, collected right to left.
    let mut suffix: Vec<(usize, usize)> = Vec::new();
    while let Some(c) = last_char(&text[lo..hi]) {
        let word = &text[lo..hi];
        if c == '.' {
            let dots = word.len() - word.trim_end_matches('.').len();
            if dots >= 2 {
                suffix.push((hi - dots, hi));
                hi -= dots;
                continue;
            }
            // At the end of a block nothing follows for an abbreviation to introduce: the dot
            // ends the sentence, unless it can only belong to the word ("etc.", "U.S.A.").
            let ends_block = last && suffix.is_empty();
            if word.len() > 1
                && keeps_dot(word, lang)
                && (!ends_block || lang.is_final_abbreviation(word) || is_acronym(word))
            {
                break;
            }
            suffix.push((hi - 1, hi));
            hi -= 1;
            continue;
        }
        // "espagnol[1]": a note mark glued to a word is a token of its own.
        if c == ']' {
            if let Some(open) = word.rfind('[') {
                let inside = &word[open + 1..word.len() - 1];
                let glued =
                    open > 0 && word[..open].chars().last().is_some_and(char::is_alphabetic);
                if glued
                    && (1..=3).contains(&inside.len())
                    && inside.bytes().all(|b| b.is_ascii_digit())
                {
                    suffix.push((lo + open, hi));
                    hi = lo + open;
                    continue;
                }
            }
        }
        if is_closing(c) && word.len() > c.len_utf8() {
            // "l'" at the end of a chunk is an elision, not a closing quote.
            if is_apostrophe(c) && lang.is_elision(&word[..word.len() - c.len_utf8()]) {
                break;
            }
            suffix.push((hi - c.len_utf8(), hi));
            hi -= c.len_utf8();
            continue;
        }
        break;
    }
    split_core(text, lo, hi, lang, out);
    for (s, e) in suffix.into_iter().rev() {
        push(out, s, e, TokenKind::Punct);
    }
}

/// Whether a word ending in "." keeps its dot: abbreviation, initial or dotted acronym.
fn keeps_dot(word: &str, lang: &LangData) -> bool {
    lang.is_abbreviation(word)
        || lang.is_final_abbreviation(word)
        || is_initials(word)
        || is_dotted_abbreviation(word)
}

/// "J.", "J.-Y.", "U.S.A.", "R.E.M.": capital letters each followed by a dot, optionally
/// joined by hyphens.
fn is_initials(word: &str) -> bool {
    let mut chars = word.chars().peekable();
    let mut letters = 0;
    while let Some(c) = chars.next() {
        if !c.is_uppercase() || chars.next() != Some('.') {
            return false;
        }
        letters += 1;
        if chars.peek() == Some(&'-') {
            chars.next();
        }
    }
    letters > 0
}

/// Dotted initials of two letters or more ("U.S.A.", "J.-Y."): they keep their dot even at
/// the end of a block.
fn is_acronym(word: &str) -> bool {
    is_initials(word) && word.matches('.').count() >= 2
}

/// "p.ex.", "a.s.b.l.": at least two groups of one to three letters, each with its dot.
fn is_dotted_abbreviation(word: &str) -> bool {
    let groups: Vec<&str> = word.split_terminator('.').collect();
    word.ends_with('.')
        && groups.len() >= 2
        && groups
            .iter()
            .all(|g| (1..=3).contains(&g.chars().count()) && g.chars().all(char::is_alphabetic))
}

fn is_url(s: &str) -> bool {
    let starts = |prefix: &str| {
        s.as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    (starts("http://") || starts("https://") || starts("www.")) && s.len() > 7
}

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && !user.contains(['(', '«', '"'])
                && domain.contains('.')
                && !domain.starts_with('.')
                && domain
                    .trim_end_matches(['.', ',', ';', ':', ')', '»', '"'])
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
        }
        None => false,
    }
}

/// Splits the core of a chunk: exceptions, abbreviations, clock times, elisions, clitics.
fn split_core(text: &str, mut lo: usize, mut hi: usize, lang: &LangData, out: &mut Vec<Token>) {
    if lo >= hi {
        return;
    }
    let word = &text[lo..hi];
    if lang.is_exception(word) {
        push(out, lo, hi, TokenKind::Word);
        return;
    }
    if word.ends_with('.') && word.len() > 1 {
        let kind = if lang.is_final_abbreviation(word) {
            TokenKind::FinalAbbreviation
        } else if lang.is_abbreviation(word) || is_dotted_abbreviation(word) {
            TokenKind::Abbreviation
        } else {
            TokenKind::Initial
        };
        push(out, lo, hi, kind);
        return;
    }
    if let Some(at) = unit_split(word, lang) {
        push(out, lo, lo + at, TokenKind::Number);
        push(out, lo + at, hi, TokenKind::Word);
        return;
    }
    if let Some(h) = clock_time_split(word) {
        push(out, lo, lo + h, TokenKind::Number);
        push(out, lo + h, lo + h + 1, TokenKind::Word);
        push(out, lo + h + 1, hi, TokenKind::Number);
        return;
    }
    // Elisions off the front: "qu'aujourd'hui" → "qu'" "aujourd'hui"; "jusqu'à" → "jusqu'" "à".
    loop {
        let word = &text[lo..hi];
        let Some((at, apostrophe)) = word.char_indices().find(|&(_, c)| is_apostrophe(c)) else {
            break;
        };
        let after = at + apostrophe.len_utf8();
        let follows = word[after..].chars().next();
        if at > 0
            && lang.is_elision(&word[..at])
            && follows.is_some_and(|c| c.is_alphanumeric() || is_opening(c))
        {
            push(out, lo, lo + after, TokenKind::Elision);
            lo += after;
            if lang.is_exception(&text[lo..hi]) {
                push(out, lo, hi, TokenKind::Word);
                return;
            }
            if follows.is_some_and(is_opening) {
                // "l'«oasis»": the rest is a chunk of its own, quotes and all.
                split_chunk(text, lo, hi, false, lang, out);
                return;
            }
        } else {
            break;
        }
    }
    // Clitics off the back: "donne-le-moi" → "donne" "-le" "-moi".
    let mut clitics = Vec::new();
    while let Some(n) = lang.clitic_suffix_len(&text[lo..hi]) {
        let word = &text[lo..hi];
        let stem = &word[..word.len() - n];
        let clitic = &word[word.len() - n..];
        let object_like = matches!(
            clitic.to_lowercase().as_str(),
            "-le" | "-la" | "-les" | "-en" | "-y" | "-là" | "-ci"
        );
        let stem_ok = stem.chars().all(|c| c.is_alphabetic() || c == '-')
            && !stem.ends_with('-')
            && (!object_like || first_char(stem).is_some_and(char::is_lowercase));
        if lang.is_exception(word) || !stem_ok {
            break;
        }
        clitics.push((hi - n, hi));
        hi -= n;
    }
    let core = &text[lo..hi];
    push(out, lo, hi, classify(core));
    for (s, e) in clitics.into_iter().rev() {
        push(out, s, e, TokenKind::Clitic);
    }
}

/// "160km", "2,5m" → the byte index where the unit starts.
fn unit_split(word: &str, lang: &LangData) -> Option<usize> {
    let body = word.strip_prefix(['-', '+']).unwrap_or(word);
    let at = word.len() - body.len()
        + body.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let number = &word[..at];
    (at > 0 && number.ends_with(|c: char| c.is_ascii_digit()) && lang.is_unit(&word[at..]))
        .then_some(at)
}

/// "22h30", "8h", "22H05" → the byte index of the "h".
fn clock_time_split(word: &str) -> Option<usize> {
    let h = word.find(['h', 'H'])?;
    let (hours, minutes) = (&word[..h], &word[h + 1..]);
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    (digits(hours, 1..=2) && digits(minutes, 0..=2)).then_some(h)
}

fn classify(word: &str) -> TokenKind {
    let body = word.strip_prefix(['-', '+', '−']).unwrap_or(word);
    if body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
    {
        return TokenKind::Number;
    }
    if word.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else if word
        .chars()
        .all(|c| c.is_ascii_punctuation() || is_punct_char(c))
    {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

fn is_punct_char(c: char) -> bool {
    matches!(
        c,
        '«' | '»'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '‹'
            | '›'
            | '„'
            | '—'
            | '–'
            | '…'
            | '¿'
            | '¡'
            | '·'
    )
}

/// Joins "250" "000" (separated by one space of the kinds French uses) into one number token.
fn join_digit_groups(text: &str, tokens: &mut Vec<Token>, from: usize) {
    let mut i = from;
    while i + 1 < tokens.len() {
        let (a, b) = (tokens[i], tokens[i + 1]);
        let left = &text[a.span.range()];
        let right = &text[b.span.range()];
        let gap = &text[a.span.end..b.span.start];
        let left_ok = a.kind == TokenKind::Number
            && (left.len() <= 3 && left.bytes().all(|c| c.is_ascii_digit())
                || left.contains(is_space_char) && !left.contains(','));
        let right_digits = right.split(',').next().unwrap_or("");
        let right_ok = b.kind == TokenKind::Number
            && right_digits.len() == 3
            && right_digits.bytes().all(|c| c.is_ascii_digit())
            && right.matches(',').count() <= 1;
        if left_ok && right_ok && is_digit_group_space(gap) {
            tokens[i].span.end = b.span.end;
            tokens.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

fn is_space_char(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &LangData::french(), &mut out);
        out.iter().map(|t| &s[t.span.range()]).collect()
    }

    #[test]
    fn seed_sentence_pieces() {
        assert_eq!(
            toks("d'un partage de renseignements sur cette organisation."),
            [
                "d'",
                "un",
                "partage",
                "de",
                "renseignements",
                "sur",
                "cette",
                "organisation",
                "."
            ]
        );
        assert_eq!(
            toks("La visite de M. Le Drian"),
            ["La", "visite", "de", "M.", "Le", "Drian"]
        );
        assert_eq!(
            toks("plus de 250.000 morts"),
            ["plus", "de", "250.000", "morts"]
        );
        assert_eq!(
            toks("centrés à 80% sur"),
            ["centrés", "à", "80", "%", "sur"]
        );
    }

    #[test]
    fn number_groups_join_only_on_digit_groups() {
        assert_eq!(toks("250 000 morts"), ["250 000", "morts"]);
        assert_eq!(
            toks("1\u{202f}500\u{a0}000,5 €"),
            ["1\u{202f}500\u{a0}000,5", "€"]
        );
        assert_eq!(toks("en 2012 1000 morts"), ["en", "2012", "1000", "morts"]);
        assert_eq!(toks("les 12  500"), ["les", "12", "500"]);
    }

    #[test]
    fn urls_and_emails_lose_trailing_punctuation_only() {
        assert_eq!(
            toks("(https://ex.fr/a?b=1)."),
            ["(", "https://ex.fr/a?b=1", ")", "."]
        );
        assert_eq!(
            toks("écrire à redac@afp.com."),
            ["écrire", "à", "redac@afp.com", "."]
        );
    }
}
