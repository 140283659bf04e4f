//! One URL fetched politely: robots.txt asked first (once per origin), the host's clock
//! waited for, timeouts and a size cap on every request, retries with backoff, redirects
//! followed by hand so that robots.txt is checked, and the WARC written, at every hop.
//!
//! Redirects are not left to the HTTP client because each hop is a request of its own: it may
//! go to another host (whose robots.txt and clock apply), and its response belongs in the
//! archive. Retries happen on a refused or broken connection, a timeout, `429` and `5xx`;
//! the n-th retry waits `backoff × 2^(n-1)` (at most [`MAX_BACKOFF`]), or the `Retry-After`
//! seconds the server asked for when longer (at most [`MAX_RETRY_AFTER`]). A body over the
//! cap is never retried: it would be as large again.

use super::archive::{Exchange, WarcWriter};
use super::polite::HostClock;
use super::robots::RobotsRules;
use super::state::{FetchState, UrlState};
use super::Notice;
use std::collections::HashMap;
use std::io::{self, Read};
use std::time::Duration;
use ureq::http;
use url::Url;

/// The longest wait between two tries, whatever the backoff doubling gives.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// The longest `Retry-After` honoured; a longer one is cut to this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);
/// robots.txt is read up to this size, the rest ignored (RFC 9309 asks for at least 500 KiB).
const ROBOTS_MAX_BYTES: u64 = 512 * 1024;
/// Redirects followed for robots.txt (RFC 9309: at least five).
const ROBOTS_MAX_REDIRECTS: u32 = 5;

/// How requests are made.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub user_agent: String,
    /// Requests per second per host.
    pub rate: f64,
    /// For connecting, and for the whole request (headers and body).
    pub timeout: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
    /// Tries after the first one.
    pub retries: u32,
    /// Wait before the first retry; doubled at each next one.
    pub backoff: Duration,
    pub max_redirects: u32,
}

/// What fetching one URL gave.
#[derive(Debug)]
pub enum Outcome {
    /// A 2xx response; `final_url` is the URL that gave it, after redirects.
    Fetched(Fetched),
    /// A 304 to a conditional request: the saved copy of `final_url` is current.
    NotModified { final_url: Url },
    /// robots.txt forbids `url` (the URL asked for, or a hop of its redirects).
    Disallowed { url: Url },
    /// The body of `url` is over the cap (`declared`: its announced Content-Length).
    TooLarge { url: Url, declared: Option<u64> },
    /// No usable response: an HTTP error status, a network error or timeout after every try,
    /// too many redirects.
    Failed { url: Url, reason: String },
}

/// A 2xx response.
#[derive(Debug)]
pub struct Fetched {
    pub final_url: Url,
    pub status: u16,
    /// The body as received (a `Content-Encoding` not undone).
    pub body: Vec<u8>,
    pub content_encoding: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response as one try got it.
struct Response {
    status: u16,
    /// Header names lower-cased, values as text (lossy), in the order the client gives them.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

enum Failure {
    TooLarge { declared: Option<u64> },
    Network(String),
}

/// How a body over the cap is treated.
#[derive(Clone, Copy)]
enum Cap {
    /// Abandoned: the try fails as too large.
    Reject(u64),
    /// Cut at the cap, the rest left unread (robots.txt).
    Truncate(u64),
}

/// Makes the requests of a run, sequentially.
pub struct Client {
    agent: ureq::Agent,
    opts: ClientOptions,
    robots: HashMap<String, RobotsRules>,
    clock: HostClock,
    warc: WarcWriter,
}

impl Client {
    pub fn new(opts: ClientOptions, warc: WarcWriter) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(opts.user_agent.as_str())
            .timeout_connect(Some(opts.timeout))
            .timeout_global(Some(opts.timeout))
            .build();
        Client {
            agent: config.into(),
            clock: HostClock::new(opts.rate),
            opts,
            robots: HashMap::new(),
            warc,
        }
    }

    /// The WARC file, to finish it.
    pub fn into_warc(self) -> WarcWriter {
        self.warc
    }

