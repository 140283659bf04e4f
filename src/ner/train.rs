//! Training: a structured averaged perceptron (Collins 2002) over the hashed features, with
//! the same constrained Viterbi decoder as tagging.
//!
//! Each epoch visits the training sentences in an order shuffled by the seed; a wrong path
//! moves weight from the predicted tags' features to the gold ones. Averaging the weights over
//! every step (the lazy "u / c" trick) is what makes the perceptron generalise. After each
//! epoch the averaged model is scored on the dev set; the best epoch is kept. Nothing depends
//! on the clock or thread scheduling: the same data, seed and options give the same bytes.

use super::conll::{entities, harmonize, Sentence, Tag};
use super::features::{extract, Resources};
use super::model::Model;
use crate::eval::tokens::Prf;

#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// log2 of the number of feature buckets.
    pub bits: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 1,
            bits: 20,
        }
    }
}

/// SplitMix64: a small, portable, seeded generator for the shuffles.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

struct Example {
    feats: Vec<u32>,
    gold: Vec<usize>,
}

fn tag_index(tags: &[Tag], t: Tag) -> usize {
    tags.iter().position(|&x| x == t).unwrap_or(0)
}

/// Entity-level micro P/R/F1 of `model` on gold sentences.
pub fn score(model: &Model, res: &Resources, gold: &[Sentence]) -> Prf {
    let mut prf = Prf::default();
    let mut feats = Vec::new();
    let mut em = Vec::new();
    for s in gold {
        let Some(g) = &s.tags else { continue };
        extract(&s.tokens, res, model.bits, &mut feats);
        model.emissions(&feats, &mut em);
        let pred: Vec<Tag> = model
            .viterbi(&em)
            .into_iter()
            .map(|k| model.tags[k])
            .collect();
        let ge = entities(g);
        let pe = entities(&pred);
        prf.gold += ge.len();
        prf.predicted += pe.len();
        prf.true_pos += pe.iter().filter(|e| ge.contains(e)).count();
    }
    prf
}

/// The softmax temperature that gives the gold entity types of the dev tokens the highest
/// likelihood, from a fixed grid (so confidences read as probabilities).
fn calibrate(model: &Model, res: &Resources, dev: &[Sentence]) -> f32 {
    let mut feats = Vec::new();
    let mut sentences: Vec<(Vec<f32>, Vec<usize>)> = Vec::new();
    for s in dev.iter().take(1000) {
        let Some(g) = &s.tags else { continue };
        let mut em = Vec::new();
        extract(&s.tokens, res, model.bits, &mut feats);
        model.emissions(&feats, &mut em);
        let slots = g
            .iter()
            .map(|tag| match tag.kind() {
                None => 0,
                Some(kind) => {
                    1 + crate::document::EntityType::ALL
                        .iter()
                        .position(|&x| x == kind)
                        .unwrap_or(0)
                }
            })
            .collect();
        sentences.push((em, slots));
    }
    let grid = [0.5f32, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0];
    let mut best = (f64::NEG_INFINITY, 1.0f32);
    for &temp in &grid {
        let mut trial = model.clone();
        trial.temperature = temp;
        let mut ll = 0f64;
        for (em, slots) in &sentences {
            let probs = trial.type_probabilities(em);
            for (i, &slot) in slots.iter().enumerate() {
                ll += (probs[i * 5 + slot].max(1e-9) as f64).ln();
            }
        }
        if ll > best.0 {
            best = (ll, temp);
        }
    }
    best.1
}

/// What happened in one epoch.
#[derive(Debug, Clone, Copy)]
pub struct Epoch {
    pub epoch: usize,
    /// Share of training sentences decoded right before their update.
    pub train_sentence_accuracy: f64,
    pub dev: Prf,
}

/// Trains a model; calls `on_epoch` after each epoch. Returns the best epoch's model.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    res: &Resources,
    opts: &TrainOptions,
    mut on_epoch: impl FnMut(&Epoch),
) -> (Model, Epoch) {
    let mut model = Model::zeros(opts.bits, res.fingerprint);
    let t = model.n_tags();
    let tags = model.tags.clone();
    let examples: Vec<Example> = train
        .iter()
        .map(harmonize)
        .filter_map(|s| {
            let gold = s
                .tags
                .as_ref()?
                .iter()
                .map(|&g| tag_index(&tags, g))
                .collect();
            let mut feats = Vec::new();
            extract(&s.tokens, res, opts.bits, &mut feats);
            Some(Example { feats, gold })
        })
        .collect();
    // Sum of c * update, for averaging: avg = w - acc / c.
    let mut acc = vec![0f32; model.weights.len()];
    let mut acc_trans = vec![0f32; model.transitions.len()];
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(opts.seed);
    let mut em = Vec::new();
    let mut best: Option<(Model, Epoch)> = None;
    for epoch in 1..=opts.epochs.max(1) {
        rng.shuffle(&mut order);
        let mut right = 0usize;
        for &k in &order {
            let ex = &examples[k];
            model.emissions(&ex.feats, &mut em);
            let pred = model.viterbi(&em);
            if pred == ex.gold {
                right += 1;
            } else {
                for (i, (&g, &p)) in ex.gold.iter().zip(&pred).enumerate() {
                    if g != p {
                        for &f in &ex.feats
                            [i * super::features::TEMPLATES..(i + 1) * super::features::TEMPLATES]
                        {
                            let base = f as usize * t;
                            model.weights[base + g] += 1.0;
                            acc[base + g] += c;
                            model.weights[base + p] -= 1.0;
                            acc[base + p] -= c;
                        }
                    }
                    let (gp, pp) = if i == 0 {
                        (t, t)
                    } else {
                        (ex.gold[i - 1], pred[i - 1])
                    };
                    if (gp, g) != (pp, p) {
                        model.transitions[gp * t + g] += 1.0;
                        acc_trans[gp * t + g] += c;
                        model.transitions[pp * t + p] -= 1.0;
                        acc_trans[pp * t + p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        let mut averaged = model.clone();
        for (w, a) in averaged.weights.iter_mut().zip(&acc) {
            *w -= a / c;
        }
        for (w, a) in averaged.transitions.iter_mut().zip(&acc_trans) {
            *w -= a / c;
        }
        let report = Epoch {
            epoch,
            train_sentence_accuracy: right as f64 / examples.len().max(1) as f64,
            dev: score(&averaged, res, dev),
        };
        on_epoch(&report);
        let better = best
            .as_ref()
            .is_none_or(|(_, b)| report.dev.f1() > b.dev.f1());
        if better {
            best = Some((averaged, report));
        }
    }
    match best {
        Some((mut model, epoch)) => {
            model.temperature = calibrate(&model, res, dev);
            (model, epoch)
        }
        None => {
            let e = Epoch {
                epoch: 0,
                train_sentence_accuracy: 0.0,
                dev: Prf::default(),
            };
            (model, e)
        }
    }
}
