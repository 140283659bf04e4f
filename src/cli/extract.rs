//! `depeche extract`: read a batch, annotate documents in parallel, write them in input order.
//!
//! Three kinds of thread: one reader (readers stream, so reading is sequential), a pool of
//! workers annotating one document each, and the calling thread writing results in input
//! order. The writer keeps a reorder buffer; a sliding window ([`WINDOW_DOCS`],
//! [`WINDOW_BYTES`]) stops the reader from running further ahead of the writer, so memory
//! stays bounded however long the batch, and a slow document holds back only the documents
//! after it in that window, not a fixed chunk.
//!
//! Each document has a time budget (`--doc-timeout`) from the moment a worker takes it. The
//! pipeline checks it between stages; the writer also stops waiting for the document at its
//! deadline, so a document stuck inside one stage is dropped on time too: its worker is
//! replaced and its late result thrown away. A document that cannot be read, annotated in
//! time or annotated at all is reported on stderr with its origin and skipped; the batch goes
//! on and the exit status is 1 at the end.

use super::{report, EXIT_SOME_FAILED};
use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use depeche::output::{self, LayerSet, OutputOptions};
use depeche::pipeline::Overtime;
use depeche::read::{
    self, decode::DEFAULT_MAX_DOC_BYTES, DocumentStream, Input, InputFormat, ReadError,
    ReadOptions, WalkOptions,
};
use depeche::{Document, Pipeline};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// Documents read but not yet written, at most: enough to keep every core busy past a slow
/// document, few enough that memory stays small.
const WINDOW_DOCS: usize = 256;
/// Bytes of text read but not yet written, at most (one document may exceed it alone).
const WINDOW_BYTES: usize = 16 * 1024 * 1024;
/// The default of `--doc-timeout`, in seconds: a news article takes milliseconds.
const DEFAULT_DOC_TIMEOUT: f64 = 60.0;
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
pub(super) enum InputArg {
    /// Plain text: one article per file, first line the title.
    Text,
    /// JSON Lines: one {"text", "title", "id", "published", "url", "source", "lang"} per line.
    Jsonl,
    /// A saved web page: its main text and metadata (the default for .html, .htm).
    Html,
    /// An RSS, Atom or JSON Feed: one document per item (the default for .rss, .atom, .rdf).
    Feed,
    /// A WARC or WARC.gz archive: one document per HTML response (the default for .warc,
    /// .warc.gz).
    Warc,
}

impl InputArg {
    pub(super) fn format(self) -> InputFormat {
        match self {
            InputArg::Text => InputFormat::Text,
            InputArg::Jsonl => InputFormat::Jsonl,
            InputArg::Html => InputFormat::Html,
            InputArg::Feed => InputFormat::Feed,
            InputArg::Warc => InputFormat::Warc,
        }
    }
}

