//! Writing event records out: GDELT 2.0 event and mention rows, JSON Lines, Parquet
//! ([`super::parquet`]). Every export streams: rows are read from the database one at a time
//! and written at once, so memory does not grow with the database.
//!
//! - **gdelt-events**: the 61 columns of [`crate::output::gdelt::COLUMNS`], one row per
//!   record, from its representative mention's row with the merged values put in:
//!   `GLOBALEVENTID` (the record id), the date columns (the record's first day),
//!   `IsRootEvent` (1 when any mention is), `GoldsteinScale` (the mean), `NumMentions`,
//!   `NumSources`, `NumArticles`, and `DATEADDED` (first seen).
//! - **gdelt-mentions**: the 16 columns of [`MENTION_COLUMNS`], one row per mention:
//!   `SentenceID` counts sentences from 1, the char offsets are character (not byte) offsets
//!   into the article text, -1 when there is no second actor; `MentionType` is 1 (web) with
//!   the URL as identifier, else 2 (citation only) with the document id; `Confidence` is the
//!   event coder's score as a percentage; tone and translation fields are empty.
//! - **jsonl**: one object per record ([`event_json`]), its mentions nested with their
//!   evidence: the sentence and the trigger, with byte spans into the document's text.

use super::query::{EventRow, MentionRow};
use super::StoreError;
use crate::output::gdelt::{clean_field, COLUMNS};
use serde_json::{json, Value};

/// The GDELT 2.0 mentions table columns, in order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    GdeltEvents,
    GdeltMentions,
    Jsonl,
    Parquet,
}

fn col(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).unwrap_or(0)
}

/// The 61 GDELT fields of a record (see the module essay).
pub fn gdelt_event_fields(e: &EventRow) -> Vec<String> {
    let mut f: Vec<String> = e.gdelt.split('\t').map(String::from).collect();
    f.resize(COLUMNS.len(), String::new());
    let mut set = |name: &str, value: String| f[col(name)] = value;
    set("GLOBALEVENTID", e.event.to_string());
    if let Some(day) = e
        .day
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
    {
        let (y, m, d) = (day.year(), day.month(), day.day());
        set("SQLDATE", format!("{y:04}{m:02}{d:02}"));
        set("MonthYear", format!("{y:04}{m:02}"));
        set("Year", format!("{y:04}"));
        let days = (i16::from(m) - 1) * 30 + i16::from(d);
        set(
            "FractionDate",
            format!("{:.4}", f64::from(y) + f64::from(days) / 365.0),
        );
    }
    set("IsRootEvent", if e.is_root { "1" } else { "0" }.to_string());
    set(
        "GoldsteinScale",
        e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
    );
    set("NumMentions", e.num_mentions.to_string());
    set("NumSources", e.num_sources.to_string());
    set("NumArticles", e.num_articles.to_string());
    set("DATEADDED", e.first_seen.clone());
    f.iter().map(|v| clean_field(v)).collect()
}

/// The 16 GDELT fields of a mention (see the module essay).
pub fn gdelt_mention_fields(m: &MentionRow) -> Vec<String> {
    let (kind, identifier) = match &m.url {
        Some(url) => ("1", url.replace('"', "%22")),
        None => ("2", m.doc_id.clone()),
    };
    let source = m.host.clone().or(m.source.clone()).unwrap_or_default();
    let confidence = (m.score.clamp(0.0, 1.0) * 100.0).round() as i64;
    let fields = [
        m.event.to_string(),
        m.event_seen.clone(),
        m.added.clone(),
        kind.to_string(),
        source,
        identifier,
        (m.sentence + 1).to_string(),
        m.actor1_char.to_string(),
        m.actor2_char.unwrap_or(-1).to_string(),
        m.action_char.to_string(),
        "1".to_string(),
        confidence.to_string(),
        m.doc_chars.to_string(),
        String::new(),
        String::new(),
        String::new(),
    ];
    fields.iter().map(|v| clean_field(v)).collect()
}