    /// When the host of `url` may be asked again (`None`: now).
    pub fn ready_at(&self, url: &Url) -> Option<std::time::Instant> {
        self.clock.ready_at(&HostClock::host_of(url))
    }

    /// Fetches `url`, following redirects; conditional when `state` has validators for the
    /// URL asked at a hop. `Err` only when the WARC file cannot be written.
    pub fn fetch(
        &mut self,
        url: &Url,
        state: &FetchState,
        notices: &mut dyn FnMut(Notice<'_>),
    ) -> io::Result<Outcome> {
        let mut current = url.clone();
        for _hop in 0..=self.opts.max_redirects {
            if !self.allowed(&current, notices)? {
                return Ok(Outcome::Disallowed { url: current });
            }
            let conditional = state.validators(current.as_str()).cloned();
            let cap = Cap::Reject(self.opts.max_bytes);
            let response = match self.get(&current, conditional.as_ref(), cap, notices)? {
                Ok(response) => response,
                Err(Failure::TooLarge { declared }) => {
                    return Ok(Outcome::TooLarge {
                        url: current,
                        declared,
                    })
                }
                Err(Failure::Network(reason)) => {
                    return Ok(Outcome::Failed {
                        url: current,
                        reason,
                    })
                }
            };
            match response.status {
                200..=299 => {
                    return Ok(Outcome::Fetched(Fetched {
                        status: response.status,
                        content_encoding: response.header("content-encoding").map(str::to_string),
                        etag: response.header("etag").map(str::to_string),
                        last_modified: response.header("last-modified").map(str::to_string),
                        body: response.body,
                        final_url: current,
                    }))
                }
                304 if conditional.is_some() => {
                    return Ok(Outcome::NotModified { final_url: current })
                }
                301 | 302 | 303 | 307 | 308 => match redirect_target(&current, &response) {
                    Ok(next) => current = next,
                    Err(reason) => {
                        return Ok(Outcome::Failed {
                            url: current,
                            reason,
                        })
                    }
                },
                status => {
                    return Ok(Outcome::Failed {
                        url: current,
                        reason: status_text(status),
                    })
                }
            }
        }
        Ok(Outcome::Failed {
            url: current,
            reason: format!("more than {} redirects", self.opts.max_redirects),
        })
    }

    /// Whether robots.txt lets `url` be fetched, reading it first when its origin is new.
    fn allowed(&mut self, url: &Url, notices: &mut dyn FnMut(Notice<'_>)) -> io::Result<bool> {
        let origin = url.origin().ascii_serialization();
        if !self.robots.contains_key(&origin) {
            let rules = self.read_robots(url, &origin, notices)?;
            if let Some(delay) = rules.crawl_delay() {
                let host = HostClock::host_of(url);
                if let Some(kept) = self.clock.set_crawl_delay(&host, delay) {
                    notices(Notice::Warning(format!(
                        "{origin}/robots.txt asks for a Crawl-delay of {delay} s; waiting {kept} s \
                         between requests"
                    )));
                }
            }
            self.robots.insert(origin.clone(), rules);
        }
        let mut target = url.path().to_string();
        if let Some(query) = url.query() {
            target.push('?');
            target.push_str(query);
        }
        Ok(self.robots.get(&origin).is_none_or(|r| r.allows(&target)))
    }

    /// The robots.txt rules of `origin` for this crawler (see the module's [`super::robots`]
    /// for what each status means).
    fn read_robots(
        &mut self,
        url: &Url,
        origin: &str,
        notices: &mut dyn FnMut(Notice<'_>),
    ) -> io::Result<RobotsRules> {
        let mut current = match url.join("/robots.txt") {
            Ok(u) => u,
            Err(_) => return Ok(RobotsRules::allow_all()),
        };
        let blocked = |why: String, notices: &mut dyn FnMut(Notice<'_>)| {
            notices(Notice::Warning(format!(
                "{origin}/robots.txt: {why}; nothing is fetched from {origin} (RFC 9309)"
            )));
            RobotsRules::disallow_all()
        };
        for _hop in 0..=ROBOTS_MAX_REDIRECTS {
            let cap = Cap::Truncate(ROBOTS_MAX_BYTES);
            let response = match self.get(&current, None, cap, notices)? {
                Ok(response) => response,
                Err(Failure::Network(reason)) => return Ok(blocked(reason, notices)),
                Err(Failure::TooLarge { .. }) => return Ok(RobotsRules::allow_all()),
            };
            match response.status {
                200..=299 => {
                    let text = String::from_utf8_lossy(&response.body);
                    return Ok(RobotsRules::parse(&text, &self.opts.user_agent));
                }
                301 | 302 | 303 | 307 | 308 => match redirect_target(&current, &response) {
                    Ok(next) => current = next,
                    Err(_) => return Ok(RobotsRules::allow_all()),
                },
                429 | 500..=599 => return Ok(blocked(status_text(response.status), notices)),
                // 4xx: no robots.txt, everything allowed; anything else is read alike.
                _ => return Ok(RobotsRules::allow_all()),
            }
        }
        Ok(RobotsRules::allow_all())
    }

    /// One request, tried again on network errors, 429 and 5xx; every response received is
    /// archived.
    fn get(
        &mut self,
        url: &Url,
        conditional: Option<&UrlState>,
        cap: Cap,
        notices: &mut dyn FnMut(Notice<'_>),
    ) -> io::Result<Result<Response, Failure>> {
        let host = HostClock::host_of(url);
        let mut tries = 0;
        loop {
            tries += 1;
            self.clock.wait(&host);
            notices(Notice::Requesting(url.as_str()));
            let (request, result) = self.try_once(url, conditional, cap);
            let (why, retry_after) = match result {
                Ok((response, head)) => {
                    let date = super::now_warc_date();
                    self.warc.exchange(
                        &Exchange {
                            url: url.as_str(),
                            date: &date,
                            request: request.as_bytes(),
                            response_head: &head,
                            body: &response.body,
                        },
                        response.status == 304,
                    )?;
                    let retryable = response.status == 429 || response.status >= 500;
                    if !retryable || tries > self.opts.retries {
                        return Ok(Ok(response));
                    }
                    let retry_after = response
                        .header("retry-after")
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(|s| Duration::from_secs(s).min(MAX_RETRY_AFTER));
                    (status_text(response.status), retry_after)
                }
                Err(Failure::Network(reason)) if tries <= self.opts.retries => (reason, None),
                Err(failure) => return Ok(Err(failure)),
            };
            let backoff = self
                .opts
                .backoff
                .saturating_mul(1 << (tries - 1).min(20))
                .min(MAX_BACKOFF);
            let wait = retry_after.map_or(backoff, |r| r.max(backoff));
            notices(Notice::Warning(format!(
                "{url}: {why}; try {} of {} in {} ms",
                tries + 1,
                self.opts.retries + 1,
                wait.as_millis()
            )));
            std::thread::sleep(wait);
        }
    }

    /// One try: the request as sent (reconstructed), and the response with its head as the
    /// WARC stores it.
    fn try_once(
        &self,
        url: &Url,
        conditional: Option<&UrlState>,
        cap: Cap,
    ) -> (String, Result<(Response, Vec<u8>), Failure>) {
        let mut target = url.path().to_string();
        if let Some(query) = url.query() {
            target.push('?');
            target.push_str(query);
        }
        let mut host = url.host_str().unwrap_or("").to_string();
        if let Some(port) = url.port() {
            host.push_str(&format!(":{port}"));
        }
        let mut request = format!(
            "GET {target} HTTP/1.1\r\nhost: {host}\r\nuser-agent: {}\r\naccept: */*\r\n",
            self.opts.user_agent
        );
        let mut builder = self.agent.get(url.as_str());
        if let Some(known) = conditional {
            if let Some(etag) = &known.etag {
                builder = builder.header("If-None-Match", etag.as_str());
                request.push_str(&format!("if-none-match: {etag}\r\n"));
            }
            if let Some(date) = &known.last_modified {
                builder = builder.header("If-Modified-Since", date.as_str());
                request.push_str(&format!("if-modified-since: {date}\r\n"));
            }
        }
        request.push_str("\r\n");
        let result = match builder.call() {
            Ok(response) => self.read_response(response, cap),
            Err(err) => Err(Failure::Network(describe(&err, self.opts.timeout))),
        };
        (request, result)
    }

    fn read_response(
        &self,
        mut response: http::Response<ureq::Body>,
        cap: Cap,
    ) -> Result<(Response, Vec<u8>), Failure> {
        let status = response.status();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_ascii_lowercase(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let declared = response
            .headers()
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let limit = match cap {
            Cap::Reject(limit) | Cap::Truncate(limit) => limit,
        };
        if let (Cap::Reject(_), Some(len)) = (cap, declared) {
            if len > limit {
                return Err(Failure::TooLarge {
                    declared: Some(len),
                });
            }
        }
        let mut body = Vec::new();
        // One byte more than the cap tells an exact fit from an overflow, and no more is read.
        let read = response
            .body_mut()
            .as_reader()
            .take(limit.saturating_add(1))
            .read_to_end(&mut body);
        if let Err(err) = read {
            return Err(Failure::Network(format!(
                "reading the body: {}",
                describe_io(&err, self.opts.timeout)
            )));
        }
        let truncated = body.len() as u64 > limit;
        if truncated {
            match cap {
                Cap::Reject(_) => return Err(Failure::TooLarge { declared }),
                Cap::Truncate(_) => body.truncate(limit as usize),
            }
        }
        let version = match response.version() {
            http::Version::HTTP_10 => "HTTP/1.0",
            http::Version::HTTP_2 => "HTTP/2",
            _ => "HTTP/1.1",
        };
        let mut head = format!(
            "{version} {} {}\r\n",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .into_bytes();
        let mut has_length = false;
        for (name, value) in response.headers() {
            // The client undid chunking: the stored body is not chunked any more; a cut body
            // gets the length it has.
            if name == http::header::TRANSFER_ENCODING
                || (truncated && name == http::header::CONTENT_LENGTH)
            {
                continue;
            }
            has_length |= name == http::header::CONTENT_LENGTH;
            head.extend_from_slice(name.as_str().as_bytes());
            head.extend_from_slice(b": ");
            head.extend_from_slice(without_breaks(value.as_bytes()).as_slice());
            head.extend_from_slice(b"\r\n");
        }
        if !has_length {
            head.extend_from_slice(format!("content-length: {}\r\n", body.len()).as_bytes());
        }
        head.extend_from_slice(b"\r\n");
        Ok((
            Response {
                status: status.as_u16(),
                headers,
                body,
            },
            head,
        ))
    }
}

/// A header value with any line break taken out (the client should never give one).
fn without_breaks(value: &[u8]) -> Vec<u8> {
    value
        .iter()
        .copied()
        .filter(|b| *b != b'\r' && *b != b'\n')
        .collect()
}

/// Where a redirect points, resolved against the URL that answered it; only http(s).
fn redirect_target(from: &Url, response: &Response) -> Result<Url, String> {
    let status = response.status;
    let location = response
        .header("location")
        .ok_or_else(|| format!("HTTP {status} without a Location header"))?;
    let mut next = from
        .join(location.trim())
        .map_err(|e| format!("HTTP {status} to a bad Location '{location:.80}': {e}"))?;
    if !matches!(next.scheme(), "http" | "https") {
        return Err(format!("HTTP {status} to a non-http URL '{location:.80}'"));
    }
    next.set_fragment(None);
    Ok(next)
}

fn status_text(status: u16) -> String {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    format!("HTTP {status} {reason}").trim_end().to_string()
}

fn describe(err: &ureq::Error, timeout: Duration) -> String {
    match err {
        ureq::Error::Timeout(_) => format!("timed out after {} s", timeout.as_secs_f64()),
        ureq::Error::Io(io) => describe_io(io, timeout),
        ureq::Error::HostNotFound => "host not found".into(),
        other => other.to_string(),
    }
}

fn describe_io(err: &io::Error, timeout: Duration) -> String {
    if err.kind() == io::ErrorKind::TimedOut {
        format!("timed out after {} s", timeout.as_secs_f64())
    } else {
        err.to_string()
    }
}
