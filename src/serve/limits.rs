//! The limits every route runs under, and the two gates that enforce the ones a layer cannot:
//! annotation slots and database slots.
//!
//! - **Body size**: a `RequestBodyLimitLayer` per route ([`Limits::body_bytes`] for
//!   `POST /v1/annotate`, [`Limits::ingest_bytes`] for `POST /v1/documents`, 64 KiB for the
//!   rest): 413 beyond, before the handler reads a byte when `Content-Length` says so.
//! - **Time per request**: a `TimeoutLayer` ([`Limits::timeout`]; [`Limits::ingest_timeout`]
//!   for `POST /v1/documents`) around every route, which also covers a body that trickles in
//!   (a slow client): 408. Annotation has its own budget
//!   ([`Limits::annotate_timeout`]), checked between pipeline stages.
//! - **Concurrent annotations**: [`Limits::annotations`] slots (a semaphore); a request
//!   that waits longer than [`Limits::queue_wait`] for one is refused with 503, so a burst
//!   queues briefly instead of piling up behind the timeout.
//! - **Page size**: [`Limits::page_size`] records, entities or hits per page; more is 400.
//!
//! Database reads run on blocking threads, at most [`Limits::db_readers`] at once, each with
//! a connection of its own taken from a small pool.

use super::error::ApiError;
use crate::store::sqlite::SqliteStore;
use crate::store::StoreError;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The limits (see the module essay).
#[derive(Debug, Clone)]
pub struct Limits {
    pub body_bytes: usize,
    pub ingest_bytes: usize,
    pub timeout: Duration,
    /// The time limit of `POST /v1/documents`.
    pub ingest_timeout: Duration,
    pub annotate_timeout: Duration,
    pub annotations: usize,
    pub queue_wait: Duration,
    pub page_size: usize,
    pub db_readers: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Limits {
            body_bytes: 1024 * 1024,
            ingest_bytes: 16 * 1024 * 1024,
            timeout: Duration::from_secs(10),
            ingest_timeout: Duration::from_secs(600),
            annotate_timeout: Duration::from_secs(5),
            annotations: cores,
            queue_wait: Duration::from_secs(2),
            page_size: 500,
            db_readers: (2 * cores).max(4),
        }
    }
}

/// The body limit of routes that take no body worth the name.
pub const SMALL_BODY: usize = 64 * 1024;

impl Limits {
    /// A page size from a query's `limit`: `default` when absent, 400 past the maximum.
    pub fn page(&self, limit: Option<u32>, default: usize) -> Result<usize, ApiError> {
        match limit {
            None => Ok(default.min(self.page_size)),
            Some(0) => Err(ApiError::bad_request("limit must be at least 1")),
            Some(n) if n as usize > self.page_size => Err(ApiError::bad_request(format!(
                "limit {n} is over the page size limit of {}",
                self.page_size
            ))),
            Some(n) => Ok(n as usize),
        }
    }
}

/// Waits for an annotation slot, at most `wait`. The slot is owned, so that it moves to the
/// blocking thread and stays taken until the annotation ends, even when the request gave up.
pub async fn annotation_slot(
    slots: &Arc<Semaphore>,
    wait: Duration,
) -> Result<OwnedSemaphorePermit, ApiError> {
    match tokio::time::timeout(wait, Arc::clone(slots).acquire_owned()).await {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(_)) => Err(ApiError::overloaded("the server is shutting down")),
        Err(_) => Err(ApiError::overloaded(format!(
            "every annotation slot stayed busy for {} ms; try again",
            wait.as_millis()
        ))),
    }
}

/// Read-only connections to the database, handed to blocking threads.
pub struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
    slots: Arc<Semaphore>,
}

impl Readers {
    /// Opens one connection now, so that a bad database is an error at startup.
    pub fn open(path: PathBuf, max: usize) -> Result<Readers, StoreError> {
        let first = SqliteStore::open_read_only(&path)?;
        Ok(Readers {
            path,
            idle: Mutex::new(vec![first]),
            slots: Arc::new(Semaphore::new(max.max(1))),
        })
    }

    /// Runs `read` on a blocking thread with a connection of its own.
    pub async fn read<T, F>(self: &Arc<Self>, read: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Connection) -> Result<T, StoreError> + Send + 'static,
    {
        // Owned and moved to the blocking thread: a request that times out does not free the
        // slot of a query still running.
        let slot = Arc::clone(&self.slots)
            .acquire_owned()
            .await
            .map_err(|_| ApiError::overloaded("the server is shutting down"))?;
        let this = Arc::clone(self);
        let run = tokio::task::spawn_blocking(move || {
            let _slot = slot;
            let pooled = this
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop();
            let store = match pooled {
                Some(store) => store,
                None => SqliteStore::open_read_only(&this.path)?,
            };
            let result = read(store.connection());
            this.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(store);
            result
        });
        match run.await {
            Ok(result) => result.map_err(ApiError::from),
            Err(_) => Err(ApiError::internal(
                "internal error while reading the database (a bug: please report it)",
            )),
        }
    }
}
