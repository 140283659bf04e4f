//! The SQLite backend: one database file in WAL mode.
//!
//! Each batch is one `IMMEDIATE` transaction: its documents, their annotations, its failures
//! and the rebuilt event records commit together or not at all. A killed ingest therefore
//! loses its open batch only, which the next run writes again (the documents committed before
//! are found by their identity and skipped). With WAL, readers keep reading the last
//! committed state while a batch is written; `synchronous = NORMAL` keeps every committed
//! batch across a crash of the process (only a power loss may drop the last ones).

use super::merge::Touched;
use super::query::{EventRow, MentionRow};
use super::record::{DocRecord, Identity};
use super::{dedup, merge, query, schema};
use super::{Backend, CheckReport, Counts, Filter, Item, Known, Outcome, StoreError};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use std::collections::BTreeSet;
use std::path::Path;

pub struct SqliteStore {
    conn: Connection,
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "cache_size", -32_000)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

impl SqliteStore {
    /// Opens the database for writing, creating it when missing and migrating it to the
    /// current schema.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        // Before WAL: an existing file that is not a database fails here, not later.
        schema::version(&conn)?;
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::ReadOnly);
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        schema::migrate(&mut conn)?;
        Ok(SqliteStore { conn })
    }

    /// Opens an existing database for reading. A missing file, an older schema (run `ingest`
    /// to migrate it) and a newer one are errors.
    pub fn open_read_only(path: &Path) -> Result<SqliteStore, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        configure(&conn)?;
        let found = schema::version(&conn)?;
        if found > schema::VERSION {
            return Err(StoreError::NewerSchema {
                found,
                supported: schema::VERSION,
            });
        }
        if found < schema::VERSION {
            return Err(StoreError::Query(format!(
                "the database has schema version {found}, older than this depeche's {}: run \
                 'depeche ingest --db PATH' (with no input) to migrate it",
                schema::VERSION
            )));
        }
        Ok(SqliteStore { conn })
    }

    /// The connection, for tests and tools that read the tables directly.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// The stored document with any of these keys: its row id, id and engine.
fn find(conn: &Connection, id: &Identity) -> Result<Option<(i64, Known)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT doc, id, engine FROM documents WHERE id = ?1
         UNION ALL SELECT doc, id, engine FROM documents WHERE canonical_url = ?2
         UNION ALL SELECT doc, id, engine FROM documents WHERE content_hash = ?3
         LIMIT 1",
    )?;
    Ok(stmt
        .query_row(params![id.id, id.canonical_url, id.content_hash], |r| {
            Ok((
                r.get(0)?,
                Known {
                    id: r.get(1)?,
                    engine: r.get(2)?,
                },
            ))
        })
        .optional()?)
}

/// Marks a document's mentions touched: their days, or their whole keys when `whole` (the
/// mentions are about to be removed).
fn keys_of_doc(
    tx: &Transaction,
    doc: i64,
    into: &mut Touched,
    whole: bool,
) -> Result<(), StoreError> {
    let mut stmt =
        tx.prepare_cached("SELECT DISTINCT mkey, day FROM event_mentions WHERE doc = ?1")?;
    let rows = stmt.query_map([doc], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
    })?;
    for row in rows {
        let (key, day) = row?;
        match day {
            Some(day) if !whole => into.day(&key, day),
            _ => into.whole(&key),
        }
    }
    Ok(())
}

/// Links a new document to the stories of its near-duplicates: the story becomes the
/// smallest id among them (so the result does not depend on arrival order). Marks the merge
/// keys of every document of the story as touched, since their sources change.
fn link_story(
    tx: &Transaction,
    doc: i64,
    rec: &DocRecord,
    touched: &mut Touched,
) -> Result<(), StoreError> {
    let Some(h) = rec.simhash else {
        return Ok(());
    };
    let bands = dedup::bands(h);
    let mut stories: BTreeSet<String> = BTreeSet::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT DISTINCT d.simhash, d.story FROM simbands b JOIN documents d ON d.doc = b.doc
             WHERE b.band IN (SELECT value FROM json_each(?1)) AND b.doc != ?2",
        )?;
        let list = serde_json::to_string(&bands).unwrap_or_default();
        let rows = stmt.query_map(params![list, doc], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (other, story) = row?;
            if dedup::near(h, other as u64) {
                stories.insert(story);
            }
        }
    }
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO simbands (band, doc) VALUES (?1, ?2)")?;
    for band in bands {
        insert.execute(params![band, doc])?;
    }
    if stories.is_empty() {
        return Ok(());
    }
    stories.insert(rec.identity.id.clone());
    let story = stories.iter().next().cloned().unwrap_or_default();
    let mut update = tx.prepare_cached("UPDATE documents SET story = ?1 WHERE story = ?2")?;
    for old in &stories {
        update.execute(params![story, old])?;
    }
    let mut members = tx.prepare_cached("SELECT doc FROM documents WHERE story = ?1")?;
    let docs: Vec<i64> = members
        .query_map([&story], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for member in docs {
        keys_of_doc(tx, member, touched, false)?;
    }
    Ok(())
}

