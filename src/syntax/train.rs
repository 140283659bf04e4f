//! Training the syntax [`Model`] from CoNLL-U treebanks, deterministically for a seed.
//!
//! Order: the lemma table; the tagger (best epoch on the development set by UPOS); tags for
//! the training words predicted by jackknifing (each of four folds tagged by a tagger trained
//! on the other three), so that the FEATS predictor and the parser learn from tags as wrong as
//! the ones they will see; the FEATS predictor (best epoch by UFeats); then the parser and
//! labeller (best epoch by LAS on the development set, read with the
//! quantised tables as shipped). Each epoch visits the sentences in an order shuffled by the
//! seed; the parser explores its own mistakes from the second epoch on.

use super::clusters::Clusters;
use super::conllu::Sentence;
use super::lemma::Lemmatizer;
use super::morph::{Morph, MorphExample, MorphTraining};
use super::parser::{self, Rng};
use super::split::{Split, SplitTraining};
use super::tagdict::TagDict;
use super::tagger::{self, WordInfo};
use super::weights::{Packed, Training};
use super::{Model, Parts};
use crate::eval::parse::{evaluate, ParseScore};

#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    pub tagger_bits: u32,
    pub parser_bits: u32,
    /// log2 of the weights of each UPOS's labeller table.
    pub labeller_bits: u32,
    /// log2 of the weights of each UPOS's FEATS table.
    pub morph_bits: u32,
    /// Word clusters, copied into the model.
    pub clusters: Clusters,
    /// Which training sentences the FEATS predictor learns from (all when empty): treebanks
    /// differ in the features they mark (the spoken ones leave out those of nouns).
    pub feats_from: Vec<bool>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            seed: 1,
            tagger_bits: 18,
            parser_bits: 20,
            labeller_bits: 21,
            morph_bits: 20,
            clusters: Clusters::default(),
            feats_from: Vec::new(),
        }
    }
}

/// What one epoch gave, for progress lines.
#[derive(Debug, Clone)]
pub struct Epoch {
    pub stage: &'static str,
    pub epoch: usize,
    pub train_accuracy: f64,
    pub dev: ParseScore,
}

struct Example {
    words: Vec<WordInfo>,
    tags: Vec<usize>,
    heads: Vec<usize>,
    labels: Vec<usize>,
    feats: Vec<u16>,
    /// Whether heads and labels form a usable tree (else the parser skips it).
    tree: bool,
    /// Whether the FEATS predictor learns from it.
    learn_feats: bool,
}

fn shuffled(n: usize, rng: &mut Rng) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

fn names(sentences: &[Sentence], f: impl Fn(&super::conllu::Word) -> &str) -> Vec<String> {
    let mut v: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.words.iter().map(&f))
        .filter(|x| *x != "_" && !x.is_empty())
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    v
}

fn train_tagger(
    examples: &[&Example],
    classes: usize,
    bits: u32,
    epochs: usize,
    rng: &mut Rng,
    mut each: impl FnMut(usize, f64, &Training) -> bool,
) -> Training {
    let mut table = Training::new(bits, classes);
    for e in 1..=epochs {
        let (mut right, mut all) = (0, 0);
        for &i in &shuffled(examples.len(), rng) {
            let ex = examples[i];
            right += tagger::train_sentence(&mut table, &ex.words, &ex.tags);
            all += ex.words.len();
        }
        if !each(e, right as f64 / all.max(1) as f64, &table) {
            break;
        }
    }
    table
}

