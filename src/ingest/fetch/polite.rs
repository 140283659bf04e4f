//! Politeness: at most one request per host every `1 / rate` seconds (or every `Crawl-delay`
//! seconds, when the host's robots.txt asks for more).
//!
//! A host is the URL's host name, lower-cased, whatever the scheme and port: `http://ex.org`
//! and `https://ex.org:8443` are one server's load. The clock only remembers when each host was
//! last asked; the fetcher sleeps when the next request's host was asked too recently, and
//! uses [`HostClock::ready_at`] to serve another host in the meantime.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The longest `Crawl-delay` honoured, in seconds: a larger one is cut to this (with a
/// warning), so that one robots.txt cannot stall a run for hours.
pub const MAX_CRAWL_DELAY: f64 = 60.0;

/// When each host was last asked, and how long it wants between requests.
#[derive(Debug)]
pub struct HostClock {
    interval: Duration,
    crawl_delays: HashMap<String, Duration>,
    last: HashMap<String, Instant>,
}

impl HostClock {
    /// A clock allowing `rate` requests per second per host (`rate` > 0).
    pub fn new(rate: f64) -> HostClock {
        let interval = if rate.is_finite() && rate > 0.0 {
            Duration::try_from_secs_f64(1.0 / rate).unwrap_or(Duration::ZERO)
        } else {
            Duration::ZERO
        };
        HostClock {
            interval,
            crawl_delays: HashMap::new(),
            last: HashMap::new(),
        }
    }

    /// The host key of a URL.
    pub fn host_of(url: &url::Url) -> String {
        url.host_str().unwrap_or("").to_ascii_lowercase()
    }

    /// Records a host's `Crawl-delay` (seconds); returns the delay kept when it was cut to
    /// [`MAX_CRAWL_DELAY`].
    pub fn set_crawl_delay(&mut self, host: &str, secs: f64) -> Option<f64> {
        let kept = secs.min(MAX_CRAWL_DELAY);
        if let Ok(delay) = Duration::try_from_secs_f64(kept) {
            self.crawl_delays.insert(host.to_string(), delay);
        }
        (kept < secs).then_some(kept)
    }

    fn interval_of(&self, host: &str) -> Duration {
        self.crawl_delays
            .get(host)
            .map_or(self.interval, |d| (*d).max(self.interval))
    }

    /// When `host` may be asked again; `None` when it may be now (never asked).
    pub fn ready_at(&self, host: &str) -> Option<Instant> {
        self.last.get(host).map(|t| *t + self.interval_of(host))
    }

    /// Sleeps until `host` may be asked, then records the request as made now.
    pub fn wait(&mut self, host: &str) {
        if let Some(ready) = self.ready_at(host) {
            let now = Instant::now();
            if ready > now {
                std::thread::sleep(ready - now);
            }
        }
        self.last.insert(host.to_string(), Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_waits_its_interval_others_do_not() {
        let mut clock = HostClock::new(20.0);
        assert!(clock.ready_at("a").is_none());
        clock.wait("a");
        let started = Instant::now();
        clock.wait("b");
        assert!(
            started.elapsed() < Duration::from_millis(40),
            "another host"
        );
        clock.wait("a");
        assert!(
            started.elapsed() >= Duration::from_millis(45),
            "the same host"
        );
        assert_eq!(clock.set_crawl_delay("a", 0.01), None);
        assert_eq!(
            clock.interval_of("a"),
            Duration::from_millis(50),
            "rate wins"
        );
        assert_eq!(clock.set_crawl_delay("a", 1e9), Some(MAX_CRAWL_DELAY));
    }
}
