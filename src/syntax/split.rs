//! A classifier split by a key (a UPOS tag): each key has its own candidate classes, those
//! seen with it in training, and its own small table of averaged-perceptron weights.
//!
//! Why: the FEATS predictor and the relation labeller have hundreds and dozens of classes, but
//! a given UPOS admits few of them (punctuation is `punct`, an adposition `case`, `fixed` or
//! `mark`). Scoring only those reads a fraction of the weights, none at all for a key with one
//! candidate; and every feature is, in effect, conjoined with the key.

use super::weights::{Corrupt, Packed, Reader, Scorer, Training};

#[derive(Debug, Clone, Default)]
struct Part {
    classes: Vec<u16>,
    /// `None` with fewer than two candidates.
    table: Option<Packed>,
}

/// The shipped classifier.
#[derive(Debug, Clone, Default)]
pub struct Split {
    parts: Vec<Part>,
}

/// Picks a class among a key's candidates: `Split` at run time, `SplitTraining` while
/// training. `feats` fills the feature buffer, and is called only when there is a choice.
/// Classes in `barred` are not picked while another candidate is left.
pub trait Choose {
    fn choose(
        &self,
        key: usize,
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
        barred: &[u16],
        fill: impl FnOnce(&mut Vec<u64>),
    ) -> Option<u16>;
}

fn best<S: Scorer>(
    table: &S,
    classes: &[u16],
    feats: &mut Vec<u64>,
    scores: &mut Vec<f32>,
    barred: &[u16],
    fill: impl FnOnce(&mut Vec<u64>),
) -> u16 {
    fill(feats);
    scores.resize(table.classes(), 0.0);
    table.score(feats, scores);
    let mut pick: Option<usize> = None;
    for (k, &x) in scores.iter().enumerate() {
        if !barred.contains(&classes[k]) && pick.is_none_or(|b| x > scores[b]) {
            pick = Some(k);
        }
    }
    classes[pick.unwrap_or_else(|| super::tagger::argmax(scores))]
}

impl Choose for Split {
    fn choose(
        &self,
        key: usize,
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
        barred: &[u16],
        fill: impl FnOnce(&mut Vec<u64>),
    ) -> Option<u16> {
        let p = self.parts.get(key)?;
        match &p.table {
            None => p.classes.first().copied(),
            Some(t) => Some(best(t, &p.classes, feats, scores, barred, fill)),
        }
    }
}

impl Split {
    pub fn keys(&self) -> usize {
        self.parts.len()
    }

    /// Weight rows held.
    pub fn rows(&self) -> usize {
        self.parts
            .iter()
            .filter_map(|p| p.table.as_ref())
            .map(Packed::rows)
            .sum()
    }

    /// Format: u32 key count; per key, u32 candidate count and the candidates (u32 each), then
    /// a u32 flag and, when it is 1, the table.
    pub fn write(&self, out: &mut Vec<u8>) {
        let u32s = |out: &mut Vec<u8>, x: usize| out.extend_from_slice(&(x as u32).to_le_bytes());
        u32s(out, self.parts.len());
        for p in &self.parts {
            u32s(out, p.classes.len());
            for &c in &p.classes {
                u32s(out, c as usize);
            }
            match &p.table {
                Some(t) => {
                    u32s(out, 1);
                    t.write(out);
                }
                None => u32s(out, 0),
            }
        }
    }

    /// Reads what [`Split::write`] wrote; classes must be under `classes`.
    pub fn read(r: &mut Reader<'_>, classes: usize) -> Result<Split, Corrupt> {
        let keys = r.u32()? as usize;
        if keys > 4096 {
            return Err(Corrupt);
        }
        let mut parts = Vec::with_capacity(keys);
        for _ in 0..keys {
            let k = r.u32()? as usize;
            if k > classes {
                return Err(Corrupt);
            }
            let mut cs = Vec::with_capacity(k);
            for _ in 0..k {
                let c = r.u32()? as usize;
                if c >= classes {
                    return Err(Corrupt);
                }
                cs.push(c as u16);
            }
            let table = match r.u32()? {
                0 => None,
                1 => {
                    let t = Packed::read(r)?;
                    if t.classes() != k {
                        return Err(Corrupt);
                    }
                    Some(t)
                }
                _ => return Err(Corrupt),
            };
            parts.push(Part { classes: cs, table });
        }
        Ok(Split { parts })
    }
}

/// The classifier being trained.
pub struct SplitTraining {
    parts: Vec<(Vec<u16>, Option<Training>)>,
}

impl SplitTraining {
    /// `candidates[key]`: the classes seen with each key (sorted, deduplicated here);
    /// `budget`: log2 of the weights each key's table may hold.
    pub fn new(candidates: Vec<Vec<u16>>, budget: u32) -> SplitTraining {
        let parts = candidates
            .into_iter()
            .map(|mut v| {
                v.sort_unstable();
                v.dedup();
                let table = (v.len() >= 2).then(|| {
                    let per = (1u64 << budget) / v.len() as u64;
                    let bits = (63 - per.leading_zeros()).clamp(10, 18);
                    Training::new(bits, v.len())
                });
                (v, table)
            })
            .collect();
        SplitTraining { parts }
    }

    /// One training instance: predicts with the current weights, updates when wrong. Returns
    /// whether it was right; `None` when the key has no choice to learn or `gold` is not a
    /// candidate.
    pub fn learn(
        &mut self,
        key: usize,
        gold: u16,
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
        fill: impl FnOnce(&mut Vec<u64>),
    ) -> Option<bool> {
        let (classes, Some(table)) = self.parts.get_mut(key)? else {
            return None;
        };
        let g = classes.iter().position(|&c| c == gold)?;
        fill(feats);
        scores.resize(table.classes, 0.0);
        table.score(feats, scores);
        let guess = super::tagger::argmax(scores);
        table.tick();
        if guess != g {
            table.update(feats, g, 1.0);
            table.update(feats, guess, -1.0);
        }
        Some(guess == g)
    }

    /// The averaged, packed classifier.
    pub fn packed(&self) -> Split {
        Split {
            parts: self
                .parts
                .iter()
                .map(|(classes, t)| Part {
                    classes: classes.clone(),
                    table: t.as_ref().map(|t| Packed::from_dense(&t.averaged())),
                })
                .collect(),
        }
    }
}

impl Choose for SplitTraining {
    fn choose(
        &self,
        key: usize,
        feats: &mut Vec<u64>,
        scores: &mut Vec<f32>,
        barred: &[u16],
        fill: impl FnOnce(&mut Vec<u64>),
    ) -> Option<u16> {
        let (classes, table) = self.parts.get(key)?;
        match table {
            None => classes.first().copied(),
            Some(t) => Some(best(t, classes, feats, scores, barred, fill)),
        }
    }
}
