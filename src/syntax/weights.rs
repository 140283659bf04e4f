//! Hashed feature weights for the tagger, the parser and the labeller: an averaged-perceptron
//! table to train ([`Training`]) and the small quantised table that ships ([`Packed`]).
//!
//! A feature is a 64-bit hash of its template and values ([`mix`]); its top `bits` bits pick a
//! bucket, and a bucket holds one weight per class. Collisions are accepted: they cost little
//! accuracy and keep the model a fixed, chosen size. The shipped table stores only the buckets
//! that hold a non-zero weight, as i16 with one scale, found through a bitmap with ranks (one
//! bit per bucket), so a model of a few million buckets fits in a few megabytes.

use crate::ner::model::prefetch;
use rustc_hash::FxHashMap;

/// Mixes a value into a feature hash (FxHash's step, then a multiply on reading the bucket).
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// FNV-1a of a string: stable across builds and platforms, as model files need.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[inline]
fn bucket(h: u64, bits: u32) -> usize {
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

/// Something that scores hashed features: adds each class's weights into `out`.
pub trait Scorer {
    fn classes(&self) -> usize;
    fn score(&self, feats: &[u64], out: &mut [f32]);
}

/// An averaged perceptron over `2^bits` buckets of `classes` weights.
pub struct Training {
    pub bits: u32,
    pub classes: usize,
    w: Vec<f32>,
    /// Sum over updates of `time × delta`: the average is `w - u / time`.
    u: Vec<f64>,
    time: u64,
}

impl Training {
    pub fn new(bits: u32, classes: usize) -> Training {
        let n = (1usize << bits) * classes;
        Training {
            bits,
            classes,
            w: vec![0.0; n],
            u: vec![0.0; n],
            time: 1,
        }
    }

    /// One more training instance seen (the clock of the averaging).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Adds `delta` to class `class` of every feature.
    pub fn update(&mut self, feats: &[u64], class: usize, delta: f32) {
        let t = self.time as f64;
        for &f in feats {
            let i = bucket(f, self.bits) * self.classes + class;
            self.w[i] += delta;
            self.u[i] += t * delta as f64;
        }
    }

    /// The averaged weights, ready to score or to pack.
    pub fn averaged(&self) -> Dense {
        let t = self.time as f64;
        let w = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (w as f64 - u / t) as f32)
            .collect();
        Dense {
            bits: self.bits,
            classes: self.classes,
            w,
        }
    }
}

impl Scorer for Training {
    fn classes(&self) -> usize {
        self.classes
    }
    fn score(&self, feats: &[u64], out: &mut [f32]) {
        score_dense(&self.w, self.bits, self.classes, feats, out);
    }
}

fn score_dense(w: &[f32], bits: u32, c: usize, feats: &[u64], out: &mut [f32]) {
    out[..c].fill(0.0);
    for &f in feats {
        let at = bucket(f, bits) * c;
        for (o, x) in out[..c].iter_mut().zip(&w[at..at + c]) {
            *o += x;
        }
    }
}

/// Plain f32 weights (the averaged ones, during training).
pub struct Dense {
    pub bits: u32,
    pub classes: usize,
    pub w: Vec<f32>,
}

impl Scorer for Dense {
    fn classes(&self) -> usize {
        self.classes
    }
    fn score(&self, feats: &[u64], out: &mut [f32]) {
        score_dense(&self.w, self.bits, self.classes, feats, out);
    }
}

/// The shipped weights: non-empty buckets only, as i16 times one scale.
#[derive(Clone, Debug)]
pub struct Packed {
    bits: u32,
    classes: usize,
    scale: f32,
    /// Per 64 buckets: which hold a row, and how many rows come before them.
    index: Vec<(u64, u32)>,
    q: Vec<i16>,
    /// For tables of at most four classes (the parser's), every bucket's row padded to four,
    /// zeros included: one memory read per feature instead of two.
    dense4: Vec<[i16; 4]>,
}

#[derive(Debug, thiserror::Error)]
#[error("truncated or corrupt weight table")]
pub struct Corrupt;

impl Packed {
    pub fn from_dense(d: &Dense) -> Packed {
        let c = d.classes;
        let max = d.w.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let buckets = 1usize << d.bits;
        let mut index = Vec::with_capacity(buckets.div_ceil(64));
        let mut q = Vec::new();
        let mut rank = 0u32;
        for word in 0..buckets.div_ceil(64) {
            let mut bits = 0u64;
            for k in 0..64 {
                let b = word * 64 + k;
                if b >= buckets {
                    break;
                }
                let row: Vec<i16> = d.w[b * c..b * c + c]
                    .iter()
                    .map(|w| (w / scale).round() as i16)
                    .collect();
                if row.iter().any(|&x| x != 0) {
                    bits |= 1 << k;
                    q.extend(row);
                }
            }
            index.push((bits, rank));
            rank += bits.count_ones();
        }
        Packed {
            bits: d.bits,
            classes: c,
            scale,
            index,
            q,
            dense4: Vec::new(),
        }
        .with_dense()
    }

    fn with_dense(mut self) -> Packed {
        if self.classes <= 4 {
            let c = self.classes;
            self.dense4 = (0..1usize << self.bits)
                .map(|b| {
                    let mut row = [0i16; 4];
                    if let Some(r) = self.row(b) {
                        row[..c].copy_from_slice(&self.q[r * c..r * c + c]);
                    }
                    row
                })
                .collect();
        }
        self
    }

    #[inline]
    fn row(&self, b: usize) -> Option<usize> {
        let (bits, rank) = self.index[b / 64];
        let bit = 1u64 << (b % 64);
        if bits & bit == 0 {
            return None;
        }
        Some(rank as usize + (bits & (bit - 1)).count_ones() as usize)
    }

