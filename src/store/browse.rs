//! What a browser of the store reads besides event records: aggregates over the records that
//! pass a [`Filter`] (per day and quad class, per root code, per country, per place, per
//! actor pair), entity search, full-text search over the stored passages, one stored document
//! and the event mentions it supports.
//!
//! The aggregates are counted over the records the same WHERE clause as [`super::query`]
//! selects, so a chart and the list beside it always count the same records. One exception, stated where
//! it is used: `near` is the bounding box of its circle here, not the exact distance, since
//! the exact test runs in Rust after the SQL query and aggregates never leave SQL.

use super::query::{conditions, fts_error, fts_query};
use super::{Filter, StoreError};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

/// Records per day and quad class (`quad` 0: no quad class).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayCount {
    pub day: String,
    pub quad: i64,
    pub count: i64,
}

/// Records per value of one key (a root code, a country).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyCount {
    pub key: String,
    pub count: i64,
}

/// Records per place (coordinates rounded to 0.1°) and quad class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceCount {
    pub lat: f64,
    pub lon: f64,
    pub quad: i64,
    pub count: i64,
}

/// Records per (actor 1, actor 2) pair of CAMEO codes: who acts on whom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairCount {
    pub actor1: String,
    pub actor2: String,
    pub count: i64,
}

/// The aggregates of the records that pass a filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub events: i64,
    pub days: Vec<DayCount>,
    pub roots: Vec<KeyCount>,
    /// The action's country, FIPS 10-4 as in GDELT.
    pub countries: Vec<KeyCount>,
    pub places: Vec<PlaceCount>,
    pub pairs: Vec<PairCount>,
}

/// Column `i` as text borrowed from the row, `None` for NULL.
fn text<'a>(r: &'a rusqlite::Row, i: usize) -> Result<Option<&'a str>, StoreError> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| {
        StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            Box::new(e),
        ))
    })
}

/// Adds one to the count of `key`, allocating the key only the first time it is seen.
fn bump(counts: &mut HashMap<Box<str>, i64>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.into(), 1);
        }
    }
}

/// Counts by descending count, then key; the first `top` when given.
fn ranked<K: Ord, V>(
    counts: HashMap<K, i64>,
    top: Option<usize>,
    make: impl Fn(K, i64) -> V,
) -> Vec<V> {
    let mut v: Vec<(K, i64)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(top.unwrap_or(usize::MAX));
    v.into_iter().map(|(k, n)| make(k, n)).collect()
}

