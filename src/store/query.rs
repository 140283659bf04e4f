//! Filters over event records, which combine (all must hold):
//!
//! - `actor`: a CAMEO code prefix matched against either actor's code ("FRA", "RUSMIL"), or,
//!   when it is not upper-case letters and digits, an entity id ("per:jean_yves_le_drian")
//!   that one of the record's mentions names as an actor;
//! - `country`: an ISO 3166 alpha-3 code (the action's country, whose FIPS code GDELT
//!   stores, or either actor's country) or a two-letter FIPS code (the action's country);
//! - `code`: a CAMEO event code prefix ("04", "0212"); `quad`: GDELT's quad class 1–4;
//! - `from`, `to`: the record's days (first to last) overlap this range;
//! - `near`: the action's place lies within `km` of a point (great-circle distance);
//! - `text`: an FTS5 query over the record's evidence, the sentences and titles of its mentions (plain
//!   words are each quoted, so "l'Élysée" and "Le Drian" work; text with `"` is passed to FTS5
//!   as written);
//! - `source`: a mention comes from this source name (any case) or URL host.
//!
//! Records come in order of first day, then id. Everything but `near` (a bounding box in SQL,
//! the exact distance after) is one indexed SQL query; a filter that most records pass walks
//! the records in day order instead (see `matches_broadly`).

use super::StoreError;
use crate::event::codes::fips;
use rusqlite::types::Value;
use rusqlite::Connection;

/// A point and a radius.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub km: f64,
}

impl std::str::FromStr for Near {
    type Err = String;
    fn from_str(s: &str) -> Result<Near, String> {
        let parts: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("'{s}' is not LAT,LON,KM (such as 48.86,2.35,50)"))?;
        match parts[..] {
            [lat, lon, km]
                if (-90.0..=90.0).contains(&lat)
                    && (-180.0..=180.0).contains(&lon)
                    && km.is_finite()
                    && km >= 0.0 =>
            {
                Ok(Near { lat, lon, km })
            }
            _ => Err(format!(
                "'{s}' is not LAT,LON,KM with a latitude in -90..90, a longitude in \
                 -180..180 and a distance ≥ 0 (such as 48.86,2.35,50)"
            )),
        }
    }
}

/// The filters of `depeche query` (see the module essay); the default passes everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub actor: Option<String>,
    pub country: Option<String>,
    pub code: Option<String>,
    pub quad: Option<u8>,
    pub from: Option<jiff::civil::Date>,
    pub to: Option<jiff::civil::Date>,
    pub near: Option<Near>,
    pub text: Option<String>,
    pub source: Option<String>,
    pub limit: Option<usize>,
    /// Only records after this one in the order of first day then id (cursor pagination).
    pub after: Option<After>,
}

/// A position in the order of records (first day, then id): a page's cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    /// The record's first day (YYYY-MM-DD), empty for a record without one.
    pub day: String,
    pub event: i64,
}

/// An event record with its representative mention's GDELT row.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub event: i64,
    pub code: String,
    pub base: String,
    pub root: String,
    pub quad: Option<i64>,
    pub goldstein: Option<f64>,
    pub actor1_code: String,
    pub actor1_country: Option<String>,
    pub actor2_code: Option<String>,
    pub actor2_country: Option<String>,
    /// The action's country, FIPS 10-4 as in GDELT.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub day: Option<String>,
    pub last_day: Option<String>,
    /// The earliest DATEADDED of its mentions (YYYYMMDDHHMMSS).
    pub first_seen: String,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub confidence: f64,
    pub is_root: bool,
    pub gdelt: String,
}

/// One mention of an event record, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRow {
    pub event: i64,
    /// The record's first DATEADDED (GDELT's EventTimeDate).
    pub event_seen: String,
    pub doc_id: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub host: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub added: String,
    pub index: i64,
    pub sentence: i64,
    pub span: [i64; 2],
    pub text: String,
    pub trigger: [i64; 2],
    pub trigger_text: String,
    pub code: String,
    pub status: String,
    pub score: f64,
    pub actor1_char: i64,
    pub actor2_char: Option<i64>,
    pub action_char: i64,
    pub doc_chars: i64,
}

