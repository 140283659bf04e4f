//! An annotated document as the store keeps it: identity keys, text, passages (title and
//! sentences, for full-text search), entities and one [`MentionRecord`] per coded event.
//!
//! Everything that needs the [`Document`] — GDELT rows, merge keys, character offsets — is
//! computed here, on the thread that annotated it, so that the single writer only writes.

use super::dedup;
use crate::document::{Document, Span};
use crate::output::gdelt::{self, COLUMNS};
use crate::output::{ENGINE_VERSION, SCHEMA_VERSION};
use crate::read::published::format_published;
use jiff::civil::Date;

/// The keys that make a document "the same" as a stored one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub id: String,
    pub canonical_url: Option<String>,
    pub content_hash: String,
}

impl Identity {
    /// The identity of a document as read (before annotation: it depends on the text and
    /// metadata only).
    pub fn of(doc: &Document) -> Identity {
        Identity {
            id: doc.meta.id.clone(),
            canonical_url: doc.meta.url.as_deref().and_then(dedup::canonical_url),
            content_hash: dedup::content_hash(&doc.text),
        }
    }
}

/// The engine version stored with each document: a document annotated by another version
/// is re-annotated only with `--reannotate`.
pub fn engine_version() -> String {
    format!("{ENGINE_VERSION}+schema{SCHEMA_VERSION}")
}

/// An entity record, as in the JSON output's `entities`.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    pub kind: Option<&'static str>,
    pub country: Option<String>,
    pub role: Option<String>,
    pub cameo: Option<String>,
    pub geonames: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub wikidata: Option<String>,
}

/// One coded event of a document, with what merging and the exports need.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRecord {
    /// Index in the document's `events` layer.
    pub index: usize,
    /// Index of the supporting sentence in the document's `sentences` (GDELT's SentenceID is
    /// this plus one).
    pub sentence: usize,
    /// Root code, actor codes and action country (FIPS), `|`-separated: see [`super::merge`].
    pub merge_key: String,
    /// The event's day (GDELT's SQLDATE), as days since 1970-01-01.
    pub day: i64,
    pub code: String,
    pub root: String,
    pub quad: Option<u8>,
    pub goldstein: Option<f64>,
    pub status: &'static str,
    pub score: f32,
    pub actor1_code: String,
    pub actor1_entity: Option<String>,
    pub actor2_code: Option<String>,
    pub actor2_entity: Option<String>,
    /// The supporting sentence and the trigger, in bytes.
    pub span: Span,
    pub trigger: Span,
    /// Character offsets (GDELT's Actor1CharOffset, Actor2CharOffset, ActionCharOffset).
    pub actor1_char: usize,
    pub actor2_char: Option<usize>,
    pub action_char: usize,
    pub is_root: bool,
    /// The 61 fields of the event's GDELT row, tab-separated, as one article alone gives it.
    pub gdelt: String,
}

/// A document ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct DocRecord {
    pub identity: Identity,
    pub origin: String,
    pub url: Option<String>,
    pub host: Option<String>,
    pub simhash: Option<u64>,
    pub title: Option<String>,
    pub published: Option<String>,
    /// GDELT's DATEADDED for this document (YYYYMMDDHHMMSS, UTC when the offset is known).
    pub added: String,
    pub source: Option<String>,
    pub lang: String,
    pub engine: String,
    pub chars: usize,
    pub text: String,
    pub sentences: Vec<Span>,
    pub entities: Vec<EntityRecord>,
    pub mentions: Vec<MentionRecord>,
    pub warnings: Vec<String>,
}

/// The character offset of byte `at` in `text` (clamped to the text).
fn char_offset(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].chars().count()
}

/// Days since 1970-01-01 of a YYYYMMDD date.
pub fn day_number(sqldate: &str) -> Option<i64> {
    let date = Date::strptime("%Y%m%d", sqldate).ok()?;
    let span = date.since(Date::constant(1970, 1, 1)).ok()?;
    Some(i64::from(span.get_days()))
}

/// The YYYY-MM-DD date of a day number.
pub fn day_date(day: i64) -> Option<Date> {
    let days = i32::try_from(day).ok()?;
    Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .ok()
}

