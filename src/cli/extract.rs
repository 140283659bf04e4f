//! `depeche extract`: read a batch, annotate documents in parallel, write them in input order.
//!
//! Documents are read sequentially (readers stream), annotated in parallel in chunks, and
//! written in input order. A document that cannot be read or processed is reported on stderr
//! with its origin and skipped; the batch goes on and the exit status is 1 at the end.

use super::{report, EXIT_SOME_FAILED};
use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use depeche::output::{self, OutputOptions};
use depeche::read::{
    self, decode::DEFAULT_MAX_DOC_BYTES, DocumentStream, InputFormat, ReadError, ReadOptions,
    WalkOptions,
};
use depeche::{Document, Pipeline};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Documents handed to the thread pool at once: enough to keep every core busy, few enough
/// that output starts soon and memory stays small.
const CHUNK_DOCS: usize = 256;
const CHUNK_BYTES: u64 = 16 * 1024 * 1024;
/// The progress bar shows for batches above this size when stderr is a terminal.
const PROGRESS_MIN_BYTES: u64 = 4 * 1024 * 1024;
const PROGRESS_MIN_FILES: usize = 100;

#[derive(Copy, Clone, Debug, ValueEnum)]
enum Format {
    /// Each document as an indented JSON object, one after the other (a stream `jq` reads).
    Json,
    /// One compact JSON object per line.
    Jsonl,
    /// Events only: GDELT 2.0 event table rows, 61 tab-separated columns, no header.
    GdeltEvents,
    /// Events only: one PLOVER/POLECAT-style JSON object per line.
    Plover,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum InputArg {
    /// Plain text: one article per file, first line the title.
    Text,
    /// JSON Lines: one {"text", "title", "id", "published", "url", "source", "lang"} per line.
    Jsonl,
}

/// Annotate articles and write one JSON document per article (or one line per event).
#[derive(Args, Debug)]
#[command(
    after_help = "Input formats: plain text (.txt and any other name; first line is the title, \
a line ending with a photo credit is a caption) and JSON Lines (.jsonl, .ndjson; one \
{\"text\", \"title\", \"id\", \"published\", \"url\", \"source\", \"lang\"} object per line, only \"text\" required). \
On standard input, JSON Lines is detected by a leading '{'.\n\n\
Every annotation carries \"span\": [start, end], UTF-8 byte offsets into the document's \"text\", \
and \"text\", the exact slice.\n\n\
Event exports (--format gdelt-events, --format plover) write one line per coded event instead \
of one object per document: GDELT 2.0 event rows (61 tab-separated columns, FIPS country codes \
in the geography columns) or PLOVER JSON objects.\n\n\
Directories are read recursively in name order, hidden entries skipped. Only regular files \
are read from them: symbolic links are skipped unless --follow is given (a directory reached \
twice, as through a link cycle, is read once), and FIFOs, sockets and devices are always \
skipped, each with a warning. A file named on the command line is read whatever it is, FIFO \
included.\n\n\
Exit status:\n  \
0  every document was written\n  \
1  some documents failed (each named on stderr; the others are written) or none were found\n  \
2  bad usage (unknown option, malformed --published, unsupported --lang)\n  \
3  the output could not be written (disk full, I/O error)\n\
A closed standard output or standard error (as in '| head') ends the run quietly with the \
status earned so far.\n\n\
Examples:\n  depeche extract examples/000_841bfa5ee9043e79.txt --published 2015-12-21\n  \
depeche extract dispatches/ --format jsonl > annotated.jsonl\n  \
depeche extract dispatches/ --format gdelt-events > events.tsv\n  \
cat feed.jsonl | depeche extract - --format jsonl --tokens\n  \
depeche extract article.txt --published 2015-12-21T00:09:00+01:00 | jq '.sentences[].text'"
)]
pub struct ExtractArgs {
    /// Files or directories (read recursively) to annotate; '-' reads standard input, which is
    /// also the default when it is not a terminal.
    #[arg(value_name = "FILES")]
    inputs: Vec<PathBuf>,
    /// Publication date for documents that carry none (YYYY-MM-DD, or an ISO 8601 date-time
    /// with an optional offset); relative dates are resolved against it.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Language of the articles (ISO 639-1).
    #[arg(long, default_value = "fr", value_name = "LANG")]
    lang: String,
    /// Output format: a JSON document per article, or one line per event (gdelt-events,
    /// plover).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Force the input format instead of detecting it from the file name.
    #[arg(long = "input", value_enum, value_name = "FORMAT")]
    input_format: Option<InputArg>,
    /// Include the tokens layer.
    #[arg(long)]
    tokens: bool,
    /// Largest document accepted, in bytes; larger ones are reported and skipped.
    #[arg(long, default_value_t = DEFAULT_MAX_DOC_BYTES, value_name = "BYTES")]
    max_doc_bytes: usize,
    /// Follow symbolic links inside directories (each directory is read once, so link cycles
    /// end).
    #[arg(long)]
    follow: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    let published = args
        .published
        .as_deref()
        .map(read::published::parse_published)
        .transpose()
        .map_err(anyhow::Error::msg)
        .context("--published")?;
    let pipeline = Pipeline::new(&args.lang).context("loading the pipeline")?;
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("--threads")?;
    }
    let mut paths = args.inputs.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            bail!("no input: give files or directories to read, or '-' for standard input (see --help)");
        }
        paths.push(PathBuf::from("-"));
    }
    let walk = WalkOptions {
        follow_links: args.follow,
    };
    let inputs = super::expand_inputs(&paths, walk);
    let total_bytes = read::total_bytes(&inputs);
    let progress = (!args.quiet
        && io::stderr().is_terminal()
        && (total_bytes > PROGRESS_MIN_BYTES || inputs.len() > PROGRESS_MIN_FILES))
        .then(|| {
            let bar = ProgressBar::new(total_bytes);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta}) {msg}",
            ) {
                bar.set_style(style);
            }
            bar
        });
    let opts = ReadOptions {
        format: args.input_format.map(|f| match f {
            InputArg::Text => InputFormat::Text,
            InputArg::Jsonl => InputFormat::Jsonl,
        }),
        max_doc_bytes: args.max_doc_bytes,
        published,
        lang: args.lang.clone(),
    };
    let output_opts = OutputOptions {
        tokens: args.tokens,
    };
    let format = args.format;
    let mut stream = DocumentStream::new(inputs, opts);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let (mut written, mut failed) = (0usize, 0usize);
    let report = |msg: String| match &progress {
        Some(bar) => bar.suspend(|| report(&msg)),
        None => report(&msg),
    };
    let status = |failed: usize| if failed > 0 { EXIT_SOME_FAILED } else { 0 };
    loop {
        let mut chunk = Vec::new();
        let start_bytes = stream.bytes_read;
        while chunk.len() < CHUNK_DOCS && stream.bytes_read - start_bytes < CHUNK_BYTES {
            match stream.next() {
                Some(item) => chunk.push(item),
                None => break,
            }
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<Result<(String, Vec<String>), ReadError>> = chunk
            .into_par_iter()
            .map(|item| item.and_then(|doc| process(&pipeline, doc, format, output_opts)))
            .collect();
        for result in results {
            match result {
                Ok((text, warnings)) => {
                    for w in warnings {
                        report(format!("depeche: warning: {w}"));
                    }
                    if let Err(err) = out.write_all(text.as_bytes()) {
                        return write_failed(err, status(failed));
                    }
                    written += 1;
                }
                Err(err) => {
                    report(format!("depeche: error: {err}"));
                    failed += 1;
                }
            }
        }
        if let Some(bar) = &progress {
            bar.set_position(stream.bytes_read);
            bar.set_message(format!("{written} documents"));
        }
    }
    if let Err(err) = out.flush() {
        return write_failed(err, status(failed));
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    if failed > 0 {
        report(format!(
            "depeche: {failed} of {} documents could not be processed; the other {written} were written",
            failed + written
        ));
        return Ok(EXIT_SOME_FAILED);
    }
    if written == 0 {
        report("depeche: no documents found in the input".into());
        return Ok(EXIT_SOME_FAILED);
    }
    Ok(0)
}

/// Annotates and serialises one document (ending in a line feed; event exports write one line
/// per event, none for a document without events); warnings come back prefixed with its
/// origin. A panic
/// in a stage is caught and reported as this document's error, so the batch goes on.
fn process(
    pipeline: &Pipeline,
    mut doc: Document,
    format: Format,
    opts: OutputOptions,
) -> Result<(String, Vec<String>), ReadError> {
    let origin = doc.meta.origin.clone();
    let work = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        pipeline.annotate(&mut doc);
        let text = match format {
            Format::Json => output::to_json_pretty(&doc, opts) + "\n",
            Format::Jsonl => output::to_json_line(&doc, opts) + "\n",
            Format::GdeltEvents => output::gdelt::to_gdelt_events(&doc),
            Format::Plover => output::plover::to_plover_lines(&doc),
        };
        let warnings = doc
            .warnings
            .iter()
            .map(|w| format!("{}: {w}", doc.meta.origin))
            .collect();
        (text, warnings)
    }));
    work.map_err(|_| ReadError {
        origin,
        problem: read::Problem::Io(
            "internal error while annotating (a bug: please report it with this document)".into(),
        ),
    })
}

/// A closed standard output ends the run quietly with the status earned so far; another write
/// error is an output error (exit status 3).
fn write_failed(err: io::Error, status: u8) -> anyhow::Result<u8> {
    match super::stdout_error(err) {
        err if err.is::<super::StdoutClosed>() => Ok(status),
        err => Err(err),
    }
}
