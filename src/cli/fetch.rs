//! `depeche fetch`: download feeds and their pages into a directory. The work is in
//! [`depeche::ingest::fetch`]; this is argument checking, messages, the progress line and
//! exit statuses.

use super::{report, OutputError, EXIT_SOME_FAILED};
use anyhow::bail;
use clap::Args;
use depeche::ingest::fetch::{self, client::ClientOptions, Notice, Options, ProblemKind};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Download feeds and the pages their items link to, politely, for 'depeche extract'.
#[derive(Args, Debug)]
#[command(
    after_help = "What is fetched: each FEED_URL (RSS, Atom or JSON Feed), then the page each \
of its items links to. Everything is saved in --out DIR:\n  \
- a feed as its host and path, e.g. https://www.ex.org/rss/une.xml -> DIR/www.ex.org_rss_une.xml \
(.xml added when the name has no feed extension);\n  \
- a page under the name the feed reader looks for: the last segment of the link's path, plus \
.html when it has no extension (…/monde/un-article-123 -> DIR/un-article-123.html). After a \
redirect the page is saved under the final URL's name, and also under the link's name (a hard \
link) when it differs. Two URLs wanting one name: the first keeps it, run after run; the other \
is saved with a hash in its name (a warning says so). A file of yours is never overwritten;\n  \
- DIR/fetch-YYYYMMDDTHHMMSSZ.warc.gz (or --warc FILE): a WARC 1.1 archive of every response \
received in this run (request and response records; a 304 is a revisit record);\n  \
- DIR/.depeche-fetch.json: the ETag and Last-Modified of each saved URL, for the next run.\n\n\
Then read them:\n  \
depeche extract DIR/www.ex.org_rss_une.xml --input feed   # items, with their pages' text\n  \
depeche extract DIR/fetch-*.warc.gz --input warc          # one document per HTML page\n\n\
Politeness:\n  \
- every request sends --user-agent; robots.txt is read once per site (scheme, host, port) \
and obeyed at every URL requested, redirects included: the group naming our product token \
(the User-Agent up to '/'), else '*'; longest matching Allow/Disallow wins, '*' and '$' \
wildcards (RFC 9309). A robots.txt answering 4xx allows everything; one answering 5xx or \
unreachable forbids the whole site. A forbidden URL is skipped with a warning;\n  \
- at most --rate requests per second per host (default 1), or one per Crawl-delay seconds when \
robots.txt asks for more (up to 60 s); pages of other hosts are fetched meanwhile;\n  \
- a page saved before is asked for with If-None-Match / If-Modified-Since: a 304 keeps the \
saved file and counts as unchanged;\n  \
- --timeout for connecting and for each whole request; a body over --max-bytes is abandoned \
and not saved; connection errors, timeouts, 429 and 5xx are tried again up to --retries times, \
waiting --backoff-ms, doubled each time, or the Retry-After seconds asked (up to 120 s); \
redirects are followed up to --max-redirects.\n\n\
Exit status:\n  \
0  every URL was fetched or unchanged\n  \
1  some URL failed or was skipped (each named on stderr with the reason; the others were \
fetched)\n  \
2  bad usage (a URL that is not http or https, --out not a directory and not creatable, a bad \
number)\n  \
3  DIR or the WARC file cannot be written (the run stops)\n\n\
Examples:\n  \
depeche fetch https://www.ex.org/rss/une.xml --out news/\n  \
depeche fetch https://a.example/feed https://b.example/atom.xml --out news/ --rate 0.5\n  \
depeche extract news/www.ex.org_rss_une.xml --input feed --format jsonl > items.jsonl"
)]
pub struct FetchArgs {
    /// Feeds to fetch (http or https URLs).
    #[arg(value_name = "FEED_URL", required = true)]
    urls: Vec<String>,
    /// Directory for feeds, pages, the WARC file and the fetch state (created when missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The User-Agent header sent, and whose product token picks the robots.txt group.
    #[arg(long, value_name = "TEXT", default_value_t = fetch::default_user_agent())]
    user_agent: String,
    /// Requests per second per host, at most.
    #[arg(long, value_name = "N", default_value_t = 1.0, value_parser = positive_number)]
    rate: f64,
    /// Seconds for connecting and for each whole request (fractions allowed).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = positive_number)]
    timeout: f64,
    /// Largest body accepted, in bytes; a larger one is abandoned and not saved.
    #[arg(long, value_name = "BYTES", default_value_t = 10_000_000)]
    max_bytes: u64,
    /// Tries after the first on connection errors, timeouts, 429 and 5xx.
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// Wait before the first retry, in milliseconds; doubled at each next one.
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    backoff_ms: u64,
    /// Redirects followed per URL.
    #[arg(long, value_name = "N", default_value_t = 5)]
    max_redirects: u32,
    /// The WARC file to write (default: DIR/fetch-YYYYMMDDTHHMMSSZ.warc.gz); must not exist.
    #[arg(long, value_name = "FILE")]
    warc: Option<PathBuf>,
    /// No progress line and no summary (warnings and failures are still named).
    #[arg(long, short = 'q')]
    quiet: bool,
}

