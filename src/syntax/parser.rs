//! The dependency parser: arc-hybrid transitions (Kuhlmann et al. 2011) scored by an averaged
//! perceptron, trained with the dynamic oracle of Goldberg & Nivre (2013); the relation of each
//! arc is chosen by a second perceptron, the labeller, when the arc is made.
//!
//! Configuration: a stack with the root (word 0) at its bottom, a buffer of words `b..=n`.
//! SHIFT pushes `b`; LEFT makes `b` the head of the stack top `s0` and pops it; RIGHT makes
//! `s1` the head of `s0` and pops it. RIGHT onto the root is allowed only once the buffer is
//! empty, so exactly one word hangs from the root and every output is a tree.
//!
//! Why arc-hybrid with a dynamic oracle: the oracle gives, in any configuration, the
//! transitions that lose the fewest gold arcs, so training can follow the parser's own
//! mistakes (exploration) and learn to recover from them; the greedy parser stays linear in
//! the sentence length. Why a separate labeller: the transition scorer then has three classes
//! instead of 2 × 60 + 1, which keeps its table small and fast; the labeller, split by the
//! dependent's UPOS ([`Split`]: punctuation is always `punct`), reads features
//! chosen for relations (the head, the dependent, its first child — often the preposition that
//! decides `obl:arg` or `nmod` —, direction and distance).

use super::split::{Choose, SplitTraining};
use super::tagger::WordInfo;
use super::weights::{hash_str, mix, Scorer, Training};

/// Label indices with a fixed role: `root` for the arc from word 0, `fallback` for a
/// dependent whose UPOS the labeller never saw.
#[derive(Debug, Clone, Copy)]
pub struct LabelIds {
    pub root: usize,
    pub fallback: usize,
    /// `nsubj` and `nsubj:pass` (`u16::MAX` where absent): a head has at most one subject.
    pub subjects: [u16; 2],
}

impl LabelIds {
    pub fn new(labels: &[String]) -> LabelIds {
        let root = labels.iter().position(|l| l == "root").unwrap_or(0);
        let fallback = labels.iter().position(|l| l == "dep").unwrap_or(root);
        let find = |name: &str| {
            labels
                .iter()
                .position(|l| l == name)
                .map_or(u16::MAX, |p| p as u16)
        };
        LabelIds {
            root,
            fallback,
            subjects: [find("nsubj"), find("nsubj:pass")],
        }
    }
}

pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;

const NONE: usize = usize::MAX;
const NO_WORD: (u64, u64) = (0x6e6f_6e65, 0x6e6f_6e65);
const ROOT_WORD: (u64, u64) = (0x726f_6f74, 0x726f_6f74);
/// The label value of "no child" in features.
const NO_LABEL: u64 = 0xfff;

/// A sentence as the parser reads it: words (1-based; index 0 is the root), their tags and
/// the keys of their lemmas ([`lemma_key`]).
pub struct Input<'a> {
    pub words: &'a [WordInfo],
    pub tags: &'a [usize],
    pub lemmas: &'a [u64],
}

/// The feature value of a lemma.
pub fn lemma_key(lemma: &str) -> u64 {
    mix(hash_str(lemma), 0x1e44)
}

/// The lemma key of word `i` (a fixed value for none and for the root).
fn lemma(input: &Input<'_>, i: usize) -> u64 {
    match i {
        NONE => NO_WORD.0,
        0 => ROOT_WORD.0,
        i => input.lemmas[i - 1],
    }
}

struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    heads: Vec<usize>,
    labels: Vec<u64>,
    /// Two leftmost and two rightmost children of each node, nearest-to-edge first.
    left: Vec<[usize; 2]>,
    right: Vec<[usize; 2]>,
    nleft: Vec<u64>,
    nright: Vec<u64>,
    /// The relations of each node's left and right children, one bit per label (a hash of
    /// the set: Zhang & Nivre's label-set features).
    lset: Vec<u64>,
    rset: Vec<u64>,
    in_stack: Vec<bool>,
    /// Whether each node has a subject among its dependents.
    has_subject: Vec<bool>,
}

