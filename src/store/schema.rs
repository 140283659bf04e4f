//! The SQLite schema, its version and the migrations between versions.
//!
//! The version is SQLite's `user_version`. Opening a database runs, in one transaction, every
//! migration from its version up to [`VERSION`]; a database whose version is higher (written by
//! a newer depeche) is refused with [`StoreError::NewerSchema`], never altered.
//!
//! - **1**: documents (text, identity keys, story), entities, passages (the title of a
//!   document with events and the sentences that support them), event mentions (one per coded
//!   event of a document, with its merge key and its GDELT row), merged events, failures.
//! - **2**: the indexes derived from version 1's rows, backfilled when migrating: the SimHash
//!   bands that find near-duplicates without a scan (`simbands`), the FTS5 index over the
//!   passages (`passages_fts`, contentless: the text stays in `documents` once) and the index
//!   from a sentence to its records (`event_mentions_sentence`).
//! - **3**: `events_walk`, the records in day order with every column a filter reads, so
//!   that a page of a broad filter is read from the index alone, the table being read only
//!   for the records kept (`query::matches_broadly`). Version 1's `events_day` stays: the
//!   planner's sorted reads of narrow filters are faster on that small index (dropping it
//!   cost a fifth of the events route's throughput).

use super::{dedup, StoreError};
use rusqlite::{params, Connection, Transaction};

/// The schema version this build writes.
pub const VERSION: i64 = 3;

const V1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE documents (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    canonical_url TEXT,
    host TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    simhash INTEGER,
    story TEXT NOT NULL,
    title TEXT,
    published TEXT,
    added TEXT NOT NULL,
    source TEXT,
    lang TEXT NOT NULL,
    engine TEXT NOT NULL,
    chars INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX documents_url ON documents(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_source ON documents(source COLLATE NOCASE);
CREATE INDEX documents_host ON documents(host);
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT,
    country TEXT,
    role TEXT,
    cameo TEXT,
    geonames INTEGER,
    lat REAL,
    lon REAL,
    wikidata TEXT
) WITHOUT ROWID;
CREATE TABLE passages (
    passage INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(doc),
    sentence INTEGER,
    start INTEGER,
    end INTEGER
);
CREATE INDEX passages_doc ON passages(doc, sentence);
CREATE TABLE event_mentions (
    mention INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(doc),
    idx INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    event INTEGER,
    mkey TEXT NOT NULL,
    day INTEGER,
    code TEXT NOT NULL,
    root TEXT NOT NULL,
    quad INTEGER,
    goldstein REAL,
    status TEXT NOT NULL,
    score REAL NOT NULL,
    actor1_code TEXT NOT NULL,
    actor1_entity TEXT,
    actor2_code TEXT,
    actor2_entity TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    actor1_char INTEGER NOT NULL,
    actor2_char INTEGER,
    action_char INTEGER NOT NULL,
    is_root INTEGER NOT NULL,
    gdelt TEXT NOT NULL,
    UNIQUE (doc, idx)
);
CREATE INDEX event_mentions_key ON event_mentions(mkey, day);
CREATE INDEX event_mentions_event ON event_mentions(event);
CREATE INDEX event_mentions_actor1 ON event_mentions(actor1_entity) WHERE actor1_entity IS NOT NULL;
CREATE INDEX event_mentions_actor2 ON event_mentions(actor2_entity) WHERE actor2_entity IS NOT NULL;
CREATE TABLE events (
    event INTEGER PRIMARY KEY,
    mkey TEXT NOT NULL,
    code TEXT NOT NULL,
    base TEXT NOT NULL,
    root TEXT NOT NULL,
    quad INTEGER,
    goldstein REAL,
    actor1_code TEXT NOT NULL,
    actor1_country TEXT,
    actor2_code TEXT,
    actor2_country TEXT,
    country TEXT,
    lat REAL,
    lon REAL,
    day TEXT,
    last_day TEXT,
    first_seen TEXT NOT NULL,
    num_mentions INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    confidence REAL NOT NULL,
    is_root INTEGER NOT NULL,
    rep INTEGER NOT NULL
);
CREATE INDEX events_key ON events(mkey);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_code ON events(code);
CREATE INDEX events_actor1 ON events(actor1_code);
CREATE INDEX events_actor2 ON events(actor2_code);
CREATE INDEX events_country ON events(country);
CREATE INDEX events_lat ON events(lat) WHERE lat IS NOT NULL;
CREATE TABLE failures (
    origin TEXT PRIMARY KEY,
    id TEXT,
    error TEXT NOT NULL,
    engine TEXT NOT NULL
) WITHOUT ROWID;
";

const V2: &str = "
CREATE TABLE simbands (
    band INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (band, doc)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE passages_fts USING fts5(
    body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2'
);
CREATE INDEX event_mentions_sentence ON event_mentions(doc, sentence, event);
";

const V3: &str = "
CREATE INDEX events_walk ON events(day, actor1_code, actor2_code, code, quad, country,
    actor1_country, actor2_country, last_day, lat, lon);
";

/// Version 2's backfill: the SimHash bands and the full-text index of the stored rows.
fn backfill_v2(tx: &Transaction) -> Result<(), StoreError> {
    let mut bands = tx.prepare("INSERT OR IGNORE INTO simbands (band, doc) VALUES (?1, ?2)")?;
    let mut fts = tx.prepare("INSERT INTO passages_fts (rowid, body) VALUES (?1, ?2)")?;
    let mut docs = tx.prepare("SELECT doc, simhash, title, text FROM documents")?;
    let mut passages = tx.prepare(
        "SELECT passage, sentence, start, end FROM passages WHERE doc = ?1 ORDER BY passage",
    )?;
    let mut rows = docs.query([])?;
    while let Some(row) = rows.next()? {
        let doc: i64 = row.get(0)?;
        if let Some(h) = row.get::<_, Option<i64>>(1)? {
            for band in dedup::bands(h as u64) {
                bands.execute(params![band, doc])?;
            }
        }
        let title: Option<String> = row.get(2)?;
        let text: String = row.get(3)?;
        let mut p = passages.query([doc])?;
        while let Some(prow) = p.next()? {
            let passage: i64 = prow.get(0)?;
            let sentence: Option<i64> = prow.get(1)?;
            let body = match sentence {
                None => title.clone().unwrap_or_default(),
                Some(_) => {
                    let (s, e): (Option<i64>, Option<i64>) = (prow.get(2)?, prow.get(3)?);
                    let range = s.unwrap_or(0) as usize..e.unwrap_or(0) as usize;
                    text.get(range).unwrap_or_default().to_string()
                }
            };
            fts.execute(params![passage, body])?;
        }
    }
    Ok(())
}

/// The schema version of an open database (0 for a new, empty one).
pub fn version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the database to [`VERSION`] (see the module essay), or refuses a newer one.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, VERSION)
}

/// Brings the database to `target` (≤ [`VERSION`]); tests build old versions with it.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    let found = version(conn)?;
    if found > VERSION {
        return Err(StoreError::NewerSchema {
            found,
            supported: VERSION,
        });
    }
    if found >= target {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Read again under the write lock: another process may have migrated meanwhile.
    let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for step in found + 1..=target.min(VERSION) {
        match step {
            1 => tx.execute_batch(V1)?,
            2 => {
                tx.execute_batch(V2)?;
                backfill_v2(&tx)?;
            }
            3 => tx.execute_batch(V3)?,
            _ => unreachable!("no migration to version {step}"),
        }
        tx.pragma_update(None, "user_version", step)?;
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?1)",
        [target.min(VERSION).to_string()],
    )?;
    tx.commit()?;
    Ok(())
}
