//! The tagger's model: hashed feature weights per tag, tag-to-tag transition weights, and a
//! Viterbi decoder that only allows valid IOB2 sequences (an I-X follows a B-X or an I-X).
//!
//! File format (little endian): magic `DPNERv2\0`; u32 hash bits, u32 tag count, u32 template
//! count; u64 fingerprint of the cluster and gazetteer tables it was trained with; u32 length
//! and a JSON object describing the training (data, seed, epochs, dev F1); f32 weight scale;
//! f32 confidence temperature;
//! (tags + 1) × tags f32 transitions (the last row is the start); a bitmap of the buckets
//! that hold any weight; then, for each such bucket, one i16 per tag (weights quantised by
//! the scale). Unused buckets cost one bit, which keeps the shipped model small.

use super::conll::Tag;
use super::features::TEMPLATES;
use std::path::Path;

const MAGIC: &[u8; 8] = b"DPNERv2\0";

const NEG: f32 = f32::NEG_INFINITY;

/// The most tags the decoders' fixed-size arrays hold (the model has 9).
const MAX_TAGS: usize = 16;

/// log(sum(exp(x))) of a few values, as the forward-backward pass has always computed it:
/// the maximum, then the exponentials summed in order. `-inf` for no values.
#[inline]
fn lse(xs: &[f32]) -> f32 {
    let m = xs.iter().fold(NEG, |a, &b| a.max(b));
    if m == NEG {
        return NEG;
    }
    let mut sum = -0.0f32;
    for &x in xs {
        // exp(0) is 1 exactly: no need to call exp for the maximum.
        sum += if x == m { 1.0 } else { (x - m).exp() };
    }
    m + sum.ln()
}

/// Transition scores and the IOB2 constraints in the shape the decoders' inner loops want.
struct Transitions {
    /// `(MAX_TAGS + 1) * MAX_TAGS`: from row `k` (the start is row `t`) to column `j`; `-inf`
    /// where IOB2 forbids it.
    score: [f32; (MAX_TAGS + 1) * MAX_TAGS],
    /// For each tag, the tags it may follow, in increasing order.
    from: [[u8; MAX_TAGS]; MAX_TAGS],
    n_from: [usize; MAX_TAGS],
    /// Whether the tag may start a sentence.
    start_ok: [bool; MAX_TAGS],
}

/// Lanes summed at a time: the tags (9) rounded up; a row's lanes past the tags read the next
/// row and are dropped.
const LANES: usize = 16;

/// Which buckets of 64 hold a row, and how many rows the buckets before them hold.
#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct IndexWord {
    bits: u64,
    rank: u32,
}

/// The weights of a model read from bytes, kept quantised as the file stores them: only the
/// buckets that hold any weight (a small share of them), one i16 per tag, each weight
/// `q * scale`. Summing `q as f32 * scale` gives exactly the f32 weights a dense table would
/// hold, in a few megabytes that stay in cache instead of a `(1 << bits) * tags` f32 table.
#[derive(Clone)]
struct Packed {
    scale: f32,
    tags: usize,
    index: Vec<IndexWord>,
    /// `tags` values per row, then `LANES` zeros.
    q: Vec<i16>,
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Packed")
            .field("scale", &self.scale)
            .field("rows", &(self.q.len() / self.tags.max(1)))
            .finish()
    }
}

impl Packed {
    /// The row number of bucket `b`, if it holds any weight.
    #[inline]
    fn row(&self, b: usize) -> Option<usize> {
        let w = self.index[b / 64];
        let bit = 1u64 << (b % 64);
        if w.bits & bit == 0 {
            return None;
        }
        Some(w.rank as usize + (w.bits & (bit - 1)).count_ones() as usize)
    }

    fn weight(&self, b: usize, tag: usize) -> f32 {
        self.row(b)
            .map_or(0.0, |r| self.q[r * self.tags + tag] as f32 * self.scale)
    }

