//! Fetching: `depeche fetch FEED_URL… --out DIR` downloads feeds and the pages their items
//! link to, politely, into a directory that `depeche extract` then reads.
//!
//! A run fetches every feed first, saves it ([`names::feed_file_name`]), parses it with
//! `feed-rs`, then fetches the pages its items link to and saves each under the name the feed
//! reader looks for ([`names::page_file_name`]), in the same directory: `depeche extract
//! DIR/FEED.xml --input feed` then takes each item's text from its page. Every response
//! received goes into one WARC file per run ([`archive`]), which `depeche extract --input
//! warc` reads back.
//!
//! Politeness comes first, and is the one design choice that shapes the code: requests are
//! made one at a time ([`client::Client`]); each host is asked at most `rate` times a second
//! (or every `Crawl-delay` seconds, [`polite`]); robots.txt is read once per origin and obeyed
//! at every hop of a redirect ([`robots`]); a page already saved is asked for conditionally
//! (`If-None-Match`, `If-Modified-Since`, from [`state`]), so an unchanged page costs the site
//! a `304` and no body. Pages are taken host by host in turn, the next one always from the
//! host that may be asked soonest, so pages of another host are fetched while one host's
//! interval runs instead of sleeping through it.
//!
//! A URL that cannot be fetched (forbidden by robots.txt, too large, an HTTP error, a timeout
//! after its retries) is a [`UrlProblem`]; the run goes on. Only a directory that cannot be
//! written stops it ([`FetchError`]).

pub mod archive;
pub mod client;
pub mod names;
pub mod polite;
pub mod robots;
pub mod state;

use client::{Client, ClientOptions, Fetched, Outcome};
use state::{FetchState, UrlState};
use std::collections::{HashSet, VecDeque};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use url::Url;

/// The User-Agent sent when none is given: the program, its version, and what it does.
pub fn default_user_agent() -> String {
    format!(
        "depeche/{} (news event extraction; honours robots.txt)",
        env!("CARGO_PKG_VERSION")
    )
}

/// What a run needs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where feeds, pages and the state file are saved.
    pub dir: PathBuf,
    /// The WARC file to write (must not exist).
    pub warc: PathBuf,
    pub client: ClientOptions,
}

/// What happens during a run, for progress and messages.
pub enum Notice<'a> {
    /// A request is about to be sent.
    Requesting(&'a str),
    /// Something the user should know that is not a failed URL (a retry, a name collision).
    Warning(String),
    /// A URL was not fetched.
    Problem(&'a UrlProblem),
    /// The counts after each URL.
    Progress(&'a Counts),
}

/// The counts of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Feeds downloaded (200) and unchanged (304).
    pub feeds: usize,
    pub feeds_unchanged: usize,
    /// Pages downloaded (200) and unchanged (304).
    pub pages: usize,
    pub pages_unchanged: usize,
    /// URLs robots.txt forbids.
    pub disallowed: usize,
    /// URLs whose body is over the size cap.
    pub too_large: usize,
    /// URLs that failed otherwise (HTTP error, network error, not a feed…).
    pub failed: usize,
}

/// Why a URL was not fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    Disallowed,
    TooLarge,
    Failed,
}

/// A URL that was not fetched (or, for a feed, not read), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlProblem {
    pub url: String,
    pub kind: ProblemKind,
    pub reason: String,
}

impl std::fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.url, self.reason)
    }
}

/// The result of a run.
#[derive(Debug)]
pub struct Summary {
    pub counts: Counts,
    pub problems: Vec<UrlProblem>,
    pub warc: PathBuf,
    pub warc_records: usize,
}