/// A DATEADDED stamp (YYYYMMDDHHMMSS, UTC) as ISO 8601 ("2015-12-21T09:30:00Z").
pub fn stamp_iso(stamp: &str) -> String {
    if stamp.len() != 14 || !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return stamp.to_string();
    }
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &stamp[0..4],
        &stamp[4..6],
        &stamp[6..8],
        &stamp[8..10],
        &stamp[10..12],
        &stamp[12..14]
    )
}

/// A record as one JSON object, its mentions nested:
///
/// ```text
/// {"id": 4503599627370, "day": "2015-12-21", "last_day": "2015-12-22",
///  "first_seen": "2015-12-21T08:00:00Z", "code": "036", "base": "036", "root": "03",
///  "quad_class": 1, "goldstein": 4.0,
///  "actor1": {"code": "FRAGOV", "country": "FRA"}, "actor2": {…} or null,
///  "place": {"name": "Moscow, Moscow, Russia", "country_fips": "RS", "lat": 55.75, "lon": 37.62},
///  "num_mentions": 3, "num_sources": 2, "num_articles": 3, "confidence": 0.992, "is_root": true,
///  "mentions": [{"doc": "…", "url": "…", "source": "…", "title": "…", "published": "…",
///                "sentence": 0, "span": [0, 120], "text": "…the sentence…",
///                "trigger": {"span": [40, 52], "text": "se rendra"},
///                "code": "036", "status": "planned", "score": 0.8}]}
/// ```
pub fn event_json(e: &EventRow, mentions: &[MentionRow]) -> Value {
    let f: Vec<&str> = e.gdelt.split('\t').collect();
    let field = |name: &str| f.get(col(name)).copied().filter(|v| !v.is_empty());
    let actor2 = e
        .actor2_code
        .as_ref()
        .map(|code| json!({"code": code, "country": e.actor2_country}));
    let mentions: Vec<Value> = mentions
        .iter()
        .map(|m| {
            json!({
                "doc": m.doc_id, "url": m.url, "source": m.source, "title": m.title,
                "published": m.published, "sentence": m.sentence, "span": m.span,
                "text": m.text,
                "trigger": {"span": m.trigger, "text": m.trigger_text},
                "code": m.code, "status": m.status,
                "score": (m.score * 1000.0).round() / 1000.0,
            })
        })
        .collect();
    json!({
        "id": e.event,
        "day": e.day,
        "last_day": e.last_day,
        "first_seen": stamp_iso(&e.first_seen),
        "code": e.code, "base": e.base, "root": e.root,
        "quad_class": e.quad, "goldstein": e.goldstein,
        "actor1": {"code": e.actor1_code, "country": e.actor1_country},
        "actor2": actor2,
        "place": e.country.as_ref().map(|c| json!({
            "name": field("ActionGeo_FullName"), "country_fips": c,
            "lat": e.lat, "lon": e.lon,
        })),
        "num_mentions": e.num_mentions,
        "num_sources": e.num_sources,
        "num_articles": e.num_articles,
        "confidence": e.confidence,
        "is_root": e.is_root,
        "mentions": mentions,
    })
}

/// Writes the whole store in one of the text formats (Parquet: [`super::parquet`]).
pub fn write_text(
    store: &dyn super::Backend,
    format: Format,
    out: &mut dyn std::io::Write,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, StoreError> {
    let mut n = 0u64;
    match format {
        Format::GdeltMentions => {
            store.for_each_mention(&mut |m| {
                out.write_all(gdelt_mention_fields(m).join("\t").as_bytes())?;
                out.write_all(b"\n")?;
                n += 1;
                progress(n);
                Ok(())
            })?;
        }
        Format::GdeltEvents | Format::Jsonl => {
            store.for_each_event(&super::Filter::default(), &mut |e| {
                let line = match format {
                    Format::Jsonl => event_json(e, &store.mentions_of(e.event)?).to_string(),
                    _ => gdelt_event_fields(e).join("\t"),
                };
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
                n += 1;
                progress(n);
                Ok(())
            })?;
        }
        Format::Parquet => {
            return Err(StoreError::Query(
                "Parquet is written by store::parquet, not as text".into(),
            ))
        }
    }
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_become_iso() {
        assert_eq!(stamp_iso("20151221083000"), "2015-12-21T08:30:00Z");
        assert_eq!(stamp_iso("2015"), "2015");
    }
}