    /// Sums, per token and tag, the weights of the token's features in feature order, as the
    /// dense table does: an empty bucket would add +0.0, which changes no sum.
    ///
    /// The rows of the whole sentence are looked up (and their cache lines requested) before
    /// any is read, so that the memory waits overlap instead of following one another.
    fn emissions(&self, feats: &[u32], t: usize, out: &mut [f32]) {
        const NONE: usize = usize::MAX;
        let starts: Vec<usize> = feats
            .iter()
            .map(|&f| match self.row(f as usize) {
                None => NONE,
                Some(r) => {
                    let at = r * t;
                    prefetch(&self.q[at]);
                    prefetch(&self.q[at + t - 1]);
                    at
                }
            })
            .collect();
        let scale = self.scale;
        for (row, ss) in out.chunks_exact_mut(t).zip(starts.chunks_exact(TEMPLATES)) {
            let mut acc = [0f32; LANES];
            for &at in ss {
                if at != NONE {
                    let q: &[i16; LANES] = self.q[at..at + LANES].try_into().unwrap();
                    for (a, &q) in acc.iter_mut().zip(q) {
                        *a += q as f32 * scale;
                    }
                }
            }
            row.copy_from_slice(&acc[..t]);
        }
    }
}

/// Asks for the cache line of `x` ahead of its use (a hint: no effect on results). The syntax
/// tables use it too.
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint that never faults, and `x` is a valid reference.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("cannot read model {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}: not a depeche NER model (bad magic bytes)")]
    BadMagic(String),
    #[error("{0}: model file is truncated or corrupt")]
    Truncated(String),
    #[error(
        "{0}: model was trained with {1} feature templates, this build extracts {2}; retrain it"
    )]
    Templates(String, usize, usize),
}

#[derive(Debug, Clone)]
pub struct Model {
    pub bits: u32,
    pub tags: Vec<Tag>,
    /// `(1 << bits) * tags.len()` weights, bucket-major, for training. Empty in a model read
    /// from bytes, which keeps its weights quantised as stored (see [`Model::weight`]).
    pub weights: Vec<f32>,
    /// `(tags + 1) * tags`: from row (previous tag, last row = start) to column.
    pub transitions: Vec<f32>,
    pub fingerprint: u64,
    /// JSON describing how the model was trained.
    pub info: String,
    /// Divides emission scores before the softmax that gives confidences (calibrated on dev).
    pub temperature: f32,
    /// The weights of a model read from bytes.
    packed: Option<Packed>,
}

/// Whether `cur` may follow `prev` (`None`: sentence start) in IOB2.
pub fn allowed(prev: Option<Tag>, cur: Tag) -> bool {
    match cur {
        Tag::I(t) => matches!(prev, Some(Tag::B(p)) | Some(Tag::I(p)) if p == t),
        _ => true,
    }
}

impl Model {
    pub fn zeros(bits: u32, fingerprint: u64) -> Model {
        let tags = Tag::all();
        let t = tags.len();
        Model {
            bits,
            weights: vec![0.0; (1usize << bits) * t],
            transitions: vec![0.0; (t + 1) * t],
            tags,
            fingerprint,
            info: "{}".into(),
            temperature: 1.0,
            packed: None,
        }
    }

    /// The weight of `tag` in feature bucket `bucket`.
    pub fn weight(&self, bucket: usize, tag: usize) -> f32 {
        match &self.packed {
            Some(p) => p.weight(bucket, tag),
            None => self.weights[bucket * self.n_tags() + tag],
        }
    }

