//! The UPOS tagger: a greedy left-to-right averaged perceptron that sees the word, its
//! neighbours two either side, affixes, shape and the two tags it has just given.
//!
//! Greedy decoding rather than Viterbi: with the previous two tags as features the greedy
//! tagger is as accurate as a first-order Viterbi one in published comparisons (Honnibal's
//! "A good part-of-speech tagger in about 200 lines"), and it costs one score per word.

use super::clusters::{lower_key, Clusters};
use super::tagdict::{TagDict, MAX_TAGS};
use super::weights::{hash_str, mix, Scorer, Training};

/// What the tagger, the FEATS classifier and the parser read of one word, hashed once per
/// sentence.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// Lower-cased form, digits as 0.
    pub lower: u64,
    /// The form as written.
    pub exact: u64,
    /// Suffixes of 1..=4 characters (of the lower form).
    pub suf: [u64; 4],
    /// Prefixes of 1..=2 characters.
    pub pre: [u64; 2],
    pub shape: u64,
    /// Fine and coarse word clusters (see [`Clusters`]).
    pub fine: u64,
    pub coarse: u64,
    /// The word's ambiguity class: the tags it had in training (see [`TagDict`]).
    pub amb: u64,
    /// How often the word was seen in training (a bucket, see [`TagDict`]).
    pub seen: u64,
}

const PAD_BEFORE: u64 = 0x5354_4152_5430_0001;
const PAD_AFTER: u64 = 0x454e_4430_0000_0002;

impl WordInfo {
    /// `buf` is scratch space, kept between words to save allocations.
    pub fn new(form: &str, clusters: &Clusters, tags: &TagDict, buf: &mut String) -> WordInfo {
        let mut w = WordInfo::hashed(form, buf);
        w.find_clusters(clusters);
        w.find_class(tags);
        w
    }

    /// Everything but the clusters, which [`WordInfo::find_clusters`] adds.
    fn hashed(form: &str, buf: &mut String) -> WordInfo {
        lower_key(form, buf);
        let lower: &str = buf;
        let whole = hash_str(lower);
        // Suffixes: the last k characters, the whole form when it is shorter.
        let mut suf = [0u64; 4];
        let mut starts = lower.char_indices().rev().map(|(i, _)| i);
        let mut last = 0;
        for (k, s) in suf.iter_mut().enumerate() {
            let h = match starts.next() {
                Some(i) => {
                    last = i;
                    hash_str(&lower[i..])
                }
                None => hash_str(&lower[last..]),
            };
            *s = mix(k as u64 + 1, h);
        }
        let mut pre = [0u64; 2];
        let mut ends = lower.char_indices().map(|(i, c)| i + c.len_utf8());
        for (k, p) in pre.iter_mut().enumerate() {
            let to = ends.next().unwrap_or(lower.len());
            *p = mix(k as u64 + 11, hash_str(&lower[..to]));
            if to == lower.len() {
                // Shorter than the prefix: the rest are the whole form too.
                for q in pre.iter_mut().skip(k + 1) {
                    *q = mix(k as u64 + 12, whole);
                }
                break;
            }
        }
        WordInfo {
            lower: whole,
            exact: hash_str(form),
            suf,
            pre,
            shape: shape_hash(form),
            fine: 0,
            coarse: 0,
            amb: 0,
            seen: 0,
        }
    }

    fn find_clusters(&mut self, clusters: &Clusters) {
        let (fine, coarse) = clusters.get(self.exact, self.lower);
        self.fine = fine as u64 | 0x0f1e_0000;
        self.coarse = coarse as u64 | 0x0c0a_0000;
    }

    /// Sets the ambiguity class from a tag dictionary (training uses one per fold).
    pub fn find_class(&mut self, tags: &TagDict) {
        let class = tags.get(self.lower);
        self.amb = (class & ((1 << MAX_TAGS) - 1)) as u64 | 0xa3b0_0000_0000;
        self.seen = (class >> MAX_TAGS) as u64 | 0x5ee0_0000;
    }

    fn pad(v: u64) -> WordInfo {
        WordInfo {
            lower: v,
            exact: v,
            suf: [v; 4],
            pre: [v; 2],
            shape: v,
            fine: v,
            coarse: v,
            amb: v,
            seen: v,
        }
    }
}

