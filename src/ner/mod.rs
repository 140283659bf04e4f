//! Named entities: a sequence tagger trained by the project, in Rust, with no Python or
//! download at run time. Adds the `mentions` layer (PER, LOC, ORG, MISC).
//!
//! Choice: a structured averaged perceptron over hashed sparse features with a first-order
//! Viterbi decoder restricted to valid IOB2 sequences ([`model`], [`train`], [`features`]).
//! Why: news NER is carried by surface cues (capitals out of sentence-initial position, the
//! words around a name, affixes) and by knowledge beyond the labelled data — word clusters
//! derived from fastText vectors and gazetteers of places, people and organisations — which a
//! linear model uses as well as a neural one, at a few microseconds per token, loading in
//! milliseconds, with a model of a few megabytes. It trains in seconds, deterministically.
//!
//! The default model is embedded in the binary (`data/fr/ner/model.bin`, trained by
//! `scripts/train-ner.sh`); `--model` loads another. Mention spans follow the CoNLL
//! convention: the name without its title ("M. Le Drian" → "Le Drian").

pub mod conll;
pub mod document;
pub mod features;
pub mod model;
pub mod train;
mod wordtable;

use crate::document::{Document, Mention, Span};
use conll::{entities, Tag};
use features::{extract, Resources};
use model::{Model, ModelError};
use std::path::Path;

const DEFAULT_MODEL: &[u8] = include_bytes!("../../data/fr/ner/model.bin");

#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("{0}: the model was trained with other word clusters or gazetteer tables than this build has; retrain it")]
    Resources(String),
}

/// Below this confidence a mention's type yields to the gazetteer's.
const UNSURE: f32 = 0.5;

/// The single type the gazetteer gives to exactly the tokens `s..e`, if it does.
fn gazetteer_type(codes: &[u8], s: usize, e: usize) -> Option<crate::document::EntityType> {
    use crate::document::EntityType;
    let bits = codes[s] >> 1;
    let starts = codes[s] & 1 == 0 && bits != 0;
    let inside = codes[s + 1..e]
        .iter()
        .all(|&c| c & 1 == 1 && c >> 1 == bits);
    let ends = codes.get(e).is_none_or(|&c| c & 1 == 0);
    if !(starts && inside && ends) {
        return None;
    }
    match bits {
        1 => Some(EntityType::Per),
        2 => Some(EntityType::Loc),
        4 => Some(EntityType::Org),
        8 => Some(EntityType::Misc),
        _ => None,
    }
}

/// Prefixes glued to a name by a hyphen: "anti-Daesh", "pro-Assad", "ex-Yougoslavie".
const NAME_PREFIXES: &[&str] = &[
    "anti-", "pro-", "ex-", "néo-", "post-", "pré-", "non-", "mini-", "super-",
];

/// The part of a token the tagger should read: the name after a prefix ("anti-Daesh" →
/// (5, "Daesh")), or the whole token.
fn name_view(token: &str) -> (usize, &str) {
    for prefix in NAME_PREFIXES {
        if let Some(rest) = token.strip_prefix(prefix) {
            if rest.starts_with(char::is_uppercase) {
                return (prefix.len(), rest);
            }
        }
    }
    (0, token)
}

/// A loaded tagger: model and the tables its features read. Immutable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Recognizer {
    model: Model,
    res: Resources,
    rules: document::ArticleRules,
    lang: crate::lang::LangData,
}

/// Tags of one sentence with, per token, the probability that it is inside an entity of the
/// predicted type (or outside any, for O).
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    pub tags: Vec<Tag>,
    pub confidence: Vec<f32>,
}

impl Recognizer {
    /// The French model embedded in the binary.
    pub fn french() -> Result<Recognizer, NerError> {
        let model = Model::from_bytes("built-in model", DEFAULT_MODEL)?;
        Recognizer::new("built-in model", model, Resources::french())
    }

    /// A model file, with the tables embedded in the binary.
    pub fn load(path: &Path) -> Result<Recognizer, NerError> {
        let model = Model::load(path)?;
        Recognizer::new(&path.display().to_string(), model, Resources::french())
    }

    pub fn new(name: &str, model: Model, res: Resources) -> Result<Recognizer, NerError> {
        if model.fingerprint != res.fingerprint {
            return Err(NerError::Resources(name.to_string()));
        }
        Ok(Recognizer {
            model,
            res,
            rules: document::ArticleRules::default(),
            lang: crate::lang::LangData::french(),
        })
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn resources(&self) -> &Resources {
        &self.res
    }

    /// The best tag path of one tokenized sentence (tag indices) and its emissions.
    fn decode(&self, tokens: &[String]) -> (Vec<usize>, Vec<f32>) {
        let mut feats = Vec::with_capacity(tokens.len() * features::TEMPLATES);
        let mut em = Vec::new();
        extract(tokens, &self.res, self.model.bits, &mut feats);
        self.model.emissions(&feats, &mut em);
        (self.model.viterbi(&em), em)
    }

    /// Tags one tokenized sentence, without the confidences [`Recognizer::tag`] computes.
    pub fn tags(&self, tokens: &[String]) -> Vec<Tag> {
        let (path, _) = self.decode(tokens);
        path.into_iter().map(|k| self.model.tags[k]).collect()
    }

    /// Tags one tokenized sentence.
    pub fn tag(&self, tokens: &[String]) -> Tagged {
        let (path, em) = self.decode(tokens);
        let probs = self.model.type_probabilities(&em);
        let confidence = path
            .iter()
            .enumerate()
            .map(|(i, &k)| probs[i * 5 + self.model.type_slot(k)])
            .collect();
        Tagged {
            tags: path.into_iter().map(|k| self.model.tags[k]).collect(),
            confidence,
        }
    }

    /// Adds the `mentions` layer. Requires `tokens`, `sentences`.
    pub fn annotate(&self, doc: &mut Document) {
        let mut mentions = Vec::new();
        for sentence in &doc.sentences {
            let toks = &doc.tokens[sentence.tokens.clone()];
            // The tagger sees "Daesh" in "anti-Daesh", and the mention is the name alone.
            let views: Vec<(usize, &str)> = toks
                .iter()
                .map(|t| name_view(&doc.text[t.span.range()]))
                .collect();
            let words: Vec<String> = views.iter().map(|(_, w)| w.to_string()).collect();
            let tagged = self.tag(&words);
            let folded: Vec<String> = words
                .iter()
                .map(|w| crate::lang::fold_apostrophes(w))
                .collect();
            let gazetteer = self.res.gazetteer_codes(&folded);
            for (s, e, kind) in entities(&tagged.tags) {
                let score = tagged.confidence[s..e].iter().sum::<f32>() / (e - s) as f32;
                // An unsure type against a gazetteer name of exactly this extent and one type:
                // the gazetteer's ("Mistral" the ship class, not a person).
                let kind = match gazetteer_type(&gazetteer, s, e) {
                    Some(listed) if score < UNSURE && listed != kind => listed,
                    _ => kind,
                };
                mentions.push(Mention {
                    span: Span::new(toks[s].span.start + views[s].0, toks[e - 1].span.end),
                    kind,
                    score,
                    tokens: sentence.tokens.start + s..sentence.tokens.start + e,
                    entity: None,
                    nominal: false,
                });
            }
        }
        doc.mentions = mentions;
        self.rules.apply(doc, &self.lang);
    }
}
