//! The store: an embedded event database that remembers every ingest, finds duplicates and
//! merges the events that several articles report into one record, as GDELT does.
//!
//! `depeche ingest` annotates documents ([`ingest`]) and writes them in batched transactions
//! through the [`Backend`] interface; `depeche query` and `depeche export` read through it.
//! [`sqlite::SqliteStore`] is the one backend: SQLite (bundled) in WAL mode, so readers see the
//! last committed batch while an ingest runs, and a killed ingest loses only its open batch.
//! The pieces:
//!
//! - [`schema`]: the versioned schema and its migrations;
//! - [`dedup`]: identity keys (id, canonical URL, normalized content hash) and the SimHash
//!   that links near-duplicates as copies of one story;
//! - [`record`]: an annotated [`crate::Document`] turned into the rows the store keeps
//!   ([`DocRecord`]), computed on the annotating threads;
//! - [`merge`]: event mentions grouped into event records;
//! - [`query`]: filters over event records; [`export`]: GDELT, JSON Lines and Parquet;
//! - [`browse`]: aggregates, entity and full-text search, stored documents (for `depeche serve`).
//!
//! **The design choice that matters: event records are a function of the stored mentions.**
//! Mentions share a *merge key* (root code, both actors' codes, the action's country); within
//! a key, mentions whose days are at most one day apart (chained) form one record. After each
//! batch the records of every key the batch touched are rebuilt from all the key's mentions,
//! and a record's id is a hash of its key and first day. So the records do not depend on the
//! order documents arrived in, nor on where an interrupted ingest was resumed.

pub mod browse;
pub mod dedup;
pub mod export;
pub mod ingest;
pub mod merge;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod query;
pub mod record;
pub mod schema;
pub mod sqlite;

pub use query::{After, Filter, Near};
pub use record::{DocRecord, Identity};

use serde::Serialize;

/// What can go wrong in the store. Messages say what happened to the data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database has schema version {found}, newer than this depeche reads \
         (up to {supported}): use a newer depeche; the database was not changed"
    )]
    NewerSchema { found: i64, supported: i64 },
    #[error(
        "the database cannot be written (read-only file, directory or disk): nothing more was \
         written; every batch committed before is kept"
    )]
    ReadOnly,
    #[error(
        "the disk is full: the current batch was rolled back; every batch committed before \
         is kept"
    )]
    DiskFull,
    /// A write or sync of the database or its journal failed: with `EFBIG` (a file-size
    /// limit) or a failing device, SQLite says "disk I/O error" rather than "disk full".
    #[error(
        "the database could not be written (disk I/O error: a full disk, a file-size limit or a \
         failing device): the current batch was rolled back; every batch committed before is \
         kept"
    )]
    WriteFailed,
    #[error("not a depeche database (not SQLite, or damaged)")]
    NotADatabase,
    #[error("the database is locked by another writer; try again when it is done")]
    Busy,
    #[error("database: {0}")]
    Sqlite(rusqlite::Error),
    #[error("invalid query: {0}")]
    Query(String),
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("parquet: {0}")]
    Parquet(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> StoreError {
        use rusqlite::ffi::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => StoreError::ReadOnly,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::SystemIoFailure) if failed_write(&err) => StoreError::WriteFailed,
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(err),
        }
    }
}

/// Whether an I/O error of SQLite's is one of writing: a write, a sync or a truncation of
/// the database, its journal or its WAL index.
fn failed_write(err: &rusqlite::Error) -> bool {
    use rusqlite::ffi;
    let Some(e) = err.sqlite_error() else {
        return false;
    };
    [
        ffi::SQLITE_IOERR_WRITE,
        ffi::SQLITE_IOERR_FSYNC,
        ffi::SQLITE_IOERR_DIR_FSYNC,
        ffi::SQLITE_IOERR_TRUNCATE,
        ffi::SQLITE_IOERR_SHMSIZE,
    ]
    .contains(&e.extended_code)
}

/// Row counts, as `depeche check --format json` prints them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub documents: u64,
    pub event_mentions: u64,
    pub events: u64,
    pub entities: u64,
    pub failures: u64,
}

/// What `depeche check` found: the counts and every problem (empty when the database is sound).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub counts: Counts,
    pub problems: Vec<String>,
}

/// What happened to one document of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stored for the first time.
    Added,
    /// Stored before and annotated again (`--reannotate`, another engine version).
    Reannotated,
    /// Already stored (same id, canonical URL or content): left as it was.
    Known,
}

/// One document of a batch: annotated, or failed with its error.
#[derive(Debug)]
pub enum Item {
    Doc(Box<DocRecord>),
    Failed {
        origin: String,
        id: Option<String>,
        error: String,
    },
}

/// A stored document found by its identity: its engine version says whether it needs
/// re-annotating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub id: String,
    pub engine: String,
}

/// The storage interface that ingest, query and export use. A backend keeps documents,
/// their event mentions and the merged event records (see the module essay for the merge
/// rule it must follow), and answers filters over the records.
pub trait Backend {
    /// The stored document with any of these identity keys.
    fn known(&self, identity: &Identity) -> Result<Option<Known>, StoreError>;
    /// Writes a batch atomically: documents (re-annotating known ones whose engine differs
    /// when `reannotate` is set), failures, and the rebuilt event records. Returns one outcome
    /// per `Item::Doc`, in order.
    fn write_batch(
        &mut self,
        items: Vec<Item>,
        reannotate: bool,
    ) -> Result<Vec<Outcome>, StoreError>;
    /// The events that pass `filter`, in order of first day then id, one at a time.
    fn for_each_event(
        &self,
        filter: &Filter,
        visit: &mut dyn FnMut(&query::EventRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// The mentions of one event, earliest seen first.
    fn mentions_of(&self, event: i64) -> Result<Vec<query::MentionRow>, StoreError>;
    /// Every mention, by record then earliest seen, one at a time.
    fn for_each_mention(
        &self,
        visit: &mut dyn FnMut(&query::MentionRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// Housekeeping once an ingest is done (SQLite: refresh the query planner's statistics).
    fn finish(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
    /// Row counts.
    fn counts(&self) -> Result<Counts, StoreError>;
    /// Integrity check: the backend's own and orphan rows.
    fn check(&self) -> Result<CheckReport, StoreError>;
}
