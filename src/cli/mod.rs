//! Command-line interface: argument parsing and the glue between readers, pipeline and writers.
//! The library does the work; this module only wires it to files, terminals and exit codes.
//!
//! Standard output and standard error may be pipes that close early (`depeche … | head`,
//! `2>&1 | head`): nothing here uses `println!`/`eprintln!`, which panic then. Messages go
//! through [`report`], which drops them when stderr is gone; output goes through writers whose
//! errors are handled, a closed stdout ending the run quietly ([`StdoutClosed`]) with the exit
//! status earned so far.

mod eval;
mod explain;
mod extract;
mod fetch;
mod ingest;
mod ner;
mod parse;
mod query;
#[cfg(feature = "serve")]
mod serve;

use clap::{Parser, Subcommand};
use std::io::{self, Write};

/// Exit status when some documents of a batch could not be processed (the others were).
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit status for bad usage (unknown flag, malformed --published, missing gold file…), as
/// clap uses.
pub const EXIT_USAGE: u8 = 2;
/// Exit status when the output could not be written (disk full, I/O error; not a closed pipe).
pub const EXIT_IO: u8 = 3;

/// Writing an output (standard output or a file) failed: the run stops with [`EXIT_IO`].
#[derive(Debug, thiserror::Error)]
#[error("writing {what}: {source}")]
pub struct OutputError {
    pub what: String,
    #[source]
    pub source: io::Error,
}

/// Standard output was closed by its reader: the run ends quietly.
#[derive(Debug, thiserror::Error)]
#[error("standard output closed")]
pub struct StdoutClosed;

/// Sorts a failed write to standard output: a closed pipe into [`StdoutClosed`], anything
/// else into an [`OutputError`].
pub fn stdout_error(err: io::Error) -> anyhow::Error {
    if err.kind() == io::ErrorKind::BrokenPipe {
        anyhow::Error::new(StdoutClosed)
    } else {
        anyhow::Error::new(OutputError {
            what: "to standard output".into(),
            source: err,
        })
    }
}

/// Writes `text` to standard output; see [`stdout_error`] for the errors.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(stdout_error)
}

/// Expands the input arguments (see [`depeche::read::expand_inputs`]), each entry the walk
/// skipped reported as a warning.
pub fn expand_inputs(
    args: &[std::path::PathBuf],
    opts: depeche::read::WalkOptions,
) -> Vec<Result<depeche::read::Input, depeche::read::ReadError>> {
    let expanded = depeche::read::expand_inputs(args, opts);
    for skipped in &expanded.skipped {
        report(&format!("depeche: warning: {skipped}"));
    }
    expanded.inputs
}

/// Writes one line to standard error, as one write; a closed stderr drops it silently.
pub fn report(msg: &str) {
    let mut line = String::with_capacity(msg.len() + 1);
    line.push_str(msg);
    line.push('\n');
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

#[derive(Parser, Debug)]
#[command(
    name = "depeche",
    version,
    about = "Turns French news dispatches into structured, sourced event data.",
    long_about = "depeche reads news articles (plain text or JSON Lines) and writes, for each \
one, a JSON document whose every annotation is a span of UTF-8 byte offsets into the \
article's original text.",
    after_help = "Examples:\n  depeche extract examples/000_841bfa5ee9043e79.txt --published 2015-12-21\n  \
depeche extract articles/ --format jsonl > out.jsonl\n  \
depeche fetch https://www.ex.org/rss/une.xml --out news/ && \
depeche extract news/www.ex.org_rss_une.xml --input feed\n  \
depeche explain examples/000_841bfa5ee9043e79.txt --published 2015-12-21\n  \
depeche eval tokens ../shared/data/ud/fr_gsd-ud-dev.conllu\n  \
depeche ingest articles/ --db news.db && depeche query --db news.db --actor FRA\n\n\
Run 'depeche <command> --help' for the options of each command."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Extract(extract::ExtractArgs),
    Fetch(fetch::FetchArgs),
    /// Why each event was coded (trigger, pattern, actors) and why candidates were not.
    Explain(explain::ExplainArgs),
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// The named-entity tagger: train, evaluate, tag CoNLL files.
    #[command(subcommand)]
    Ner(ner::NerCommand),
    /// UPOS tags, lemmas, features and dependency trees for CoNLL-U words; `parse train` makes
    /// the model.
    Parse(parse::ParseArgs),
    Ingest(ingest::IngestArgs),
    Query(query::QueryArgs),
    Export(query::ExportArgs),
    Check(ingest::CheckArgs),
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
}

/// Runs the command line; returns the process exit status.
pub fn run() -> u8 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Fetch(args) => fetch::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Ner(cmd) => ner::run(cmd),
        Command::Parse(args) => parse::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Query(args) => query::run(args),
        Command::Export(args) => query::run_export(args),
        Command::Check(args) => ingest::run_check(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if err.is::<StdoutClosed>() => 0,
        Err(err) => {
            report(&format!("depeche: error: {err:#}"));
            if err.chain().any(|e| e.is::<OutputError>()) {
                EXIT_IO
            } else {
                EXIT_USAGE
            }
        }
    }
}

/// The text of a file, or of standard input when none is named, with where it came from
/// (`<stdin>` or the path) for messages.
pub fn read_file_or_stdin(path: Option<&std::path::Path>) -> anyhow::Result<(String, String)> {
    use anyhow::Context;
    use std::io::Read;
    match path {
        Some(path) => Ok((
            path.display().to_string(),
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
        )),
        None => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading standard input")?;
            Ok(("<stdin>".to_string(), s))
        }
    }
}
