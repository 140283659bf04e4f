//! `depeche eval`: measurements on gold data, printed with the command that reproduces them.

use anyhow::Context;
use clap::Subcommand;
use depeche::eval::{events, links, news, time, tokens};
use depeche::lang::LangData;
use depeche::read::{DocumentStream, InputFormat, ReadOptions, WalkOptions};
use depeche::Pipeline;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Token and sentence boundaries against a CoNLL-U treebank (such as UD French-GSD).
    #[command(
        after_help = "Example:\n  depeche eval tokens ../shared/data/ud/fr_gsd-ud-dev.conllu --show-errors 20"
    )]
    Tokens {
        /// CoNLL-U file with '# text =' comments.
        gold: PathBuf,
        /// Print up to N disagreements of each kind.
        #[arg(long, default_value_t = 0, value_name = "N")]
        show_errors: usize,
        /// Language of the treebank (ISO 639-1).
        #[arg(long, default_value = "fr")]
        lang: String,
    },
    /// UPOS, lemma, UFeats, UAS and LAS of the syntax model against a CoNLL-U treebank, on its gold
    /// words (CoNLL 2018 scoring, punctuation included); prints the speed in words/s.
    #[command(
        after_help = "Example:\n  depeche eval parse ../shared/data/ud/fr_sequoia-ud-dev.conllu"
    )]
    Parse {
        /// Gold CoNLL-U files.
        #[arg(required = true, value_name = "GOLD.conllu")]
        gold: Vec<PathBuf>,
        /// Model file (default: the model built into the binary).
        #[arg(long, value_name = "MODEL")]
        model: Option<PathBuf>,
    },
    /// Time expressions against TimeML files with a DCT (such as French TimeBank): strict and
    /// relaxed span F1, type accuracy, value accuracy.
    #[command(
        after_help = "Example:\n  depeche eval time ../shared/data/temporal/fr-timebank/Data --show-errors 30"
    )]
    Time {
        /// A .tml file or a directory of them (read recursively).
        gold: PathBuf,
        /// Print up to N disagreements.
        #[arg(long, default_value_t = 0, value_name = "N")]
        show_errors: usize,
    },
    /// Events against hand-coded gold: an event counts when its sentence, root code and both
    /// actors' countries match; full-code accuracy and status on the matched ones.
    #[command(
        after_help = "Example:\n  depeche eval events eval/wikinews-fr-2012-dev.jsonl eval/wikinews-fr-2012-dev.events.jsonl --show-errors 40"
    )]
    Events {
        /// The articles, JSON Lines as `depeche extract` reads them (with "id" and "published").
        articles: PathBuf,
        /// The gold events: one {"id", "events": [...]} per line (see src/eval/events.rs).
        gold: PathBuf,
        /// Print up to N misses and extras.
        #[arg(long, default_value_t = 0, value_name = "N")]
        show_errors: usize,
    },
    /// Every layer against a news gold folder of eval/news/ (manifest.json + gold.jsonl):
    /// NER, type and country of names, GeoNames ids, descriptions, unnamed groups, times,
    /// counts, quotes and their speakers, CAMEO events. A sealed folder prints aggregates only.
    #[command(after_help = "Examples:
  depeche eval news eval/news/orangesum-tuning --show-errors 50
  depeche eval news eval/news/orangesum-sealed
  depeche eval news eval/news/wikinews-2012-dev

