//! `depeche ingest` and `depeche check`: fill the event database and verify it. The work is in
//! [`depeche::store`]; this is argument parsing, the progress bar and exit statuses.

use super::extract::InputArg;
use super::{report, OutputError, EXIT_SOME_FAILED};
use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use depeche::read::{self, decode::DEFAULT_MAX_DOC_BYTES, DocumentStream};
use depeche::read::{ReadOptions, WalkOptions};
use depeche::store::ingest::{self, Options};
use depeche::store::sqlite::SqliteStore;
use depeche::store::{Backend, StoreError};
use depeche::Pipeline;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Annotate articles and store them, with their events merged across articles, in a database.
#[derive(Args, Debug)]
#[command(
    after_help = "Reads what 'depeche extract' reads (files, directories, '-' for \
standard input; plain text or JSON Lines) and writes into an SQLite database (created when \
missing, migrated when older), in batches of --batch documents, each one transaction.\n\n\
A document already stored (same id, same canonical URL or same normalized text) is skipped \
before annotation, so running the same command again adds nothing, and a run killed at any \
moment loses at most its open batch, which the next run writes. A document annotated by \
another engine version is annotated again only with --reannotate. Near-duplicates (the same \
dispatch republished, found by SimHash) are linked as copies of one story and count as one \
source.\n\n\
Events with the same root code, actor codes and place country, on days at most one day \
apart, are merged into one event record with NumMentions, NumSources, NumArticles, the mean \
Goldstein score and a confidence; see 'depeche query' and 'depeche export'.\n\n\
A document that cannot be read or annotated is recorded in the failures table with its \
error (and named on stderr); the batch goes on. With no input and a terminal on standard \
input, the database is only created or migrated.\n\n\
Exit status:\n  \
0  every document was stored or already there\n  \
1  some documents failed (recorded in the failures table; the others were stored)\n  \
2  bad usage, or a database from a newer depeche\n  \
3  the database cannot be written (read-only, disk full): the batches committed before are kept\n\n\
Examples:\n  depeche ingest ../shared/data/news-fr/orangesum/orangesum-dev.jsonl --db news.db\n  \
depeche ingest dispatches/ --db news.db --published 2015-12-21\n  \
cat feed.jsonl | depeche ingest - --db news.db\n  \
depeche ingest archive.jsonl --db news.db --reannotate\n  \
depeche check --db news.db --format json"
)]
pub struct IngestArgs {
    /// Files or directories (read recursively) to ingest; '-' reads standard input.
    #[arg(value_name = "INPUTS")]
    inputs: Vec<PathBuf>,
    /// The database file (SQLite).
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// Publication date for documents that carry none (YYYY-MM-DD or ISO 8601 date-time).
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Language of the articles (ISO 639-1).
    #[arg(long, default_value = "fr", value_name = "LANG")]
    lang: String,
    /// Force the input format instead of detecting it from the file name.
    #[arg(long = "input", value_enum, value_name = "FORMAT")]
    input_format: Option<InputArg>,
    /// Keep web documents (pages, feed items, archive records) whose text reads as another
    /// language than --lang; by default they are skipped and counted.
    #[arg(long)]
    lang_any: bool,
    /// Largest document accepted, in bytes; larger ones are recorded as failures.
    #[arg(long, default_value_t = DEFAULT_MAX_DOC_BYTES, value_name = "BYTES")]
    max_doc_bytes: usize,
    /// Time budget per document, in seconds (0 for none).
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    doc_timeout: f64,
    /// Follow symbolic links inside directories.
    #[arg(long)]
    follow: bool,
    /// Annotating threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 512, value_name = "N")]
    batch: usize,
    /// Annotate again the stored documents that another engine version annotated.
    #[arg(long)]
    reannotate: bool,
    /// No progress bar and no summary.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// An error of the store as the CLI reports it: one it cannot write to is an output error
/// (exit status 3), anything else bad usage (2).
pub fn store_error(err: StoreError, db: &Path) -> anyhow::Error {
    match err {
        StoreError::ReadOnly
        | StoreError::DiskFull
        | StoreError::WriteFailed
        | StoreError::Io(_) => anyhow::Error::new(OutputError {
            what: format!("to the database {}", db.display()),
            source: io::Error::other(err),
        }),
        err => anyhow::Error::new(err).context(format!("database {}", db.display())),
    }
}

pub fn run(args: IngestArgs) -> anyhow::Result<u8> {
    let published = args
        .published
        .as_deref()
        .map(read::published::parse_published)
        .transpose()
        .map_err(anyhow::Error::msg)
        .context("--published")?;
    if !(args.doc_timeout.is_finite() && args.doc_timeout >= 0.0) {
        bail!(
            "--doc-timeout: '{}' is not a number of seconds ≥ 0",
            args.doc_timeout
        );
    }
    let mut store = SqliteStore::open(&args.db).map_err(|e| store_error(e, &args.db))?;
    let mut paths = args.inputs.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            let counts = store.counts().map_err(|e| store_error(e, &args.db))?;
            report(&format!(
                "depeche: {} is at schema version {}: {} documents, {} events",
                args.db.display(),
                depeche::store::schema::VERSION,
                counts.documents,
                counts.events
            ));
            return Ok(0);
        }
        paths.push(PathBuf::from("-"));
    }
    let pipeline = Pipeline::new(&args.lang).context("loading the pipeline")?;
    let inputs = super::expand_inputs(
        &paths,
        WalkOptions {
            follow_links: args.follow,
        },
    );
    let total_bytes = read::total_bytes(&inputs);
    let opts = ReadOptions {
        format: args.input_format.map(InputArg::format),
        max_doc_bytes: args.max_doc_bytes,
        published,
        lang: args.lang.clone(),
        lang_any: args.lang_any,
    };
    let options = Options {
        threads: args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1),
        batch: args.batch.max(1),
        reannotate: args.reannotate,
        doc_timeout: Duration::try_from_secs_f64(args.doc_timeout)
            .ok()
            .filter(|d| !d.is_zero()),
    };
    let bar = (!args.quiet && io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(total_bytes);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta}) {msg}",
        ) {
            bar.set_style(style);
        }
        bar
    });
    let started = Instant::now();
    let mut on_batch = |r: &ingest::Report| {
        if let Some(bar) = &bar {
            bar.set_position(r.bytes_read);
            bar.set_message(format!(
                "{} stored, {} known, {} failed",
                r.added + r.reannotated,
                r.known,
                r.failed.len()
            ));
        }
    };
    let result = ingest::ingest(
        &pipeline,
        move || DocumentStream::new(inputs, opts),
        &mut store,
        &options,
        &mut on_batch,
    );
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let done = result.map_err(|e| store_error(e, &args.db))?;
    for w in &done.warnings {
        report(&format!("depeche: warning: {w}"));
    }
    for f in &done.failed {
        report(&format!("depeche: error: {f}"));
    }
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let counts = store.counts().map_err(|e| store_error(e, &args.db))?;
        report(&format!(
            "depeche: {} documents read in {secs:.1} s ({:.0}/s): {} stored, {} re-annotated, \
             {} already there, {} failed; {} now holds {} documents, {} event records from {} \
             mentions",
            done.read,
            done.read as f64 / secs.max(1e-9),
            done.added,
            done.reannotated,
            done.known,
            done.failed.len(),
            args.db.display(),
            counts.documents,
            counts.events,
            counts.event_mentions
        ));
    }
    if !done.failed.is_empty() {
        return Ok(EXIT_SOME_FAILED);
    }
    if done.read == 0 {
        report("depeche: no documents found in the input");
        return Ok(EXIT_SOME_FAILED);
    }
    Ok(0)
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum CheckFormat {
    Text,
    /// {"documents", "event_mentions", "events", "entities", "failures"}
    Json,
}

