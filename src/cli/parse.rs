//! `depeche parse`: tag and parse CoNLL-U with the syntax model; `depeche parse train`: make one.

use anyhow::Context;
use clap::{Args, Subcommand};
use depeche::syntax::conllu::{self, Sentence};
use depeche::syntax::train::{self, TrainOptions};
use depeche::syntax::Model;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  depeche parse --conllu ../shared/data/ud/fr_sequoia-ud-dev.conllu > parsed.conllu\n  \
depeche eval parse ../shared/data/ud/fr_sequoia-ud-dev.conllu\n\n\
With --conllu, reads CoNLL-U (gold words), keeps ID, FORM, multiword-token lines and \
comments, and fills LEMMA, UPOS, FEATS, HEAD and DEPREL. Without it, reads plain text and \
writes CoNLL-U with depeche's own tokens and sentences: contractions become two words under a \
range line (\"3-4 du\" then \"de\" and \"le\"), and SpaceAfter=No marks joined tokens.\n  \
echo \"Le ministre a été reçu au palais.\" | depeche parse"
)]
pub struct ParseArgs {
    #[command(subcommand)]
    command: Option<ParseCommand>,
    /// Read CoNLL-U with gold words instead of plain text.
    #[arg(long)]
    conllu: bool,
    /// Model file (default: the model built into the binary).
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
    /// Input file (default: standard input).
    input: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum ParseCommand {
    /// Train the tagger, lemmatizer and parser on CoNLL-U treebanks; prints dev scores per
    /// epoch and keeps the best epoch.
    #[command(
        after_help = "Example (what scripts/train-parser.sh runs to make the shipped model):\n  \
D=../shared/data/ud\n  \
depeche parse train --train $D/fr_sequoia-ud-train.conllu $D/fr_rhapsodie-ud-train.conllu \\\n    \
$D/fr_parisstories-ud-train.conllu $D/fr_gsd-ud-dev.conllu \\\n    --dev $D/fr_sequoia-ud-dev.conllu --out data/fr/syntax/model.bin\n\n\
Training is deterministic for a seed."
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
        /// Passes over the training data (tagger and parser each).
        #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..=100))]
        epochs: u32,
        /// Seed of the shuffles and of the parser's exploration.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

fn read_conllu(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(conllu::parse(&path.display().to_string(), &text)?)
}

pub fn model(path: Option<&Path>) -> anyhow::Result<Model> {
    Ok(match path {
        Some(p) => Model::load(p)?,
        None => Model::french()?,
    })
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub fn run(args: ParseArgs) -> anyhow::Result<u8> {
    match args.command {
        Some(ParseCommand::Train {
            train,
            dev,
            out,
            epochs,
            seed,
        }) => {
            let mut data = Vec::new();
            let mut sources = Vec::new();
            for path in &train {
                let s = read_conllu(path)?;
                let words: usize = s.iter().map(|x| x.words.len()).sum();
                sources.push(format!(
                    "{{\"file\":{:?},\"sentences\":{},\"words\":{}}}",
                    file_name(path),
                    s.len(),
                    words
                ));
                data.extend(s);
            }
            let dev_data = read_conllu(&dev)?;
            let opts = TrainOptions {
                epochs: epochs as usize,
                seed,
                ..TrainOptions::default()
            };
            super::report(&format!(
                "training on {} sentences ({} files), dev {} sentences, {} epochs, seed {}",
                data.len(),
                train.len(),
                dev_data.len(),
                epochs,
                seed
            ));
            let start = std::time::Instant::now();
            let (mut model, score) = train::train(&data, &dev_data, &opts, |e| {
                super::report(&format!(
                    "{} epoch {:2}: train {:.4}, dev UPOS {:.4} UAS {:.4} LAS {:.4} ({:.0} s)",
                    e.stage,
                    e.epoch,
                    e.train_accuracy,
                    e.dev.upos_accuracy(),
                    e.dev.uas(),
                    e.dev.las(),
                    start.elapsed().as_secs_f64()
                ));
            });
            model.info = format!(
                "{{\"engine\":\"depeche {}\",\"train\":[{}],\"dev\":{:?},\"seed\":{},\"epochs\":{},\"dev_upos\":{:.4},\"dev_lemma\":{:.4},\"dev_uas\":{:.4},\"dev_las\":{:.4}}}",
                env!("CARGO_PKG_VERSION"),
                sources.join(","),
                file_name(&dev),
                seed,
                epochs,
                score.upos_accuracy(),
                score.lemma_accuracy(),
                score.uas(),
                score.las()
            );
            let bytes = model.to_bytes();
            std::fs::write(&out, &bytes).map_err(|source| super::OutputError {
                what: out.display().to_string(),
                source,
            })?;
            super::report(&format!(
                "dev UPOS {:.4} UAS {:.4} LAS {:.4}; model written to {} ({} bytes: {})",
                score.upos_accuracy(),
                score.uas(),
                score.las(),
                out.display(),
                bytes.len(),
                model.sizes()
            ));
            Ok(0)
        }
        None if !args.conllu => parse_text(args.model.as_deref(), args.input.as_deref()),
        None => {
            let model = model(args.model.as_deref())?;
            let (origin, text) = super::read_file_or_stdin(args.input.as_deref())?;
            let sentences = conllu::parse(&origin, &text)?;
            let mut out = BufWriter::new(io::stdout().lock());
            let mut buf = String::new();
            let mut write = || -> io::Result<()> {
                for s in &sentences {
                    let mut s = s.clone();
                    model.annotate(&mut s);
                    buf.clear();
                    conllu::write_sentence(&s, &mut buf);
                    out.write_all(buf.as_bytes())?;
                }
                out.flush()
            };
            write().map_err(super::stdout_error)?;
            Ok(0)
        }
    }
}

/// Plain text in, CoNLL-U out, with depeche's own tokens and sentences.
fn parse_text(model_path: Option<&Path>, input: Option<&Path>) -> anyhow::Result<u8> {
    use depeche::document::{Document, Metadata};
    use depeche::lang::LangData;
    use depeche::syntax::words::{self, Analyzer};
    let analyzer = Analyzer::with_model(model(model_path)?)?;
    let (origin, text) = super::read_file_or_stdin(input)?;
    let lang = LangData::french();
    let id = input
        .and_then(|p| p.file_stem())
        .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned());
    let meta = Metadata {
        id,
        lang: "fr".into(),
        origin,
        ..Metadata::default()
    };
    let mut doc = Document::new(meta, text);
    depeche::read::layout::add_blocks(&mut doc, &lang);
    depeche::segment::segment(&mut doc, &lang);
    analyzer.annotate(&mut doc);
    super::print(&conllu::write(&words::to_conllu(&doc)))?;
    Ok(0)
}