/// The FNV-1a hash of the [`shape`] of a form, without building the string.
pub fn shape_hash(form: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars() {
        let k = shape_class(c);
        if k == last {
            run += 1;
        } else {
            run = 1;
            last = k;
        }
        if run <= 2 {
            let mut b = [0u8; 4];
            for &x in k.encode_utf8(&mut b).as_bytes() {
                h ^= x as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    h
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// "Macron" → "Xx", "2015" → "dd", "COP21" → "XXdd", "-" → "-": classes of characters, a run
/// of the same class written at most twice.
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars() {
        let k = shape_class(c);
        if k == last {
            run += 1;
        } else {
            run = 1;
            last = k;
        }
        if run <= 2 {
            out.push(k);
        }
    }
    out
}

/// Hashes every word of a sentence and finds its clusters and ambiguity class.
pub fn infos(forms: &[&str], clusters: &Clusters, tags: &TagDict) -> Vec<WordInfo> {
    let mut buf = String::with_capacity(32);
    let mut words: Vec<WordInfo> = forms
        .iter()
        .map(|f| WordInfo::hashed(f, &mut buf))
        .collect();
    // The cluster lookups (a table of hundreds of thousands of words: a cache miss or two
    // each) in a loop of their own, where the processor runs several at once.
    for w in &mut words {
        w.find_clusters(clusters);
        w.find_class(tags);
    }
    words
}

/// The features of word `i` given the two tags before it (`NONE_TAG` where there is none).
pub fn features(words: &[WordInfo], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> WordInfo {
        let j = i as isize + k;
        if j < 0 {
            WordInfo::pad(PAD_BEFORE)
        } else if j as usize >= words.len() {
            WordInfo::pad(PAD_AFTER)
        } else {
            words[j as usize]
        }
    };
    let w = at(0);
    let (l1, l2, r1, r2) = (at(-1), at(-2), at(1), at(2));
    let f = |t: u64, x: u64| mix(mix(t, x), 0x7a);
    out.push(f(0, 0));
    out.push(f(1, w.lower));
    out.push(f(2, l1.lower));
    out.push(f(3, r1.lower));
    out.push(f(4, l2.lower));
    out.push(f(5, r2.lower));
    for k in 0..4 {
        out.push(f(6 + k as u64, w.suf[k]));
    }
    out.push(f(10, w.pre[0]));
    out.push(f(11, w.pre[1]));
    out.push(f(12, w.shape));
    out.push(f(13, p1));
    out.push(f(14, mix(p1, p2)));
    out.push(f(15, mix(p1, w.lower)));
    out.push(f(16, l1.suf[2]));
    out.push(f(17, r1.suf[2]));
    out.push(f(18, mix(l1.lower, w.lower)));
    out.push(f(19, mix(w.lower, r1.lower)));
    out.push(f(20, r1.shape));
    out.push(f(21, mix((i == 0) as u64, w.shape)));
    out.push(f(22, w.exact));
    out.push(f(23, mix(p1, w.suf[2])));
    out.push(f(24, mix(r1.lower, r2.lower)));
    out.push(f(25, w.coarse));
    out.push(f(26, w.fine));
    out.push(f(27, l1.coarse));
    out.push(f(28, r1.coarse));
    out.push(f(29, r2.coarse));
    out.push(f(30, mix(p1, w.coarse)));
    out.push(f(31, mix(w.coarse, r1.coarse)));
    out.push(f(32, r1.fine));
    out.push(f(33, mix(p1, r1.coarse)));
    out.push(f(34, mix(l1.coarse, w.coarse)));
    out.push(f(35, l2.coarse));
    out.push(f(36, mix(w.suf[2], r1.coarse)));
    out.push(f(37, mix(mix(p1, p2), w.coarse)));
    out.push(f(38, l1.fine));
    out.push(f(39, mix(l1.lower, w.suf[2])));
    out.push(f(40, mix(w.lower, r1.coarse)));
    out.push(f(41, mix(w.shape, r1.shape)));
    out.push(f(42, r1.suf[1]));
    out.push(f(43, mix(w.suf[3], r1.lower)));
    // Ambiguity classes: the right context's stand in for the tags not yet given.
    out.push(f(44, w.amb));
    out.push(f(45, r1.amb));
    out.push(f(46, mix(w.amb, r1.amb)));
    out.push(f(47, mix(p1, w.amb)));
    out.push(f(48, r2.amb));
    out.push(f(49, mix(mix(p1, w.amb), r1.amb)));
    out.push(f(50, mix(w.amb, w.suf[2])));
    // A class learned from one occurrence is trusted less than one learned from hundreds.
    out.push(f(51, mix(w.amb, w.seen)));
    out.push(f(52, mix(mix(p1, w.amb), w.seen)));
}

/// The value standing for "no tag" before the sentence.
pub const NONE_TAG: u64 = 0xffff;

/// Tags one sentence greedily; returns tag indices.
pub fn tag<S: Scorer>(table: &S, words: &[WordInfo]) -> Vec<usize> {
    let c = table.classes();
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; c];
    let mut tags = Vec::with_capacity(words.len());
    for i in 0..words.len() {
        let p1 = if i >= 1 { tags[i - 1] as u64 } else { NONE_TAG };
        let p2 = if i >= 2 { tags[i - 2] as u64 } else { NONE_TAG };
        features(words, i, p1, p2, &mut feats);
        table.score(&feats, &mut scores);
        tags.push(argmax(&scores));
    }
    tags
}

pub fn argmax(xs: &[f32]) -> usize {
    let mut best = 0;
    for (k, &x) in xs.iter().enumerate() {
        if x > xs[best] {
            best = k;
        }
    }
    best
}

/// One training pass over one sentence: tags greedily with the current weights and updates
/// where the tag is wrong. Returns how many words were right.
pub fn train_sentence(table: &mut Training, words: &[WordInfo], gold: &[usize]) -> usize {
    let c = table.classes;
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; c];
    let mut tags: Vec<usize> = Vec::with_capacity(words.len());
    let mut right = 0;
    for i in 0..words.len() {
        let p1 = if i >= 1 { tags[i - 1] as u64 } else { NONE_TAG };
        let p2 = if i >= 2 { tags[i - 2] as u64 } else { NONE_TAG };
        features(words, i, p1, p2, &mut feats);
        table.score(&feats, &mut scores);
        let guess = argmax(&scores);
        table.tick();
        if guess != gold[i] {
            table.update(&feats, gold[i], 1.0);
            table.update(&feats, guess, -1.0);
        } else {
            right += 1;
        }
        tags.push(guess);
    }
    right
}