/// Verify a database: SQLite's integrity check, orphan rows, and the row counts.
#[derive(Args, Debug)]
#[command(
    after_help = "Exit status: 0 when the database is sound, 1 when a problem was \
found (each named on stderr), 2 when it cannot be opened.\n\n\
Examples:\n  depeche check --db news.db\n  depeche check --db news.db --format json"
)]
pub struct CheckArgs {
    /// The database file.
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// Counts as text or as one JSON object.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
}

pub fn run_check(args: CheckArgs) -> anyhow::Result<u8> {
    if !args.db.exists() {
        bail!("database {}: no such file", args.db.display());
    }
    let store = SqliteStore::open_read_only(&args.db).map_err(|e| store_error(e, &args.db))?;
    let checked = store.check().map_err(|e| store_error(e, &args.db))?;
    let c = &checked.counts;
    let text = match args.format {
        CheckFormat::Json => serde_json::to_string(c).context("counts as JSON")? + "\n",
        CheckFormat::Text => format!(
            "documents\t{}\nevent_mentions\t{}\nevents\t{}\nentities\t{}\nfailures\t{}\n",
            c.documents, c.event_mentions, c.events, c.entities, c.failures
        ),
    };
    super::print(&text)?;
    for p in &checked.problems {
        report(&format!("depeche: problem: {p}"));
    }
    Ok(if checked.problems.is_empty() {
        0
    } else {
        EXIT_SOME_FAILED
    })
}
