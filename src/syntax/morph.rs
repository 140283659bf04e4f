//! Universal morphological features (FEATS): one averaged perceptron per UPOS, whose classes
//! are the whole `Feat=Value|…` strings seen with that UPOS in training (UD order, as the
//! treebanks write them), plus a lexicon of frequent words that always had the same features.
//!
//! Why whole strings per UPOS rather than one classifier per feature: the strings seen with a
//! UPOS are few (a verb has about a hundred, a noun thirty, an adposition one), the output is
//! always a combination the treebanks use, and the UPOS tagger has already split the problem,
//! so each table stays small and a word costs one short score (none for a lexicon word or a
//! UPOS with a single string). Features: the word, its affixes and clusters, the words and
//! tags around it (agreement shows in "les", "des", "a", "ont" next to the word).

use super::split::{Choose, Split, SplitTraining};
use super::tagger::WordInfo;
use super::weights::{mix, write_string, Corrupt, Reader};
use rustc_hash::FxHashMap;

/// The trained FEATS predictor.
#[derive(Debug, Clone, Default)]
pub struct Morph {
    /// Every FEATS string; index 0 is `_`.
    names: Vec<String>,
    /// Keyed by UPOS; classes index `names`.
    split: Split,
    /// (lower form hash, UPOS) → index into `names`, for words whose features never varied.
    lexicon: FxHashMap<(u64, u16), u16>,
}

const PAD: u64 = 0x6d6f_7270_6870_6164;

/// The features of word `i` given the sentence's tags.
pub fn features(words: &[WordInfo], tags: &[usize], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = &words[i];
    let word = |k: isize| -> (u64, u64, u64) {
        let j = i as isize + k;
        if j < 0 || j as usize >= words.len() {
            (PAD, PAD, PAD.wrapping_add(k as u64))
        } else {
            let x = &words[j as usize];
            (x.lower, x.suf[1], tags[j as usize] as u64)
        }
    };
    let (l1, l1s, l1t) = word(-1);
    let (l2, _, l2t) = word(-2);
    let (r1, r1s, r1t) = word(1);
    let (r2, _, r2t) = word(2);
    let mut t = 0u64;
    let mut f = |vals: &[u64]| {
        t += 1;
        let mut h = mix(0x3f, t);
        for &v in vals {
            h = mix(h, v);
        }
        out.push(h);
    };
    f(&[]);
    f(&[w.lower]);
    f(&[w.exact]);
    for s in w.suf {
        f(&[s]);
    }
    f(&[w.pre[0]]);
    f(&[w.shape]);
    f(&[w.fine]);
    f(&[w.coarse]);
    f(&[l1]);
    f(&[r1]);
    f(&[l2]);
    f(&[r2]);
    f(&[l1t]);
    f(&[r1t]);
    f(&[l1t, l2t]);
    f(&[r1t, r2t]);
    f(&[l1, w.suf[1]]);
    f(&[l1s, w.suf[1]]);
    f(&[r1s, w.suf[1]]);
    f(&[l1t, w.suf[2]]);
    f(&[l2, l1t]);
    f(&[r1, r1t]);
}

impl Morph {
    /// The FEATS string of word `i`, tagged `tags[i]`.
    pub fn predict(
        &self,
        words: &[WordInfo],
        tags: &[usize],
        i: usize,
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
    ) -> &str {
        let t = tags[i];
        let class = match self.lexicon.get(&(words[i].lower, t as u16)) {
            Some(&c) => c,
            None => self
                .split
                .choose(t, feats, scores, &[], |f| features(words, tags, i, f))
                .unwrap_or(0),
        };
        self.names.get(class as usize).map_or("_", String::as_str)
    }

    /// How many UPOS tags it knows.
    pub fn upos_count(&self) -> usize {
        self.split.keys()
    }

