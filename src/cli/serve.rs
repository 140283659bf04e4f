//! `depeche serve`: the HTTP API and the web page over an event database. The server is in
//! [`depeche::serve`]; this is argument parsing and the startup line.

use super::report;
use anyhow::{bail, Context};
use clap::Args;
use depeche::serve::{self, Config, Limits};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Serve the event database and the annotator over HTTP, with a web page at /.
#[derive(Args, Debug)]
#[command(
    after_help = "Routes: POST /v1/annotate, GET /v1/events, /v1/events/{id}, \
/v1/documents/{id}, /v1/entities?q=, /v1/stats, /v1/search?q=, /openapi.json, /healthz, and \
the web page at /. Read-only unless --token-file is given: then POST /v1/documents ingests \
(JSON Lines, a JSON document or a text article) with 'Authorization: Bearer <token>'. \
Errors are JSON: {\"code\", \"message\"}.\n\n\
The line 'depeche: listening on http://ADDR' is written to stderr once requests are \
accepted (with --addr 127.0.0.1:0 the port is chosen by the system).\n\n\
Examples:\n  depeche serve --db news.db\n  \
depeche serve --db news.db --addr 127.0.0.1:9000 --token-file ~/.depeche-token"
)]
pub struct ServeArgs {
    /// The database file (SQLite, made by 'depeche ingest'; created with --token-file).
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    addr: SocketAddr,
    /// A file holding the token that enables POST /v1/documents (ingest over HTTP).
    #[arg(long, value_name = "PATH")]
    token_file: Option<PathBuf>,
    /// Largest body of POST /v1/annotate, in bytes.
    #[arg(long, default_value_t = Limits::default().body_bytes, value_name = "BYTES")]
    max_body_bytes: usize,
    /// Largest body of POST /v1/documents, in bytes.
    #[arg(long, default_value_t = Limits::default().ingest_bytes, value_name = "BYTES")]
    max_ingest_bytes: usize,
    /// Time limit per request, in seconds.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    timeout: f64,
    /// Time budget of one annotation, in seconds.
    #[arg(long, default_value_t = 5.0, value_name = "SECONDS")]
    annotate_timeout: f64,
    /// Annotations at once (default: one per core).
    #[arg(long, value_name = "N")]
    max_annotations: Option<usize>,
    /// Largest page of records, entities or search hits.
    #[arg(long, default_value_t = Limits::default().page_size, value_name = "N")]
    max_page_size: usize,
}

fn seconds(value: f64, name: &str) -> anyhow::Result<Duration> {
    if !(value.is_finite() && value > 0.0) {
        bail!("--{name}: '{value}' is not a number of seconds > 0");
    }
    Duration::try_from_secs_f64(value).with_context(|| format!("--{name}"))
}

pub fn run(args: ServeArgs) -> anyhow::Result<u8> {
    let defaults = Limits::default();
    let limits = Limits {
        body_bytes: args.max_body_bytes.max(1),
        ingest_bytes: args.max_ingest_bytes.max(1),
        timeout: seconds(args.timeout, "timeout")?,
        annotate_timeout: seconds(args.annotate_timeout, "annotate-timeout")?,
        annotations: args.max_annotations.unwrap_or(defaults.annotations).max(1),
        page_size: args.max_page_size.max(1),
        ..defaults
    };
    let token = match &args.token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("--token-file {}", path.display()))?;
            let token = text.trim();
            if token.len() < 16 {
                bail!(
                    "--token-file {}: the token must be at least 16 characters",
                    path.display()
                );
            }
            Some(token.as_bytes().to_vec())
        }
        None => None,
    };
    if token.is_none() && !args.db.exists() {
        bail!(
            "database {}: no such file (create it with 'depeche ingest … --db {}')",
            args.db.display(),
            args.db.display()
        );
    }
    let config = Config {
        db: args.db,
        addr: args.addr,
        token,
        limits,
    };
    serve::run(config, |addr| {
        report(&format!("depeche: listening on http://{addr}"))
    })?;
    Ok(0)
}