/// The directory (or the WARC file) cannot be written: the run stops.
#[derive(Debug, thiserror::Error)]
#[error("writing {}: {source}", path.display())]
pub struct FetchError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// A URL given to `depeche fetch`: absolute, http or https, with a host; the fragment dropped.
pub fn parse_url(arg: &str) -> Result<Url, String> {
    let mut url = Url::parse(arg.trim()).map_err(|e| format!("'{arg}' is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "'{arg}': only http and https URLs are fetched, not {}",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("'{arg}' has no host"));
    }
    url.set_fragment(None);
    Ok(url)
}

/// The name of a new WARC file in `dir`: `fetch-YYYYMMDDTHHMMSSZ.warc.gz`, with `-2`, `-3`…
/// when a run of the same second left one.
pub fn default_warc_path(dir: &Path) -> PathBuf {
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut path = dir.join(format!("fetch-{stamp}.warc.gz"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("fetch-{stamp}-{n}.warc.gz"));
        n += 1;
    }
    path
}

/// Now, as WARC writes dates (`2026-01-02T03:04:05Z`).
pub fn now_warc_date() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Fetches `feeds` and their pages into `opts.dir`.
pub fn run(
    feeds: &[Url],
    opts: &Options,
    notices: &mut dyn FnMut(Notice<'_>),
) -> Result<Summary, FetchError> {
    let (state, warning) = FetchState::load(&opts.dir);
    if let Some(warning) = warning {
        notices(Notice::Warning(warning));
    }
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| FetchError { path, source }
    };
    let mut warc = archive::WarcWriter::create(&opts.warc).map_err(write_error(&opts.warc))?;
    let c = &opts.client;
    warc.warcinfo(
        &now_warc_date(),
        &[
            ("software", format!("depeche/{}", env!("CARGO_PKG_VERSION"))),
            ("format", "WARC File Format 1.1".into()),
            ("http-header-user-agent", c.user_agent.clone()),
            ("robots", "obey".into()),
            (
                "description",
                format!(
                    "depeche fetch: at most {} request(s)/s per host, timeout {} s, \
                     max {} bytes, {} retries",
                    c.rate,
                    c.timeout.as_secs_f64(),
                    c.max_bytes,
                    c.retries
                ),
            ),
        ],
    )
    .map_err(write_error(&opts.warc))?;
    let mut run = Run {
        dir: &opts.dir,
        warc_path: opts.warc.clone(),
        max_bytes: c.max_bytes,
        state,
        client: Client::new(c.clone(), warc),
        counts: Counts::default(),
        problems: Vec::new(),
        notices,
        seen: HashSet::new(),
        unsaved: 0,
    };
    let result = run.all(feeds);
    // Whatever happened, keep what was learnt (a second failure to write says nothing new).
    let saved = run.save_state();
    result?;
    saved?;
    let Run {
        client,
        counts,
        problems,
        warc_path,
        ..
    } = run;
    let warc = client.into_warc();
    let records = warc.records();
    warc.finish().map_err(write_error(&warc_path))?;
    Ok(Summary {
        counts,
        problems,
        warc: warc_path,
        warc_records: records,
    })
}

/// A page to fetch: its URL, and the link as the feed wrote it (the feed reader's name for
/// the saved page comes from the latter).
struct PageJob {
    url: Url,
    link: String,
}

struct Run<'a> {
    dir: &'a Path,
    warc_path: PathBuf,
    max_bytes: u64,
    state: FetchState,
    client: Client,
    counts: Counts,
    problems: Vec<UrlProblem>,
    notices: &'a mut dyn FnMut(Notice<'_>),
    /// URLs already taken up in this run.
    seen: HashSet<String>,
    /// Changes to the state since it was last written.
    unsaved: usize,
}

/// Pages fetched between two writes of the state file.
const SAVE_EVERY: usize = 20;