/// The aggregates of the records that pass `filter` (its `limit` and `after` are ignored;
/// `near` is its bounding box, see the module essay). `places` and `pairs` keep the
/// `top` largest counts.
///
/// One pass over the matching records, counted in hash maps: one scan instead of one
/// `GROUP BY` (each a scan and a sort) per aggregate, 5× faster at 100,000 records.
pub fn stats(conn: &Connection, filter: &Filter, top: usize) -> Result<Stats, StoreError> {
    let filter = Filter {
        limit: None,
        after: None,
        ..filter.clone()
    };
    let (cond, args) = conditions(&filter)?;
    let wrap = |err: rusqlite::Error| match filter.text {
        Some(_) => fts_error(err, "text"),
        None => err.into(),
    };
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT e.day, coalesce(e.quad, 0), e.root, e.country, e.lat, e.lon, e.actor1_code,
                 e.actor2_code
             FROM events e WHERE {cond}"
        ))
        .map_err(wrap)?;
    let mut rows = stmt
        .query(rusqlite::params_from_iter(args.iter()))
        .map_err(wrap)?;
    let mut events = 0i64;
    let mut days: HashMap<Box<str>, [i64; 5]> = HashMap::new();
    let mut roots: HashMap<Box<str>, i64> = HashMap::new();
    let mut countries: HashMap<Box<str>, i64> = HashMap::new();
    let mut places: HashMap<(i64, i64, i64), i64> = HashMap::new();
    let mut pairs: HashMap<(Box<str>, Box<str>), i64> = HashMap::new();
    while let Some(r) = rows.next().map_err(wrap)? {
        events += 1;
        let quad: i64 = r.get(1)?;
        let q = usize::try_from(quad).unwrap_or(0).min(4);
        if let Some(day) = text(r, 0)? {
            match days.get_mut(day) {
                Some(c) => c[q] += 1,
                None => {
                    let mut c = [0; 5];
                    c[q] = 1;
                    days.insert(day.into(), c);
                }
            }
        }
        bump(&mut roots, text(r, 2)?.unwrap_or_default());
        if let Some(country) = text(r, 3)?.filter(|c| !c.is_empty()) {
            bump(&mut countries, country);
        }
        if let (Some(lat), Some(lon)) = (r.get::<_, Option<f64>>(4)?, r.get::<_, Option<f64>>(5)?) {
            let key = (
                (lat * 10.0).round() as i64,
                (lon * 10.0).round() as i64,
                quad,
            );
            *places.entry(key).or_insert(0) += 1;
        }
        if let Some(a2) = text(r, 7)?.filter(|a| !a.is_empty()) {
            let a1 = text(r, 6)?.unwrap_or_default();
            *pairs.entry((a1.into(), a2.into())).or_insert(0) += 1;
        }
    }
    let mut days: Vec<(Box<str>, [i64; 5])> = days.into_iter().collect();
    days.sort();
    let days = days
        .into_iter()
        .flat_map(|(day, counts)| {
            (0..5)
                .filter(move |&q| counts[q] > 0)
                .map(move |q| DayCount {
                    day: day.to_string(),
                    quad: q as i64,
                    count: counts[q],
                })
        })
        .collect();
    let key_count = |key: Box<str>, count| KeyCount {
        key: key.into(),
        count,
    };
    Ok(Stats {
        events,
        days,
        roots: ranked(roots, None, key_count),
        countries: ranked(countries, None, key_count),
        places: ranked(places, Some(top), |(lat, lon, quad), count| PlaceCount {
            lat: lat as f64 / 10.0,
            lon: lon as f64 / 10.0,
            quad,
            count,
        }),
        pairs: ranked(pairs, Some(top), |(a1, a2), count| PairCount {
            actor1: a1.into(),
            actor2: a2.into(),
            count,
        }),
    })
}

/// An entity record with the number of event mentions that name it as an actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityHit {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub country: Option<String>,
    pub role: Option<String>,
    pub cameo: Option<String>,
    pub geonames: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub mentions: i64,
}