    /// All `(1 << bits) * tags` weights, bucket-major.
    pub fn dense_weights(&self) -> std::borrow::Cow<'_, [f32]> {
        match &self.packed {
            None => std::borrow::Cow::Borrowed(&self.weights),
            Some(p) => {
                let t = self.n_tags();
                let mut w = vec![0f32; (1usize << self.bits) * t];
                for (b, row) in w.chunks_exact_mut(t).enumerate() {
                    if let Some(r) = p.row(b) {
                        for (x, &q) in row.iter_mut().zip(&p.q[r * t..r * t + t]) {
                            *x = q as f32 * p.scale;
                        }
                    }
                }
                std::borrow::Cow::Owned(w)
            }
        }
    }

    /// The log-space transition scores the decoders read, computed once per sentence:
    /// `trans[k * MAX_TAGS + j]` from tag `k` (`t`: the start) to tag `j`, divided by
    /// `temperature` (pass 1 for Viterbi), and for each tag `j` the previous tags it may follow.
    fn transition_table(&self, temperature: f32) -> Transitions {
        let t = self.n_tags();
        assert!(t <= MAX_TAGS, "at most {MAX_TAGS} tags");
        let mut tr = Transitions {
            score: [f32::NEG_INFINITY; (MAX_TAGS + 1) * MAX_TAGS],
            from: [[0; MAX_TAGS]; MAX_TAGS],
            n_from: [0; MAX_TAGS],
            start_ok: [false; MAX_TAGS],
        };
        for j in 0..t {
            for k in 0..=t {
                let prev = (k < t).then(|| self.tags[k]);
                if allowed(prev, self.tags[j]) {
                    tr.score[k * MAX_TAGS + j] = self.transitions[k * t + j] / temperature;
                    if k < t {
                        tr.from[j][tr.n_from[j]] = k as u8;
                        tr.n_from[j] += 1;
                    } else {
                        tr.start_ok[j] = true;
                    }
                }
            }
        }
        tr
    }

    /// For each tag, its slot in [`Model::type_probabilities`]'s output: 0 for O, then 1 + the
    /// entity type's position in [`crate::document::EntityType::ALL`].
    pub fn type_slot(&self, tag: usize) -> usize {
        match self.tags[tag].kind() {
            None => 0,
            Some(kind) => {
                1 + crate::document::EntityType::ALL
                    .iter()
                    .position(|&x| x == kind)
                    .unwrap_or(0)
            }
        }
    }

    /// Per token, the probability of each entity type (B and I summed) and of O: marginals of
    /// the distribution exp(path score / temperature) over valid tag paths, by the
    /// forward-backward algorithm in log space. `n * 5` values, O first, then PER, LOC, ORG, MISC.
    ///
    /// Disallowed transitions and -inf terms are left out of the log-sum-exps: they would
    /// add exp(-inf) = 0, so the sums, taken in the same order, are the same to the bit.
    pub fn type_probabilities(&self, emissions: &[f32]) -> Vec<f32> {
        let t = self.n_tags();
        let n = emissions.len() / t;
        let temp = self.temperature;
        let tr = self.transition_table(temp);
        let scaled: Vec<f32> = emissions[..n * t].iter().map(|&e| e / temp).collect();
        let mut alpha = vec![NEG; n * t];
        let mut beta = vec![0f32; n * t];
        let mut xs = [0f32; MAX_TAGS];
        for i in 0..n {
            for j in 0..t {
                let e = scaled[i * t + j];
                alpha[i * t + j] = if i == 0 {
                    tr.score[t * MAX_TAGS + j] + e
                } else {
                    let prev = &alpha[(i - 1) * t..i * t];
                    let mut m = 0;
                    for &k in &tr.from[j][..tr.n_from[j]] {
                        let k = k as usize;
                        let x = prev[k] + tr.score[k * MAX_TAGS + j];
                        if x > NEG {
                            xs[m] = x;
                            m += 1;
                        }
                    }
                    lse(&xs[..m]) + e
                };
            }
        }
        for i in (0..n.saturating_sub(1)).rev() {
            let (head, tail) = beta.split_at_mut((i + 1) * t);
            let next = &tail[..t];
            let em = &scaled[(i + 1) * t..(i + 2) * t];
            for (k, b) in head[i * t..].iter_mut().enumerate() {
                let row = &tr.score[k * MAX_TAGS..k * MAX_TAGS + t];
                let mut m = 0;
                for j in 0..t {
                    let x = row[j] + em[j] + next[j];
                    if x > NEG {
                        xs[m] = x;
                        m += 1;
                    }
                }
                *b = lse(&xs[..m]);
            }
        }
        let mut slots = [0usize; MAX_TAGS];
        for (j, slot) in slots[..t].iter_mut().enumerate() {
            *slot = self.type_slot(j);
        }
        let mut out = Vec::with_capacity(n * 5);
        let mut ab = [0f32; MAX_TAGS];
        for i in 0..n {
            let mut m = 0;
            for j in 0..t {
                ab[j] = alpha[i * t + j] + beta[i * t + j];
                if ab[j] > NEG {
                    xs[m] = ab[j];
                    m += 1;
                }
            }
            let z = lse(&xs[..m]);
            let mut by_type = [0f32; 5];
            for j in 0..t {
                let p = (ab[j] - z).exp();
                if p.is_finite() {
                    by_type[slots[j]] += p;
                }
            }
            out.extend_from_slice(&by_type);
        }
        out
    }

    pub fn n_tags(&self) -> usize {
        self.tags.len()
    }

    /// Per-token, per-tag scores: `n * tags` values.
    pub fn emissions(&self, feats: &[u32], out: &mut Vec<f32>) {
        let t = self.n_tags();
        let n = feats.len() / TEMPLATES;
        out.clear();
        out.resize(n * t, 0.0);
        if let Some(packed) = &self.packed {
            packed.emissions(&feats[..n * TEMPLATES], t, out);
            return;
        }
        for (i, row) in out.chunks_exact_mut(t).enumerate() {
            for &f in &feats[i * TEMPLATES..(i + 1) * TEMPLATES] {
                let w = &self.weights[f as usize * t..f as usize * t + t];
                for (r, x) in row.iter_mut().zip(w) {
                    *r += x;
                }
            }
        }
    }

    /// The best valid tag sequence (tag indices) for the given emissions.
    pub fn viterbi(&self, emissions: &[f32]) -> Vec<usize> {
        let t = self.n_tags();
        let n = emissions.len() / t;
        if n == 0 {
            return Vec::new();
        }
        let tr = self.transition_table(1.0);
        let mut score = vec![NEG; n * t];
        let mut back = vec![0u8; n * t];
        for j in 0..t {
            if tr.start_ok[j] {
                score[j] = self.transitions[t * t + j] + emissions[j];
            }
        }
        for i in 1..n {
            let (done, rest) = score.split_at_mut(i * t);
            let prev = &done[(i - 1) * t..];
            for j in 0..t {
                let mut best = NEG;
                let mut arg = 0;
                for &k in &tr.from[j][..tr.n_from[j]] {
                    let s = prev[k as usize];
                    if s == NEG {
                        continue;
                    }
                    let v = s + tr.score[k as usize * MAX_TAGS + j];
                    if v > best {
                        best = v;
                        arg = k;
                    }
                }
                if best > NEG {
                    rest[j] = best + emissions[i * t + j];
                    back[i * t + j] = arg;
                }
            }
        }
        let mut path = vec![0usize; n];
        let last = &score[(n - 1) * t..];
        path[n - 1] = (0..t).fold(0, |b, j| if last[j] > last[b] { j } else { b });
        for i in (1..n).rev() {
            path[i - 1] = back[i * t + path[i]] as usize;
        }
        path
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let t = self.n_tags();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(t as u32).to_le_bytes());
        out.extend_from_slice(&(TEMPLATES as u32).to_le_bytes());
        out.extend_from_slice(&self.fingerprint.to_le_bytes());
        out.extend_from_slice(&(self.info.len() as u32).to_le_bytes());
        out.extend_from_slice(self.info.as_bytes());
        let weights = self.dense_weights();
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&self.temperature.to_le_bytes());
        for x in &self.transitions {
            out.extend_from_slice(&x.to_le_bytes());
        }
        let buckets = 1usize << self.bits;
        let quantised: Vec<i16> = weights.iter().map(|w| (w / scale).round() as i16).collect();
        let mut bitmap = vec![0u64; buckets.div_ceil(64)];
        for b in 0..buckets {
            if quantised[b * t..b * t + t].iter().any(|&q| q != 0) {
                bitmap[b / 64] |= 1 << (b % 64);
            }
        }
        for word in &bitmap {
            out.extend_from_slice(&word.to_le_bytes());
        }
        for b in 0..buckets {
            if bitmap[b / 64] & (1 << (b % 64)) != 0 {
                for q in &quantised[b * t..b * t + t] {
                    out.extend_from_slice(&q.to_le_bytes());
                }
            }
        }
        out
    }

    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Model, ModelError> {
        let truncated = || ModelError::Truncated(name.to_string());
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8], ModelError> {
            let s = bytes.get(at..at + n).ok_or_else(truncated)?;
            at += n;
            Ok(s)
        };
        if take(8)? != MAGIC {
            return Err(ModelError::BadMagic(name.to_string()));
        }
        let u32_at = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
        let bits = u32_at(take(4)?);
        let t = u32_at(take(4)?) as usize;
        let templates = u32_at(take(4)?) as usize;
        if templates != TEMPLATES {
            return Err(ModelError::Templates(
                name.to_string(),
                templates,
                TEMPLATES,
            ));
        }
        let tags = Tag::all();
        if t != tags.len() || !(8..=26).contains(&bits) {
            return Err(truncated());
        }
        let fp = take(8)?;
        let fingerprint =
            u64::from_le_bytes([fp[0], fp[1], fp[2], fp[3], fp[4], fp[5], fp[6], fp[7]]);
        let info_len = u32_at(take(4)?) as usize;
        let info = String::from_utf8_lossy(take(info_len)?).into_owned();
        let sc = take(4)?;
        let scale = f32::from_le_bytes([sc[0], sc[1], sc[2], sc[3]]);
        let te = take(4)?;
        let temperature = f32::from_le_bytes([te[0], te[1], te[2], te[3]]);
        if !(temperature.is_finite() && temperature > 0.0) {
            return Err(truncated());
        }
        let mut transitions = Vec::with_capacity((t + 1) * t);
        for _ in 0..(t + 1) * t {
            let x = take(4)?;
            transitions.push(f32::from_le_bytes([x[0], x[1], x[2], x[3]]));
        }
        let buckets = 1usize << bits;
        let words = buckets.div_ceil(64);
        let map = take(words * 8)?;
        let mut index = Vec::with_capacity(words);
        let mut q = Vec::new();
        let mut rank = 0u32;
        for chunk in map.chunks_exact(8) {
            let bits = u64::from_le_bytes(chunk.try_into().map_err(|_| truncated())?);
            index.push(IndexWord { bits, rank });
            rank += bits.count_ones();
            let bytes = take(2 * t * bits.count_ones() as usize)?;
            q.extend(
                bytes
                    .chunks_exact(2)
                    .map(|b| i16::from_le_bytes([b[0], b[1]])),
            );
        }
        q.resize(q.len() + LANES, 0);
        let packed = Packed {
            scale,
            tags: t,
            index,
            q,
        };
        Ok(Model {
            bits,
            tags,
            weights: Vec::new(),
            transitions,
            fingerprint,
            info,
            temperature,
            packed: Some(packed),
        })
    }

    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let bytes = std::fs::read(path).map_err(|source| ModelError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Model::from_bytes(&path.display().to_string(), &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::EntityType;

    #[test]
    fn viterbi_never_starts_or_continues_an_entity_wrongly() {
        let mut m = Model::zeros(8, 0);
        let t = m.n_tags();
        let i_per = m
            .tags
            .iter()
            .position(|&x| x == Tag::I(EntityType::Per))
            .unwrap();
        // Emissions that love I-PER everywhere.
        let mut em = vec![0f32; 3 * t];
        for i in 0..3 {
            em[i * t + i_per] = 10.0;
        }
        let path = m.viterbi(&em);
        assert_ne!(m.tags[path[0]], Tag::I(EntityType::Per));
        m.transitions[0] = 1.0;
        assert_eq!(m.viterbi(&[]), Vec::<usize>::new());
    }

    #[test]
    fn bytes_round_trip_and_bad_files_are_refused() {
        let mut m = Model::zeros(10, 42);
        m.weights[5] = 1.5;
        m.weights[900] = -0.25;
        m.transitions[3] = 0.5;
        m.info = "{\"dev_f1\":0.5}".into();
        let back = Model::from_bytes("m", &m.to_bytes()).unwrap();
        assert_eq!(back.fingerprint, 42);
        assert_eq!(back.info, m.info);
        assert!(
            (back.weight(0, 5) - 1.5).abs() < 1e-3 && (back.weight(100, 0) + 0.25).abs() < 1e-3
        );
        assert_eq!(back.to_bytes(), m.to_bytes());
        assert_eq!(back.transitions[3], 0.5);
        assert!(matches!(
            Model::from_bytes("m", b"nope"),
            Err(ModelError::Truncated(_))
        ));
        assert!(matches!(
            Model::from_bytes("m", b"NOTAMODEL-------"),
            Err(ModelError::BadMagic(_))
        ));
        let bytes = m.to_bytes();
        assert!(matches!(
            Model::from_bytes("m", &bytes[..bytes.len() - 3]),
            Err(ModelError::Truncated(_))
        ));
    }

    /// The decoders and the forward-backward pass as they were first written (one `allowed`
    /// test and one division per transition, a Vec per log-sum-exp): the fast ones must give
    /// the same bits.
    mod reference {
        use super::super::{allowed, Model};

        pub fn type_probabilities(m: &Model, emissions: &[f32]) -> Vec<f32> {
            let t = m.n_tags();
            let n = emissions.len() / t;
            let temp = m.temperature;
            let neg = f32::NEG_INFINITY;
            let trans = |k: Option<usize>, j: usize| -> f32 {
                let prev = k.map(|k| m.tags[k]);
                if !allowed(prev, m.tags[j]) {
                    return neg;
                }
                m.transitions[k.unwrap_or(t) * t + j] / temp
            };
            let lse = |xs: &mut dyn Iterator<Item = f32>| -> f32 {
                let v: Vec<f32> = xs.collect();
                let mx = v.iter().fold(neg, |a, &b| a.max(b));
                if mx == neg {
                    return neg;
                }
                mx + v.iter().map(|&x| (x - mx).exp()).sum::<f32>().ln()
            };
            let mut alpha = vec![neg; n * t];
            let mut beta = vec![0f32; n * t];
            for i in 0..n {
                for j in 0..t {
                    let e = emissions[i * t + j] / temp;
                    alpha[i * t + j] = if i == 0 {
                        trans(None, j) + e
                    } else {
                        let prev = &alpha[(i - 1) * t..i * t];
                        lse(&mut (0..t).map(|k| prev[k] + trans(Some(k), j))) + e
                    };
                }
            }
            for i in (0..n.saturating_sub(1)).rev() {
                for k in 0..t {
                    let next = &beta[(i + 1) * t..(i + 2) * t];
                    let em = &emissions[(i + 1) * t..(i + 2) * t];
                    beta[i * t + k] =
                        lse(&mut (0..t).map(|j| trans(Some(k), j) + em[j] / temp + next[j]));
                }
            }
            let mut out = Vec::with_capacity(n * 5);
            for i in 0..n {
                let z = lse(&mut (0..t).map(|j| alpha[i * t + j] + beta[i * t + j]));
                let mut by_type = [0f32; 5];
                for j in 0..t {
                    let p = (alpha[i * t + j] + beta[i * t + j] - z).exp();
                    if p.is_finite() {
                        by_type[m.type_slot(j)] += p;
                    }
                }
                out.extend_from_slice(&by_type);
            }
            out
        }

        pub fn viterbi(m: &Model, emissions: &[f32]) -> Vec<usize> {
            let t = m.n_tags();
            let n = emissions.len() / t;
            if n == 0 {
                return Vec::new();
            }
            let neg = f32::NEG_INFINITY;
            let mut score = vec![neg; n * t];
            let mut back = vec![0usize; n * t];
            for j in 0..t {
                if allowed(None, m.tags[j]) {
                    score[j] = m.transitions[t * t + j] + emissions[j];
                }
            }
            for i in 1..n {
                for j in 0..t {
                    let mut best = neg;
                    let mut arg = 0;
                    for k in 0..t {
                        let s = score[(i - 1) * t + k];
                        if s == neg || !allowed(Some(m.tags[k]), m.tags[j]) {
                            continue;
                        }
                        let v = s + m.transitions[k * t + j];
                        if v > best {
                            best = v;
                            arg = k;
                        }
                    }
                    if best > neg {
                        score[i * t + j] = best + emissions[i * t + j];
                        back[i * t + j] = arg;
                    }
                }
            }
            let mut path = vec![0usize; n];
            let last = &score[(n - 1) * t..];
            path[n - 1] = (0..t).fold(0, |b, j| if last[j] > last[b] { j } else { b });
            for i in (1..n).rev() {
                path[i - 1] = back[i * t + path[i]];
            }
            path
        }
    }

    /// A small deterministic generator of test values.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }

        /// Roughly uniform in [-scale, scale).
        fn float(&mut self, scale: f32) -> f32 {
            (self.next() % 2_000_001) as f32 / 1_000_000.0 * scale - scale
        }
    }

    fn random_model(rng: &mut Lcg, bits: u32) -> Model {
        let mut m = Model::zeros(bits, 0);
        for w in m.weights.iter_mut() {
            // Most buckets empty, as in a trained model.
            if rng.next() % 6 == 0 {
                *w = rng.float(3.0);
            }
        }
        for w in m.transitions.iter_mut() {
            *w = rng.float(4.0);
        }
        m.temperature = 3.0;
        m
    }

    #[test]
    fn decoders_match_the_reference_to_the_bit() {
        let mut rng = Lcg(7);
        let m = random_model(&mut rng, 10);
        let t = m.n_tags();
        for len in [0usize, 1, 2, 3, 7, 25, 60] {
            for scale in [0.5f32, 5.0, 40.0] {
                let em: Vec<f32> = (0..len * t).map(|_| rng.float(scale)).collect();
                assert_eq!(m.viterbi(&em), reference::viterbi(&m, &em));
                let fast = m.type_probabilities(&em);
                let slow = reference::type_probabilities(&m, &em);
                assert_eq!(fast.len(), slow.len());
                for (a, b) in fast.iter().zip(&slow) {
                    assert_eq!(a.to_bits(), b.to_bits(), "{fast:?} vs {slow:?}");
                }
            }
        }
    }

    #[test]
    fn packed_weights_sum_to_the_dense_emissions_to_the_bit() {
        let mut rng = Lcg(11);
        let dense = random_model(&mut rng, 12);
        let packed = Model::from_bytes("m", &dense.to_bytes()).unwrap();
        // The dense model the bytes stand for: the quantised weights as f32.
        let mut unpacked = Model::zeros(12, 0);
        unpacked.weights = packed.dense_weights().into_owned();
        let n = 40;
        let feats: Vec<u32> = (0..n * TEMPLATES)
            .map(|_| (rng.next() % (1 << 12)) as u32)
            .collect();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        packed.emissions(&feats, &mut a);
        unpacked.emissions(&feats, &mut b);
        assert_eq!(a.len(), n * packed.n_tags());
        assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
        for bucket in [0usize, 1, 63, 64, 1000, 4095] {
            for tag in 0..packed.n_tags() {
                assert_eq!(
                    packed.weight(bucket, tag),
                    unpacked.weights[bucket * packed.n_tags() + tag]
                );
            }
        }
    }

    #[test]
    fn the_shipped_model_decodes_as_the_reference_does() {
        let bytes = include_bytes!("../../data/fr/ner/model.bin");
        let m = Model::from_bytes("built-in", bytes).unwrap();
        let mut dense = m.clone();
        dense.weights = m.dense_weights().into_owned();
        dense.packed = None;
        let mut rng = Lcg(3);
        let buckets = 1u64 << m.bits;
        for len in [1usize, 5, 30] {
            let feats: Vec<u32> = (0..len * TEMPLATES)
                .map(|_| (rng.next() % buckets) as u32)
                .collect();
            let (mut a, mut b) = (Vec::new(), Vec::new());
            m.emissions(&feats, &mut a);
            dense.emissions(&feats, &mut b);
            assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
            assert_eq!(m.viterbi(&a), reference::viterbi(&m, &a));
            let fast = m.type_probabilities(&a);
            let slow = reference::type_probabilities(&m, &a);
            assert!(fast
                .iter()
                .zip(&slow)
                .all(|(x, y)| x.to_bits() == y.to_bits()));
        }
        assert_eq!(dense.to_bytes(), m.to_bytes());
    }
}