The OrangeSum texts are not in the repository: they are read from the file the manifest names
(../shared/data/news-fr/orangesum/orangesum-dev.jsonl beside the clone), or from --articles.
See eval/news/README.md for the gold format and the sealing rule.")]
    News {
        /// A gold folder: manifest.json (name, articles, format, sealed) and gold.jsonl.
        gold_dir: PathBuf,
        /// The articles' JSON Lines, instead of the manifest's path.
        #[arg(long, value_name = "FILE")]
        articles: Option<PathBuf>,
        /// Print up to N disagreements (refused on a sealed folder).
        #[arg(long, default_value_t = 0, value_name = "N")]
        show_errors: usize,
    },
    /// Main-text extraction of saved pages against their expected extraction (ID.html beside
    /// ID.expected.json): body word F1, title, publication date, URL, section, credit, speed.
    #[command(
        after_help = "Example:\n  depeche eval html ../shared/data/news-fr/orangesum/pages --show-errors 20\n\n\
Each ID.expected.json holds {\"title\", \"published\", \"url\", \"section\", \"credit\", \
\"paragraphs\": [...]}; see src/eval/html.rs for the scores."
    )]
    Html {
        /// A folder of ID.html pages with ID.expected.json beside them.
        pages: PathBuf,
        /// Print up to N disagreements.
        #[arg(long, default_value_t = 0, value_name = "N")]
        show_errors: usize,
    },
    /// Entity linking against hand-made gold: named mentions with the right type and country,
    /// places with the right GeoNames id, surname and nominal mentions on the right record.
    #[command(
        after_help = "Example:\n  depeche eval links eval/wikinews-fr-2012-dev.jsonl eval/wikinews-fr-2012-dev.entities.jsonl --show-errors 40"
    )]
    Links {
        /// The articles, JSON Lines as `depeche extract` reads them.
        articles: PathBuf,
        /// The gold: one {"id", "named": [...], "refers": [...]} per line (see src/eval/links.rs).
        gold: PathBuf,
        /// Print up to N disagreements.
        #[arg(long, default_value_t = 0, value_name = "N")]
        show_errors: usize,
    },
}

fn read_articles(articles: &std::path::Path) -> anyhow::Result<Vec<depeche::Document>> {
    let opts = ReadOptions {
        format: Some(InputFormat::Jsonl),
        ..ReadOptions::default()
    };
    let mut docs = Vec::new();
    let inputs = super::expand_inputs(&[articles.to_path_buf()], WalkOptions::default());
    for item in DocumentStream::new(inputs, opts) {
        docs.push(item.map_err(|e| anyhow::anyhow!("{e}"))?);
    }
    Ok(docs)
}