/// Annotate articles and write one JSON document per article (or one line per event).
#[derive(Args, Debug)]
#[command(
    after_help = "Input formats: plain text (.txt and any other name; first line is the title, \
a line ending with a photo credit is a caption) and JSON Lines (.jsonl, .ndjson; one \
{\"text\", \"title\", \"id\", \"published\", \"url\", \"source\", \"lang\"} object per line, only \"text\" required). \
On standard input, JSON Lines is detected by a leading '{'. Text is UTF-8, or UTF-16 with its \
byte-order mark (text files only).\n\n\
Web input: a saved page (.html, .htm, .html.gz, or --input html) gives its article: title, \
paragraphs, subheadings and captions as blocks, and the page's published date, credit, site \
(source), URL, section and tags; navigation, sidebars, ads, comments and scripts are left out, \
and any encoding is decoded (BOM, meta charset). A feed (.rss, .atom, .rdf, or --input feed \
for RSS 0.9x/1.0/2.0, Atom and JSON Feed) gives one document per item, its text from the page \
saved beside the feed when there is one (named as the link's last path segment), else from \
its summary. A WARC archive (.warc, .warc.gz, or --input warc) gives one document per HTML \
response; other records are skipped and counted. A page with no article text, a damaged \
record or a truncated archive is named on stderr and the batch goes on.\n\n\
Every web document gets a detected language (\"detected_lang\"); one that reads as another \
language than --lang is skipped, with a count on stderr, unless --lang-any keeps it.\n\n\
--layers chooses the annotation layers written; --layers none writes text and metadata only \
and loads no model (the fastest way to turn pages into text).\n\n\
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
Each document has --doc-timeout seconds (default 60) from the moment a worker takes it; one \
that is not annotated by then is dropped, named on stderr, and counts as failed. The batch \
goes on and the output keeps input order.\n\n\
Exit status:\n  \
0  every document was written\n  \
1  some documents failed (each named on stderr; the others are written) or none were found\n  \
2  bad usage (unknown option, malformed --published, unsupported --lang)\n  \
3  the output could not be written (disk full, I/O error)\n\
A closed standard output or standard error (as in '| head') ends the run quietly with the \
status earned so far.\n\n\
Examples:\n  depeche extract examples/000_841bfa5ee9043e79.txt --published 2015-12-21\n  \
depeche extract page.html --layers blocks,times,events\n  \
depeche extract saved-pages/ --layers none --format jsonl > texts.jsonl\n  \
depeche extract une.rss --format jsonl      # one document per item\n  \
depeche extract CC-NEWS-20200524.warc.gz --format gdelt-events > events.tsv\n  \
depeche extract dispatches/ --format jsonl > annotated.jsonl\n  \
depeche extract dispatches/ --format gdelt-events > events.tsv\n  \
cat feed.jsonl | depeche extract - --format jsonl --tokens\n  \
depeche extract article.txt --syntax | jq -c '.syntax[] | [.form, .upos, .head, .deprel]'\n  \
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
    /// Keep web documents (pages, feed items, archive records) whose text reads as another
    /// language than --lang; by default they are skipped and counted.
    #[arg(long)]
    lang_any: bool,
    /// Annotation layers to write, comma-separated (blocks, sentences, mentions, entities,
    /// times, counts, quotes, events, tokens, syntax), or 'none' for text and metadata only (no
    /// annotation is run). Default: every layer but tokens.
    #[arg(long, value_name = "LIST", value_parser = parse_layers)]
    layers: Option<LayerSet>,
    /// Include the syntax layer: each sentence's Universal Dependencies words with UPOS,
    /// lemma, features, head and relation ("du" is "de" + "le", both on the span of "du").
    #[arg(long)]
    syntax: bool,
    /// Largest document accepted, in bytes; larger ones are reported and skipped.
    #[arg(long, default_value_t = DEFAULT_MAX_DOC_BYTES, value_name = "BYTES")]
    max_doc_bytes: usize,
    /// Time budget per document, in seconds (fractions allowed; 0 for none); a document not
    /// annotated in time is dropped and counts as failed.
    #[arg(long, default_value_t = DEFAULT_DOC_TIMEOUT, value_name = "SECONDS", value_parser = parse_seconds)]
    doc_timeout: f64,
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

fn parse_layers(arg: &str) -> Result<LayerSet, String> {
    LayerSet::parse(arg)
}

fn parse_seconds(arg: &str) -> Result<f64, String> {
    match arg.parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs >= 0.0 => Ok(secs),
        _ => Err(format!(
            "'{arg}' is not a number of seconds (such as 60 or 0.5)"
        )),
    }
}

/// One document's fate: its output text and warnings, or the message that says why it failed.
type Outcome = Result<(String, Vec<String>), String>;

/// What the reader and the workers tell the writer.
enum Msg {
    /// A worker took document `index` (its text `size` bytes) at `at`.
    Started {
        index: usize,
        at: Instant,
        size: usize,
        origin: String,
    },
    Done {
        index: usize,
        size: usize,
        outcome: Outcome,
    },
    /// The reader is done: `count` documents in all; `complete` is false when it stopped on a
    /// bug (a panic) before the end of the input.
    End { count: usize, complete: bool },
}