impl DocRecord {
    /// The record of an annotated document; `rows` makes its GDELT rows (with the run's
    /// processing time, used only by documents without publication date).
    pub fn new(doc: &Document, rows: &gdelt::Export) -> DocRecord {
        let text = doc.text.as_str();
        let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
        let (c_sqldate, c_country) = (col("SQLDATE"), col("ActionGeo_CountryCode"));
        let mut mentions = Vec::with_capacity(doc.events.len());
        for (index, e) in doc.events.iter().enumerate() {
            let row = rows.row(doc, index);
            let sentence = doc
                .sentences
                .partition_point(|s| s.span.end <= e.span.start)
                .min(doc.sentences.len().saturating_sub(1));
            let (root, quad, goldstein) = match crate::event::codes::cameo().get(&e.code) {
                Some(c) => (
                    c.root.clone(),
                    Some(c.quadclass),
                    Some(f64::from(c.goldstein)),
                ),
                None => (e.code.chars().take(2).collect(), None, None),
            };
            let actor2_code = e.actor2.as_ref().map(|a| a.code.clone());
            let country = row.get(c_country).cloned().unwrap_or_default();
            let merge_key = format!(
                "{root}|{}|{}|{country}",
                e.actor1.code,
                actor2_code.as_deref().unwrap_or_default()
            );
            let day = row
                .get(c_sqldate)
                .and_then(|d| day_number(d))
                .unwrap_or_default();
            let entity_id =
                |i: Option<usize>| i.and_then(|i| doc.entities.get(i)).map(|e| e.id.clone());
            mentions.push(MentionRecord {
                index,
                sentence,
                merge_key,
                day,
                code: e.code.clone(),
                root,
                quad,
                goldstein,
                status: e.status.as_str(),
                score: e.score,
                actor1_code: e.actor1.code.clone(),
                actor1_entity: entity_id(e.actor1.entity),
                actor2_code,
                actor2_entity: entity_id(e.actor2.as_ref().and_then(|a| a.entity)),
                span: e.span,
                trigger: e.trigger,
                actor1_char: char_offset(text, e.actor1.span.start),
                actor2_char: e.actor2.as_ref().map(|a| char_offset(text, a.span.start)),
                action_char: char_offset(text, e.trigger.start),
                is_root: row.get(col("IsRootEvent")).is_some_and(|v| v == "1"),
                gdelt: row.join("\t"),
            });
        }
        let added = mentions
            .first()
            .and_then(|m| m.gdelt.split('\t').nth(col("DATEADDED")).map(String::from))
            .unwrap_or_else(|| {
                let t = rows.added(doc);
                format!(
                    "{:04}{:02}{:02}{:02}{:02}{:02}",
                    t.year(),
                    t.month(),
                    t.day(),
                    t.hour(),
                    t.minute(),
                    t.second()
                )
            });
        let entities = doc
            .entities
            .iter()
            .map(|e| EntityRecord {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind.map(|k| k.as_str()),
                country: e.country.clone(),
                role: e.role.clone(),
                cameo: e.cameo.clone(),
                geonames: e.geonames,
                lat: e.lat,
                lon: e.lon,
                wikidata: e.wikidata.clone(),
            })
            .collect();
        DocRecord {
            identity: Identity::of(doc),
            origin: doc.meta.origin.clone(),
            url: doc.meta.url.clone(),
            host: doc.meta.url.as_deref().and_then(dedup::host),
            simhash: dedup::simhash(text),
            title: doc.meta.title.clone(),
            published: doc.meta.published.as_ref().map(format_published),
            added,
            source: doc.meta.source.clone(),
            lang: doc.meta.lang.clone(),
            engine: engine_version(),
            chars: text.chars().count(),
            text: doc.text.clone(),
            sentences: doc.sentences.iter().map(|s| s.span).collect(),
            entities,
            mentions,
            warnings: doc.warnings.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number("19700101"), Some(0));
        assert_eq!(day_number("20151221"), Some(16790));
        assert_eq!(day_date(16790), Some(Date::constant(2015, 12, 21)));
        assert_eq!(day_number("2015-12-21"), None);
    }

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let text = "Élysée: la Russie";
        assert_eq!(char_offset(text, text.find("la").unwrap_or(0)), 8);
        assert_eq!(char_offset(text, 1), 0);
        assert_eq!(char_offset(text, 999), text.chars().count());
    }
}
