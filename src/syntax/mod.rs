//! Syntax: UPOS tags, lemmas, morphological features and labelled dependency trees over
//! Universal Dependencies words, from models trained by the project in Rust (no Python, no
//! download at run time).
//!
//! Linear models over hashed features, each an averaged perceptron: a greedy UPOS
//! [`tagger`], a FEATS predictor per UPOS ([`morph`]), an arc-hybrid transition [`parser`]
//! with a relation labeller, and a [`lemma`] table with suffix rules. All read word
//! [`clusters`] (carried in the model file) besides the words themselves; the tagger also
//! reads each word's ambiguity class from a [`tagdict`] and the labeller the head's lemma. Why linear and greedy: each word costs a few hundred
//! table reads, so the parser runs at hundreds of thousands of words per second on one core,
//! loads in milliseconds and trains in a minute, deterministically; UD French treebanks are
//! small (about 90,000 training words here), where such models stay close to neural ones
//! without pretrained vectors.
//!
//! [`Model`] bundles them with their tag and relation names; it is immutable and
//! `Send + Sync`. The French model is embedded in the binary (`data/fr/syntax/model.bin`,
//! made by `scripts/train-parser.sh`). Words are those of UD ("du" is "de le"); [`conllu`]
//! reads and writes treebanks; [`words`] gives a Document its syntax layer.

pub mod clusters;
pub mod conllu;
pub mod lemma;
pub mod morph;
pub mod parser;
pub mod split;
pub mod tagdict;
pub mod tagger;
pub mod train;
pub mod weights;
pub mod words;

use clusters::Clusters;
use lemma::Lemmatizer;
use morph::Morph;
use split::Split;
use std::path::Path;
use tagdict::TagDict;
use weights::{write_string, Packed, Reader};

const MAGIC: &[u8; 8] = b"DPSYNv3\0";
const DEFAULT_MODEL: &[u8] = include_bytes!("../../data/fr/syntax/model.bin");

#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    #[error("{0}: not a depeche syntax model")]
    BadMagic(String),
    #[error("{0}: a syntax model of format {1}, which this build does not read (it reads {2}); retrain it with scripts/train-parser.sh")]
    OldFormat(String, String, String),
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
    labeller: Split,
    lemmas: Lemmatizer,
    clusters: Clusters,
    morph: Morph,
    tag_dict: TagDict,
    label_ids: parser::LabelIds,
    propn: Option<u16>,
}

/// The parts of a [`Model`] besides its tables, for [`Model::new`].
pub(crate) struct Parts {
    /// The relation labeller, keyed by the dependent's UPOS.
    pub labeller: Split,
    pub lemmas: Lemmatizer,
    pub clusters: Clusters,
    pub morph: Morph,
    /// The tags each training word had.
    pub tag_dict: TagDict,
}