/// Writes a document's passages (with their full-text rows), entities and event mentions.
fn insert_annotations(
    tx: &Transaction,
    doc: i64,
    rec: &DocRecord,
    touched: &mut Touched,
) -> Result<(), StoreError> {
    let mut passage = tx.prepare_cached(
        "INSERT INTO passages (doc, sentence, start, end) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut fts = tx.prepare_cached("INSERT INTO passages_fts (rowid, body) VALUES (?1, ?2)")?;
    // The text an event record can be found by: the title of a document with events and the
    // sentences that support them. Other sentences cannot lead to a record, so indexing them
    // would only make full-text queries slower and the database larger.
    let title = rec.title.as_deref().filter(|t| !t.trim().is_empty());
    if let Some(title) = title.filter(|_| !rec.mentions.is_empty()) {
        passage.execute(params![doc, None::<i64>, None::<i64>, None::<i64>])?;
        fts.execute(params![tx.last_insert_rowid(), title])?;
    }
    let supporting: BTreeSet<usize> = rec.mentions.iter().map(|m| m.sentence).collect();
    for (i, s) in rec.sentences.iter().enumerate() {
        if !supporting.contains(&i) {
            continue;
        }
        passage.execute(params![doc, i as i64, s.start as i64, s.end as i64])?;
        let body = rec.text.get(s.range()).unwrap_or_default();
        fts.execute(params![tx.last_insert_rowid(), body])?;
    }
    let mut entity = tx.prepare_cached(
        "INSERT OR IGNORE INTO entities (id, name, type, country, role, cameo, geonames, lat,
             lon, wikidata) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for e in &rec.entities {
        entity.execute(params![
            e.id,
            e.name,
            e.kind,
            e.country,
            e.role,
            e.cameo,
            e.geonames.map(|g| g as i64),
            e.lat,
            e.lon,
            e.wikidata
        ])?;
    }
    let mut mention = tx.prepare_cached(
        "INSERT INTO event_mentions (doc, idx, sentence, mkey, day, code, root, quad, goldstein,
             status, score, actor1_code, actor1_entity, actor2_code, actor2_entity, start, end,
             trigger_start, trigger_end, actor1_char, actor2_char, action_char, is_root, gdelt)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    )?;
    for m in &rec.mentions {
        mention.execute(params![
            doc,
            m.index as i64,
            m.sentence as i64,
            m.merge_key,
            m.day,
            m.code,
            m.root,
            m.quad,
            m.goldstein,
            m.status,
            f64::from(m.score),
            m.actor1_code,
            m.actor1_entity,
            m.actor2_code,
            m.actor2_entity,
            m.span.start as i64,
            m.span.end as i64,
            m.trigger.start as i64,
            m.trigger.end as i64,
            m.actor1_char as i64,
            m.actor2_char.map(|c| c as i64),
            m.action_char as i64,
            m.is_root,
            m.gdelt
        ])?;
        touched.day(&m.merge_key, m.day);
    }
    Ok(())
}

/// Removes a document's annotations (not the document), marking their merge keys touched.
fn delete_annotations(tx: &Transaction, doc: i64, touched: &mut Touched) -> Result<(), StoreError> {
    keys_of_doc(tx, doc, touched, true)?;
    tx.execute(
        "DELETE FROM passages_fts WHERE rowid IN (SELECT passage FROM passages WHERE doc = ?1)",
        [doc],
    )?;
    tx.execute("DELETE FROM passages WHERE doc = ?1", [doc])?;
    tx.execute("DELETE FROM event_mentions WHERE doc = ?1", [doc])?;
    Ok(())
}

