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
    /// `(1 << bits) * tags.len()` weights, bucket-major.
    pub weights: Vec<f32>,
    /// `(tags + 1) * tags`: from row (previous tag, last row = start) to column.
    pub transitions: Vec<f32>,
    pub fingerprint: u64,
    /// JSON describing how the model was trained.
    pub info: String,
    /// Divides emission scores before the softmax that gives confidences (calibrated on dev).
    pub temperature: f32,
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
        }
    }

    /// Per token, the probability of each entity type (B and I summed) and of O: marginals of
    /// the distribution exp(path score / temperature) over valid tag paths, by the
    /// forward-backward algorithm in log space. `n * 5` values, O first, then PER, LOC, ORG, MISC.
    pub fn type_probabilities(&self, emissions: &[f32]) -> Vec<f32> {
        let t = self.n_tags();
        let n = emissions.len() / t;
        let temp = self.temperature;
        let neg = f32::NEG_INFINITY;
        let trans = |k: Option<usize>, j: usize| -> f32 {
            let prev = k.map(|k| self.tags[k]);
            if !allowed(prev, self.tags[j]) {
                return neg;
            }
            self.transitions[k.unwrap_or(t) * t + j] / temp
        };
        let lse = |xs: &mut dyn Iterator<Item = f32>| -> f32 {
            let v: Vec<f32> = xs.collect();
            let m = v.iter().fold(neg, |a, &b| a.max(b));
            if m == neg {
                return neg;
            }
            m + v.iter().map(|&x| (x - m).exp()).sum::<f32>().ln()
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
                let slot = match self.tags[j].kind() {
                    None => 0,
                    Some(kind) => {
                        1 + crate::document::EntityType::ALL
                            .iter()
                            .position(|&x| x == kind)
                            .unwrap_or(0)
                    }
                };
                if p.is_finite() {
                    by_type[slot] += p;
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
        let neg = f32::NEG_INFINITY;
        let mut score = vec![neg; n * t];
        let mut back = vec![0usize; n * t];
        for j in 0..t {
            if allowed(None, self.tags[j]) {
                score[j] = self.transitions[t * t + j] + emissions[j];
            }
        }
        for i in 1..n {
            for j in 0..t {
                let mut best = neg;
                let mut arg = 0;
                for k in 0..t {
                    let s = score[(i - 1) * t + k];
                    if s == neg || !allowed(Some(self.tags[k]), self.tags[j]) {
                        continue;
                    }
                    let v = s + self.transitions[k * t + j];
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
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&self.temperature.to_le_bytes());
        for x in &self.transitions {
            out.extend_from_slice(&x.to_le_bytes());
        }
        let buckets = 1usize << self.bits;
        let quantised: Vec<i16> = self
            .weights
            .iter()
            .map(|w| (w / scale).round() as i16)
            .collect();
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
        let map = take(words * 8)?.to_vec();
        let mut weights = vec![0f32; buckets * t];
        for b in 0..buckets {
            let word = u64::from_le_bytes(
                map[b / 64 * 8..b / 64 * 8 + 8]
                    .try_into()
                    .map_err(|_| truncated())?,
            );
            if word & (1 << (b % 64)) != 0 {
                let row = take(2 * t)?;
                for k in 0..t {
                    let q = i16::from_le_bytes([row[2 * k], row[2 * k + 1]]);
                    weights[b * t + k] = q as f32 * scale;
                }
            }
        }
        Ok(Model {
            bits,
            tags,
            weights,
            transitions,
            fingerprint,
            info,
            temperature,
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
        assert!((back.weights[5] - 1.5).abs() < 1e-3 && (back.weights[900] + 0.25).abs() < 1e-3);
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
}