/// Words quoted for FTS5 (see the module essay).
pub fn fts_query(text: &str) -> String {
    if text.contains('"') {
        return text.to_string();
    }
    text.split_whitespace()
        .map(|w| match w {
            "AND" | "OR" | "NOT" => w.to_string(),
            _ => match w.strip_suffix('*') {
                Some(prefix) if !prefix.is_empty() => format!("\"{prefix}\"*"),
                _ => format!("\"{w}\""),
            },
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// The WHERE clause and its parameters (over `events e`).
pub(super) fn conditions(filter: &Filter) -> Result<(String, Vec<Value>), StoreError> {
    let mut sql = vec!["1".to_string()];
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    if let Some(actor) = &filter.actor {
        if is_code(actor) {
            let p = arg(Value::Text(format!("{actor}*")), &mut args);
            sql.push(format!(
                "(e.actor1_code GLOB {p} OR e.actor2_code GLOB {p})"
            ));
        } else {
            let p = arg(Value::Text(actor.clone()), &mut args);
            sql.push(format!(
                "e.event IN (SELECT event FROM event_mentions WHERE actor1_entity = {p}
                 UNION SELECT event FROM event_mentions WHERE actor2_entity = {p})"
            ));
        }
    }
    if let Some(country) = &filter.country {
        let country = country.to_ascii_uppercase();
        if !(country.len() == 2 || country.len() == 3) || !is_code(&country) {
            return Err(StoreError::Query(format!(
                "--country '{country}': give an ISO 3166 alpha-3 code (FRA) or a FIPS code (FR)"
            )));
        }
        if country.len() == 2 {
            let p = arg(Value::Text(country), &mut args);
            sql.push(format!("e.country = {p}"));
        } else {
            let f = arg(
                Value::Text(fips(&country).unwrap_or("").to_string()),
                &mut args,
            );
            let p = arg(Value::Text(country), &mut args);
            sql.push(format!(
                "(e.country = {f} OR e.actor1_country = {p} OR e.actor2_country = {p})"
            ));
        }
    }
    if let Some(code) = &filter.code {
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StoreError::Query(format!(
                "--code '{code}': give the digits a CAMEO code starts with (04, 0212)"
            )));
        }
        let p = arg(Value::Text(format!("{code}*")), &mut args);
        sql.push(format!("e.code GLOB {p}"));
    }
    if let Some(quad) = filter.quad {
        let p = arg(Value::Integer(i64::from(quad)), &mut args);
        sql.push(format!("e.quad = {p}"));
    }
    if let Some(from) = filter.from {
        let p = arg(Value::Text(from.to_string()), &mut args);
        sql.push(format!("e.last_day >= {p}"));
    }
    if let Some(to) = filter.to {
        let p = arg(Value::Text(to.to_string()), &mut args);
        sql.push(format!("e.day <= {p}"));
    }
    if let Some(n) = filter.near {
        // A box around the circle; longitudes are not boxed near the poles or the antimeridian.
        let dlat = n.km / 111.0;
        let lat = (
            arg(Value::Real(n.lat - dlat), &mut args),
            arg(Value::Real(n.lat + dlat), &mut args),
        );
        sql.push(format!("e.lat BETWEEN {} AND {}", lat.0, lat.1));
        let cos = (n.lat.abs() + dlat).min(90.0).to_radians().cos();
        let dlon = if cos > 0.01 {
            n.km / (111.0 * cos)
        } else {
            360.0
        };
        if n.lon - dlon >= -180.0 && n.lon + dlon <= 180.0 {
            let lon = (
                arg(Value::Real(n.lon - dlon), &mut args),
                arg(Value::Real(n.lon + dlon), &mut args),
            );
            sql.push(format!("e.lon BETWEEN {} AND {}", lon.0, lon.1));
        }
    }
    if let Some(text) = &filter.text {
        let p = arg(Value::Text(fts_query(text)), &mut args);
        // A sentence leads to its records, a title to all the records of its document.
        sql.push(format!(
            "e.event IN (SELECT m.event FROM passages_fts f
                 JOIN passages p ON p.passage = f.rowid
                 JOIN event_mentions m ON m.doc = p.doc
                     AND m.sentence = coalesce(p.sentence, m.sentence)
                 WHERE passages_fts MATCH {p})"
        ));
    }
    if let Some(source) = &filter.source {
        let host = super::dedup::host(source).unwrap_or_else(|| {
            let lower = source.to_lowercase();
            lower.strip_prefix("www.").unwrap_or(&lower).to_string()
        });
        let s = arg(Value::Text(source.clone()), &mut args);
        let h = arg(Value::Text(host), &mut args);
        // Checked per record (through its mentions), stopping at the first from the source:
        // a source usually reports much, so listing its records first would cost more.
        sql.push(format!(
            "EXISTS (SELECT 1 FROM event_mentions m JOIN documents d ON d.doc = m.doc
                 WHERE m.event = e.event AND (d.source = {s} COLLATE NOCASE OR d.host = {h}))"
        ));
    }
    if let Some(after) = &filter.after {
        // NULL days sort first, as '' does.
        let d = arg(Value::Text(after.day.clone()), &mut args);
        let id = arg(Value::Integer(after.event), &mut args);
        sql.push(format!(
            "(coalesce(e.day, '') > {d} OR (coalesce(e.day, '') = {d} AND e.event > {id}))"
        ));
    }
    Ok((sql.join(" AND "), args))
}

