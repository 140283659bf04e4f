//! PLOVER events: `depeche extract --format plover`.
//!
//! One compact JSON object per event per line, documents in input order and events in text
//! order, in the style of PLOVER's records and the POLECAT data set built on it:
//!
//! ```text
//! {"id": "000_841bfa5ee9043e79-0", "date": "2015-12-21",
//!  "event_type": "REQUEST", "mode": "assist", "context": null,
//!  "source": {"text": "Le Drian", "code": "FRAGOV", "country": "FRA", "sector": "GOV",
//!             "entity": "per:jean_yves_le_drian", "span": [0, 8]},
//!  "target": {…} or null,
//!  "location": {"name": "Moscow", "country": "RUS", "geonames": 524901, "lat": 55.75,
//!               "lon": 37.62, "entity": "geo:524901", "span": [25, 31], "text": "Moscou"} or null,
//!  "event_text": "va demander", "event_span": [40, 51],
//!  "text": "…the sentence…", "span": [0, 120],
//!  "story_id": "000_841bfa5ee9043e79", "source_url": null, "published": "2015-12-21",
//!  "language": "fr", "cameo": "0212", "status": "reported"}
//! ```
//!
//! Field names follow PLOVER's gold-standard records (`PLOVER_GSR_CAMEO`: `event`, `mode`,
//! `context`, `source`/`target` actors with `actorText`, `code`, `sector`, `eventText`,
//! `eventLoc`, `text`) in POLECAT's snake case: `event` → `event_type`, `actorText` → `text`,
//! `eventText` → `event_text` (the trigger words), `eventLoc` → `location`. Differences:
//! - `source` and `target` are single actors, not lists (depeche codes a compound actor as one
//!   event per actor); `sector` is the CAMEO agent (GOV, MIL, REB…), `country` ISO alpha-3.
//! - `event_type` and `mode` are the PLOVER 2021 mapping of the CAMEO `code` (table
//!   `data/events/cameo.tsv`); CAMEO 01x statements have no PLOVER type: `event_type` is null
//!   (filter on it to keep PLOVER events only); CAMEO 02x appeals are REQUEST.
//! - `context` is always null: PLOVER contexts are topics of the story, which depeche does not
//!   tag yet.
//! - `date` is the event's calendar day (its own date when the sentence gives a full date,
//!   else the publication date), null when unknown.
//! - `id` is the document id and the event's index in the document's `events` layer; the
//!   `gdelt-events` export hashes the same pair into its GLOBALEVENTID.
//! - Spans are UTF-8 byte offsets into the document's text, end exclusive, as in the JSON
//!   output, so every field can be traced to the article.

use super::event_day;
use crate::document::{Document, Event, EventActor};
use crate::event::codes::cameo;
use crate::read::published::format_published;
use serde::Serialize;

#[derive(Serialize)]
struct ActorOut<'a> {
    text: &'a str,
    code: &'a str,
    country: Option<&'a str>,
    sector: Option<&'a str>,
    entity: Option<&'a str>,
    span: [usize; 2],
}

#[derive(Serialize)]
struct LocationOut<'a> {
    name: Option<&'a str>,
    country: Option<&'a str>,
    geonames: Option<u64>,
    lat: Option<f64>,
    lon: Option<f64>,
    entity: Option<&'a str>,
    span: [usize; 2],
    text: &'a str,
}

#[derive(Serialize)]
struct PloverEvent<'a> {
    id: String,
    date: Option<String>,
    event_type: Option<&'static str>,
    mode: Option<&'static str>,
    context: Option<&'static str>,
    source: ActorOut<'a>,
    target: Option<ActorOut<'a>>,
    location: Option<LocationOut<'a>>,
    event_text: &'a str,
    event_span: [usize; 2],
    text: &'a str,
    span: [usize; 2],
    story_id: &'a str,
    source_url: Option<&'a str>,
    published: Option<String>,
    language: &'a str,
    cameo: &'a str,
    status: &'static str,
}

fn actor<'a>(doc: &'a Document, a: &'a EventActor) -> ActorOut<'a> {
    ActorOut {
        text: &doc.text[a.span.range()],
        code: &a.code,
        country: a.country.as_deref(),
        sector: a.role.as_deref(),
        entity: a
            .entity
            .and_then(|e| doc.entities.get(e))
            .map(|e| e.id.as_str()),
        span: [a.span.start, a.span.end],
    }
}

fn event<'a>(doc: &'a Document, index: usize, e: &'a Event) -> PloverEvent<'a> {
    let code = cameo().get(&e.code);
    PloverEvent {
        id: format!("{}-{index}", doc.meta.id),
        date: event_day(doc, e).map(|d| d.to_string()),
        event_type: code.and_then(|c| c.plover_event.as_deref()),
        mode: code.and_then(|c| c.plover_mode.as_deref()),
        context: None,
        source: actor(doc, &e.actor1),
        target: e.actor2.as_ref().map(|a| actor(doc, a)),
        location: e.place.as_ref().map(|p| {
            let ent = doc.entities.get(p.entity);
            LocationOut {
                name: ent.map(|x| x.name.as_str()),
                country: ent.and_then(|x| x.country.as_deref()),
                geonames: ent.and_then(|x| x.geonames),
                lat: ent.and_then(|x| x.lat),
                lon: ent.and_then(|x| x.lon),
                entity: ent.map(|x| x.id.as_str()),
                span: [p.span.start, p.span.end],
                text: &doc.text[p.span.range()],
            }
        }),
        event_text: &doc.text[e.trigger.range()],
        event_span: [e.trigger.start, e.trigger.end],
        text: &doc.text[e.span.range()],
        span: [e.span.start, e.span.end],
        story_id: &doc.meta.id,
        source_url: doc.meta.url.as_deref(),
        published: doc.meta.published.as_ref().map(format_published),
        language: &doc.meta.lang,
        cameo: &e.code,
        status: e.status.as_str(),
    }
}

/// The document's events as PLOVER JSON lines, each ending in a line feed (empty without
/// events).
pub fn to_plover_lines(doc: &Document) -> String {
    let mut out = String::new();
    for (i, e) in doc.events.iter().enumerate() {
        // Serialising plain structs of strings and numbers cannot fail.
        out.push_str(&serde_json::to_string(&event(doc, i, e)).unwrap_or_default());
        out.push('\n');
    }
    out
}
