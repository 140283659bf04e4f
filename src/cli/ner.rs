//! `depeche ner train|eval|tag`: the named-entity tagger on CoNLL files.

use anyhow::{bail, Context};
use clap::Subcommand;
use depeche::document::EntityType;
use depeche::eval::ner as ner_eval;
use depeche::ner::conll::{self, Sentence};
use depeche::ner::features::Resources;
use depeche::ner::train::{self, TrainOptions};
use depeche::ner::Recognizer;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub enum NerCommand {
    /// Train a model on CoNLL files (token<TAB>IOB2 tag); prints dev F1 per epoch.
    #[command(
        after_help = "Example (what scripts/train-ner.sh runs to make the shipped model):\n  \
depeche ner train --train ../shared/data/ner/wikineural-fr.train.conll ../shared/data/ner/hipe2020-fr.train-v0.9.conll \\\n    \
--dev ../shared/data/ner/wikineural-fr.dev.conll --out data/fr/ner/model.bin --seed 1\n\n\
Historical sets are brought to the modern convention while read: titles leave person names, \
split elisions and hyphenated names are joined. Training is deterministic for a seed."
    )]
    Train {
        /// Training files.
        #[arg(long, num_args = 1.., required = true, value_name = "FILE")]
        train: Vec<PathBuf>,
        /// Development file, scored after each epoch; the best epoch is kept.
        #[arg(long, value_name = "FILE")]
        dev: PathBuf,
        /// Where to write the model.
        #[arg(long, value_name = "MODEL")]
        out: PathBuf,
        /// Seed of the shuffles.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Passes over the training data.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// log2 of the number of hashed feature buckets.
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(10..=24))]
        bits: u32,
    },
    /// Exact-span precision, recall and F1 per type and micro, on the gold tokens.
    #[command(
        after_help = "Example:\n  depeche ner eval ../shared/data/ner/wikineural-fr.dev.conll\n  \
depeche ner eval --types PER,LOC,ORG ../shared/data/ner/hipe2020-fr.dev.conll"
    )]
    Eval {
        /// Model file (default: the model built into the binary).
        #[arg(long, value_name = "MODEL")]
        model: Option<PathBuf>,
        /// Entity types to score, comma-separated.
        #[arg(long, default_value = "PER,LOC,ORG,MISC", value_delimiter = ',')]
        types: Vec<String>,
        /// Gold CoNLL files.
        #[arg(required = true, value_name = "GOLD.conll")]
        gold: Vec<PathBuf>,
    },
    /// Tag CoNLL tokens ('token' or 'token<TAB>tag' per line, blank line between sentences)
    /// from a file or standard input; writes 'token<TAB>predicted_tag' in IOB2.
    #[command(after_help = "Example:\n  depeche ner tag --conll gold.conll > predicted.conll")]
    Tag {
        /// Read and write CoNLL (the only format for now; required for clarity).
        #[arg(long, required = true)]
        conll: bool,
        /// Model file (default: the model built into the binary).
        #[arg(long, value_name = "MODEL")]
        model: Option<PathBuf>,
        /// Input file (default: standard input).
        input: Option<PathBuf>,
    },
}

fn read_conll(path: &Path, need_tags: bool) -> anyhow::Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(conll::parse(&path.display().to_string(), &text, need_tags)?)
}

fn recognizer(model: Option<&Path>) -> anyhow::Result<Recognizer> {
    Ok(match model {
        Some(path) => Recognizer::load(path)?,
        None => Recognizer::french()?,
    })
}

