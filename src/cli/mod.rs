//! Command-line interface: argument parsing and the glue between readers, pipeline and writers.
//! The library does the work; this module only wires it to files, terminals and exit codes.

mod eval;
mod explain;
mod extract;
mod ner;

use clap::{Parser, Subcommand};

/// Exit status when some documents of a batch could not be processed (the others were).
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit status for bad usage (unknown flag, malformed --published…), as clap uses.
pub const EXIT_USAGE: u8 = 2;

/// Expands the input arguments (see [`depeche::read::expand_inputs`]), each entry the walk
/// skipped reported as a warning.
pub fn expand_inputs(
    args: &[std::path::PathBuf],
    opts: depeche::read::WalkOptions,
) -> Vec<Result<depeche::read::Input, depeche::read::ReadError>> {
    let expanded = depeche::read::expand_inputs(args, opts);
    for skipped in &expanded.skipped {
        eprintln!("depeche: warning: {skipped}");
    }
    expanded.inputs
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
depeche explain examples/000_841bfa5ee9043e79.txt --published 2015-12-21\n  \
depeche eval tokens ../shared/data/ud/fr_gsd-ud-dev.conllu\n\n\
Run 'depeche <command> --help' for the options of each command."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Extract(extract::ExtractArgs),
    /// Why each event was coded (trigger, pattern, actors) and why candidates were not.
    Explain(explain::ExplainArgs),
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// The named-entity tagger: train, evaluate, tag CoNLL files.
    #[command(subcommand)]
    Ner(ner::NerCommand),
}

/// Runs the command line; returns the process exit status.
pub fn run() -> u8 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Ner(cmd) => ner::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("depeche: error: {err:#}");
            EXIT_USAGE
        }
    }
}