fn positive_number(arg: &str) -> Result<f64, String> {
    match arg.parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 => Ok(n),
        _ => Err(format!("'{arg}' is not a number > 0")),
    }
}

pub fn run(args: FetchArgs) -> anyhow::Result<u8> {
    let mut feeds = Vec::with_capacity(args.urls.len());
    for arg in &args.urls {
        match fetch::parse_url(arg) {
            Ok(url) => feeds.push(url),
            Err(why) => bail!("{why}"),
        }
    }
    if args.user_agent.trim().is_empty() || args.user_agent.contains(['\r', '\n']) {
        bail!("--user-agent: give a non-empty one-line value");
    }
    if args.out.exists() && !args.out.is_dir() {
        bail!("--out {}: not a directory", args.out.display());
    }
    if let Err(err) = std::fs::create_dir_all(&args.out) {
        bail!(
            "--out {}: not a directory and cannot be created: {err}",
            args.out.display()
        );
    }
    let warc = match &args.warc {
        Some(path) if path.exists() => {
            bail!(
                "--warc {}: the file exists; give a new name",
                path.display()
            )
        }
        Some(path) => path.clone(),
        None => fetch::default_warc_path(&args.out),
    };
    let Ok(timeout) = Duration::try_from_secs_f64(args.timeout) else {
        bail!("--timeout {}: too large", args.timeout);
    };
    let opts = Options {
        dir: args.out.clone(),
        warc,
        client: ClientOptions {
            user_agent: args.user_agent.clone(),
            rate: args.rate,
            timeout,
            max_bytes: args.max_bytes,
            retries: args.retries,
            backoff: Duration::from_millis(args.backoff_ms),
            max_redirects: args.max_redirects,
        },
    };
    let bar = (!args.quiet && io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    });
    let say = |bar: &Option<ProgressBar>, line: String| match bar {
        Some(bar) => bar.suspend(|| report(&line)),
        None => report(&line),
    };
    let mut counts_line = String::new();
    let mut on_notice = |notice: Notice<'_>| match notice {
        Notice::Requesting(url) => {
            if let Some(bar) = &bar {
                bar.set_message(format!("{counts_line} {url}"));
            }
        }
        Notice::Progress(c) => {
            counts_line = format!(
                "{} pages, {} unchanged, {} not fetched",
                c.pages,
                c.pages_unchanged,
                c.disallowed + c.too_large + c.failed
            );
        }
        Notice::Warning(w) => say(&bar, format!("depeche: warning: {w}")),
        Notice::Problem(p) => {
            let level = match p.kind {
                ProblemKind::Failed => "error",
                ProblemKind::Disallowed | ProblemKind::TooLarge => "warning",
            };
            say(&bar, format!("depeche: {level}: {p}"));
        }
    };
    let started = Instant::now();
    let result = fetch::run(&feeds, &opts, &mut on_notice);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summary = result.map_err(|err| {
        anyhow::Error::new(OutputError {
            what: err.path.display().to_string(),
            source: err.source,
        })
    })?;
    if !args.quiet {
        let c = &summary.counts;
        report(&format!(
            "depeche: feeds: {} fetched, {} unchanged; pages: {} fetched, {} unchanged; \
             {} skipped by robots.txt, {} too large, {} failed ({:.1} s)",
            c.feeds,
            c.feeds_unchanged,
            c.pages,
            c.pages_unchanged,
            c.disallowed,
            c.too_large,
            c.failed,
            started.elapsed().as_secs_f64()
        ));
        report(&format!(
            "depeche: saved in {}; archive {} ({} records)",
            args.out.display(),
            summary.warc.display(),
            summary.warc_records
        ));
    }
    Ok(if summary.problems.is_empty() {
        0
    } else {
        EXIT_SOME_FAILED
    })
}