pub fn run(cmd: EvalCommand) -> anyhow::Result<u8> {
    match cmd {
        EvalCommand::Html { pages, show_errors } => {
            let report =
                depeche::eval::html::evaluate(&pages, show_errors).map_err(anyhow::Error::msg)?;
            super::print(&format!("depeche eval html {}\n{report}", pages.display()))?;
            Ok(0)
        }
        EvalCommand::Events {
            articles,
            gold,
            show_errors,
        } => {
            let content = std::fs::read_to_string(&gold)
                .with_context(|| format!("reading {}", gold.display()))?;
            let expected = events::read_gold(&content)
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("reading {}", gold.display()))?;
            let docs = read_articles(&articles)?;
            let pipeline = Pipeline::new("fr")?;
            let report = events::evaluate(&pipeline, docs, &expected, show_errors);
            super::print(&format!(
                "depeche eval events {} {}\n{report}",
                articles.display(),
                gold.display()
            ))?;
            Ok(0)
        }
        EvalCommand::News {
            gold_dir,
            articles,
            show_errors,
        } => {
            let set = news::gold::read_gold_dir(&gold_dir).map_err(anyhow::Error::msg)?;
            if set.manifest.sealed && show_errors > 0 {
                anyhow::bail!(
                    "{} is sealed: only aggregate figures are printed, so --show-errors is refused \
                     (tune on the tuning half)",
                    gold_dir.display()
                );
            }
            let articles_path = articles
                .clone()
                .unwrap_or_else(|| gold_dir.join(&set.manifest.articles));
            let docs = news::gold::read_articles(&articles_path, set.manifest.format, &set.docs)
                .map_err(anyhow::Error::msg)?;
            let pipeline = Pipeline::new("fr")?;
            let report = news::evaluate(&pipeline, &set, docs, show_errors);
            let mut command = format!("depeche eval news {}", gold_dir.display());
            if let Some(a) = &articles {
                command.push_str(&format!(" --articles {}", a.display()));
            }
            super::print(&format!("{command}\n{report}"))?;
            Ok(0)
        }
        EvalCommand::Links {
            articles,
            gold,
            show_errors,
        } => {
            let content = std::fs::read_to_string(&gold)
                .with_context(|| format!("reading {}", gold.display()))?;
            let expected = links::read_gold(&content)
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("reading {}", gold.display()))?;
            let docs = read_articles(&articles)?;
            let pipeline = Pipeline::new("fr")?;
            let report = links::evaluate(&pipeline, docs, &expected, show_errors);
            super::print(&format!(
                "depeche eval links {} {}\n{report}",
                articles.display(),
                gold.display()
            ))?;
            Ok(0)
        }
        EvalCommand::Tokens {
            gold,
            show_errors,
            lang,
        } => {
            let lang = LangData::load(&lang).context("--lang")?;
            let content = std::fs::read_to_string(&gold)
                .with_context(|| format!("reading {}", gold.display()))?;
            let (sentences, unaligned) = tokens::read_conllu(&content)
                .with_context(|| format!("reading {}", gold.display()))?;
            let report = tokens::evaluate(&sentences, unaligned, &lang, show_errors);
            super::print(&format!("depeche eval tokens {}\n{report}", gold.display()))?;
            Ok(0)
        }
        EvalCommand::Parse { gold, model } => {
            let start = std::time::Instant::now();
            let model = super::parse::model(model.as_deref())?;
            let load_ms = start.elapsed().as_secs_f64() * 1e3;
            for path in &gold {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("reading {}", path.display()))?;
                let sentences = depeche::syntax::conllu::parse(&path.display().to_string(), &text)?;
                // The scores of one pass; the speed from as many passes as fill a second,
                // in CPU time where the system gives it (wall-clock time otherwise).
                use depeche::eval::parse::{evaluate, thread_cpu_ns};
                let cpu0 = thread_cpu_ns();
                let start = std::time::Instant::now();
                let report = evaluate(&model, &sentences);
                let mut passes = 1;
                while start.elapsed().as_secs_f64() < 1.0 && report.words > 0 {
                    evaluate(&model, &sentences);
                    passes += 1;
                }
                let (secs, clock) = match (cpu0, thread_cpu_ns()) {
                    (Some(a), Some(b)) if b > a => ((b - a) as f64 / 1e9, "CPU time"),
                    _ => (start.elapsed().as_secs_f64(), "wall-clock time"),
                };
                super::print(&format!(
                    "depeche eval parse {}\n{report}\nspeed     {:.0} words/s (one thread, {clock}, {passes} passes in {:.3} s)\nload      {load_ms:.0} ms (the model, wall-clock time)\n",
                    path.display(),
                    (report.words * passes) as f64 / secs.max(1e-9),
                    secs
                ))?;
            }
            Ok(0)
        }
        EvalCommand::Time { gold, show_errors } => {
            let files = if gold.is_dir() {
                time::timeml_files(&gold).with_context(|| format!("reading {}", gold.display()))?
            } else {
                vec![gold.clone()]
            };
            anyhow::ensure!(!files.is_empty(), "no .tml files in {}", gold.display());
            let mut docs = Vec::new();
            for file in &files {
                let xml = std::fs::read_to_string(file)
                    .with_context(|| format!("reading {}", file.display()))?;
                let name = file.file_name().map_or_else(
                    || file.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                docs.push(time::parse_timeml(&name, &xml)?);
            }
            let pipeline = Pipeline::new("fr")?;
            let report = time::evaluate(&pipeline, &docs, show_errors);
            super::print(&format!("depeche eval time {}\n{report}", gold.display()))?;
            Ok(0)
        }
    }
}
