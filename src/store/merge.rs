//! Event records: the mentions of one event across articles, merged.
//!
//! Two mentions belong to one record when they have the same **merge key** — the CAMEO root
//! code, actor 1's code, actor 2's code (empty without one) and the action's country (GDELT's
//! `ActionGeo_CountryCode`, empty without a place) — and their days (GDELT's SQLDATE) are at
//! most one day apart, directly or through a chain of mentions (single linkage over days).
//!
//! A record carries what GDELT's event rows carry, computed from its mentions only:
//! - `day`: the earliest mention day; `first_seen`: the earliest DATEADDED (publication);
//! - `NumMentions`: mentions; `NumArticles`: distinct documents; `NumSources`: distinct
//!   sources, where every document of a story with several copies counts as that story (so
//!   copies of one dispatch count once) and any other document as its `source` (else its URL
//!   host, else itself);
//! - `goldstein`: the mean Goldstein score of the mentions whose code has one;
//! - `confidence`: `1 − ∏(1 − score)` over the mentions (more independent reports, more
//!   confidence), rounded to 4 decimals;
//! - the representative mention (`rep`), which gives the codes, actors and place: the
//!   earliest seen, then the smallest document id, then the first in its document.
//!
//! The record's id ([`event_id`]) hashes the merge key and the first day, so it is the same
//! whatever order the mentions were ingested in.

use super::record::day_date;
use super::StoreError;
use crate::output::gdelt::COLUMNS;
use rusqlite::{params, Transaction};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The id of the record with this merge key and first day: FNV-1a (64-bit) of both, low 53
/// bits (exact as a JSON number), never 0.
pub fn event_id(merge_key: &str, first_day: i64) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let day = first_day.to_string();
    for b in merge_key.bytes().chain([0x1f]).chain(day.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    ((h & ((1 << 53) - 1)) as i64).max(1)
}

/// One mention as merging sees it.
struct Row {
    mention: i64,
    day: i64,
    doc: i64,
    doc_id: String,
    idx: i64,
    added: String,
    source: String,
    goldstein: Option<f64>,
    score: f64,
    is_root: bool,
    gdelt: String,
    /// The record it belonged to before this rebuild.
    event: Option<i64>,
}

/// What a batch changed, by merge key: the days of the mentions it added or whose source
/// changed, or `None` when it removed mentions (the key is then rebuilt whole).
#[derive(Debug, Default)]
pub struct Touched {
    keys: BTreeMap<String, Option<BTreeSet<i64>>>,
}

impl Touched {
    /// A mention of `key` on `day` was added or changed source.
    pub fn day(&mut self, key: &str, day: i64) {
        let entry = self
            .keys
            .entry(key.to_string())
            .or_insert_with(|| Some(BTreeSet::new()));
        if let Some(days) = entry {
            days.insert(day);
        }
    }

    /// Mentions of `key` were removed.
    pub fn whole(&mut self, key: &str) {
        self.keys.insert(key.to_string(), None);
    }
}

fn day_text(day: i64) -> Option<String> {
    day_date(day).map(|d| d.to_string())
}

fn day_of_text(text: &str) -> Option<i64> {
    let date: jiff::civil::Date = text.parse().ok()?;
    let span = date.since(jiff::civil::Date::constant(1970, 1, 1)).ok()?;
    Some(i64::from(span.get_days()))
}

/// The day ranges of a key to recluster for these touched days: each day widened to the
/// records within a day of it, overlapping or adjacent ranges joined. No mention lies a day
/// outside a range (it would belong to a record the range includes), so clustering a range
/// alone gives the records that clustering the whole key would.
fn ranges(
    tx: &Transaction,
    key: &str,
    days: &BTreeSet<i64>,
) -> Result<Option<Vec<(i64, i64)>>, StoreError> {
    let mut near = tx.prepare_cached(
        "SELECT day, last_day FROM events WHERE mkey = ?1 AND day <= ?2 AND last_day >= ?3",
    )?;
    let mut out: Vec<(i64, i64)> = Vec::new();
    for &t in days {
        let (Some(after), Some(before)) = (day_text(t + 1), day_text(t - 1)) else {
            return Ok(None);
        };
        let (mut lo, mut hi) = (t, t);
        let rows = near.query_map(rusqlite::params![key, after, before], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
            ))
        })?;
        for row in rows {
            let (first, last) = row?;
            let (Some(first), Some(last)) = (
                first.as_deref().and_then(day_of_text),
                last.as_deref().and_then(day_of_text),
            ) else {
                return Ok(None);
            };
            lo = lo.min(first);
            hi = hi.max(last);
        }
        match out.last_mut() {
            Some(prev) if lo <= prev.1 + 1 => prev.1 = prev.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    Ok(Some(out))
}