/// Trains a model; `progress` hears about each epoch. Returns the model with its info JSON
/// left for the caller to fill, and the dev score of the kept parser epoch.
pub fn train(
    data: &[Sentence],
    dev: &[Sentence],
    opts: &TrainOptions,
    mut progress: impl FnMut(&Epoch),
) -> (Model, ParseScore) {
    let upos = names(data, |w| &w.upos);
    let mut labels = names(data, |w| &w.deprel);
    if !labels.iter().any(|l| l == "root") {
        labels.push("root".into());
        labels.sort();
    }
    let mut feat_names = names(data, |w| &w.feats);
    feat_names.retain(|f| f != "_");
    feat_names.insert(0, "_".to_string());
    let tag_index = |u: &str| upos.iter().position(|x| x == u).unwrap_or(0);
    let feat_index = |f: &str| feat_names.iter().position(|x| x == f).unwrap_or(0) as u16;
    let label_index = |l: &str| labels.iter().position(|x| x == l).unwrap_or(0);
    let no_tags = TagDict::default();
    let mut examples: Vec<Example> = data
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.words.is_empty())
        .map(|(k, s)| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            Example {
                words: tagger::infos(&forms, &opts.clusters, &no_tags),
                tags: s.words.iter().map(|w| tag_index(&w.upos)).collect(),
                heads: s.words.iter().map(|w| w.head.unwrap_or(0)).collect(),
                labels: s.words.iter().map(|w| label_index(&w.deprel)).collect(),
                feats: s.words.iter().map(|w| feat_index(&w.feats)).collect(),
                tree: s.is_tree(),
                learn_feats: opts.feats_from.get(k).copied().unwrap_or(true),
            }
        })
        .collect();
    // The tag dictionary: jackknifed for the training words, whole for the model.
    const DICT_FOLDS: usize = 10;
    let lowers: Vec<Vec<u64>> = examples
        .iter()
        .map(|ex| ex.words.iter().map(|w| w.lower).collect())
        .collect();
    let pairs: Vec<(&[u64], &[usize])> = lowers
        .iter()
        .zip(&examples)
        .map(|(l, ex)| (l.as_slice(), ex.tags.as_slice()))
        .collect();
    let folds = TagDict::jackknifed(&pairs, DICT_FOLDS);
    let tag_dict = TagDict::learn(
        pairs
            .iter()
            .flat_map(|(w, t)| w.iter().copied().zip(t.iter().copied())),
    );
    for (i, ex) in examples.iter_mut().enumerate() {
        for w in &mut ex.words {
            w.find_class(&folds[i % DICT_FOLDS]);
        }
    }
    drop(folds);
    let propn = upos.iter().position(|u| u == "PROPN").map(|p| p as u16);
    let lemmas = Lemmatizer::learn(
        data.iter().flat_map(|s| {
            s.words
                .iter()
                .map(|w| (w.form.as_str(), tag_index(&w.upos) as u16, w.lemma.as_str()))
        }),
        propn,
    );
    let mut rng = Rng(opts.seed);
    let c = upos.len();
    let empty_parser = || Packed::from_dense(&Training::new(8, 3).averaged());
    let empty_labeller = Split::default;
    let model_with = |tagger: Packed, trans: Packed, labeller: Split, morph: Morph| {
        Model::new(
            String::new(),
            upos.clone(),
            labels.clone(),
            [tagger, trans],
            Parts {
                labeller,
                lemmas: lemmas.clone(),
                clusters: opts.clusters.clone(),
                morph,
                tag_dict: tag_dict.clone(),
            },
        )
    };

    // The tagger, its epoch chosen on dev.
    let all: Vec<&Example> = examples.iter().collect();
    let mut best_tagger: Option<(f64, usize, Packed)> = None;
    train_tagger(
        &all,
        c,
        opts.tagger_bits,
        opts.epochs,
        &mut rng,
        |e, acc, t| {
            let packed = Packed::from_dense(&t.averaged());
            let m = model_with(
                packed.clone(),
                empty_parser(),
                empty_labeller(),
                Morph::default(),
            );
            let dev_score = evaluate(&m, dev);
            progress(&Epoch {
                stage: "tagger",
                epoch: e,
                train_accuracy: acc,
                dev: dev_score,
            });
            let a = dev_score.upos_accuracy();
            if best_tagger.as_ref().is_none_or(|(b, _, _)| a > *b) {
                best_tagger = Some((a, e, packed));
            }
            true
        },
    );
    let (_, tagger_epochs, tagger) = best_tagger.expect("at least one epoch");

    // Jackknifed tags for the parser's training words.
    const FOLDS: usize = 4;
    let mut predicted: Vec<Vec<usize>> = vec![Vec::new(); examples.len()];
    for fold in 0..FOLDS {
        let rest: Vec<&Example> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .map(|(_, e)| e)
            .collect();
        let t = train_tagger(
            &rest,
            c,
            opts.tagger_bits,
            tagger_epochs,
            &mut rng,
            |_, _, _| true,
        )
        .averaged();
        for (i, ex) in examples.iter().enumerate() {
            if i % FOLDS == fold {
                predicted[i] = tagger::tag(&t, &ex.words);
            }
        }
    }

    // The FEATS predictor, its epoch chosen on dev.
    let morph_examples: Vec<MorphExample<'_>> = examples
        .iter()
        .zip(&predicted)
        .filter(|(ex, _)| ex.learn_feats)
        .map(|(ex, p)| MorphExample {
            words: &ex.words,
            gold_tags: &ex.tags,
            gold_feats: &ex.feats,
            context_tags: p,
        })
        .collect();
    let mut morph_training =
        MorphTraining::new(feat_names.clone(), c, &morph_examples, opts.morph_bits);
    let mut best_morph: Option<(f64, Morph)> = None;
    for e in 1..=opts.epochs {
        let order = shuffled(morph_examples.len(), &mut rng);
        let acc = morph_training.epoch(&morph_examples, &order);
        let morph = morph_training.packed();
        let m = model_with(
            tagger.clone(),
            empty_parser(),
            empty_labeller(),
            morph.clone(),
        );
        let dev_score = evaluate(&m, dev);
        progress(&Epoch {
            stage: "feats",
            epoch: e,
            train_accuracy: acc,
            dev: dev_score,
        });
        let a = dev_score.ufeats_accuracy();
        if best_morph.as_ref().is_none_or(|(b, _)| a > *b) {
            best_morph = Some((a, morph));
        }
    }
    let (_, morph) = best_morph.expect("at least one epoch");
    drop(morph_training);

    // The parser and labeller.
    let root = labels.iter().position(|l| l == "root").unwrap_or(0);
    let ids = parser::LabelIds::new(&labels);
    let mut trans = Training::new(opts.parser_bits, 3);
    let trees: Vec<usize> = (0..examples.len()).filter(|&i| examples[i].tree).collect();
    // The labeller's candidates for a UPOS: the relations of training words with that
    // (predicted) UPOS, the root's aside.
    let mut candidates = vec![Vec::new(); c];
    for &i in &trees {
        for (&t, &l) in predicted[i].iter().zip(&examples[i].labels) {
            if l != root {
                candidates[t].push(l as u16);
            }
        }
    }
    let mut labeller = SplitTraining::new(candidates, opts.labeller_bits);
    // The lemmas of the training words, from their predicted tags.
    let lemma_keys: Vec<Vec<u64>> = data
        .iter()
        .filter(|s| !s.words.is_empty())
        .zip(&predicted)
        .map(|(s, tags)| {
            s.words
                .iter()
                .zip(tags)
                .map(|(w, &t)| parser::lemma_key(&lemmas.lemma(&w.form, t as u16, propn)))
                .collect()
        })
        .collect();
    let mut best: Option<(ParseScore, Model)> = None;
    for e in 1..=opts.epochs {
        let (mut right, mut all) = (0, 0);
        for &k in &shuffled(trees.len(), &mut rng) {
            let i = trees[k];
            let ex = &examples[i];
            let input = parser::Input {
                words: &ex.words,
                tags: &predicted[i],
                lemmas: &lemma_keys[i],
            };
            let (r, a) = parser::train_sentence(
                &mut trans,
                &mut labeller,
                ids,
                &input,
                &ex.heads,
                &ex.labels,
                e > 1,
                &mut rng,
            );
            right += r;
            all += a;
        }
        let m = model_with(
            tagger.clone(),
            Packed::from_dense(&trans.averaged()),
            labeller.packed(),
            morph.clone(),
        );
        let dev_score = evaluate(&m, dev);
        progress(&Epoch {
            stage: "parser",
            epoch: e,
            train_accuracy: right as f64 / all.max(1) as f64,
            dev: dev_score,
        });
        if best.as_ref().is_none_or(|(b, _)| dev_score.las() > b.las()) {
            best = Some((dev_score, m));
        }
    }
    let (score, model) = best.expect("at least one epoch");
    (model, score)
}