impl Model {
    pub(crate) fn new(
        info: String,
        upos: Vec<String>,
        labels: Vec<String>,
        tables: [Packed; 2],
        parts: Parts,
    ) -> Model {
        let [tagger, transitions] = tables;
        let label_ids = parser::LabelIds::new(&labels);
        let propn = upos.iter().position(|u| u == "PROPN").map(|p| p as u16);
        Model {
            info,
            upos,
            labels,
            tagger,
            transitions,
            labeller: parts.labeller,
            lemmas: parts.lemmas,
            clusters: parts.clusters,
            morph: parts.morph,
            tag_dict: parts.tag_dict,
            label_ids,
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

    /// File format (little endian): magic `DPSYNv3\0`; the info JSON, the UPOS names and the
    /// relation names (u32 count, then u32 length + UTF-8 each); the tagger and transition
    /// tables (see [`Packed::write`]); the labeller ([`Split::write`]); the lemma table; the clusters
    /// ([`Clusters::write`]); the FEATS predictor ([`Morph::write`]); the tag dictionary
    /// ([`TagDict::write`]).
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
        self.clusters.write(&mut out);
        self.morph.write(&mut out);
        self.tag_dict.write(&mut out);
        out
    }

    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Model, SyntaxError> {
        if bytes.get(..8) != Some(MAGIC) {
            let version = |m: &[u8]| String::from_utf8_lossy(&m[..7]).into_owned();
            if let Some(m) = bytes.get(..8).filter(|m| m.starts_with(b"DPSYNv")) {
                return Err(SyntaxError::OldFormat(
                    name.to_string(),
                    version(m),
                    version(MAGIC),
                ));
            }
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
        let labeller = Split::read(&mut r, labels.len()).map_err(corrupt)?;
        let lemmas = Lemmatizer::read(&mut r).map_err(corrupt)?;
        let clusters = Clusters::read(&mut r).map_err(corrupt)?;
        let morph = Morph::read(&mut r).map_err(corrupt)?;
        let tag_dict = TagDict::read(&mut r).map_err(corrupt)?;
        use weights::Scorer;
        if tagger.classes() != upos.len()
            || transitions.classes() != 3
            || labeller.keys() > upos.len()
            || morph.upos_count() > upos.len()
            || r.at != bytes.len()
        {
            return Err(SyntaxError::Corrupt(name.to_string()));
        }
        Ok(Model::new(
            info,
            upos,
            labels,
            [tagger, transitions],
            Parts {
                labeller,
                lemmas,
                clusters,
                morph,
                tag_dict,
            },
        ))
    }

    /// Tags, lemmatizes and parses one sentence of UD words.
    pub fn analyze(&self, forms: &[&str]) -> Vec<Analysis> {
        if forms.is_empty() {
            return Vec::new();
        }
        let words = tagger::infos(forms, &self.clusters, &self.tag_dict);
        let tags = tagger::tag(&self.tagger, &words);
        let mut lemmas: Vec<String> = forms
            .iter()
            .zip(&tags)
            .map(|(form, &t)| self.lemmas.lemma(form, t as u16, self.propn))
            .collect();
        let lemma_keys: Vec<u64> = lemmas.iter().map(|l| parser::lemma_key(l)).collect();
        let input = parser::Input {
            words: &words,
            tags: &tags,
            lemmas: &lemma_keys,
        };
        let (heads, labels) =
            parser::parse(&self.transitions, &self.labeller, self.label_ids, &input);
        let mut feats = Vec::with_capacity(32);
        let mut scores = Vec::new();
        (0..forms.len())
            .map(|i| {
                let t = tags[i];
                Analysis {
                    upos: self.upos[t].clone(),
                    lemma: std::mem::take(&mut lemmas[i]),
                    feats: self
                        .morph
                        .predict(&words, &tags, i, &mut feats, &mut scores)
                        .to_string(),
                    head: heads[i],
                    deprel: self
                        .labels
                        .get(labels[i])
                        .cloned()
                        .unwrap_or_else(|| "dep".into()),
                }
            })
            .collect()
    }

    /// The UPOS tags alone of one sentence of UD words (no parse).
    pub fn tags(&self, forms: &[&str]) -> Vec<&str> {
        let words = tagger::infos(forms, &self.clusters, &self.tag_dict);
        tagger::tag(&self.tagger, &words)
            .into_iter()
            .map(|t| self.upos.get(t).map_or("X", String::as_str))
            .collect()
    }

    /// Fills LEMMA, UPOS, FEATS, HEAD and DEPREL of a CoNLL-U sentence's words; the other
    /// columns, range lines and comments stay as they are.
    pub fn annotate(&self, s: &mut conllu::Sentence) {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let analyses = self.analyze(&forms);
        for (w, a) in s.words.iter_mut().zip(analyses) {
            w.upos = a.upos;
            w.lemma = a.lemma;
            w.feats = a.feats;
            w.head = Some(a.head);
            w.deprel = a.deprel;
        }
    }

    /// Rows held by the tagger, transition and labeller tables, and lemma table entries.
    pub fn sizes(&self) -> String {
        let (exact, rules) = self.lemmas.entries();
        let (feats, lexicon, rows) = self.morph.sizes();
        format!(
            "tagger {} rows, parser {} rows, labeller {} rows, lemmas {exact} forms + {rules} rules, \
             FEATS {feats} strings, {lexicon} lexicon words, {rows} rows, clusters {} words",
            self.tagger.rows(),
            self.transitions.rows(),
            self.labeller.rows(),
            self.clusters.len()
        )
    }
}