/// A document on its way to a worker.
struct Job {
    index: usize,
    doc: Document,
    size: usize,
}

/// The sliding window between reader and writer: documents and bytes read but not written.
struct Window {
    in_flight: Mutex<(usize, usize)>,
    freed: Condvar,
}

impl Window {
    fn new() -> Window {
        Window {
            in_flight: Mutex::new((0, 0)),
            freed: Condvar::new(),
        }
    }

    /// Waits for room for one more document of `bytes` (always room when nothing is in flight).
    fn acquire(&self, bytes: usize) {
        let mut state = self
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        while state.0 >= WINDOW_DOCS || (state.0 > 0 && state.1 + bytes > WINDOW_BYTES) {
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.0 += 1;
        state.1 += bytes;
    }

    fn release(&self, bytes: usize) {
        let mut state = self
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        state.0 = state.0.saturating_sub(1);
        state.1 = state.1.saturating_sub(bytes);
        self.freed.notify_all();
    }
}

/// What every worker shares.
struct Work {
    /// `None` when no annotation layer is asked for (`--layers none`): nothing is loaded.
    pipeline: Option<Pipeline>,
    lang: depeche::lang::LangData,
    jobs: Mutex<Receiver<Job>>,
    format: Format,
    output: OutputOptions,
    budget: Option<Duration>,
    budget_secs: f64,
    /// Documents the writer stopped waiting for: their worker was replaced, so it ends after
    /// them.
    abandoned: Mutex<HashSet<usize>>,
}

fn spawn_worker(work: Arc<Work>, results: Sender<Msg>) -> io::Result<()> {
    thread::Builder::new()
        .name("depeche-worker".into())
        .spawn(move || loop {
            // The lock is released at the end of this statement, before the work.
            let job = work
                .jobs
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .recv();
            let Ok(Job { index, doc, size }) = job else {
                return;
            };
            let at = Instant::now();
            let origin = doc.meta.origin.clone();
            let started = Msg::Started {
                index,
                at,
                size,
                origin,
            };
            if results.send(started).is_err() {
                return;
            }
            let deadline = work.budget.and_then(|budget| at.checked_add(budget));
            let outcome = process(&work, doc, deadline);
            let done = Msg::Done {
                index,
                size,
                outcome,
            };
            let replaced = work
                .abandoned
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&index);
            if results.send(done).is_err() || replaced {
                return;
            }
        })
        .map(drop)
}

/// Tells the writer that reading ended, even when the reader panics.
struct EndGuard {
    results: Sender<Msg>,
    count: usize,
}

impl Drop for EndGuard {
    fn drop(&mut self) {
        let end = Msg::End {
            count: self.count,
            complete: !thread::panicking(),
        };
        let _ = self.results.send(end);
    }
}

fn spawn_reader(
    inputs: Vec<Result<Input, ReadError>>,
    opts: ReadOptions,
    window: Arc<Window>,
    jobs: Sender<Job>,
    results: Sender<Msg>,
    bytes_read: Arc<AtomicU64>,
) -> io::Result<()> {
    thread::Builder::new()
        .name("depeche-reader".into())
        .spawn(move || {
            let mut end = EndGuard {
                results: results.clone(),
                count: 0,
            };
            // Built here: a stream over standard input holds its lock and stays on this thread.
            let mut stream = DocumentStream::new(inputs, opts);
            while let Some(item) = stream.next() {
                for note in stream.take_notes() {
                    report(&format!("depeche: note: {note}"));
                }
                bytes_read.store(stream.bytes_read, Ordering::Relaxed);
                let size = item.as_ref().map_or(0, |doc| doc.text.len());
                window.acquire(size);
                let index = end.count;
                end.count += 1;
                let sent = match item {
                    Ok(doc) => jobs.send(Job { index, doc, size }).is_ok(),
                    Err(err) => {
                        let outcome = Err(err.to_string());
                        let done = Msg::Done {
                            index,
                            size,
                            outcome,
                        };
                        results.send(done).is_ok()
                    }
                };
                if !sent {
                    return;
                }
            }
            for note in stream.take_notes() {
                report(&format!("depeche: note: {note}"));
            }
        })
        .map(drop)
}

pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    let published = args
        .published
        .as_deref()
        .map(read::published::parse_published)
        .transpose()
        .map_err(anyhow::Error::msg)
        .context("--published")?;
    let annotate = args.layers.is_none_or(LayerSet::needs_annotation)
        || args.tokens
        || args.syntax
        || matches!(args.format, Format::GdeltEvents | Format::Plover);
    let pipeline = if annotate {
        Some(Pipeline::new(&args.lang).context("loading the pipeline")?)
    } else {
        None
    };
    let lang = depeche::lang::LangData::load(&args.lang).context("--lang")?;
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
        format: args.input_format.map(InputArg::format),
        max_doc_bytes: args.max_doc_bytes,
        published,
        lang: args.lang.clone(),
        lang_any: args.lang_any,
    };
    // A budget too large for a `Duration` is no budget.
    let budget = Duration::try_from_secs_f64(args.doc_timeout)
        .ok()
        .filter(|budget| !budget.is_zero());
    let (jobs_tx, jobs_rx) = mpsc::channel();
    let (results_tx, results) = mpsc::channel();
    let work = Arc::new(Work {
        pipeline,
        lang,
        jobs: Mutex::new(jobs_rx),
        format: args.format,
        output: OutputOptions {
            tokens: args.tokens,
            layers: args.layers,
            syntax: args.syntax,
        },
        budget,
        budget_secs: args.doc_timeout,
        abandoned: Mutex::new(HashSet::new()),
    });
    let workers = args
        .threads
        .or_else(|| thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .max(1);
    for _ in 0..workers {
        spawn_worker(Arc::clone(&work), results_tx.clone()).context("starting the workers")?;
    }
    let window = Arc::new(Window::new());
    let bytes_read = Arc::new(AtomicU64::new(0));
    spawn_reader(
        inputs,
        opts,
        Arc::clone(&window),
        jobs_tx,
        results_tx.clone(),
        Arc::clone(&bytes_read),
    )
    .context("starting the reader")?;

    let report = |msg: String| match &progress {
        Some(bar) => bar.suspend(|| report(&msg)),
        None => report(&msg),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let (mut written, mut failed) = (0usize, 0usize);
    let status = |failed: usize| if failed > 0 { EXIT_SOME_FAILED } else { 0 };
    // Documents done (or given up) but not yet written, by index; those being annotated.
    let mut done: BTreeMap<usize, (usize, Outcome)> = BTreeMap::new();
    let mut started: HashMap<usize, (Instant, usize, String)> = HashMap::new();
    let (mut next, mut end): (usize, Option<(usize, bool)>) = (0, None);
    loop {
        while let Some((size, outcome)) = done.remove(&next) {
            window.release(size);
            started.remove(&next);
            next += 1;
            match outcome {
                Ok((text, warnings)) => {
                    for w in warnings {
                        report(format!("depeche: warning: {w}"));
                    }
                    if let Err(err) = out.write_all(text.as_bytes()) {
                        return write_failed(err, status(failed));
                    }
                    written += 1;
                }
                Err(msg) => {
                    report(format!("depeche: error: {msg}"));
                    failed += 1;
                }
            }
            if let Some(bar) = &progress {
                bar.set_position(bytes_read.load(Ordering::Relaxed));
                bar.set_message(format!("{written} documents"));
            }
        }
        if let Some((count, complete)) = end {
            if next >= count {
                if !complete {
                    report("depeche: error: internal error while reading the input (a bug: please report it); the rest of the input was not read".into());
                    failed += 1;
                }
                break;
            }
        }
        // About to wait: what is written so far goes out now, not when the buffer fills.
        if let Err(err) = out.flush() {
            return write_failed(err, status(failed));
        }
        let deadline = budget.and_then(|budget| {
            let (at, _, _) = started.get(&next)?;
            at.checked_add(budget)
        });
        let msg = match deadline {
            Some(deadline) => {
                match results.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(msg) => msg,
                    Err(RecvTimeoutError::Timeout) => {
                        let (size, origin) = started
                            .remove(&next)
                            .map(|(_, size, origin)| (size, origin))
                            .unwrap_or_default();
                        // Its worker may stay stuck in a stage: a new one takes its place.
                        if spawn_worker(Arc::clone(&work), results_tx.clone()).is_ok() {
                            work.abandoned
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .insert(next);
                        }
                        let why = overtime(work.budget_secs, None);
                        done.insert(next, (size, Err(format!("{origin}: {why}"))));
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
            None => match results.recv() {
                Ok(msg) => msg,
                Err(_) => break,
            },
        };
        match msg {
            // A late result for a document already given up is dropped.
            Msg::Started { index, .. } | Msg::Done { index, .. } if index < next => {}
            Msg::Started {
                index,
                at,
                size,
                origin,
            } => {
                started.insert(index, (at, size, origin));
            }
            Msg::Done {
                index,
                size,
                outcome,
            } => {
                done.insert(index, (size, outcome));
            }
            Msg::End { count, complete } => end = Some((count, complete)),
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

/// Why a document was dropped for time; `overtime` names the stage it stopped before.
fn overtime(budget_secs: f64, overtime: Option<Overtime>) -> String {
    let mut why = format!("dropped: not annotated within the --doc-timeout of {budget_secs} s");
    if let Some(o) = overtime {
        why.push_str(&format!(" ({o})"));
    }
    why
}

/// Annotates and serialises one document (ending in a line feed; event exports write one line
/// per event, none for a document without events); warnings come back prefixed with its
/// origin. A panic in a stage is caught and reported as this document's error, so the batch
/// goes on.
fn process(work: &Work, mut doc: Document, deadline: Option<Instant>) -> Outcome {
    let origin = doc.meta.origin.clone();
    let (pipeline, opts) = (work.pipeline.as_ref(), work.output);
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        match (pipeline, deadline) {
            // Text and metadata (and blocks) only: the layout, no annotation.
            (None, _) => depeche::read::layout::add_blocks(&mut doc, &work.lang),
            (Some(pipeline), Some(deadline)) => pipeline.annotate_within(&mut doc, deadline)?,
            (Some(pipeline), None) => pipeline.annotate(&mut doc),
        }
        let text = match (work.format, pipeline) {
            (Format::Json, _) => output::to_json_pretty(&doc, opts) + "\n",
            (Format::Jsonl, _) => output::to_json_line(&doc, opts) + "\n",
            (Format::GdeltEvents, Some(p)) => output::gdelt::to_gdelt_events(&mut doc, p.kb()),
            (Format::Plover, _) => output::plover::to_plover_lines(&doc),
            // Event exports always load the pipeline (see `run`).
            (Format::GdeltEvents, None) => String::new(),
        };
        let warnings = doc
            .warnings
            .iter()
            .map(|w| format!("{}: {w}", doc.meta.origin))
            .collect();
        Ok((text, warnings))
    }));
    match run {
        Ok(Ok(done)) => Ok(done),
        Ok(Err(late)) => Err(format!(
            "{origin}: {}",
            overtime(work.budget_secs, Some(late))
        )),
        Err(_) => Err(format!(
            "{origin}: internal error while annotating (a bug: please report it with this document)"
        )),
    }
}

/// A closed standard output ends the run quietly with the status earned so far; another write
/// error is an output error (exit status 3).
fn write_failed(err: io::Error, status: u8) -> anyhow::Result<u8> {
    match super::stdout_error(err) {
        err if err.is::<super::StdoutClosed>() => Ok(status),
        err => Err(err),
    }
}
