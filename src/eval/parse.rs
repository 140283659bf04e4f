//! `depeche eval parse`: UPOS, lemma, UFeats, UAS and LAS against a CoNLL-U treebank, on its
//! gold words (CoNLL 2018 scoring with gold tokenization: every word counts, punctuation
//! included; UFeats compares the set of universal features, as `conll18_ud_eval.py` does,
//! language-specific ones left out; LAS compares the universal part of the relation,
//! "obl:arg" as "obl", and `LAS full` the whole relation).

use crate::syntax::conllu::Sentence;
use crate::syntax::{Analysis, Model};
use std::fmt;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ParseScore {
    pub sentences: usize,
    pub words: usize,
    pub upos: usize,
    pub lemma: usize,
    pub ufeats: usize,
    pub uas: usize,
    pub las: usize,
    pub las_full: usize,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// The universal features of CoNLL 2018's evaluation script (`UNIVERSAL_FEATURES`).
const UNIVERSAL_FEATURES: [&str; 21] = [
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy", "Number",
    "Case", "Definite", "Degree", "VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident",
    "Polarity", "Person", "Polite",
];

/// Whether two FEATS columns agree on their universal features.
fn same_ufeats(a: &str, b: &str) -> bool {
    fn universal(f: &str) -> Vec<&str> {
        let mut v: Vec<&str> = f
            .split('|')
            .filter(|x| {
                x.split_once('=')
                    .is_some_and(|(k, _)| UNIVERSAL_FEATURES.contains(&k))
            })
            .collect();
        v.sort_unstable();
        v
    }
    a == b || universal(a) == universal(b)
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
    pub fn ufeats_accuracy(&self) -> f64 {
        ratio(self.ufeats, self.words)
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
    pub fn add(&mut self, gold: &Sentence, pred: &[Analysis]) {
        self.sentences += 1;
        for (g, p) in gold.words.iter().zip(pred) {
            self.words += 1;
            self.upos += (g.upos == p.upos) as usize;
            self.lemma += (g.lemma == p.lemma) as usize;
            self.ufeats += same_ufeats(&g.feats, &p.feats) as usize;
            if g.head == Some(p.head) {
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
        writeln!(f, "UFeats    {:.4}", self.ufeats_accuracy())?;
        writeln!(f, "UAS       {:.4}", self.uas())?;
        writeln!(f, "LAS       {:.4}", self.las())?;
        write!(f, "LAS full  {:.4}", self.las_full())
    }
}

/// Scores the model on gold sentences.
pub fn evaluate(model: &Model, gold: &[Sentence]) -> ParseScore {
    let mut score = ParseScore::default();
    let mut forms: Vec<&str> = Vec::new();
    for g in gold {
        forms.clear();
        forms.extend(g.words.iter().map(|w| w.form.as_str()));
        score.add(g, &model.analyze(&forms));
    }
    score
}

/// The CPU time this thread has used, in nanoseconds (Linux: `/proc/thread-self/schedstat`),
/// so that a speed measured on a busy machine counts only the time spent working.
pub fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::same_ufeats;

    #[test]
    fn ufeats_compare_universal_features_only() {
        assert!(same_ufeats(
            "Gender=Fem|Number=Sing",
            "Gender=Fem|Number=Sing"
        ));
        assert!(same_ufeats("_", "_"));
        assert!(!same_ufeats(
            "Gender=Fem|Number=Sing",
            "Gender=Masc|Number=Sing"
        ));
        assert!(!same_ufeats("Number=Sing", "_"));
        // A language-specific feature does not count, nor does the order.
        assert!(same_ufeats("ExtPos=ADV|Number=Sing", "Number=Sing"));
        assert!(same_ufeats(
            "Number=Sing|Gender=Fem",
            "Gender=Fem|Number=Sing"
        ));
    }
}