impl State {
    fn new(n: usize) -> State {
        let mut in_stack = vec![false; n + 1];
        in_stack[0] = true;
        State {
            n,
            stack: vec![0],
            b: 1,
            heads: vec![NONE; n + 1],
            labels: vec![NO_LABEL; n + 1],
            left: vec![[NONE; 2]; n + 1],
            right: vec![[NONE; 2]; n + 1],
            nleft: vec![0; n + 1],
            nright: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
            in_stack,
            has_subject: vec![false; n + 1],
        }
    }

    fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    fn s(&self, k: usize) -> usize {
        let l = self.stack.len();
        if k < l {
            self.stack[l - 1 - k]
        } else {
            NONE
        }
    }

    fn valid(&self) -> [bool; 3] {
        let buffer = self.b <= self.n;
        let l = self.stack.len();
        [buffer, buffer && l >= 2, l >= 3 || (l == 2 && !buffer)]
    }

    fn apply(&mut self, t: usize, label: u64, ids: LabelIds) {
        match t {
            SHIFT => {
                self.stack.push(self.b);
                self.in_stack[self.b] = true;
                self.b += 1;
            }
            _ => {
                let d = self.stack.pop().expect("LEFT/RIGHT need a stack");
                self.in_stack[d] = false;
                let h = if t == LEFT {
                    self.b
                } else {
                    *self.stack.last().expect("RIGHT needs s1")
                };
                self.heads[d] = h;
                self.labels[d] = label;
                if ids.subjects.iter().any(|&s| s as u64 == label) {
                    self.has_subject[h] = true;
                }
                if d < h {
                    let l = &mut self.left[h];
                    // Arcs to the left of h are made nearest first, so a new one is leftmost.
                    *l = [d, l[0]];
                    self.nleft[h] += 1;
                    self.lset[h] |= 1u64.rotate_left(label as u32);
                } else {
                    let r = &mut self.right[h];
                    *r = [d, r[0]];
                    self.nright[h] += 1;
                    self.rset[h] |= 1u64.rotate_left(label as u32);
                }
            }
        }
    }

    /// Gold arcs lost by each transition (Goldberg & Nivre 2013, arc-hybrid); `u32::MAX` for
    /// invalid ones.
    fn costs(&self, gold: &[usize]) -> [u32; 3] {
        let valid = self.valid();
        let mut c = [u32::MAX; 3];
        let s0 = self.s(0);
        let s1 = self.s(1);
        let b = self.b;
        let deps_in_buffer = |x: usize| (b..=self.n).filter(|&d| gold[d] == x).count() as u32;
        if valid[SHIFT] {
            let h = gold[b];
            let mut k = (self.in_stack[h] && h != s0) as u32;
            k += self
                .stack
                .iter()
                .filter(|&&d| d != 0 && gold[d] == b)
                .count() as u32;
            c[SHIFT] = k;
        }
        if valid[LEFT] {
            let h = gold[s0];
            let lost = h != b && (h == s1 || (h > b && h <= self.n));
            c[LEFT] = lost as u32 + deps_in_buffer(s0);
        }
        if valid[RIGHT] {
            let h = gold[s0];
            let lost = h >= b && h <= self.n;
            c[RIGHT] = lost as u32 + deps_in_buffer(s0);
        }
        c
    }
}

fn word(input: &Input<'_>, i: usize) -> (u64, u64) {
    match i {
        NONE => NO_WORD,
        0 => ROOT_WORD,
        i => (input.words[i - 1].lower, input.tags[i - 1] as u64 + 1),
    }
}

/// The (fine, coarse) clusters of word `i`.
fn clusters(input: &Input<'_>, i: usize) -> (u64, u64) {
    match i {
        NONE => NO_WORD,
        0 => ROOT_WORD,
        i => (input.words[i - 1].fine, input.words[i - 1].coarse),
    }
}

fn label_of(st: &State, i: usize) -> u64 {
    if i == NONE {
        NO_LABEL + 1
    } else {
        st.labels[i]
    }
}