/// The columns of a record, `rep` last: the mention that holds its GDELT row.
const RECORD_COLUMNS: &str = "e.event, e.code, e.base, e.root, e.quad, e.goldstein,
        e.actor1_code, e.actor1_country, e.actor2_code, e.actor2_country, e.country, e.lat,
        e.lon, e.day, e.last_day, e.first_seen, e.num_mentions, e.num_sources, e.num_articles,
        e.confidence, e.is_root, e.rep";

/// The GDELT row of a mention, read for each record kept: joining it before a page is cut
/// read it (about 500 bytes) for every match.
const GDELT_OF_MENTION: &str = "SELECT gdelt FROM event_mentions WHERE mention = ?1";

/// A record from a row of [`RECORD_COLUMNS`], its GDELT row read by `gdelt`
/// ([`GDELT_OF_MENTION`]).
fn event_row(r: &rusqlite::Row, gdelt: &mut rusqlite::Statement) -> rusqlite::Result<EventRow> {
    let rep: i64 = r.get(21)?;
    Ok(EventRow {
        event: r.get(0)?,
        code: r.get(1)?,
        base: r.get(2)?,
        root: r.get(3)?,
        quad: r.get(4)?,
        goldstein: r.get(5)?,
        actor1_code: r.get(6)?,
        actor1_country: r.get(7)?,
        actor2_code: r.get(8)?,
        actor2_country: r.get(9)?,
        country: r.get(10)?,
        lat: r.get(11)?,
        lon: r.get(12)?,
        day: r.get(13)?,
        last_day: r.get(14)?,
        first_seen: r.get(15)?,
        num_mentions: r.get(16)?,
        num_sources: r.get(17)?,
        num_articles: r.get(18)?,
        confidence: r.get(19)?,
        is_root: r.get(20)?,
        gdelt: gdelt.query_row([rep], |m| m.get(0))?,
    })
}

/// One record by its id.
pub fn event(conn: &Connection, event: i64) -> Result<Option<EventRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RECORD_COLUMNS} FROM events e WHERE e.event = ?1"
    ))?;
    let mut gdelt = conn.prepare_cached(GDELT_OF_MENTION)?;
    let mut rows = stmt.query([event])?;
    match rows.next()? {
        Some(r) => Ok(Some(event_row(r, &mut gdelt)?)),
        None => Ok(None),
    }
}

/// With a full-text query, a plain SQL error is FTS5 rejecting its syntax.
pub(super) fn fts_error(err: rusqlite::Error, what: &str) -> StoreError {
    match err {
        rusqlite::Error::SqliteFailure(e, Some(msg)) if e.code == rusqlite::ErrorCode::Unknown => {
            StoreError::Query(format!("{what}: {msg} (FTS5 query syntax)"))
        }
        err => err.into(),
    }
}

/// Whether a filter matches so many records that walking the records in day order, and
/// stopping at the page's end, costs less than finding every match through another index and
/// sorting them.
///
/// With `k` matches among `n` records, the sort costs about `k` row reads and the walk about
/// `limit × n / k`; they cost the same at `k = √(limit × n)`. The count of matches is capped
/// there, so the test itself reads at most that many index entries. SQLite's planner cannot
/// make this choice: without range statistics it takes any index on a filtered column,
/// and `--actor FRA` (70 % of the development records) then sorted thousands of rows for a
/// page of 50.
fn matches_broadly(
    conn: &Connection,
    cond: &str,
    args: &[Value],
    limit: usize,
) -> Result<bool, rusqlite::Error> {
    // Ids are hashes, so the count is counted (SQLite counts a table's b-tree pages, not rows).
    let records: i64 = conn
        .prepare_cached("SELECT count(*) FROM events")?
        .query_row([], |r| r.get(0))?;
    let cap = ((limit.max(1) as f64 * records.max(0) as f64).sqrt().ceil() as usize).max(limit);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT count(*) FROM (SELECT 1 FROM events e WHERE {cond} LIMIT {cap})"
    ))?;
    let found: i64 = stmt.query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
    Ok(found as usize >= cap)
}

