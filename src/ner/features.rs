//! Token features for the tagger, hashed into a fixed number of buckets.
//!
//! Every token gets exactly [`TEMPLATES`] features (one per template; a missing context, such
//! as the word before the first token, is a value of its own), so a sentence's features are a
//! flat `Vec<u32>` of bucket ids, `TEMPLATES` per token. Templates: the word and its lower-case
//! form, prefixes and suffixes, the shape ("Xxx-Xxx", "dd.ddd"), capitalisation in and out of
//! sentence-initial position, the words and shapes around it, word bigrams, word clusters
//! (from `data/fr/ner/clusters.tsv`) of the word and its neighbours, and gazetteer hits (from
//! `data/fr/ner/gazetteer.tsv`: inside a known place, person, organisation or other name).
//!
//! Hashing (the "hashing trick") keeps the model a fixed-size array with no feature
//! dictionary: fast to load, fast to score, at the cost of rare collisions.

use super::wordtable::{Probe, WordTable};
#[cfg(doc)]
use crate::lang::normalize_word;
use crate::lang::{fold_apostrophes, is_apostrophe};
use rustc_hash::{FxHashMap, FxHasher};
use std::borrow::Cow;
use std::hash::Hasher;

pub const TEMPLATES: usize = 34;

const CLUSTERS: &str = include_str!("../../data/fr/ner/clusters.tsv");
const GAZETTEER: &str = include_str!("../../data/fr/ner/gazetteer.tsv");

/// Word clusters and gazetteer, shared by training and tagging.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// Word form (as in the source, case kept) → (fine, coarse) cluster.
    clusters: WordTable<(u32, u32)>,
    /// Known names, their tokens joined by one space, apostrophes folded → type bits: PER 1,
    /// LOC 2, ORG 4, MISC 8. Keys borrow the embedded table.
    names: FxHashMap<Cow<'static, str>, u8>,
    /// First token of a known name → the token counts of the names it starts (bit `n - 1`
    /// for a count `n` under 32) and the largest.
    first: WordTable<(u32, u32)>,
    /// Identifies the tables a model was trained with.
    pub fingerprint: u64,
}

fn type_bit(t: &str) -> u8 {
    match t {
        "PER" => 1,
        "LOC" => 2,
        "ORG" => 4,
        "MISC" => 8,
        _ => 0,
    }
}

/// The word with typographic apostrophes folded to `'`, borrowed when it has none.
fn fold(word: &str) -> Cow<'_, str> {
    if word.contains(['’', 'ʼ']) {
        Cow::Owned(fold_apostrophes(word))
    } else {
        Cow::Borrowed(word)
    }
}