fn write_doc(
    tx: &Transaction,
    rec: &DocRecord,
    reannotate: bool,
    touched: &mut Touched,
) -> Result<Outcome, StoreError> {
    if let Some((doc, known)) = find(tx, &rec.identity)? {
        if !reannotate || known.engine == rec.engine {
            return Ok(Outcome::Known);
        }
        delete_annotations(tx, doc, touched)?;
        tx.execute(
            "UPDATE documents SET engine = ?1, added = ?2, chars = ?3 WHERE doc = ?4",
            params![rec.engine, rec.added, rec.chars as i64, doc],
        )?;
        insert_annotations(tx, doc, rec, touched)?;
        return Ok(Outcome::Reannotated);
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO documents (id, url, canonical_url, host, content_hash, simhash, story, title,
             published, added, source, lang, engine, chars, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?1, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    insert.execute(params![
        rec.identity.id,
        rec.url,
        rec.identity.canonical_url,
        rec.host,
        rec.identity.content_hash,
        rec.simhash.map(|h| h as i64),
        rec.title,
        rec.published,
        rec.added,
        rec.source,
        rec.lang,
        rec.engine,
        rec.chars as i64,
        rec.text
    ])?;
    let doc = tx.last_insert_rowid();
    insert_annotations(tx, doc, rec, touched)?;
    link_story(tx, doc, rec, touched)?;
    tx.execute(
        "DELETE FROM failures WHERE id = ?1 OR origin = ?2",
        params![rec.identity.id, rec.origin],
    )?;
    Ok(Outcome::Added)
}

impl Backend for SqliteStore {
    fn known(&self, identity: &Identity) -> Result<Option<Known>, StoreError> {
        Ok(find(&self.conn, identity)?.map(|(_, known)| known))
    }

    fn write_batch(
        &mut self,
        items: Vec<Item>,
        reannotate: bool,
    ) -> Result<Vec<Outcome>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut touched = Touched::default();
        let mut outcomes = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Item::Doc(rec) => outcomes.push(write_doc(&tx, &rec, reannotate, &mut touched)?),
                Item::Failed { origin, id, error } => {
                    tx.execute(
                        "INSERT OR REPLACE INTO failures (origin, id, error, engine)
                         VALUES (?1, ?2, ?3, ?4)",
                        params![origin, id, error, super::record::engine_version()],
                    )?;
                }
            }
        }
        merge::rebuild(&tx, &touched)?;
        tx.commit()?;
        Ok(outcomes)
    }

    fn for_each_event(
        &self,
        filter: &Filter,
        visit: &mut dyn FnMut(&EventRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        query::for_each_event(&self.conn, filter, visit)
    }

    fn mentions_of(&self, event: i64) -> Result<Vec<MentionRow>, StoreError> {
        query::mentions_of(&self.conn, event)
    }

    fn for_each_mention(
        &self,
        visit: &mut dyn FnMut(&MentionRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        query::for_each_mention(&self.conn, visit)
    }

    fn finish(&mut self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("PRAGMA analysis_limit = 400; PRAGMA optimize;")?;
        Ok(())
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(n as u64)
        };
        Ok(Counts {
            documents: count("documents")?,
            event_mentions: count("event_mentions")?,
            events: count("events")?,
            entities: count("entities")?,
            failures: count("failures")?,
        })
    }

    fn check(&self) -> Result<CheckReport, StoreError> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("SQLite integrity check: {row}"));
            }
        }
        let orphans = [
            (
                "event mentions without their document",
                "SELECT count(*) FROM event_mentions m
                 WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc = m.doc)",
            ),
            (
                "event mentions without an event record",
                "SELECT count(*) FROM event_mentions m
                 WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event = m.event)",
            ),
            (
                "event records whose mention count is wrong",
                "SELECT count(*) FROM events e WHERE e.num_mentions !=
                 (SELECT count(*) FROM event_mentions m WHERE m.event = e.event)",
            ),
            (
                "passages without their document",
                "SELECT count(*) FROM passages p
                 WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc = p.doc)",
            ),
            (
                "SimHash bands without their document",
                "SELECT count(*) FROM simbands b
                 WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc = b.doc)",
            ),
            (
                "documents in a story with no document of that id",
                "SELECT count(*) FROM documents d
                 WHERE NOT EXISTS (SELECT 1 FROM documents s WHERE s.id = d.story)",
            ),
        ];
        for (what, sql) in orphans {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        Ok(CheckReport {
            counts: self.counts()?,
            problems,
        })
    }
}
