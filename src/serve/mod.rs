//! `depeche serve`: the event store and the pipeline over HTTP, and the web page that
//! browses them.
//!
//! An `axum` server on a `tokio` runtime. It is read-only by default: the database is
//! opened read-only and `POST /v1/documents` answers 403; with a token file it also opens
//! the database for writing and ingests through the same path as `depeche ingest`
//! ([`ingest`]). The pieces:
//!
//! - [`routes`]: the read routes (events, one event, documents, entities, stats, search,
//!   health); [`annotate`]: `POST /v1/annotate`; [`ingest`]: `POST /v1/documents`;
//! - [`limits`]: body size, time, annotation slots, page size, database readers;
//! - [`error`]: every error is JSON `{"code", "message"}`, whoever made it;
//! - [`openapi`]: `GET /openapi.json`, generated from the handlers; [`assets`]: the page.
//!
//! **The design choice that matters: SQLite and the pipeline are synchronous and CPU-bound,
//! the server is not.** Every database read and every annotation runs on tokio's blocking
//! threads, gated by a semaphore each (database readers; annotation slots, one per core by
//! default), so that a burst of annotations cannot starve the cheap reads, and the async
//! threads only parse requests and write responses.

pub mod annotate;
pub mod assets;
pub mod error;
pub mod ingest;
pub mod limits;
pub mod openapi;
pub mod routes;

pub use limits::Limits;

use crate::pipeline::Pipeline;
use crate::store::sqlite::SqliteStore;
use crate::store::StoreError;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// What a server shares between requests.
pub struct AppState {
    pub readers: Arc<limits::Readers>,
    pub pipeline: Arc<Pipeline>,
    pub annotations: Arc<tokio::sync::Semaphore>,
    pub limits: Limits,
    /// Present when ingest over HTTP is enabled.
    pub writer: Option<ingest::Writer>,
}

pub type Shared = Arc<AppState>;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// The token that enables `POST /v1/documents` (read from `--token-file`).
    pub token: Option<Vec<u8>>,
    pub limits: Limits,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("database {path}: {source}")]
    Store {
        path: String,
        #[source]
        source: StoreError,
    },
    #[error("loading the pipeline: {0}")]
    Pipeline(#[from] crate::pipeline::PipelineError),
    #[error("listening on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// Builds the shared state: opens the database (for writing too when a token is given,
/// creating it then) and loads the pipeline.
pub fn state(config: &Config) -> Result<Shared, ServeError> {
    let store_error = |source| ServeError::Store {
        path: config.db.display().to_string(),
        source,
    };
    let writer = match &config.token {
        Some(token) => Some(ingest::Writer::new(
            SqliteStore::open(&config.db).map_err(store_error)?,
            token.clone(),
        )),
        None => None,
    };
    let readers =
        limits::Readers::open(config.db.clone(), config.limits.db_readers).map_err(store_error)?;
    Ok(Arc::new(AppState {
        readers: Arc::new(readers),
        pipeline: Arc::new(Pipeline::new("fr")?),
        annotations: Arc::new(tokio::sync::Semaphore::new(
            config.limits.annotations.max(1),
        )),
        limits: config.limits.clone(),
        writer,
    }))
}

/// The router with every route and limit (see [`limits`]).
pub fn router(state: Shared) -> Router {
    let l = &state.limits;
    let small = RequestBodyLimitLayer::new(limits::SMALL_BODY);
    // Ingest has its own, longer time limit: a large batch takes a while to annotate. Past
    // it the client gets 408 but the batch still commits (documents then read as known).
    let ingest = Router::new()
        .route(
            "/v1/documents",
            post(ingest::ingest).layer(RequestBodyLimitLayer::new(l.ingest_bytes)),
        )
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            l.ingest_timeout,
        ));
    let rest = Router::new()
        .route(
            "/v1/annotate",
            post(annotate::annotate).layer(RequestBodyLimitLayer::new(l.body_bytes)),
        )
        .route("/v1/events", get(routes::events).layer(small))
        .route("/v1/events/{id}", get(routes::event).layer(small))
        .route("/v1/documents/{id}", get(routes::document).layer(small))
        .route("/v1/entities", get(routes::entities).layer(small))
        .route("/v1/stats", get(routes::stats).layer(small))
        .route("/v1/search", get(routes::search).layer(small))
        .route("/healthz", get(routes::healthz).layer(small))
        .route("/openapi.json", get(openapi::openapi_json).layer(small))
        .route("/", get(assets::index).layer(small))
        .route("/app.js", get(assets::app).layer(small))
        .route("/style.css", get(assets::style).layer(small))
        .route("/world.json", get(assets::world).layer(small))
        .fallback(error::not_found)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            l.timeout,
        ));
    rest.merge(ingest)
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(error::json_errors))
        .with_state(state)
}

/// Serves until Ctrl-C or SIGTERM. `ready` is called with the bound address (the port
/// chosen when `config.addr` asks for port 0) once the server accepts connections.
pub fn run(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let state = state(&config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.addr,
                source,
            })?;
        ready(listener.local_addr()?);
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown())
            .await?;
        Ok(())
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
