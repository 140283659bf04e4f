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

use crate::lang::{fold_apostrophes, normalize_word};
use rustc_hash::{FxHashMap, FxHasher};
use std::borrow::Cow;
use std::hash::Hasher;

pub const TEMPLATES: usize = 34;

const CLUSTERS: &str = include_str!("../../data/fr/ner/clusters.tsv");
const GAZETTEER: &str = include_str!("../../data/fr/ner/gazetteer.tsv");

/// Word clusters and gazetteer, shared by training and tagging.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// Word form (as in the source, case kept) → (fine, coarse) cluster. Keys borrow the
    /// embedded table, so loading allocates no string.
    clusters: FxHashMap<Cow<'static, str>, (u32, u32)>,
    /// First token of a name → (tokens, type bits), longest first. Type bits: PER 1, LOC 2,
    /// ORG 4, MISC 8.
    gazetteer: FxHashMap<String, Vec<(Vec<String>, u8)>>,
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

impl Resources {
    /// The French tables embedded in the binary.
    pub fn french() -> Resources {
        Resources::from_texts(CLUSTERS, GAZETTEER)
    }

    pub fn from_texts(clusters: &'static str, gazetteer: &'static str) -> Resources {
        let mut fp = FxHasher::default();
        fp.write(clusters.as_bytes());
        fp.write(gazetteer.as_bytes());
        let mut cluster_map = FxHashMap::default();
        cluster_map.reserve(clusters.len() / 16);
        for line in clusters
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let mut f = line.split('\t');
            if let (Some(w), Some(fine), Some(coarse)) = (f.next(), f.next(), f.next()) {
                if let (Ok(fine), Ok(coarse)) = (fine.trim().parse(), coarse.trim().parse()) {
                    let key = if w.contains(['’', 'ʼ']) {
                        Cow::Owned(fold_apostrophes(w))
                    } else {
                        Cow::Borrowed(w)
                    };
                    cluster_map.insert(key, (fine, coarse));
                }
            }
        }
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
        Resources {
            clusters: cluster_map,
            gazetteer: gaz,
            fingerprint: fp.finish(),
        }
    }

    fn cluster(&self, form: &str, lower: &str) -> Option<(u32, u32)> {
        self.clusters
            .get(form)
            .or_else(|| self.clusters.get(lower))
            .copied()
    }

    /// Gazetteer code per token: 0 outside any known name, else (type bits << 1) | inside,
    /// where "inside" marks a token that is not the first of the name. Longest match wins.
    pub fn gazetteer_codes(&self, forms: &[String]) -> Vec<u8> {
        let mut codes = vec![0u8; forms.len()];
        let mut i = 0;
        while i < forms.len() {
            let hit = self.gazetteer.get(&forms[i]).and_then(|list| {
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
fn shape(word: &str) -> String {
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

fn suffix(s: &str, n: usize) -> &str {
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

/// Writes `TEMPLATES` bucket ids per token of `tokens` into `out` (cleared first).
pub fn extract(tokens: &[String], res: &Resources, bits: u32, out: &mut Vec<u32>) {
    out.clear();
    let forms: Vec<String> = tokens.iter().map(|t| fold_apostrophes(t)).collect();
    let gaz = res.gazetteer_codes(&forms);
    let infos: Vec<TokenInfo> = forms
        .into_iter()
        .zip(gaz)
        .enumerate()
        .map(|(i, (form, gaz))| {
            let lower = normalize_word(&form);
            let first = form.chars().next();
            let cap = first.is_some_and(char::is_uppercase);
            let all_caps =
                form.chars().any(char::is_alphabetic) && !form.chars().any(char::is_lowercase);
            let flags = u8::from(cap)
                | u8::from(i == 0) << 1
                | u8::from(all_caps) << 2
                | u8::from(form.contains('-')) << 3
                | u8::from(form.chars().any(|c| c.is_ascii_digit())) << 4
                | u8::from(form.contains('\'')) << 5;
            TokenInfo {
                cluster: res.cluster(&form, &lower),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("Jean-Yves"), "Xxx-Xxx");
        assert_eq!(shape("250.000"), "dd.dd");
        assert_eq!(suffix("russe", 3), "sse");
        assert_eq!(prefix("été", 2), "ét");
        assert_eq!(suffix("a", 3), "a");
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
