//! Syntax: UPOS tags, lemmas and labelled dependency trees over Universal Dependencies words,
//! from models trained by the project in Rust (no Python, no download at run time).
//!
//! Three linear models over hashed features, each an averaged perceptron: a greedy UPOS
//! [`tagger`], an arc-hybrid transition [`parser`] with a relation labeller, and a
//! [`lemma`] table with suffix rules. Why linear and greedy: each word costs a few hundred
//! table reads, so the parser runs at hundreds of thousands of words per second on one core,
//! loads in milliseconds and trains in a minute, deterministically; UD French treebanks are
//! small (about 90,000 training words here), where such models stay close to neural ones
//! without pretrained vectors.
//!
//! [`Model`] bundles the three with their tag and relation names; it is immutable and
//! `Send + Sync`. The French model is embedded in the binary (`data/fr/syntax/model.bin`,
//! made by `scripts/train-parser.sh`). Words are those of UD ("du" is "de le"); [`conllu`]
//! reads and writes treebanks; [`words`] gives a Document its syntax layer.

pub mod conllu;
pub mod lemma;
pub mod parser;
pub mod tagger;
pub mod train;
pub mod weights;
pub mod words;

use lemma::Lemmatizer;
use std::path::Path;
use weights::{write_string, Packed, Reader};

const MAGIC: &[u8; 8] = b"DPSYNv1\0";
const DEFAULT_MODEL: &[u8] = include_bytes!("../../data/fr/syntax/model.bin");

#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    #[error("{0}: not a depeche syntax model")]
    BadMagic(String),
    #[error("{0}: truncated or corrupt syntax model")]
    Corrupt(String),
    #[error("this build has no syntax model embedded; train one with scripts/train-parser.sh")]
    NoModel,
    #[error("reading {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub upos: String,
    pub lemma: String,
    /// Universal features, `Feat=Value|…` in UD order, or `_` when the model predicts none.
    pub feats: String,
    /// 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    pub deprel: String,
}

/// A trained tagger, lemmatizer and parser.
#[derive(Debug, Clone)]
pub struct Model {
    /// JSON describing the training (data, seed, epochs, dev scores).
    pub info: String,
    pub upos: Vec<String>,
    pub labels: Vec<String>,
    tagger: Packed,
    transitions: Packed,
    labeller: Packed,
    lemmas: Lemmatizer,
    root_label: usize,
    propn: Option<u16>,
}

impl Model {
    pub(crate) fn new(
        info: String,
        upos: Vec<String>,
        labels: Vec<String>,
        tables: [Packed; 3],
        lemmas: Lemmatizer,
    ) -> Model {
        let [tagger, transitions, labeller] = tables;
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0);
        let propn = upos.iter().position(|u| u == "PROPN").map(|p| p as u16);
        Model {
            info,
            upos,
            labels,
            tagger,
            transitions,
            labeller,
            lemmas,
            root_label,
            propn,
        }
    }

    /// The French model embedded in the binary.
    pub fn french() -> Result<Model, SyntaxError> {
        if DEFAULT_MODEL.is_empty() {
            return Err(SyntaxError::NoModel);
        }
        Model::from_bytes("built-in syntax model", DEFAULT_MODEL)
    }

    pub fn load(path: &Path) -> Result<Model, SyntaxError> {
        let bytes = std::fs::read(path).map_err(|source| SyntaxError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Model::from_bytes(&path.display().to_string(), &bytes)
    }

    /// File format (little endian): magic `DPSYNv1\0`; the info JSON, the UPOS names and the
    /// relation names (u32 count, then u32 length + UTF-8 each); the tagger, transition and
    /// labeller tables (see [`Packed::write`]); the lemma table.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        write_string(&mut out, &self.info);
        for names in [&self.upos, &self.labels] {
            out.extend_from_slice(&(names.len() as u32).to_le_bytes());
            for n in names {
                write_string(&mut out, n);
            }
        }
        self.tagger.write(&mut out);
        self.transitions.write(&mut out);
        self.labeller.write(&mut out);
        self.lemmas.write(&mut out);
        out
    }

    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Model, SyntaxError> {
        if bytes.get(..8) != Some(MAGIC) {
            return Err(SyntaxError::BadMagic(name.to_string()));
        }
        let corrupt = |_| SyntaxError::Corrupt(name.to_string());
        let mut r = Reader { bytes, at: 8 };
        let info = r.string().map_err(corrupt)?;
        let mut names = [Vec::new(), Vec::new()];
        for list in &mut names {
            let n = r.u32().map_err(corrupt)?;
            for _ in 0..n.min(4096) {
                list.push(r.string().map_err(corrupt)?);
            }
        }
        let [upos, labels] = names;
        let tagger = Packed::read(&mut r).map_err(corrupt)?;
        let transitions = Packed::read(&mut r).map_err(corrupt)?;
        let labeller = Packed::read(&mut r).map_err(corrupt)?;
        let lemmas = Lemmatizer::read(&mut r).map_err(corrupt)?;
        use weights::Scorer;
        if tagger.classes() != upos.len()
            || transitions.classes() != 3
            || labeller.classes() != labels.len()
            || r.at != bytes.len()
        {
            return Err(SyntaxError::Corrupt(name.to_string()));
        }
        Ok(Model::new(
            info,
            upos,
            labels,
            [tagger, transitions, labeller],
            lemmas,
        ))
    }

    /// Tags, lemmatizes and parses one sentence of UD words.
    pub fn analyze(&self, forms: &[&str]) -> Vec<Analysis> {
        if forms.is_empty() {
            return Vec::new();
        }
        let words = tagger::infos(forms);
        let tags = tagger::tag(&self.tagger, &words);
        let input = parser::Input {
            words: &words,
            tags: &tags,
        };
        let (heads, labels) =
            parser::parse(&self.transitions, &self.labeller, self.root_label, &input);
        forms
            .iter()
            .zip(tags.iter().zip(heads.iter().zip(&labels)))
            .map(|(form, (&t, (&h, &l)))| Analysis {
                upos: self.upos[t].clone(),
                lemma: self.lemmas.lemma(form, t as u16, self.propn),
                // The model does not predict features yet.
                feats: "_".into(),
                head: h,
                deprel: self.labels.get(l).cloned().unwrap_or_else(|| "dep".into()),
            })
            .collect()
    }

    /// The UPOS tags alone of one sentence of UD words (no parse).
    pub fn tags(&self, forms: &[&str]) -> Vec<&str> {
        let words = tagger::infos(forms);
        tagger::tag(&self.tagger, &words)
            .into_iter()
            .map(|t| self.upos.get(t).map_or("X", String::as_str))
            .collect()
    }

    /// Fills LEMMA, UPOS, HEAD and DEPREL of a CoNLL-U sentence's words; the other columns,
    /// range lines and comments stay as they are.
    pub fn annotate(&self, s: &mut conllu::Sentence) {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let analyses = self.analyze(&forms);
        for (w, a) in s.words.iter_mut().zip(analyses) {
            w.upos = a.upos;
            w.lemma = a.lemma;
            w.head = Some(a.head);
            w.deprel = a.deprel;
        }
    }

    /// Rows held by the tagger, transition and labeller tables, and lemma table entries.
    pub fn sizes(&self) -> String {
        let (exact, rules) = self.lemmas.entries();
        format!(
            "tagger {} rows, parser {} rows, labeller {} rows, lemmas {exact} forms + {rules} rules",
            self.tagger.rows(),
            self.transitions.rows(),
            self.labeller.rows()
        )
    }
}
