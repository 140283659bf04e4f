//! `depeche explain`: why each event was coded, per sentence — the trigger, the dictionary
//! pattern, the actors — and why the other candidate triggers were not.

use super::EXIT_SOME_FAILED;
use anyhow::Context;
use clap::Args;
use depeche::document::{Document, Event, EventActor};
use depeche::pipeline::Pipeline;
use depeche::read::{self, DocumentStream, ReadOptions, WalkOptions};
use std::io::{self, Write};
use std::path::PathBuf;

/// Show, sentence by sentence, the events coded and the candidates rejected.
#[derive(Args, Debug)]
#[command(
    after_help = "For each sentence of the story: '+' lines are events coded (CAMEO code, \
actor 1 → actor 2, status, date, place) with the trigger words and the dictionary pattern \
that fired (file:line in data/fr/events/verbs.txt); '-' lines are candidate triggers that gave \
no event, with the reason.\n\n\
Examples:\n  depeche explain examples/000_841bfa5ee9043e79.txt --published 2015-12-21\n  \
depeche explain article.txt --all   # sentences without candidates too"
)]
pub struct ExplainArgs {
    /// Files or directories to explain; '-' reads standard input.
    #[arg(value_name = "FILES", required = true)]
    inputs: Vec<PathBuf>,
    /// Publication date for documents that carry none (YYYY-MM-DD or ISO 8601 date-time).
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Language of the articles (ISO 639-1).
    #[arg(long, default_value = "fr", value_name = "LANG")]
    lang: String,
    /// Print every sentence, also those with no candidate trigger.
    #[arg(long)]
    all: bool,
    /// Follow symbolic links inside directories (see 'depeche extract --help').
    #[arg(long)]
    follow: bool,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<u8> {
    let published = args
        .published
        .as_deref()
        .map(read::published::parse_published)
        .transpose()
        .map_err(anyhow::Error::msg)
        .context("--published")?;
    let pipeline = Pipeline::new(&args.lang).context("loading the pipeline")?;
    let opts = ReadOptions {
        published,
        lang: args.lang.clone(),
        ..ReadOptions::default()
    };
    let walk = WalkOptions {
        follow_links: args.follow,
    };
    let mut failed = 0;
    let code = |failed| if failed > 0 { EXIT_SOME_FAILED } else { 0 };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for item in DocumentStream::new(super::expand_inputs(&args.inputs, walk), opts) {
        match item {
            Ok(mut doc) => {
                pipeline.annotate(&mut doc);
                let text = render(&pipeline, &doc, args.all);
                if let Err(err) = out.write_all(text.as_bytes()) {
                    return write_failed(err, code(failed));
                }
            }
            Err(err) => {
                super::report(&format!("depeche: error: {err}"));
                failed += 1;
            }
        }
    }
    if let Err(err) = out.flush() {
        return write_failed(err, code(failed));
    }
    Ok(code(failed))
}

/// A closed standard output ends the run quietly with the status earned so far.
fn write_failed(err: io::Error, code: u8) -> anyhow::Result<u8> {
    match super::stdout_error(err) {
        err if err.is::<super::StdoutClosed>() => Ok(code),
        err => Err(err),
    }
}

fn actor_text(doc: &Document, a: &EventActor) -> String {
    let name = a
        .entity
        .and_then(|e| doc.entities.get(e))
        .map_or_else(|| doc.slice(a.span).to_string(), |e| e.name.clone());
    format!("{} ({name})", a.code)
}

fn event_line(doc: &Document, e: &Event) -> String {
    let place = e
        .place
        .as_ref()
        .and_then(|p| doc.entities.get(p.entity))
        .map_or(String::new(), |p| format!("  place: {}", p.name));
    let name = depeche::event::codes::cameo()
        .get(&e.code)
        .map_or("", |c| c.name.as_str());
    format!(
        "  + {} {}  {} → {}  [{}]  date: {}{}\n      trigger \"{}\"  pattern {}\n",
        e.code,
        name,
        actor_text(doc, &e.actor1),
        e.actor2
            .as_ref()
            .map_or("—".to_string(), |a| actor_text(doc, a)),
        e.status.as_str(),
        e.date.as_deref().unwrap_or("unknown"),
        place,
        doc.slice(e.trigger),
        e.pattern
    )
}

/// The report for one document.
pub fn render(pipeline: &Pipeline, doc: &Document, all: bool) -> String {
    let candidates = pipeline.explain_events(doc);
    let mut s = format!(
        "{} (published {})\n",
        doc.meta.id,
        doc.meta
            .published
            .map_or("unknown".to_string(), |p| p.date.to_string())
    );
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let kind = doc
            .blocks
            .get(sentence.block)
            .map_or("?", |b| b.kind.as_str());
        let mine: Vec<_> = candidates.iter().filter(|c| c.sentence == si).collect();
        let events: Vec<&Event> = doc
            .events
            .iter()
            .filter(|e| e.span == sentence.span)
            .collect();
        if mine.is_empty() && events.is_empty() {
            if all || kind == "caption" {
                let why = match kind {
                    "caption" | "subheading" => format!(" (a {kind}: never coded)"),
                    _ => String::new(),
                };
                s += &format!("\n[{si}] {kind}{why}: {}\n", doc.slice(sentence.span));
            }
            continue;
        }
        s += &format!("\n[{si}] {kind}: {}\n", doc.slice(sentence.span));
        for e in &events {
            s += &event_line(doc, e);
        }
        for c in mine
            .iter()
            .filter(|c| !c.outcome.starts_with("coded") || c.outcome.contains("headline"))
        {
            s += &format!(
                "  - \"{}\" ({}): {}\n",
                doc.slice(c.trigger),
                c.lemma,
                c.outcome
            );
        }
    }
    s
}