pub fn run(cmd: NerCommand) -> anyhow::Result<u8> {
    match cmd {
        NerCommand::Train {
            train,
            dev,
            out,
            seed,
            epochs,
            bits,
        } => {
            let mut data = Vec::new();
            let mut sources = Vec::new();
            for path in &train {
                let sentences = read_conll(path, true)?;
                sources.push(format!(
                    "{{\"file\":{:?},\"sentences\":{}}}",
                    path.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    sentences.len()
                ));
                data.extend(sentences);
            }
            let dev_data = read_conll(&dev, true)?;
            let res = Resources::french();
            let opts = TrainOptions { epochs, seed, bits };
            super::report(&format!(
                "training on {} sentences ({} files), dev {} sentences, {} epochs, 2^{} buckets, seed {}",
                data.len(),
                train.len(),
                dev_data.len(),
                epochs,
                bits,
                seed
            ));
            let bar = io::stderr().is_terminal().then(|| {
                let bar = ProgressBar::new(epochs as u64);
                if let Ok(style) = ProgressStyle::with_template(
                    "{spinner} epoch {pos}/{len} {wide_bar} {elapsed_precise} {msg}",
                ) {
                    bar.set_style(style);
                }
                bar
            });
            let (model, best) = train::train(&data, &dev_data, &res, &opts, |e| {
                let line = format!(
                    "epoch {:2}: train sentences right {:.3}, dev P {:.4} R {:.4} F1 {:.4}",
                    e.epoch,
                    e.train_sentence_accuracy,
                    e.dev.precision(),
                    e.dev.recall(),
                    e.dev.f1()
                );
                match &bar {
                    Some(b) => {
                        b.println(line);
                        b.inc(1);
                    }
                    None => super::report(&line),
                }
            });
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            // Score the model as it will be shipped (weights quantised to 16 bits), so that the
            // F1 recorded in it is the one anyone gets by evaluating the file.
            let shipped =
                depeche::ner::model::Model::from_bytes("trained model", &model.to_bytes())?;
            let shipped_f1 = train::score(&shipped, &res, &dev_data).f1();
            let mut model = shipped;
            model.info = format!(
                "{{\"engine\":\"depeche {}\",\"train\":[{}],\"dev\":{:?},\"seed\":{},\"epochs\":{},\"best_epoch\":{},\"bits\":{},\"dev_f1\":{:.4}}}",
                env!("CARGO_PKG_VERSION"),
                sources.join(","),
                dev.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                seed,
                epochs,
                best.epoch,
                bits,
                shipped_f1
            );
            std::fs::write(&out, model.to_bytes()).map_err(|source| super::OutputError {
                what: out.display().to_string(),
                source,
            })?;
            super::report(&format!(
                "best epoch {}: dev F1 {:.4} ({:.4} with the weights quantised as written); model written to {}",
                best.epoch,
                best.dev.f1(),
                shipped_f1,
                out.display()
            ));
            Ok(0)
        }
        NerCommand::Eval { model, types, gold } => {
            let types = types
                .iter()
                .map(|t| {
                    EntityType::parse(t.trim()).with_context(|| {
                        format!("--types: unknown type '{t}' (PER, LOC, ORG, MISC)")
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let rec = recognizer(model.as_deref())?;
            for path in &gold {
                let sentences = read_conll(path, true)?;
                let report = ner_eval::evaluate(&rec, &sentences, &types);
                let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
                super::print(&format!(
                    "depeche ner eval --types {} {}\n{report}",
                    names.join(","),
                    path.display()
                ))?;
            }
            Ok(0)
        }
        NerCommand::Tag {
            conll: _,
            model,
            input,
        } => {
            let rec = recognizer(model.as_deref())?;
            let (origin, text) = super::read_file_or_stdin(input.as_deref())?;
            let sentences = conll::parse(&origin, &text, false)?;
            if sentences.is_empty() {
                bail!("{origin}: no tokens");
            }
            let mut out = BufWriter::new(io::stdout().lock());
            let mut write = || -> io::Result<()> {
                for s in &sentences {
                    let tags = rec.tags(&s.tokens);
                    for (tok, tag) in s.tokens.iter().zip(&tags) {
                        writeln!(out, "{tok}\t{}", tag.as_str())?;
                    }
                    out.write_all(b"\n")?;
                }
                out.flush()
            };
            write().map_err(super::stdout_error)?;
            Ok(0)
        }
    }
}