    /// Asks for the cache lines of row `r` (a hint: sums are the same without it). Row `r`
    /// spans `2 × classes` bytes from any even address: one hint per 64 bytes, and one for
    /// its last element.
    #[inline]
    fn prefetch_row(&self, r: usize) {
        let c = self.classes;
        let row = &self.q[r * c..r * c + c];
        for x in row.iter().step_by(32) {
            prefetch(x);
        }
        if let Some(last) = row.last() {
            prefetch(last);
        }
    }

    /// How many buckets hold a row.
    pub fn rows(&self) -> usize {
        self.q.len() / self.classes.max(1)
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for (bits, _) in &self.index {
            out.extend_from_slice(&bits.to_le_bytes());
        }
        for x in &self.q {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Packed, Corrupt> {
        let bits = r.u32()?;
        let classes = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        if !(8..=26).contains(&bits) || classes == 0 || classes > 4096 || !scale.is_finite() {
            return Err(Corrupt);
        }
        let words = (1usize << bits).div_ceil(64);
        let mut index = Vec::with_capacity(words);
        let mut rank = 0u32;
        for _ in 0..words {
            let b = r.u64()?;
            index.push((b, rank));
            rank += b.count_ones();
        }
        let n = rank as usize * classes;
        let bytes = r.take(2 * n)?;
        let q = bytes
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect();
        Ok(Packed {
            bits,
            classes,
            scale,
            index,
            q,
            dense4: Vec::new(),
        }
        .with_dense())
    }
}

impl Scorer for Packed {
    fn classes(&self) -> usize {
        self.classes
    }
    fn score(&self, feats: &[u64], out: &mut [f32]) {
        let c = self.classes;
        // Integer sums are exact; one multiply by the scale at the end.
        if !self.dense4.is_empty() {
            // As below: all the rows of a batch asked for first, then summed.
            let mut acc = [0i32; 4];
            let mut at = [0usize; 64];
            for batch in feats.chunks(at.len()) {
                for (a, &f) in at.iter_mut().zip(batch) {
                    *a = bucket(f, self.bits);
                    prefetch(&self.dense4[*a]);
                }
                for &a in &at[..batch.len()] {
                    let row = &self.dense4[a];
                    for k in 0..4 {
                        acc[k] += row[k] as i32;
                    }
                }
            }
            for (o, a) in out[..c].iter_mut().zip(&acc) {
                *o = *a as f32 * self.scale;
            }
            return;
        }
        // Rows are found for a batch of features first, then summed: the index reads, then the
        // row reads, are independent of one another, so the processor overlaps their cache
        // misses instead of waiting on each feature in turn.
        let mut acc = [0i32; 128];
        let mut rows = [usize::MAX; 64];
        if c <= acc.len() {
            for batch in feats.chunks(rows.len()) {
                for (r, &f) in rows.iter_mut().zip(batch) {
                    *r = self.row(bucket(f, self.bits)).unwrap_or(usize::MAX);
                    if *r != usize::MAX {
                        self.prefetch_row(*r);
                    }
                }
                for &r in &rows[..batch.len()] {
                    if r != usize::MAX {
                        for (a, &x) in acc[..c].iter_mut().zip(&self.q[r * c..r * c + c]) {
                            *a += x as i32;
                        }
                    }
                }
            }
            for (o, a) in out[..c].iter_mut().zip(&acc[..c]) {
                *o = *a as f32 * self.scale;
            }
        } else {
            out[..c].fill(0.0);
            for &f in feats {
                if let Some(r) = self.row(bucket(f, self.bits)) {
                    for (o, &x) in out[..c].iter_mut().zip(&self.q[r * c..r * c + c]) {
                        *o += x as f32 * self.scale;
                    }
                }
            }
        }
    }
}

/// Reads little-endian values off a byte slice.
pub struct Reader<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Corrupt> {
        let s = self.bytes.get(self.at..self.at + n).ok_or(Corrupt)?;
        self.at += n;
        Ok(s)
    }
    pub fn u32(&mut self) -> Result<u32, Corrupt> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    pub fn u64(&mut self) -> Result<u64, Corrupt> {
        let s = self.take(8)?;
        let mut b = [0u8; 8];
        b.copy_from_slice(s);
        Ok(u64::from_le_bytes(b))
    }
    pub fn string(&mut self) -> Result<String, Corrupt> {
        let n = self.u32()? as usize;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| Corrupt)
    }
}

/// Writes a table of u64 keys to 4-byte values: u32 count, then (u64 key, value) sorted by
/// key, so that the same table always gives the same bytes.
pub fn write_key_table<V: Ord>(
    out: &mut Vec<u8>,
    map: &FxHashMap<u64, V>,
    value: impl Fn(&V) -> [u8; 4],
) {
    let mut v: Vec<_> = map.iter().collect();
    v.sort();
    out.extend_from_slice(&(v.len() as u32).to_le_bytes());
    for (k, c) in v {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&value(c));
    }
}

/// Reads a table written by [`write_key_table`].
pub fn read_key_table<V>(
    r: &mut Reader<'_>,
    value: impl Fn([u8; 4]) -> V,
) -> Result<FxHashMap<u64, V>, Corrupt> {
    let n = r.u32()? as usize;
    let bytes = r.take(n.checked_mul(12).ok_or(Corrupt)?)?;
    let mut map = FxHashMap::default();
    map.reserve(n);
    for e in bytes.chunks_exact(12) {
        let mut k = [0u8; 8];
        k.copy_from_slice(&e[..8]);
        map.insert(u64::from_le_bytes(k), value([e[8], e[9], e[10], e[11]]));
    }
    Ok(map)
}

pub fn write_string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}