/// Rebuilds the records of the touched keys: for each, the ranges of days around what
/// changed ([`ranges`]), or the whole key when mentions were removed.
pub fn rebuild(tx: &Transaction, touched: &Touched) -> Result<(), StoreError> {
    const SELECT: &str = "SELECT m.mention, m.day, m.doc, d.id, m.idx, d.added,
                CASE WHEN (SELECT count(*) FROM documents s WHERE s.story = d.story) > 1
                     THEN 'story:' || d.story
                     ELSE 'source:' || coalesce(d.source, d.host, 'doc:' || d.id) END,
                m.goldstein, m.score, m.is_root, m.gdelt, m.event
         FROM event_mentions m JOIN documents d ON d.doc = m.doc";
    let mut select_all = tx.prepare_cached(&format!(
        "{SELECT} WHERE m.mkey = ?1 ORDER BY m.day, d.added, d.id, m.idx"
    ))?;
    let mut select_range = tx.prepare_cached(&format!(
        "{SELECT} WHERE m.mkey = ?1 AND m.day BETWEEN ?2 AND ?3
         ORDER BY m.day, d.added, d.id, m.idx"
    ))?;
    let mut delete_all = tx.prepare_cached("DELETE FROM events WHERE mkey = ?1")?;
    let mut delete_range =
        tx.prepare_cached("DELETE FROM events WHERE mkey = ?1 AND day >= ?2 AND last_day <= ?3")?;
    let row = |r: &rusqlite::Row| {
        Ok(Row {
            mention: r.get(0)?,
            day: r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
            doc: r.get(2)?,
            doc_id: r.get(3)?,
            idx: r.get(4)?,
            added: r.get(5)?,
            source: r.get(6)?,
            goldstein: r.get(7)?,
            score: r.get(8)?,
            is_root: r.get(9)?,
            gdelt: r.get(10)?,
            event: r.get(11)?,
        })
    };
    for (key, days) in &touched.keys {
        let ranges = match days {
            Some(days) => ranges(tx, key, days)?,
            None => None,
        };
        match ranges {
            None => {
                delete_all.execute([key])?;
                let rows: Vec<Row> = select_all
                    .query_map([key], row)?
                    .collect::<Result<_, _>>()?;
                write_records(tx, key, &rows)?;
            }
            Some(ranges) => {
                for (lo, hi) in ranges {
                    let (Some(lo_text), Some(hi_text)) = (day_text(lo), day_text(hi)) else {
                        continue;
                    };
                    delete_range.execute(params![key, lo_text, hi_text])?;
                    let rows: Vec<Row> = select_range
                        .query_map(params![key, lo, hi], row)?
                        .collect::<Result<_, _>>()?;
                    write_records(tx, key, &rows)?;
                }
            }
        }
    }
    Ok(())
}

/// Clusters a key's mentions (sorted by day) and writes one record per cluster.
fn write_records(tx: &Transaction, key: &str, rows: &[Row]) -> Result<(), StoreError> {
    let mut assign =
        tx.prepare_cached("UPDATE event_mentions SET event = ?1 WHERE mention = ?2")?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO events (event, mkey, code, base, root, quad, goldstein, actor1_code,
             actor1_country, actor2_code, actor2_country, country, lat, lon, day, last_day,
             first_seen, num_mentions, num_sources, num_articles, confidence, is_root, rep)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23)",
    )?;
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        while end < rows.len() && rows[end].day - rows[end - 1].day <= 1 {
            end += 1;
        }
        let cluster = &rows[start..end];
        start = end;
        let first_day = cluster[0].day;
        let id = event_id(key, first_day);
        let rep = cluster
            .iter()
            .min_by(|a, b| (&a.added, &a.doc_id, a.idx).cmp(&(&b.added, &b.doc_id, b.idx)))
            .unwrap_or(&cluster[0]);
        let f: Vec<&str> = rep.gdelt.split('\t').collect();
        let field = |name: &str| f.get(col(name)).copied().filter(|v| !v.is_empty());
        let num = |name: &str| field(name).and_then(|v| v.parse::<f64>().ok());
        let docs: HashSet<i64> = cluster.iter().map(|r| r.doc).collect();
        let sources: HashSet<&str> = cluster.iter().map(|r| r.source.as_str()).collect();
        let scores: Vec<f64> = cluster.iter().filter_map(|r| r.goldstein).collect();
        let goldstein = (!scores.is_empty())
            .then(|| (scores.iter().sum::<f64>() / scores.len() as f64 * 100.0).round() / 100.0);
        let doubt: f64 = cluster
            .iter()
            .map(|r| 1.0 - r.score.clamp(0.0, 1.0))
            .product();
        let confidence = ((1.0 - doubt) * 10_000.0).round() / 10_000.0;
        let last_day = cluster[cluster.len() - 1].day;
        insert.execute(params![
            id,
            key,
            field("EventCode").unwrap_or_default(),
            field("EventBaseCode").unwrap_or_default(),
            field("EventRootCode").unwrap_or_default(),
            field("QuadClass").and_then(|v| v.parse::<i64>().ok()),
            goldstein,
            field("Actor1Code").unwrap_or_default(),
            field("Actor1CountryCode"),
            field("Actor2Code"),
            field("Actor2CountryCode"),
            field("ActionGeo_CountryCode"),
            num("ActionGeo_Lat"),
            num("ActionGeo_Long"),
            day_text(first_day),
            day_text(last_day),
            cluster
                .iter()
                .map(|r| r.added.as_str())
                .min()
                .unwrap_or_default(),
            cluster.len() as i64,
            sources.len() as i64,
            docs.len() as i64,
            confidence,
            cluster.iter().any(|r| r.is_root),
            rep.mention,
        ])?;
        for r in cluster.iter().filter(|r| r.event != Some(id)) {
            assign.execute(params![id, r.mention])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids_depend_on_key_and_first_day_only() {
        let a = event_id("04|FRAGOV|RUSGOV|RS", 16790);
        assert_eq!(a, event_id("04|FRAGOV|RUSGOV|RS", 16790));
        assert_ne!(a, event_id("04|FRAGOV|RUSGOV|RS", 16791));
        assert_ne!(a, event_id("04|FRAGOV|RUSGOV|FR", 16790));
        assert!(a > 0 && a < 1 << 53);
    }
}