/// Visits the records that pass the filter (see [`super::Backend::for_each_event`]).
pub fn for_each_event(
    conn: &Connection,
    filter: &Filter,
    visit: &mut dyn FnMut(&EventRow) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let (cond, args) = conditions(filter)?;
    let text_error = |err: rusqlite::Error| match filter.text {
        Some(_) => fts_error(err, "--text"),
        None => err.into(),
    };
    // With a limit in the SQL the planner knows that only the first rows are wanted. `near`
    // filters after SQL, so it cannot limit there, but the walk below still stops at the
    // limit.
    let limit = match (filter.limit, filter.near) {
        (Some(n), None) => format!(" LIMIT {n}"),
        _ => String::new(),
    };
    let walk_days = match filter.limit {
        Some(n) => matches_broadly(conn, &cond, &args, n).map_err(text_error)?,
        None => false,
    };
    // The walk reads `events_walk` (schema version 3): the filters' columns are in the index,
    // so a record that fails them costs no read of the table.
    let index = if walk_days {
        " INDEXED BY events_walk"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM events e{index} WHERE {cond} ORDER BY e.day, e.event{limit}"
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(text_error)?;
    let mut gdelt = conn.prepare_cached(GDELT_OF_MENTION)?;
    let mut rows = stmt
        .query(rusqlite::params_from_iter(args))
        .map_err(text_error)?;
    let mut seen = 0usize;
    while let Some(r) = rows.next().map_err(text_error)? {
        if filter.limit.is_some_and(|limit| seen >= limit) {
            break;
        }
        let (lat, lon): (Option<f64>, Option<f64>) = (r.get(11)?, r.get(12)?);
        if let Some(n) = filter.near {
            match (lat, lon) {
                (Some(lat), Some(lon)) if distance_km(n.lat, n.lon, lat, lon) <= n.km => {}
                _ => continue,
            }
        }
        let row = event_row(r, &mut gdelt)?;
        seen += 1;
        visit(&row)?;
    }
    Ok(())
}

const MENTION_SELECT: &str = "SELECT m.event, e.first_seen, d.id, d.url, d.source, d.host,
        d.title, d.published, d.added, m.idx, m.sentence, m.start, m.end,
        CAST(substr(CAST(d.text AS BLOB), m.start + 1, m.end - m.start) AS TEXT),
        m.trigger_start, m.trigger_end,
        CAST(substr(CAST(d.text AS BLOB), m.trigger_start + 1, m.trigger_end - m.trigger_start)
             AS TEXT),
        m.code, m.status, m.score, m.actor1_char, m.actor2_char, m.action_char, d.chars
    FROM event_mentions m JOIN documents d ON d.doc = m.doc JOIN events e ON e.event = m.event";

fn mention_row(r: &rusqlite::Row) -> rusqlite::Result<MentionRow> {
    Ok(MentionRow {
        event: r.get(0)?,
        event_seen: r.get(1)?,
        doc_id: r.get(2)?,
        url: r.get(3)?,
        source: r.get(4)?,
        host: r.get(5)?,
        title: r.get(6)?,
        published: r.get(7)?,
        added: r.get(8)?,
        index: r.get(9)?,
        sentence: r.get(10)?,
        span: [r.get(11)?, r.get(12)?],
        text: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
        trigger: [r.get(14)?, r.get(15)?],
        trigger_text: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
        code: r.get(17)?,
        status: r.get(18)?,
        score: r.get(19)?,
        actor1_char: r.get(20)?,
        actor2_char: r.get(21)?,
        action_char: r.get(22)?,
        doc_chars: r.get(23)?,
    })
}

/// The mentions of one record, earliest seen first.
pub fn mentions_of(conn: &Connection, event: i64) -> Result<Vec<MentionRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{MENTION_SELECT} WHERE m.event = ?1 ORDER BY d.added, d.id, m.idx"
    ))?;
    let rows = stmt.query_map([event], mention_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every mention, by record then earliest seen, one at a time (for streaming exports).
pub fn for_each_mention(
    conn: &Connection,
    visit: &mut dyn FnMut(&MentionRow) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare(&format!(
        "{MENTION_SELECT} ORDER BY m.event, d.added, d.id, m.idx"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        visit(&mention_row(r)?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_quoted_for_fts5() {
        assert_eq!(
            fts_query("l'Élysée démission"),
            "\"l'Élysée\" \"démission\""
        );
        assert_eq!(fts_query("Drian OR Fabius"), "\"Drian\" OR \"Fabius\"");
        assert_eq!(fts_query("démission*"), "\"démission\"*");
        assert_eq!(fts_query("\"Le Drian\""), "\"Le Drian\"");
    }

    #[test]
    fn near_parses_and_measures() {
        let n: Near = "48.8566, 2.3522, 50".parse().expect("valid");
        assert_eq!((n.lat, n.km), (48.8566, 50.0));
        assert!("48.8,2.3".parse::<Near>().is_err());
        assert!("91,2,5".parse::<Near>().is_err());
        // Paris–Moscow is about 2,486 km.
        let d = distance_km(48.8566, 2.3522, 55.7558, 37.6173);
        assert!((d - 2486.0).abs() < 15.0, "{d}");
    }
}