fn dist(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return 99;
    }
    let d = a.abs_diff(b);
    match d {
        0..=4 => d as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// The transition features of a configuration.
fn features(st: &State, input: &Input<'_>, out: &mut Vec<u64>) {
    out.clear();
    let s0 = st.s(0);
    let s1 = st.s(1);
    let s2 = st.s(2);
    let b0 = if st.b <= st.n { st.b } else { NONE };
    let b1 = if st.b < st.n { st.b + 1 } else { NONE };
    let b2 = if st.b + 1 < st.n { st.b + 2 } else { NONE };
    let child = |v: &Vec<[usize; 2]>, i: usize, k: usize| if i == NONE { NONE } else { v[i][k] };
    let s0l = child(&st.left, s0, 0);
    let s0l2 = child(&st.left, s0, 1);
    let s0r = child(&st.right, s0, 0);
    let s0r2 = child(&st.right, s0, 1);
    let s1l = child(&st.left, s1, 0);
    let s1r = child(&st.right, s1, 0);
    let s1r2 = child(&st.right, s1, 1);
    let b0l = child(&st.left, b0, 0);
    let b0l2 = child(&st.left, b0, 1);
    let (s0w, s0t) = word(input, s0);
    let (s1w, s1t) = word(input, s1);
    let (s2w, s2t) = word(input, s2);
    let (b0w, b0t) = word(input, b0);
    let (b1w, b1t) = word(input, b1);
    let (_, b2t) = word(input, b2);
    let (s0lw, s0lt) = word(input, s0l);
    let (_, s0l2t) = word(input, s0l2);
    let (s0rw, s0rt) = word(input, s0r);
    let (_, s0r2t) = word(input, s0r2);
    let (_, s1lt) = word(input, s1l);
    let (_, s1rt) = word(input, s1r);
    let (_, s1r2t) = word(input, s1r2);
    let (b0lw, b0lt) = word(input, b0l);
    let (_, b0l2t) = word(input, b0l2);
    let nl = |i: usize| if i == NONE { 99 } else { st.nleft[i].min(6) };
    let nr = |i: usize| if i == NONE { 99 } else { st.nright[i].min(6) };
    let d01 = dist(s0, b0);
    let d10 = dist(s1, s0);
    let mut t = 0u64;
    let mut f = |vals: &[u64]| {
        t += 1;
        let mut h = mix(0x9a, t);
        for &v in vals {
            h = mix(h, v);
        }
        out.push(h);
    };
    // Single positions.
    f(&[s0w]);
    f(&[s0t]);
    f(&[s0w, s0t]);
    f(&[s1w]);
    f(&[s1t]);
    f(&[s1w, s1t]);
    f(&[b0w]);
    f(&[b0t]);
    f(&[b0w, b0t]);
    f(&[b1w]);
    f(&[b1t]);
    f(&[b1w, b1t]);
    f(&[b2t]);
    f(&[s2t]);
    f(&[s2w, s2t]);
    // Pairs.
    f(&[s0w, s0t, b0w, b0t]);
    f(&[s0w, s0t, b0w]);
    f(&[s0w, b0w, b0t]);
    f(&[s0w, s0t, b0t]);
    f(&[s0t, b0w, b0t]);
    f(&[s0w, b0w]);
    f(&[s0t, b0t]);
    f(&[b0t, b1t]);
    f(&[b0w, b1w]);
    f(&[s1w, s1t, s0w, s0t]);
    f(&[s1w, s0w]);
    f(&[s1t, s0t]);
    f(&[s1t, s0w]);
    f(&[s1w, s0t]);
    f(&[s1w, s1t, s0t]);
    f(&[s1t, s0w, s0t]);
    f(&[s1t, b0t]);
    f(&[s1w, b0w]);
    // Triples of tags.
    f(&[b0t, b1t, b2t]);
    f(&[s0t, b0t, b1t]);
    f(&[s1t, s0t, b0t]);
    f(&[s2t, s1t, s0t]);
    f(&[s1t, s0t, b1t]);
    f(&[s0w, b0t, b1t]);
    f(&[s0t, b0w, b1t]);
    // Children.
    f(&[s0t, s0lt, b0t]);
    f(&[s0t, s0rt, b0t]);
    f(&[s0t, b0t, b0lt]);
    f(&[s1t, s0t, s0lt]);
    f(&[s1t, s0t, s0rt]);
    f(&[s1t, s1rt, s0t]);
    f(&[s1t, s1lt, s0t]);
    f(&[s0t, s0lt, s0l2t]);
    f(&[s0t, s0rt, s0r2t]);
    f(&[b0t, b0lt, b0l2t]);
    f(&[s1t, s1rt, s1r2t]);
    f(&[s0w, s0lw]);
    f(&[s0w, s0rw]);
    f(&[b0w, b0lw]);
    f(&[s0lw, b0t]);
    // Distance.
    f(&[s0w, d01]);
    f(&[s0t, d01]);
    f(&[b0w, d01]);
    f(&[b0t, d01]);
    f(&[s0t, b0t, d01]);
    f(&[s0w, b0w, d01]);
    f(&[s1t, s0t, d10]);
    f(&[s1w, d10]);
    f(&[s0w, d10]);
    // Valency.
    f(&[s0w, nl(s0)]);
    f(&[s0t, nl(s0)]);
    f(&[s0w, nr(s0)]);
    f(&[s0t, nr(s0)]);
    f(&[s1w, nr(s1)]);
    f(&[s1t, nr(s1)]);
    f(&[s1t, nl(s1)]);
    f(&[b0w, nl(b0)]);
    f(&[b0t, nl(b0)]);
    // Labels of children.
    let (s0ll, s0rl) = (label_of(st, s0l), label_of(st, s0r));
    f(&[s0w, s0ll]);
    f(&[s0t, s0ll]);
    f(&[s0w, s0rl]);
    f(&[s0t, s0rl]);
    f(&[s0t, s0ll, label_of(st, s0l2)]);
    f(&[s0t, s0rl, label_of(st, s0r2)]);
    f(&[b0w, label_of(st, b0l)]);
    f(&[b0t, label_of(st, b0l)]);
    f(&[b0t, label_of(st, b0l), label_of(st, b0l2)]);
    f(&[s1t, label_of(st, s1r)]);
    f(&[s1t, label_of(st, s1l)]);
    f(&[s1w, label_of(st, s1r)]);
    f(&[s0t, s0rl, b0t]);
    f(&[s0t, s0ll, b0t]);
    // Label sets.
    let set = |v: &Vec<u64>, i: usize| if i == NONE { 1 << 63 } else { v[i] };
    f(&[s0t, set(&st.lset, s0)]);
    f(&[s0t, set(&st.rset, s0)]);
    f(&[b0t, set(&st.lset, b0)]);
    f(&[s1t, set(&st.rset, s1)]);
    f(&[s0w, set(&st.lset, s0), set(&st.rset, s0)]);
    // Clusters.
    let (s0f, s0c) = clusters(input, s0);
    let (s1f, s1c) = clusters(input, s1);
    let (b0f, b0c) = clusters(input, b0);
    let (_, b1c) = clusters(input, b1);
    f(&[s0c, s0t]);
    f(&[b0c, b0t]);
    f(&[s1c, s1t]);
    f(&[b1c, b1t]);
    f(&[s0f]);
    f(&[b0f]);
    f(&[s1f]);
    f(&[s0c, b0c]);
    f(&[s0c, b0t]);
    f(&[s0t, b0c]);
    f(&[s1c, s0c]);
    f(&[s1c, s0t]);
    f(&[s1t, s0c]);
    f(&[s0c, b0c, d01]);
    f(&[s0f, b0t]);
    f(&[s0t, b0f]);
    f(&[s1c, b0c]);
    // The words just after s0 and just before b0 in the sentence (punctuation, a
    // conjunction between them decides much).
    let after = if s0 != NONE && s0 + 1 < st.b {
        s0 + 1
    } else {
        NONE
    };
    let before = if b0 != NONE && b0 >= 1 && b0 - 1 > s0.min(b0) {
        b0 - 1
    } else {
        NONE
    };
    let (aw, at) = word(input, after);
    let (bw, bt) = word(input, before);
    f(&[s0t, at, b0t]);
    f(&[s0t, bt, b0t]);
    f(&[aw, s0t]);
    f(&[bw, b0t]);
    f(&[s0t, at, bt, b0t]);
}

/// The labeller's features for the arc `head → dep` about to be made. The labeller keeps one
/// table per dependent UPOS, so a template of the dependent's tag with other values would
/// repeat the template of those values alone: there is none.
fn label_features(st: &State, input: &Input<'_>, head: usize, dep: usize, out: &mut Vec<u64>) {
    out.clear();
    let dir = (head < dep) as u64;
    let (hw, ht) = word(input, head);
    let (dw, dt) = word(input, dep);
    let dsuf = if dep == NONE || dep == 0 {
        0
    } else {
        input.words[dep - 1].suf[2]
    };
    let dl = st.left[dep][0];
    let dr = st.right[dep][0];
    let (dlw, dlt) = word(input, dl);
    let (_, drt) = word(input, dr);
    let hl = if head == NONE { NONE } else { st.left[head][0] };
    let hr = if head == NONE {
        NONE
    } else {
        st.right[head][0]
    };
    let hll = label_of(st, hl);
    let hrl = label_of(st, hr);
    let d = dist(head, dep);
    let before = if dep >= 2 { dep - 1 } else { NONE };
    let (bw, bt) = word(input, before);
    let mut t = 0u64;
    let mut f = |vals: &[u64]| {
        t += 1;
        let mut h = mix(mix(0x1a, t), dir);
        for &v in vals {
            h = mix(h, v);
        }
        out.push(h);
    };
    f(&[]);
    f(&[hw]);
    f(&[ht]);
    f(&[dw]);
    f(&[ht, dw]);
    f(&[hw, dw]);
    f(&[ht, dt, d]);
    f(&[dsuf]);
    f(&[dsuf, ht]);
    f(&[dt, dlt]);
    f(&[dt, label_of(st, dl)]);
    f(&[dt, drt]);
    f(&[dlw]);
    f(&[dlw, hw]);
    f(&[dlw, ht]);
    f(&[dlw, dw]);
    f(&[ht, hll]);
    f(&[ht, hrl]);
    f(&[dt, st.nleft[dep].min(4), st.nright[dep].min(4)]);
    f(&[bw, dt]);
    f(&[bt, dt, ht]);
    f(&[hw, dlw, dt]);
    f(&[dw, d]);
    let (hf, hc) = clusters(input, head);
    let (df, dc) = clusters(input, dep);
    f(&[hc]);
    f(&[dc]);
    f(&[hf]);
    f(&[df]);
    f(&[hc, dc]);
    f(&[ht, dc]);
    f(&[df, ht]);
    f(&[dlw, dc]);
    // The dependent's children are all attached: the relations among them decide much
    // ("mark" makes advcl or ccomp, "cop" a predicate, "case" an oblique or a modifier).
    let (ls, rs) = if dep == NONE || dep == 0 {
        (0, 0)
    } else {
        (st.lset[dep], st.rset[dep])
    };
    f(&[dt, ls]);
    f(&[dt, rs]);
    f(&[ht, dt, ls]);
    f(&[ht, dt, rs]);
    f(&[dw, ls]);
    // The head's lemma: verbs choose their arguments (obl:arg) by lemma, whatever the form.
    let hl = lemma(input, head);
    f(&[hl]);
    f(&[hl, dlw]);
    f(&[hl, dt, dlw]);
    f(&[hl, lemma(input, dep)]);
}

/// Heads (0 for the root) and label indices of one sentence.
pub fn parse<P: Scorer, L: Choose>(
    trans: &P,
    labeller: &L,
    ids: LabelIds,
    input: &Input<'_>,
) -> (Vec<usize>, Vec<usize>) {
    let n = input.words.len();
    let mut st = State::new(n);
    let mut feats = Vec::with_capacity(128);
    let mut scores = [0f32; 3];
    let mut lscores = Vec::new();
    while !st.terminal() {
        features(&st, input, &mut feats);
        trans.score(&feats, &mut scores);
        let valid = st.valid();
        let t = best_valid(&scores, &valid);
        let label = arc_label(&st, input, t, labeller, ids, &mut feats, &mut lscores);
        st.apply(t, label, ids);
    }
    let heads = st.heads[1..].to_vec();
    let labels = st.labels[1..].iter().map(|&l| l as usize).collect();
    (heads, labels)
}

fn best_valid(scores: &[f32; 3], valid: &[bool; 3]) -> usize {
    let mut best = NONE;
    for k in 0..3 {
        if valid[k] && (best == NONE || scores[k] > scores[best]) {
            best = k;
        }
    }
    best
}

/// The head and dependent of the arc transition `t` would make.
fn arc(st: &State, t: usize) -> (usize, usize) {
    match t {
        LEFT => (st.b, st.s(0)),
        _ => (st.s(1), st.s(0)),
    }
}

fn arc_label<L: Choose>(
    st: &State,
    input: &Input<'_>,
    t: usize,
    labeller: &L,
    ids: LabelIds,
    feats: &mut Vec<u64>,
    lscores: &mut Vec<f32>,
) -> u64 {
    if t == SHIFT {
        return NO_LABEL;
    }
    let (h, d) = arc(st, t);
    if h == 0 {
        return ids.root as u64;
    }
    let fill = |f: &mut Vec<u64>| label_features(st, input, h, d, f);
    // A head that has its subject takes no second one.
    let barred: &[u16] = if st.has_subject[h] {
        &ids.subjects
    } else {
        &[]
    };
    labeller
        .choose(input.tags[d - 1], feats, lscores, barred, fill)
        .map_or(ids.fallback, |l| l as usize) as u64
}

/// Small deterministic generator for exploration (SplitMix64).
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One training pass over one sentence with the dynamic oracle. `gold_heads[i]` and
/// `gold_labels[i]` are word `i + 1`'s. With `explore`, the parser follows its own (valid)
/// prediction with probability 0.9 even when it loses arcs. Returns (transitions right, all).
#[allow(clippy::too_many_arguments)]
pub fn train_sentence(
    trans: &mut Training,
    labeller: &mut SplitTraining,
    ids: LabelIds,
    input: &Input<'_>,
    gold_heads: &[usize],
    gold_labels: &[usize],
    explore: bool,
    rng: &mut Rng,
) -> (usize, usize) {
    let n = input.words.len();
    let mut gold = vec![0usize; n + 1];
    gold[1..].copy_from_slice(gold_heads);
    let mut st = State::new(n);
    let mut feats = Vec::with_capacity(96);
    let mut lfeats = Vec::with_capacity(32);
    let mut scores = [0f32; 3];
    let mut lscores = Vec::new();
    let (mut right, mut all) = (0, 0);
    while !st.terminal() {
        features(&st, input, &mut feats);
        trans.score(&feats, &mut scores);
        let valid = st.valid();
        let pred = best_valid(&scores, &valid);
        let costs = st.costs(&gold);
        let min = *costs.iter().min().expect("three costs");
        let mut best = NONE;
        for k in 0..3 {
            if costs[k] == min && (best == NONE || scores[k] > scores[best]) {
                best = k;
            }
        }
        trans.tick();
        all += 1;
        if costs[pred] > min {
            trans.update(&feats, best, 1.0);
            trans.update(&feats, pred, -1.0);
        } else {
            right += 1;
        }
        // Follow the prediction when it loses nothing more, or (exploring) nine times in ten.
        let t = if costs[pred] == min || (explore && rng.unit() < 0.9) {
            pred
        } else {
            best
        };
        let label = match t {
            SHIFT => NO_LABEL,
            _ => {
                let (h, d) = arc(&st, t);
                if h == 0 {
                    ids.root as u64
                } else if gold[d] == h {
                    // A gold arc: the labeller learns its relation.
                    let g = gold_labels[d - 1];
                    let fill = |f: &mut Vec<u64>| label_features(&st, input, h, d, f);
                    labeller.learn(input.tags[d - 1], g as u16, &mut lfeats, &mut lscores, fill);
                    g as u64
                } else {
                    arc_label(&st, input, t, &*labeller, ids, &mut lfeats, &mut lscores)
                }
            }
        };
        st.apply(t, label, ids);
    }
    (right, all)
}