    /// How many FEATS strings, lexicon entries, and weight rows.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.names.len(), self.lexicon.len(), self.split.rows())
    }

    /// Format: the names (u32 count, strings); the classifier ([`Split::write`]); the lexicon
    /// (u32 count, then u64 hash, u32 UPOS, u32 class each, sorted).
    pub fn write(&self, out: &mut Vec<u8>) {
        let u32s = |out: &mut Vec<u8>, x: usize| out.extend_from_slice(&(x as u32).to_le_bytes());
        u32s(out, self.names.len());
        for n in &self.names {
            write_string(out, n);
        }
        self.split.write(out);
        let mut lex: Vec<_> = self.lexicon.iter().collect();
        lex.sort();
        u32s(out, lex.len());
        for (&(h, t), &c) in lex {
            out.extend_from_slice(&h.to_le_bytes());
            u32s(out, t as usize);
            u32s(out, c as usize);
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Morph, Corrupt> {
        let n = r.u32()? as usize;
        if n == 0 || n > 65_535 {
            return Err(Corrupt);
        }
        let names = (0..n).map(|_| r.string()).collect::<Result<Vec<_>, _>>()?;
        let split = Split::read(r, n)?;
        let m = r.u32()? as usize;
        let mut lexicon = FxHashMap::default();
        lexicon.reserve(m.min(1 << 20));
        for _ in 0..m {
            let h = r.u64()?;
            let t = r.u32()?;
            let c = r.u32()?;
            if t as usize >= split.keys() || c as usize >= n {
                return Err(Corrupt);
            }
            lexicon.insert((h, t as u16), c as u16);
        }
        Ok(Morph {
            names,
            split,
            lexicon,
        })
    }
}

/// A lexicon word: seen this often, always with the same features.
const LEXICON_MIN: u32 = 3;

/// Trains the FEATS predictor from [`MorphExample`]s.
pub struct MorphTraining {
    names: Vec<String>,
    split: SplitTraining,
    lexicon: FxHashMap<(u64, u16), u16>,
}

/// One training sentence for [`MorphTraining`].
pub struct MorphExample<'a> {
    pub words: &'a [WordInfo],
    pub gold_tags: &'a [usize],
    /// Indices into the names given to [`MorphTraining::new`].
    pub gold_feats: &'a [u16],
    /// Predicted tags, as at run time, for the features.
    pub context_tags: &'a [usize],
}

impl MorphTraining {
    /// `names`: every FEATS string (`_` first); `upos`: the number of UPOS tags; `budget`:
    /// log2 of the weights each UPOS's table may hold.
    pub fn new(
        names: Vec<String>,
        upos: usize,
        examples: &[MorphExample<'_>],
        budget: u32,
    ) -> MorphTraining {
        let mut seen: Vec<Vec<u16>> = vec![Vec::new(); upos];
        let mut counts: FxHashMap<(u64, u16), FxHashMap<u16, u32>> = FxHashMap::default();
        for ex in examples {
            for i in 0..ex.words.len() {
                let (t, c) = (ex.gold_tags[i], ex.gold_feats[i]);
                seen[t].push(c);
                *counts
                    .entry((ex.words[i].lower, t as u16))
                    .or_default()
                    .entry(c)
                    .or_default() += 1;
            }
        }
        let lexicon = counts
            .into_iter()
            .filter_map(|(k, m)| {
                let (&c, &n) = m.iter().next()?;
                (m.len() == 1 && n >= LEXICON_MIN).then_some((k, c))
            })
            .collect();
        MorphTraining {
            names,
            split: SplitTraining::new(seen, budget),
            lexicon,
        }
    }

    /// One pass over the examples in `order`; returns the accuracy of the classifiers.
    pub fn epoch(&mut self, examples: &[MorphExample<'_>], order: &[usize]) -> f64 {
        let mut feats = Vec::with_capacity(32);
        let mut scores = Vec::new();
        let (mut right, mut all) = (0usize, 0usize);
        for &k in order {
            let ex = &examples[k];
            for i in 0..ex.words.len() {
                let fill = |f: &mut Vec<u64>| features(ex.words, ex.context_tags, i, f);
                let key = ex.gold_tags[i];
                if let Some(r) =
                    self.split
                        .learn(key, ex.gold_feats[i], &mut feats, &mut scores, fill)
                {
                    all += 1;
                    right += r as usize;
                }
            }
        }
        right as f64 / all.max(1) as f64
    }

    /// The averaged, packed predictor.
    pub fn packed(&self) -> Morph {
        Morph {
            names: self.names.clone(),
            split: self.split.packed(),
            lexicon: self.lexicon.clone(),
        }
    }
}
