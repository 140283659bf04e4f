//! `depeche eval parse`: UPOS, lemma, UAS and LAS against a CoNLL-U treebank, on its gold
//! words (CoNLL 2018 scoring with gold tokenization: every word counts, punctuation included;
//! LAS compares the universal part of the relation, "obl:arg" as "obl", and `LAS full` the
//! whole relation).

use crate::syntax::conllu::Sentence;
use crate::syntax::Model;
use std::fmt;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ParseScore {
    pub sentences: usize,
    pub words: usize,
    pub upos: usize,
    pub lemma: usize,
    pub uas: usize,
    pub las: usize,
    pub las_full: usize,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

fn ratio(a: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        a as f64 / n as f64
    }
}

impl ParseScore {
    pub fn upos_accuracy(&self) -> f64 {
        ratio(self.upos, self.words)
    }
    pub fn lemma_accuracy(&self) -> f64 {
        ratio(self.lemma, self.words)
    }
    pub fn uas(&self) -> f64 {
        ratio(self.uas, self.words)
    }
    pub fn las(&self) -> f64 {
        ratio(self.las, self.words)
    }
    pub fn las_full(&self) -> f64 {
        ratio(self.las_full, self.words)
    }

    /// Adds one sentence: `pred` is the model's reading of `gold`'s words.
    pub fn add(&mut self, gold: &Sentence, pred: &Sentence) {
        self.sentences += 1;
        for (g, p) in gold.words.iter().zip(&pred.words) {
            self.words += 1;
            self.upos += (g.upos == p.upos) as usize;
            self.lemma += (g.lemma == p.lemma) as usize;
            if g.head.is_some() && g.head == p.head {
                self.uas += 1;
                self.las += (universal(&g.deprel) == universal(&p.deprel)) as usize;
                self.las_full += (g.deprel == p.deprel) as usize;
            }
        }
    }
}

impl fmt::Display for ParseScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentences {}  words {}", self.sentences, self.words)?;
        writeln!(f, "UPOS      {:.4}", self.upos_accuracy())?;
        writeln!(f, "lemma     {:.4}", self.lemma_accuracy())?;
        writeln!(f, "UAS       {:.4}", self.uas())?;
        writeln!(f, "LAS       {:.4}", self.las())?;
        write!(f, "LAS full  {:.4}", self.las_full())
    }
}

/// Scores the model on gold sentences.
pub fn evaluate(model: &Model, gold: &[Sentence]) -> ParseScore {
    let mut score = ParseScore::default();
    for g in gold {
        let mut p = g.clone();
        model.annotate(&mut p);
        score.add(g, &p);
    }
    score
}
