//! One annotated document as rows of three tables — events, mentions, entities — for
//! `Pipeline.to_arrow` and the Spark and Dask jobs.
//!
//! The rows come from the store's own record of a document ([`DocRecord`]), so they hold what
//! `depeche ingest` would store. **events** has the columns of the store's Parquet export
//! (`depeche export --format parquet`, `src/store/parquet.rs`), one row per coded event of the
//! document, as a record of one mention: `event_id` is the id the store gives the record that
//! mention starts (a hash of the merge key and the day), `num_mentions`, `num_sources` and
//! `num_articles` are 1, `confidence` is the event's score, `mentions` holds the one mention.
//! Rows of one event reported by several articles share their `event_id` when they fall on
//! the same day, so grouping by it merges them as the store does (except for its chaining of
//! consecutive days). **mentions** is that mention flattened, with the trigger's span and the
//! actors' entity ids; **entities** the document's entity records.
//!
//! Dates go out as days since 1970-01-01 and `first_seen` as seconds since the epoch (UTC), the
//! integers pyarrow's date32 and timestamp types take.

use depeche::link::kb::KnowledgeBase;
use depeche::output::gdelt::{self, COLUMNS};
use depeche::store::merge::event_id;
use depeche::store::DocRecord;
use depeche::Document;
use serde_json::{json, Value};

fn col(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).unwrap_or(0)
}

/// A GDELT DATEADDED stamp (YYYYMMDDHHMMSS, UTC) as seconds since the epoch.
fn seconds(stamp: &str) -> Option<i64> {
    let dt = jiff::civil::DateTime::strptime("%Y%m%d%H%M%S", stamp).ok()?;
    Some(
        dt.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()?
            .timestamp()
            .as_second(),
    )
}

/// `{"events": [...], "mentions": [...], "entities": [...]}` for one annotated document.
pub fn doc_rows(doc: &mut Document, kb: &KnowledgeBase) -> Value {
    let export = gdelt::Export::new(kb);
    // Adds the warning a document without publication date gets in GDELT rows.
    export.events(doc);
    let rec = DocRecord::new(doc, &export);
    let first_seen = seconds(&rec.added);
    let mut events = Vec::with_capacity(rec.mentions.len());
    let mut mentions = Vec::with_capacity(rec.mentions.len());
    for m in &rec.mentions {
        let f: Vec<&str> = m.gdelt.split('\t').collect();
        let field = |name: &str| f.get(col(name)).copied().filter(|v| !v.is_empty());
        let num = |name: &str| field(name).and_then(|v| v.parse::<f64>().ok());
        let id = event_id(&m.merge_key, m.day);
        let slice = |s: depeche::Span| rec.text.get(s.range()).unwrap_or_default();
        let text = slice(m.span);
        let trigger = slice(m.trigger);
        let score = f64::from(m.score);
        events.push(json!({
            "event_id": id,
            "day": m.day,
            "last_day": m.day,
            "first_seen": first_seen,
            "code": field("EventCode").unwrap_or_default(),
            "base": field("EventBaseCode").unwrap_or_default(),
            "root": field("EventRootCode").unwrap_or_default(),
            "quad_class": field("QuadClass").and_then(|v| v.parse::<i8>().ok()),
            "goldstein": m.goldstein.map(|g| (g * 100.0).round() / 100.0),
            "actor1_code": field("Actor1Code").unwrap_or_default(),
            "actor1_country": field("Actor1CountryCode"),
            "actor2_code": field("Actor2Code"),
            "actor2_country": field("Actor2CountryCode"),
            "action_country_fips": field("ActionGeo_CountryCode"),
            "lat": num("ActionGeo_Lat"),
            "lon": num("ActionGeo_Long"),
            "num_mentions": 1,
            "num_sources": 1,
            "num_articles": 1,
            "confidence": (score.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0,
            "is_root": m.is_root,
            "mentions": [{
                "doc": rec.identity.id, "url": rec.url, "source": rec.source,
                "published": rec.published, "sentence": m.sentence,
                "start": m.span.start, "end": m.span.end, "text": text,
                "trigger": trigger, "code": m.code, "status": m.status, "score": score,
            }],
        }));
        mentions.push(json!({
            "event_id": id,
            "doc": rec.identity.id,
            "index": m.index,
            "day": m.day,
            "url": rec.url,
            "source": rec.source,
            "published": rec.published,
            "sentence": m.sentence,
            "start": m.span.start,
            "end": m.span.end,
            "text": text,
            "trigger_start": m.trigger.start,
            "trigger_end": m.trigger.end,
            "trigger": trigger,
            "code": m.code,
            "status": m.status,
            "score": score,
            "actor1_code": m.actor1_code,
            "actor1_entity": m.actor1_entity,
            "actor2_code": m.actor2_code,
            "actor2_entity": m.actor2_entity,
        }));
    }
    let entities: Vec<Value> = rec
        .entities
        .iter()
        .map(|e| {
            json!({
                "doc": rec.identity.id,
                "published": rec.published,
                "id": e.id,
                "name": e.name,
                "type": e.kind,
                "country": e.country,
                "role": e.role,
                "cameo": e.cameo,
                "geonames": e.geonames,
                "lat": e.lat,
                "lon": e.lon,
                "wikidata": e.wikidata,
            })
        })
        .collect();
    json!({"events": events, "mentions": mentions, "entities": entities})
}