impl Run<'_> {
    fn all(&mut self, feeds: &[Url]) -> Result<(), FetchError> {
        let mut pages: Vec<(String, VecDeque<PageJob>)> = Vec::new();
        for feed in feeds {
            if !self.seen.insert(feed.as_str().to_string()) {
                continue;
            }
            for job in self.feed(feed)? {
                let host = polite::HostClock::host_of(&job.url);
                match pages.iter_mut().find(|(h, _)| *h == host) {
                    Some((_, queue)) => queue.push_back(job),
                    None => pages.push((host, VecDeque::from([job]))),
                }
            }
            self.save_state()?;
        }
        // Host by host in turn: always the host that may be asked soonest.
        loop {
            let next = pages
                .iter()
                .enumerate()
                .filter_map(|(i, (_, q))| q.front().map(|job| (i, self.client.ready_at(&job.url))))
                .min_by_key(|(_, ready)| *ready)
                .map(|(i, _)| i);
            let Some(job) = next.and_then(|i| pages[i].1.pop_front()) else {
                break;
            };
            self.page(&job)?;
            if self.unsaved >= SAVE_EVERY {
                self.save_state()?;
            }
        }
        Ok(())
    }

    fn notice(&mut self, notice: Notice<'_>) {
        (self.notices)(notice);
    }

    fn problem(&mut self, url: &Url, kind: ProblemKind, reason: String) {
        match kind {
            ProblemKind::Disallowed => self.counts.disallowed += 1,
            ProblemKind::TooLarge => self.counts.too_large += 1,
            ProblemKind::Failed => self.counts.failed += 1,
        }
        let problem = UrlProblem {
            url: url.to_string(),
            kind,
            reason,
        };
        (self.notices)(Notice::Problem(&problem));
        self.problems.push(problem);
    }

    fn progress(&mut self) {
        (self.notices)(Notice::Progress(&self.counts));
    }

    fn fetch(&mut self, url: &Url) -> Result<Outcome, FetchError> {
        self.client
            .fetch(url, &self.state, &mut *self.notices)
            .map_err(|source| FetchError {
                path: self.warc_path.clone(),
                source,
            })
    }

    /// Fetches, saves and reads one feed; the pages its items link to.
    fn feed(&mut self, url: &Url) -> Result<Vec<PageJob>, FetchError> {
        let (bytes, base) = match self.fetch(url)? {
            Outcome::Fetched(fetched) => {
                let Some(body) = self.body(url, &fetched) else {
                    return Ok(Vec::new());
                };
                let wanted = names::feed_file_name(url);
                let Some(name) = self.name_for(&wanted, url.as_str(), false) else {
                    self.problem(
                        url,
                        ProblemKind::Failed,
                        format!("no free file name for {wanted}"),
                    );
                    return Ok(Vec::new());
                };
                self.save(&name, &body)?;
                self.record(&fetched, &name);
                self.counts.feeds += 1;
                (body, fetched.final_url)
            }
            Outcome::NotModified { final_url } => {
                let file = self
                    .state
                    .get(final_url.as_str())
                    .and_then(|s| s.file.clone());
                match file.map(|f| (std::fs::read(self.dir.join(&f)), f)) {
                    Some((Ok(bytes), _)) => {
                        self.counts.feeds_unchanged += 1;
                        (bytes, final_url)
                    }
                    Some((Err(err), f)) => {
                        let why = format!("unchanged (304), but its saved copy {f}: {err}");
                        self.problem(url, ProblemKind::Failed, why);
                        return Ok(Vec::new());
                    }
                    None => {
                        let why = "unchanged (304), but no saved copy is known".to_string();
                        self.problem(url, ProblemKind::Failed, why);
                        return Ok(Vec::new());
                    }
                }
            }
            other => {
                self.not_fetched(url, other);
                return Ok(Vec::new());
            }
        };
        self.progress();
        let feed = match feed_rs::parser::parse(&bytes[..]) {
            Ok(feed) => feed,
            Err(err) => {
                self.problem(url, ProblemKind::Failed, format!("not a feed: {err}"));
                return Ok(Vec::new());
            }
        };
        let mut jobs = Vec::new();
        for entry in &feed.entries {
            let Some(link) = crate::ingest::feed::item_link(entry) else {
                continue;
            };
            let resolved = base
                .join(&link)
                .map_err(|e| e.to_string())
                .and_then(|u| parse_url(u.as_str()));
            match resolved {
                Ok(page) => {
                    if self.seen.insert(page.as_str().to_string()) {
                        // Names go to links in feed order, not in the order pages arrive
                        // (hosts take turns): the first item wanting a name gets it.
                        if let Some(name) = names::page_file_name(&link) {
                            self.state.claim(&name, page.as_str());
                        }
                        jobs.push(PageJob { url: page, link });
                    }
                }
                Err(why) => self.notice(Notice::Warning(format!(
                    "{url}: an item's link is not fetched: {why}"
                ))),
            }
        }
        Ok(jobs)
    }

    /// Fetches and saves one page.
    fn page(&mut self, job: &PageJob) -> Result<(), FetchError> {
        match self.fetch(&job.url)? {
            Outcome::Fetched(fetched) => {
                let Some(body) = self.body(&job.url, &fetched) else {
                    return Ok(());
                };
                let final_url = fetched.final_url.as_str();
                let wanted = names::page_file_name(final_url)
                    .unwrap_or_else(|| names::fallback_page_name(final_url));
                let Some(name) = self.name_for(&wanted, final_url, true) else {
                    let why = format!("no free file name for {wanted}");
                    self.problem(&job.url, ProblemKind::Failed, why);
                    return Ok(());
                };
                self.save(&name, &body)?;
                self.record(&fetched, &name);
                self.alias(job, &wanted, &name)?;
                self.counts.pages += 1;
                self.unsaved += 1;
            }
            Outcome::NotModified { .. } => self.counts.pages_unchanged += 1,
            other => self.not_fetched(&job.url, other),
        }
        self.progress();
        Ok(())
    }

    /// Makes the page saved as `name` findable under the name the feed reader derives from
    /// the item's link, when a redirect (or URL normalisation) gave it another: a hard link,
    /// else a copy.
    fn alias(&mut self, job: &PageJob, wanted: &str, name: &str) -> Result<(), FetchError> {
        let Some(alias) = names::page_file_name(&job.link) else {
            return Ok(());
        };
        // The same name as the page's own: saved there, or already warned about.
        if alias == name || alias == wanted {
            return Ok(());
        }
        if !self.state.claim(&alias, job.url.as_str()) {
            self.notice(Notice::Warning(format!(
                "{}: saved as {name}; the feed reader looks for {alias}, which another URL or \
                 file has",
                job.url
            )));
            return Ok(());
        }
        let (from, to) = (self.dir.join(name), self.dir.join(&alias));
        let linked = match std::fs::remove_file(&to) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(err),
        }
        .and_then(|()| {
            std::fs::hard_link(&from, &to).or_else(|_| std::fs::copy(&from, &to).map(|_| ()))
        });
        linked.map_err(|source| FetchError { path: to, source })
    }

    /// The body of a 2xx as saved: a gzip `Content-Encoding` undone (within the size cap).
    fn body(&mut self, url: &Url, fetched: &Fetched) -> Option<Vec<u8>> {
        let gzip = fetched
            .content_encoding
            .as_deref()
            .is_some_and(|e| matches!(e.trim().to_ascii_lowercase().as_str(), "gzip" | "x-gzip"));
        if !(gzip && fetched.body.starts_with(&[0x1f, 0x8b])) {
            return Some(fetched.body.clone());
        }
        let mut out = Vec::new();
        let read = flate2::read::MultiGzDecoder::new(&fetched.body[..])
            .take(self.max_bytes.saturating_add(1))
            .read_to_end(&mut out);
        match read {
            Ok(_) if out.len() as u64 > self.max_bytes => {
                let why = format!(
                    "its gzip body unpacks to more than --max-bytes {}; not saved",
                    self.max_bytes
                );
                self.problem(url, ProblemKind::TooLarge, why);
                None
            }
            Ok(_) => Some(out),
            Err(err) => {
                let why = format!("its gzip body cannot be unpacked: {err}");
                self.problem(url, ProblemKind::Failed, why);
                None
            }
        }
    }

    fn not_fetched(&mut self, asked: &Url, outcome: Outcome) {
        let via = |hop: &Url| {
            if hop == asked {
                String::new()
            } else {
                format!(" (redirected to {hop})")
            }
        };
        match outcome {
            Outcome::Disallowed { url } => {
                let why = format!(
                    "robots.txt of {} disallows it{}",
                    url.origin().ascii_serialization(),
                    via(&url)
                );
                self.problem(asked, ProblemKind::Disallowed, why);
            }
            Outcome::TooLarge { url, declared } => {
                let size =
                    declared.map_or("a body".to_string(), |n| format!("a body of {n} bytes"));
                let why = format!(
                    "{size} over --max-bytes {}{}; not saved",
                    self.max_bytes,
                    via(&url)
                );
                self.problem(asked, ProblemKind::TooLarge, why);
            }
            Outcome::Failed { url, reason } => {
                let why = format!("{reason}{}", via(&url));
                self.problem(asked, ProblemKind::Failed, why);
            }
            Outcome::Fetched(_) | Outcome::NotModified { .. } => {}
        }
        self.progress();
    }

    /// `wanted` if `owner` may have it, else a name with a hash of `owner`; `None` when even
    /// that one is taken.
    fn name_for(&mut self, wanted: &str, owner: &str, reader_looks: bool) -> Option<String> {
        if self.state.claim(wanted, owner) {
            return Some(wanted.to_string());
        }
        let other = names::hashed_name(wanted, owner);
        if !self.state.claim(&other, owner) {
            return None;
        }
        let note = if reader_looks {
            ", where the feed reader does not look for it"
        } else {
            ""
        };
        self.notice(Notice::Warning(format!(
            "{owner}: {wanted} is another URL's (or a file of yours); saved as {other}{note}"
        )));
        Some(other)
    }

    /// Writes a file of the directory: a temporary file, renamed.
    fn save(&mut self, name: &str, bytes: &[u8]) -> Result<(), FetchError> {
        let path = self.dir.join(name);
        let tmp = self.dir.join(format!(".{name}.part"));
        std::fs::write(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|source| {
                let _ = std::fs::remove_file(&tmp);
                FetchError { path, source }
            })
    }

    fn record(&mut self, fetched: &Fetched, name: &str) {
        self.state.record(
            fetched.final_url.as_str(),
            UrlState {
                file: Some(name.to_string()),
                etag: fetched.etag.clone(),
                last_modified: fetched.last_modified.clone(),
                fetched: Some(now_warc_date()),
            },
        );
    }

    fn save_state(&mut self) -> Result<(), FetchError> {
        self.unsaved = 0;
        self.state.save().map_err(|source| FetchError {
            path: self.dir.join(state::STATE_FILE),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_with_a_host_are_taken() {
        assert!(parse_url("https://ex.org/rss.xml#top")
            .is_ok_and(|u| u.as_str() == "https://ex.org/rss.xml"));
        assert!(parse_url("ftp://ex.org/rss.xml").is_err());
        assert!(parse_url("file:///etc/passwd").is_err());
        assert!(parse_url("ex.org/rss.xml").is_err());
        assert!(parse_url("http://").is_err());
    }
}