/// The tab-separated fields of a line (a byte search: a tab is one byte in UTF-8).
fn fields(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.bytes().position(|b| b == b'\t') {
            Some(i) => {
                rest = Some(&s[i + 1..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

impl Resources {
    /// The French tables embedded in the binary.
    pub fn french() -> Resources {
        Resources::from_texts(CLUSTERS, GAZETTEER)
    }

    pub fn from_texts(clusters: &'static str, gazetteer: &'static str) -> Resources {
        let mut fp = FxHasher::default();
        fp.write(clusters.as_bytes());
        fp.write(gazetteer.as_bytes());
        let mut cluster_map = WordTable::with_capacity(clusters.len() / 18);
        let entries = clusters
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|line| {
                let mut f = fields(line);
                let (w, fine, coarse) = (f.next()?, f.next()?, f.next()?);
                let cluster = (fine.trim().parse().ok()?, coarse.trim().parse().ok()?);
                Some((fold(w), cluster))
            });
        // A word listed twice keeps its last cluster.
        cluster_map.update_all(entries, |_, cluster| cluster);
        // A name listed under several types has all their bits.
        let mut names: FxHashMap<Cow<'static, str>, u8> = FxHashMap::default();
        names.reserve(gazetteer.len() / 32);
        for line in gazetteer
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut f = fields(line);
            if let (Some(phrase), Some(kind)) = (f.next(), f.next()) {
                let bit = type_bit(kind.trim());
                let phrase = phrase.trim();
                if bit != 0 && !phrase.is_empty() {
                    *names.entry(fold(phrase)).or_default() |= bit;
                }
            }
        }
        let mut first = WordTable::with_capacity(names.len() / 2);
        let heads = names.keys().map(|name| {
            let head = &name[..name.bytes().position(|b| b == b' ').unwrap_or(name.len())];
            (head, name.bytes().filter(|&b| b == b' ').count() + 1)
        });
        first.update_all(heads, |old: Option<(u32, u32)>, count| {
            let (counts, longest) = old.unwrap_or_default();
            let bit = if count < 32 { 1 << (count - 1) } else { 0 };
            (counts | bit, longest.max(count as u32))
        });
        Resources {
            clusters: cluster_map,
            names,
            first,
            fingerprint: fp.finish(),
        }
    }

    /// The cluster of the word form (probed as `p`), else of its lower-case form.
    fn cluster(&self, form: &str, p: &Probe, lower: &str) -> Option<(u32, u32)> {
        match self.clusters.get_probed(form, p) {
            Some(c) => Some(c),
            None if lower != form => self.clusters.get(lower),
            None => None,
        }
    }

    /// Gazetteer code per token: 0 outside any known name, else (type bits << 1) | inside,
    /// where "inside" marks a token that is not the first of the name. Longest match wins.
    pub fn gazetteer_codes<S: AsRef<str>>(&self, forms: &[S]) -> Vec<u8> {
        let mut codes = vec![0u8; forms.len()];
        // All the first-token slots are asked for at once, so that their waits overlap.
        let probes: Vec<Probe> = forms
            .iter()
            .map(|f| {
                let p = WordTable::<(u32, u32)>::probe(f.as_ref());
                self.first.prefetch(&p);
                p
            })
            .collect();
        let mut joined = String::new();
        let mut ends = Vec::new();
        let mut i = 0;
        while i < forms.len() {
            let first = self.first.get_probed(forms[i].as_ref(), &probes[i]);
            let hit = first.and_then(|(counts, longest)| {
                // The tokens of a name hold no space: a name can only cover forms without
                // one, and joined by spaces they spell it exactly when they are its tokens.
                joined.clear();
                ends.clear();
                for f in forms[i..].iter().take(longest as usize) {
                    let f = f.as_ref();
                    if f.contains(' ') {
                        break;
                    }
                    if !ends.is_empty() {
                        joined.push(' ');
                    }
                    joined.push_str(f);
                    ends.push(joined.len());
                }
                (1..=ends.len()).rev().find_map(|n| {
                    if n < 32 && counts & (1 << (n - 1)) == 0 {
                        return None;
                    }
                    self.names
                        .get(&joined[..ends[n - 1]])
                        .map(|&bits| (n, bits))
                })
            });
            match hit {
                Some((n, bits)) => {
                    for (k, code) in codes[i..i + n].iter_mut().enumerate() {
                        *code = (bits << 1) | u8::from(k > 0);
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        codes
    }
}

fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn suffix(s: &str, n: usize) -> &str {
    // The last n characters: from the n-th character from the end, if there are that many.
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ => s,
    }
}

/// Per-token facts computed once per sentence. The lower-case form and the shape are ranges
/// of per-sentence buffers.
struct TokenInfo {
    lower: std::ops::Range<usize>,
    shape: std::ops::Range<usize>,
    /// Characters of the lower-case form, at most 12.
    chars: u8,
    cluster: Option<(u32, u32)>,
    gaz: u8,
    flags: u8,
}

/// Hashes a template id and its parts into a bucket.
#[inline]
fn bucket(bits: u32, template: u8, parts: &[&[u8]]) -> u32 {
    let mut h = FxHasher::default();
    h.write_u8(template);
    for p in parts {
        h.write(p);
        h.write_u8(0xFF);
    }
    let x = h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x >> (64 - bits)) as u32
}

const NONE: &[u8] = b"<none>";

/// Appends the lower-case form of `form` ([`normalize_word`]) to `lower` and its shape to
/// `shape` ("Jean-Yves" → "Xx-Xx", "250.000" → "dd.dd": character classes, runs cut at
/// two), in one pass over the characters, and returns the capitalisation flags of
/// [`extract`] (bit 1, the sentence start, left to the caller).
fn scan(form: &str, lower: &mut String, shape: &mut String) -> u8 {
    let (mut cap, mut any_alpha, mut any_lower) = (false, false, false);
    let (mut hyphen, mut digit, mut apostrophe) = (false, false, false);
    let shape_start = shape.len();
    let mut shape_done = false;
    let mut last = '\0';
    let mut run = 0;
    for (k, c) in form.chars().enumerate() {
        let up = c.is_uppercase();
        let low = c.is_lowercase();
        if k == 0 {
            cap = up;
        }
        any_alpha |= c.is_alphabetic();
        any_lower |= low;
        hyphen |= c == '-';
        digit |= c.is_ascii_digit();
        apostrophe |= c == '\'';
        if is_apostrophe(c) {
            lower.push('\'');
        } else if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else {
            lower.extend(c.to_lowercase());
        }
        if !shape_done {
            let class = if up {
                'X'
            } else if low {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if class == last {
                run += 1;
            } else {
                run = 1;
                last = class;
            }
            if run <= 2 {
                shape.push(class);
            }
            shape_done = shape.len() - shape_start > 12;
        }
    }
    let all_caps = any_alpha && !any_lower;
    u8::from(cap)
        | u8::from(all_caps) << 2
        | u8::from(hyphen) << 3
        | u8::from(digit) << 4
        | u8::from(apostrophe) << 5
}

/// Writes `TEMPLATES` bucket ids per token of `tokens` into `out` (cleared first).
pub fn extract(tokens: &[String], res: &Resources, bits: u32, out: &mut Vec<u32>) {
    out.clear();
    out.reserve(tokens.len() * TEMPLATES);
    let forms: Vec<Cow<str>> = tokens.iter().map(|t| fold(t)).collect();
    // The cluster slots of the sentence are asked for before any is read (and before the
    // gazetteer lookups), so that their waits overlap.
    let probes: Vec<Probe> = forms
        .iter()
        .map(|f| {
            let p = WordTable::<(u32, u32)>::probe(f);
            res.clusters.prefetch(&p);
            p
        })
        .collect();
    let gaz = res.gazetteer_codes(&forms);
    let bytes: usize = forms.iter().map(|f| f.len()).sum();
    let mut lowers = String::with_capacity(bytes + 8);
    let mut shapes = String::with_capacity(bytes + 8);
    let infos: Vec<TokenInfo> = forms
        .iter()
        .zip(gaz)
        .enumerate()
        .map(|(i, (form, gaz))| {
            let (lo, sh) = (lowers.len(), shapes.len());
            let flags = scan(form, &mut lowers, &mut shapes) | u8::from(i == 0) << 1;
            let lower = &lowers[lo..];
            TokenInfo {
                cluster: res.cluster(form, &probes[i], lower),
                chars: lower.chars().take(12).count() as u8,
                lower: lo..lowers.len(),
                shape: sh..shapes.len(),
                gaz,
                flags,
            }
        })
        .collect();
    let n = infos.len();
    let lower_of = |t: &TokenInfo| -> &str { &lowers[t.lower.clone()] };
    let lower_at = |k: isize| -> &[u8] {
        if k < 0 || k as usize >= n {
            if k < 0 {
                b"<s>"
            } else {
                b"</s>"
            }
        } else {
            lower_of(&infos[k as usize]).as_bytes()
        }
    };
    let info_at = |k: isize| -> Option<&TokenInfo> {
        (k >= 0 && (k as usize) < n).then(|| &infos[k as usize])
    };
    let shape_of =
        |x: Option<&TokenInfo>| -> &[u8] { x.map_or(NONE, |t| shapes[t.shape.clone()].as_bytes()) };
    for (i, t) in infos.iter().enumerate() {
        let k = i as isize;
        let prev = info_at(k - 1);
        let next = info_at(k + 1);
        let coarse = |x: Option<&TokenInfo>| {
            x.and_then(|t| t.cluster)
                .map_or(u32::MAX, |c| c.1)
                .to_le_bytes()
        };
        let fine = |x: Option<&TokenInfo>| {
            x.and_then(|t| t.cluster)
                .map_or(u32::MAX, |c| c.0)
                .to_le_bytes()
        };
        let gaz_of = |x: Option<&TokenInfo>| [x.map_or(255, |t| t.gaz)];
        let form = forms[i].as_bytes();
        let lower = lower_of(t);
        let shape = shape_of(Some(t));
        let len_bucket = [t.chars, t.flags & 1];
        let f: [u32; TEMPLATES] = [
            bucket(bits, 0, &[]),
            bucket(bits, 1, &[form]),
            bucket(bits, 2, &[lower.as_bytes()]),
            bucket(bits, 3, &[suffix(lower, 1).as_bytes()]),
            bucket(bits, 4, &[suffix(lower, 2).as_bytes()]),
            bucket(bits, 5, &[suffix(lower, 3).as_bytes()]),
            bucket(bits, 6, &[suffix(lower, 4).as_bytes()]),
            bucket(bits, 7, &[prefix(lower, 1).as_bytes()]),
            bucket(bits, 8, &[prefix(lower, 2).as_bytes()]),
            bucket(bits, 9, &[prefix(lower, 3).as_bytes()]),
            bucket(bits, 10, &[shape]),
            bucket(bits, 11, &[&[t.flags]]),
            bucket(bits, 12, &[lower_at(k - 1)]),
            bucket(bits, 13, &[lower_at(k + 1)]),
            bucket(bits, 14, &[lower_at(k - 2)]),
            bucket(bits, 15, &[lower_at(k + 2)]),
            bucket(bits, 16, &[shape_of(prev), shape]),
            bucket(bits, 17, &[shape, shape_of(next)]),
            bucket(bits, 18, &[lower_at(k - 1), lower.as_bytes()]),
            bucket(bits, 19, &[lower.as_bytes(), lower_at(k + 1)]),
            bucket(bits, 20, &[&fine(Some(t))]),
            bucket(bits, 21, &[&coarse(Some(t))]),
            bucket(bits, 22, &[&coarse(prev)]),
            bucket(bits, 23, &[&coarse(next)]),
            bucket(bits, 24, &[&fine(prev)]),
            bucket(bits, 25, &[&fine(next)]),
            bucket(bits, 26, &[&gaz_of(Some(t))]),
            bucket(bits, 27, &[&gaz_of(prev), &gaz_of(Some(t))]),
            bucket(bits, 28, &[&gaz_of(Some(t)), &gaz_of(next)]),
            bucket(
                bits,
                29,
                &[if i == 0 {
                    b"<s>".as_slice()
                } else {
                    forms[i - 1].as_bytes()
                }],
            ),
            bucket(bits, 30, &[&len_bucket]),
            bucket(bits, 31, &[lower.as_bytes(), &[t.flags & 3]]),
            bucket(bits, 32, &[&coarse(Some(t)), &[t.flags & 3]]),
            bucket(
                bits,
                33,
                &[&gaz_of(Some(t)), &[t.flags & 1], &coarse(Some(t))],
            ),
        ];
        out.extend_from_slice(&f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The feature extraction as it was first written (a String per token and step, the
    /// gazetteer as token lists): the fast one must give the same buckets.
    mod reference {
        use super::super::{bucket, NONE, TEMPLATES};
        use crate::lang::{fold_apostrophes, normalize_word};
        use rustc_hash::FxHashMap;
        use std::borrow::Cow;

        pub struct Gazetteer(FxHashMap<String, Vec<(Vec<String>, u8)>>);

        /// The cluster table as first loaded: a map with borrowed keys.
        pub struct Clusters(pub FxHashMap<Cow<'static, str>, (u32, u32)>);

        impl Clusters {
            pub fn new(clusters: &'static str) -> Clusters {
                let mut cluster_map = FxHashMap::default();
                for line in clusters
                    .lines()
                    .filter(|l| !l.starts_with('#') && !l.is_empty())
                {
                    let mut f = line.split('\t');
                    if let (Some(w), Some(fine), Some(coarse)) = (f.next(), f.next(), f.next()) {
                        if let (Ok(fine), Ok(coarse)) = (fine.trim().parse(), coarse.trim().parse())
                        {
                            let key = if w.contains(['’', 'ʼ']) {
                                Cow::Owned(fold_apostrophes(w))
                            } else {
                                Cow::Borrowed(w)
                            };
                            cluster_map.insert(key, (fine, coarse));
                        }
                    }
                }
                Clusters(cluster_map)
            }
        }

        impl Gazetteer {
            pub fn new(gazetteer: &str) -> Gazetteer {
                let type_bit = super::super::type_bit;
                let mut gaz: FxHashMap<String, Vec<(Vec<String>, u8)>> = FxHashMap::default();
                let mut merged: FxHashMap<String, u8> = FxHashMap::default();
                for line in gazetteer
                    .lines()
                    .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                {
                    let mut f = line.split('\t');
                    if let (Some(phrase), Some(kind)) = (f.next(), f.next()) {
                        let bit = type_bit(kind.trim());
                        if bit != 0 && !phrase.trim().is_empty() {
                            *merged.entry(fold_apostrophes(phrase.trim())).or_default() |= bit;
                        }
                    }
                }
                let mut phrases: Vec<(String, u8)> = merged.into_iter().collect();
                phrases.sort();
                for (phrase, bits) in phrases {
                    let tokens: Vec<String> = phrase.split(' ').map(str::to_string).collect();
                    gaz.entry(tokens[0].clone())
                        .or_default()
                        .push((tokens, bits));
                }
                for list in gaz.values_mut() {
                    list.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
                }
                Gazetteer(gaz)
            }

            pub fn codes(&self, forms: &[String]) -> Vec<u8> {
                let mut codes = vec![0u8; forms.len()];
                let mut i = 0;
                while i < forms.len() {
                    let hit = self.0.get(&forms[i]).and_then(|list| {
                        list.iter().find(|(toks, _)| {
                            toks.len() <= forms.len() - i
                                && toks.iter().zip(&forms[i..]).all(|(a, b)| a == b)
                        })
                    });
                    match hit {
                        Some((toks, bits)) => {
                            for (k, code) in codes[i..i + toks.len()].iter_mut().enumerate() {
                                *code = (bits << 1) | u8::from(k > 0);
                            }
                            i += toks.len();
                        }
                        None => i += 1,
                    }
                }
                codes
            }
        }

        /// "Jean-Yves" → "Xx-Xx", "250.000" → "dd.dd": character classes, runs cut at two.
        pub fn shape(word: &str) -> String {
            let mut out = String::with_capacity(8);
            let mut last = '\0';
            let mut run = 0;
            for c in word.chars() {
                let class = if c.is_uppercase() {
                    'X'
                } else if c.is_lowercase() {
                    'x'
                } else if c.is_ascii_digit() {
                    'd'
                } else {
                    c
                };
                if class == last {
                    run += 1;
                } else {
                    run = 1;
                    last = class;
                }
                if run <= 2 {
                    out.push(class);
                }
                if out.len() > 12 {
                    break;
                }
            }
            out
        }

        fn prefix(s: &str, n: usize) -> &str {
            match s.char_indices().nth(n) {
                Some((i, _)) => &s[..i],
                None => s,
            }
        }

        pub fn suffix(s: &str, n: usize) -> &str {
            let count = s.chars().count();
            if count <= n {
                return s;
            }
            match s.char_indices().nth(count - n) {
                Some((i, _)) => &s[i..],
                None => s,
            }
        }

        /// Per-token facts computed once per sentence.
        struct TokenInfo {
            form: String,
            lower: String,
            shape: String,
            cluster: Option<(u32, u32)>,
            gaz: u8,
            flags: u8,
        }

        /// Writes `TEMPLATES` bucket ids per token of `tokens` into `out` (cleared first).
        pub fn extract(
            tokens: &[String],
            res: &Clusters,
            gazetteer: &Gazetteer,
            bits: u32,
            out: &mut Vec<u32>,
        ) {
            out.clear();
            let forms: Vec<String> = tokens.iter().map(|t| fold_apostrophes(t)).collect();
            let gaz = gazetteer.codes(&forms);
            let infos: Vec<TokenInfo> = forms
                .into_iter()
                .zip(gaz)
                .enumerate()
                .map(|(i, (form, gaz))| {
                    let lower = normalize_word(&form);
                    let first = form.chars().next();
                    let cap = first.is_some_and(char::is_uppercase);
                    let all_caps = form.chars().any(char::is_alphabetic)
                        && !form.chars().any(char::is_lowercase);
                    let flags = u8::from(cap)
                        | u8::from(i == 0) << 1
                        | u8::from(all_caps) << 2
                        | u8::from(form.contains('-')) << 3
                        | u8::from(form.chars().any(|c| c.is_ascii_digit())) << 4
                        | u8::from(form.contains('\'')) << 5;
                    TokenInfo {
                        cluster: res
                            .0
                            .get(form.as_str())
                            .or_else(|| res.0.get(lower.as_str()))
                            .copied(),
                        shape: shape(&form),
                        form,
                        lower,
                        gaz,
                        flags,
                    }
                })
                .collect();
            let n = infos.len();
            let lower_at = |k: isize| -> &[u8] {
                if k < 0 || k as usize >= n {
                    if k < 0 {
                        b"<s>"
                    } else {
                        b"</s>"
                    }
                } else {
                    infos[k as usize].lower.as_bytes()
                }
            };
            let info_at = |k: isize| -> Option<&TokenInfo> {
                (k >= 0 && (k as usize) < n).then(|| &infos[k as usize])
            };
            for (i, t) in infos.iter().enumerate() {
                let k = i as isize;
                let prev = info_at(k - 1);
                let next = info_at(k + 1);
                let coarse = |x: Option<&TokenInfo>| {
                    x.and_then(|t| t.cluster)
                        .map_or(u32::MAX, |c| c.1)
                        .to_le_bytes()
                };
                let fine = |x: Option<&TokenInfo>| {
                    x.and_then(|t| t.cluster)
                        .map_or(u32::MAX, |c| c.0)
                        .to_le_bytes()
                };
                fn shape_of(x: Option<&TokenInfo>) -> &[u8] {
                    x.map_or(NONE, |t| t.shape.as_bytes())
                }
                let gaz_of = |x: Option<&TokenInfo>| [x.map_or(255, |t| t.gaz)];
                let len_bucket = [t.lower.chars().count().min(12) as u8, t.flags & 1];
                let f: [u32; TEMPLATES] = [
                    bucket(bits, 0, &[]),
                    bucket(bits, 1, &[t.form.as_bytes()]),
                    bucket(bits, 2, &[t.lower.as_bytes()]),
                    bucket(bits, 3, &[suffix(&t.lower, 1).as_bytes()]),
                    bucket(bits, 4, &[suffix(&t.lower, 2).as_bytes()]),
                    bucket(bits, 5, &[suffix(&t.lower, 3).as_bytes()]),
                    bucket(bits, 6, &[suffix(&t.lower, 4).as_bytes()]),
                    bucket(bits, 7, &[prefix(&t.lower, 1).as_bytes()]),
                    bucket(bits, 8, &[prefix(&t.lower, 2).as_bytes()]),
                    bucket(bits, 9, &[prefix(&t.lower, 3).as_bytes()]),
                    bucket(bits, 10, &[t.shape.as_bytes()]),
                    bucket(bits, 11, &[&[t.flags]]),
                    bucket(bits, 12, &[lower_at(k - 1)]),
                    bucket(bits, 13, &[lower_at(k + 1)]),
                    bucket(bits, 14, &[lower_at(k - 2)]),
                    bucket(bits, 15, &[lower_at(k + 2)]),
                    bucket(bits, 16, &[shape_of(prev), t.shape.as_bytes()]),
                    bucket(bits, 17, &[t.shape.as_bytes(), shape_of(next)]),
                    bucket(bits, 18, &[lower_at(k - 1), t.lower.as_bytes()]),
                    bucket(bits, 19, &[t.lower.as_bytes(), lower_at(k + 1)]),
                    bucket(bits, 20, &[&fine(Some(t))]),
                    bucket(bits, 21, &[&coarse(Some(t))]),
                    bucket(bits, 22, &[&coarse(prev)]),
                    bucket(bits, 23, &[&coarse(next)]),
                    bucket(bits, 24, &[&fine(prev)]),
                    bucket(bits, 25, &[&fine(next)]),
                    bucket(bits, 26, &[&gaz_of(Some(t))]),
                    bucket(bits, 27, &[&gaz_of(prev), &gaz_of(Some(t))]),
                    bucket(bits, 28, &[&gaz_of(Some(t)), &gaz_of(next)]),
                    bucket(
                        bits,
                        29,
                        &[prev.map_or(b"<s>".as_slice(), |p| p.form.as_bytes())],
                    ),
                    bucket(bits, 30, &[&len_bucket]),
                    bucket(bits, 31, &[t.lower.as_bytes(), &[t.flags & 3]]),
                    bucket(bits, 32, &[&coarse(Some(t)), &[t.flags & 3]]),
                    bucket(
                        bits,
                        33,
                        &[&gaz_of(Some(t)), &[t.flags & 1], &coarse(Some(t))],
                    ),
                ];
                out.extend_from_slice(&f);
            }
        }
    }

    /// Words with what the one-pass scan must get right: case, accents, apostrophes of
    /// three kinds, hyphens, digits, long shapes, letters whose lower case is longer.
    const TRICKY: &[&str] = &[
        "Jean-Yves",
        "250.000",
        "russe",
        "été",
        "a",
        "",
        "L’Express",
        "aujourdʼhui",
        "l'ONU",
        "ÉTATS-UNIS",
        "İstanbul",
        "ǅemal",
        "Straße",
        "XIXe",
        "H2O",
        "1er",
        "«",
        "—",
        "2015-12-21T10:00:00",
        "AAAAbbbbCCCCddddEEEEffff",
        "Ab1-Cd2-Ef3-Gh4-Ij5-Kl6",
        "ΑΘΗΝΑ",
        "株式会社",
        "٣٤",
        "e\u{301}te\u{301}",
        "250 000",
    ];

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(reference::shape("Jean-Yves"), "Xxx-Xxx");
        assert_eq!(reference::shape("250.000"), "dd.dd");
        assert_eq!(suffix("russe", 3), "sse");
        assert_eq!(prefix("été", 2), "ét");
        assert_eq!(suffix("a", 3), "a");
        for w in TRICKY {
            let folded = fold(w);
            let (mut lower, mut shape) = (String::from("x"), String::from("y"));
            let flags = scan(&folded, &mut lower, &mut shape);
            assert_eq!(lower[1..], crate::lang::normalize_word(&folded), "{w}");
            assert_eq!(shape[1..], reference::shape(&folded), "{w}");
            assert_eq!(
                flags & 1 != 0,
                folded.starts_with(char::is_uppercase),
                "{w}"
            );
            for n in 0..6 {
                assert_eq!(suffix(w, n), reference::suffix(w, n), "{w} {n}");
            }
        }
    }

    #[test]
    fn extraction_matches_the_reference_on_the_embedded_tables() {
        let res = Resources::french();
        let gaz = reference::Gazetteer::new(GAZETTEER);
        let clusters = reference::Clusters::new(CLUSTERS);
        // Every word of the cluster table, as listed and in capitals, finds the same cluster.
        for line in CLUSTERS.lines() {
            let w = fold(line.split('\t').next().unwrap_or_default()).into_owned();
            for w in [w.clone(), w.to_uppercase()] {
                assert_eq!(
                    res.clusters.get(&w),
                    clusters.0.get(w.as_str()).copied(),
                    "{w}"
                );
            }
        }
        // Sentences of names from the gazetteer (whole, cut, or run together), words from the
        // cluster table in three cases, and the tricky words.
        let mut words: Vec<String> = Vec::new();
        for (k, line) in GAZETTEER
            .lines()
            .filter(|l| !l.starts_with('#'))
            .enumerate()
        {
            if k % 97 == 0 {
                let phrase = line.split('\t').next().unwrap_or_default();
                let toks: Vec<&str> = phrase.split(' ').collect();
                let keep = if k % 3 == 0 {
                    toks.len()
                } else {
                    toks.len().div_ceil(2)
                };
                words.extend(toks[..keep].iter().map(|t| t.to_string()));
            }
        }
        for (k, line) in CLUSTERS.lines().filter(|l| !l.starts_with('#')).enumerate() {
            if k % 211 == 0 {
                let w = line.split('\t').next().unwrap_or_default();
                words.push(match k % 3 {
                    0 => w.to_string(),
                    1 => w.to_uppercase(),
                    _ => {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect())
                            .unwrap_or_default()
                    }
                });
            }
        }
        words.extend(TRICKY.iter().map(|w| w.to_string()));
        words.extend(
            [
                "Le",
                "Drian",
                "Jean-Yves",
                "Le",
                "Drian",
                "à",
                "New",
                "York",
            ]
            .map(String::from),
        );
        assert!(words.len() > 1000);
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        let mut at = 0;
        let mut len = 1;
        while at < words.len() {
            let sentence = &words[at..(at + len).min(words.len())];
            extract(sentence, &res, 20, &mut fast);
            reference::extract(sentence, &clusters, &gaz, 20, &mut slow);
            assert_eq!(fast, slow, "{sentence:?}");
            let folded: Vec<String> = sentence.iter().map(|w| fold_apostrophes(w)).collect();
            assert_eq!(
                res.gazetteer_codes(&folded),
                gaz.codes(&folded),
                "{sentence:?}"
            );
            at += len;
            len = len % 40 + 1;
        }
    }

    #[test]
    fn gazetteer_longest_match_and_fixed_feature_count() {
        let res = Resources::from_texts(
            "Paris\t1\t2\n",
            "Jean-Yves Le Drian\tPER\tx\nLe Drian\tPER\tx\nParis\tLOC\tx\n",
        );
        let toks: Vec<String> = ["M.", "Jean-Yves", "Le", "Drian", "à", "Paris"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let forms: Vec<String> = toks.clone();
        assert_eq!(res.gazetteer_codes(&forms), [0, 2, 3, 3, 0, 4]);
        let mut out = Vec::new();
        extract(&toks, &res, 18, &mut out);
        assert_eq!(out.len(), toks.len() * TEMPLATES);
        assert!(out.iter().all(|&b| b < 1 << 18));
    }
}