/// Entities whose name contains `q` (any case for ASCII letters), whose id is `q`, or whose
/// CAMEO code starts with `q` when it is a code; most mentioned first, then by name.
pub fn entities(conn: &Connection, q: &str, limit: usize) -> Result<Vec<EntityHit>, StoreError> {
    let escaped: String = q
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT x.id, x.name, x.type, x.country, x.role, x.cameo, x.geonames, x.lat, x.lon,
             (SELECT count(*) FROM event_mentions m WHERE m.actor1_entity = x.id)
             + (SELECT count(*) FROM event_mentions m WHERE m.actor2_entity = x.id) AS n
         FROM entities x
         WHERE x.name LIKE '%' || ?1 || '%' ESCAPE '\\' OR x.id = ?2
             OR (?3 AND x.cameo GLOB ?2 || '*')
         ORDER BY n DESC, x.name, x.id LIMIT ?4",
    )?;
    let is_code = !q.is_empty()
        && q.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let rows = stmt.query_map(
        rusqlite::params![escaped, q, is_code, limit.min(100_000) as i64],
        |r| {
            Ok(EntityHit {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                country: r.get(3)?,
                role: r.get(4)?,
                cameo: r.get(5)?,
                geonames: r.get(6)?,
                lat: r.get(7)?,
                lon: r.get(8)?,
                mentions: r.get(9)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A passage (a title, or a sentence that supports events) that matches a full-text query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub doc: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// The sentence's index in the document, `None` for the title.
    pub sentence: Option<i64>,
    /// Byte span of the sentence in the document's text (`None` for the title).
    pub span: Option<[i64; 2]>,
    pub text: String,
    /// The event records the passage supports.
    pub events: Vec<i64>,
}

/// Passages that match `q` (an FTS5 query; plain words are quoted, see
/// [`super::query::fts_query`]), best first (BM25).
pub fn search(conn: &Connection, q: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
    let query = fts_query(q);
    let wrap = |err| fts_error(err, "q");
    let mut stmt = conn
        .prepare_cached(
            "SELECT d.id, d.title, d.published, p.sentence, p.start, p.end,
                 CASE WHEN p.sentence IS NULL THEN coalesce(d.title, '')
                 ELSE CAST(substr(CAST(d.text AS BLOB), p.start + 1, p.end - p.start) AS TEXT)
                 END,
                 p.doc
             FROM passages_fts f JOIN passages p ON p.passage = f.rowid
                 JOIN documents d ON d.doc = p.doc
             WHERE passages_fts MATCH ?1 ORDER BY f.rank LIMIT ?2",
        )
        .map_err(wrap)?;
    let rows = stmt
        .query_map(rusqlite::params![query, limit.min(100_000) as i64], |r| {
            let sentence: Option<i64> = r.get(3)?;
            let span = match (sentence, r.get::<_, Option<i64>>(4)?, r.get(5)?) {
                (Some(_), Some(s), Some(e)) => Some([s, e]),
                _ => None,
            };
            Ok((
                SearchHit {
                    doc: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    sentence,
                    span,
                    text: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    events: Vec::new(),
                },
                r.get::<_, i64>(7)?,
            ))
        })
        .map_err(wrap)?;
    let found: Vec<(SearchHit, i64)> = rows.collect::<Result<_, _>>().map_err(wrap)?;
    let mut events = conn.prepare_cached(
        "SELECT DISTINCT event FROM event_mentions
         WHERE doc = ?1 AND sentence = coalesce(?2, sentence) AND event IS NOT NULL
         ORDER BY event",
    )?;
    let mut hits = Vec::with_capacity(found.len());
    for (mut hit, doc) in found {
        hit.events = events
            .query_map(rusqlite::params![doc, hit.sentence], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        hits.push(hit);
    }
    Ok(hits)
}

/// A stored document: its text and the metadata kept with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDoc {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub lang: String,
    /// The engine version that annotated it.
    pub engine: String,
    /// The id of the first document of its story (itself unless a near-duplicate).
    pub story: String,
    pub text: String,
}

/// One event mention of a stored document: which record it belongs to and its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocEvent {
    pub event: Option<i64>,
    /// The index of the event in the document's `events` layer.
    pub index: i64,
    pub sentence: i64,
    /// The supporting sentence and the trigger, byte spans into the text.
    pub span: [i64; 2],
    pub trigger: [i64; 2],
    pub code: String,
    pub status: String,
    pub actor1: String,
    pub actor2: Option<String>,
}

/// The stored document with this id, with its event mentions in text order.
pub fn document(
    conn: &Connection,
    id: &str,
) -> Result<Option<(StoredDoc, Vec<DocEvent>)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT doc, id, title, published, url, source, lang, engine, story, text
         FROM documents WHERE id = ?1",
    )?;
    let found = stmt
        .query_row([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                StoredDoc {
                    id: r.get(1)?,
                    title: r.get(2)?,
                    published: r.get(3)?,
                    url: r.get(4)?,
                    source: r.get(5)?,
                    lang: r.get(6)?,
                    engine: r.get(7)?,
                    story: r.get(8)?,
                    text: r.get(9)?,
                },
            ))
        })
        .optional()?;
    let Some((doc, stored)) = found else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT event, idx, sentence, start, end, trigger_start, trigger_end, code, status,
             actor1_code, actor2_code
         FROM event_mentions WHERE doc = ?1 ORDER BY idx",
    )?;
    let events = stmt
        .query_map([doc], |r| {
            Ok(DocEvent {
                event: r.get(0)?,
                index: r.get(1)?,
                sentence: r.get(2)?,
                span: [r.get(3)?, r.get(4)?],
                trigger: [r.get(5)?, r.get(6)?],
                code: r.get(7)?,
                status: r.get(8)?,
                actor1: r.get(9)?,
                actor2: r.get(10)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some((stored, events)))
}
