//! The read routes: event records with cursor pagination, one record with its mentions, a
//! stored document with every layer, entities, aggregates, full-text search, health.
//!
//! Filters are `depeche query`'s, as query parameters ([`FilterQuery`]); an empty parameter
//! is no filter. A page of records ends with `next_cursor` when more follow: pass it back as
//! `cursor` with the same filters. The cursor is the last record's first day and id
//! (`2015-12-21~4503599627370`), so pages stay right while an ingest adds records.
//!
//! `GET /v1/documents/{id}` annotates the stored text again to give every layer (the store
//! keeps the text, the entities and the event evidence, not every layer): the pipeline is
//! deterministic, so with the engine version that ingested it (`same_engine`) the layers are
//! the ones the events were coded from, and the stored evidence spans index the same text.

use super::annotate::annotate_document;
use super::error::{raw_json, ApiError, ErrorBody};
use super::Shared;
use crate::document::{Document, Metadata};
use crate::event::codes::cameo;
use crate::output::gdelt::COLUMNS;
use crate::output::{to_json_line, OutputOptions};
use crate::read::published::parse_published;
use crate::store::browse::{self, DocEvent, EntityHit, SearchHit, Stats};
use crate::store::export::{event_json, stamp_iso};
use crate::store::query::{self, EventRow};
use crate::store::{After, Filter, Near};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

/// The filters of `depeche query`; all that are given must hold.
#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilterQuery {
    /// A CAMEO actor code prefix (FRA, RUSMIL) or an entity id (per:jean_yves_le_drian).
    pub actor: Option<String>,
    /// The action's country or an actor's: ISO alpha-3 (FRA), or FIPS (FR) for the action.
    pub country: Option<String>,
    /// A CAMEO event code prefix (04, 0212).
    pub code: Option<String>,
    /// GDELT quad class, 1 to 4.
    pub quad: Option<u8>,
    /// Records whose days reach this date or later (YYYY-MM-DD).
    pub from: Option<String>,
    /// Records whose days start on this date or earlier (YYYY-MM-DD).
    pub to: Option<String>,
    /// LAT,LON,KM: records whose place lies within KM kilometres of the point.
    pub near: Option<String>,
    /// Full-text query (FTS5) over the titles and sentences of the records' mentions.
    pub text: Option<String>,
    /// A source name or URL host that reported the record.
    pub source: Option<String>,
}

fn given(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn date(s: &Option<String>, name: &str) -> Result<Option<jiff::civil::Date>, ApiError> {
    given(s)
        .map(|d| {
            d.parse::<jiff::civil::Date>().map_err(|_| {
                ApiError::bad_request(format!("{name}: '{d}' is not a YYYY-MM-DD date"))
            })
        })
        .transpose()
}

impl FilterQuery {
    /// The store's filter, or 400 with what is wrong.
    pub fn filter(&self) -> Result<Filter, ApiError> {
        let (from, to) = (date(&self.from, "from")?, date(&self.to, "to")?);
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(ApiError::bad_request(format!("from {f} is after to {t}")));
            }
        }
        if let Some(q) = self.quad {
            if !(1..=4).contains(&q) {
                return Err(ApiError::bad_request(format!(
                    "quad {q}: the quad class is 1 to 4"
                )));
            }
        }
        let near = given(&self.near)
            .map(|n| n.parse::<Near>().map_err(ApiError::bad_request))
            .transpose()?;
        Ok(Filter {
            actor: given(&self.actor),
            country: given(&self.country),
            code: given(&self.code),
            quad: self.quad,
            from,
            to,
            near,
            text: given(&self.text),
            source: given(&self.source),
            limit: None,
            after: None,
        })
    }
}

/// A page of `GET /v1/events`: the filters, the page's size and cursor.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Records per page (default 50, at most the server's page size limit, 500 by default).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of event records.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventPage {
    /// Event records in order of first day, then id.
    pub events: Vec<EventSummary>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

fn parse_cursor(cursor: &str) -> Result<After, ApiError> {
    let bad = || ApiError::bad_request(format!("cursor '{cursor}' is not one this server gave"));
    let (day, event) = cursor.rsplit_once('~').ok_or_else(bad)?;
    let event = event.parse::<i64>().map_err(|_| bad())?;
    if !(day.is_empty() || day.parse::<jiff::civil::Date>().is_ok()) {
        return Err(bad());
    }
    Ok(After {
        day: day.to_string(),
        event,
    })
}

/// An actor of a record as the list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorSummary {
    /// CAMEO actor code (FRAGOV).
    pub code: String,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    /// GDELT's actor name (upper-case ASCII).
    pub name: Option<String>,
}

/// The place of a record.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceSummary {
    pub name: Option<String>,
    /// FIPS 10-4, as GDELT.
    pub country_fips: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A record as the list shows it: the fields of `depeche export --format jsonl` without the
/// mentions, with the event's and the actors' names.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventSummary {
    pub id: i64,
    pub day: Option<String>,
    pub last_day: Option<String>,
    /// The earliest DATEADDED of its mentions, ISO 8601.
    pub first_seen: String,
    pub code: String,
    /// The CAMEO name of the code.
    pub name: Option<String>,
    pub base: String,
    pub root: String,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub actor1: ActorSummary,
    pub actor2: Option<ActorSummary>,
    pub place: Option<PlaceSummary>,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub confidence: f64,
    pub is_root: bool,
}

/// The summary of a record, reading the names from its GDELT row.
fn summary(e: EventRow) -> EventSummary {
    let column = |name: &str| COLUMNS.iter().position(|c| *c == name);
    let (a1, a2, place) = (
        column("Actor1Name"),
        column("Actor2Name"),
        column("ActionGeo_FullName"),
    );
    let mut names: [Option<String>; 3] = [None, None, None];
    for (i, field) in e.gdelt.split('\t').enumerate() {
        let slot = match Some(i) {
            i if i == a1 => 0,
            i if i == a2 => 1,
            i if i == place => 2,
            _ => continue,
        };
        if !field.is_empty() {
            names[slot] = Some(field.to_string());
        }
    }
    let [name1, name2, place_name] = names;
    EventSummary {
        id: e.event,
        first_seen: stamp_iso(&e.first_seen),
        name: cameo().get(&e.code).map(|c| c.name.clone()),
        day: e.day,
        last_day: e.last_day,
        code: e.code,
        base: e.base,
        root: e.root,
        quad_class: e.quad,
        goldstein: e.goldstein,
        actor1: ActorSummary {
            code: e.actor1_code,
            country: e.actor1_country,
            name: name1,
        },
        actor2: e.actor2_code.map(|code| ActorSummary {
            code,
            country: e.actor2_country,
            name: name2,
        }),
        place: e.country.map(|country_fips| PlaceSummary {
            name: place_name,
            country_fips,
            lat: e.lat,
            lon: e.lon,
        }),
        num_mentions: e.num_mentions,
        num_sources: e.num_sources,
        num_articles: e.num_articles,
        confidence: e.confidence,
        is_root: e.is_root,
    }
}

/// Event records that pass the filters, a page at a time.
#[utoipa::path(
    get,
    path = "/v1/events",
    tag = "events",
    params(FilterQuery, PageQuery),
    responses(
        (status = 200, body = EventPage),
        (status = 400, description = "A malformed filter or cursor", body = ErrorBody),
    )
)]
pub async fn events(
    State(state): State<Shared>,
    Query(f): Query<FilterQuery>,
    Query(p): Query<PageQuery>,
) -> Result<Json<EventPage>, ApiError> {
    let size = state.limits.page(p.limit, 50)?;
    let mut filter = f.filter()?;
    filter.after = given(&p.cursor).map(|c| parse_cursor(&c)).transpose()?;
    // One more than the page, to know whether another follows.
    filter.limit = Some(size + 1);
    let rows = state
        .readers
        .read(move |conn| {
            let mut rows = Vec::new();
            query::for_each_event(conn, &filter, &mut |e| {
                rows.push(e.clone());
                Ok(())
            })?;
            Ok(rows)
        })
        .await?;
    let next_cursor = (rows.len() > size)
        .then(|| rows.get(size - 1))
        .flatten()
        .map(|e| format!("{}~{}", e.day.as_deref().unwrap_or_default(), e.event));
    Ok(Json(EventPage {
        events: rows.into_iter().take(size).map(summary).collect(),
        next_cursor,
    }))
}

/// One event record, merged across articles, with every mention and its evidence.
#[utoipa::path(
    get,
    path = "/v1/events/{id}",
    tag = "events",
    params(("id" = i64, Path, description = "The record's id")),
    responses(
        (status = 200, description = "The record as `depeche export --format jsonl` writes \
            it, with the event's `name`; each mention has its document, sentence, `index` \
            (in the document's events layer), evidence span and trigger", body = Object),
        (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn event(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_request(format!("event id '{id}' is not a number")))?;
    let found = state
        .readers
        .read(move |conn| {
            let Some(e) = query::event(conn, id)? else {
                return Ok(None);
            };
            let mentions = query::mentions_of(conn, id)?;
            Ok(Some((e, mentions)))
        })
        .await?;
    let (e, mentions) = found.ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
    let mut v = event_json(&e, &mentions);
    if let Some(obj) = v.as_object_mut() {
        let name = cameo().get(&e.code).map(|c| c.name.clone());
        obj.insert("name".into(), name.into());
        if let Some(list) = obj.get_mut("mentions").and_then(Value::as_array_mut) {
            for (m, row) in list.iter_mut().zip(&mentions) {
                if let Some(m) = m.as_object_mut() {
                    m.insert("index".into(), row.index.into());
                }
            }
        }
    }
    Ok(Json(v))
}

/// A stored document rebuilt for the pipeline: its metadata as stored, its title line
/// told apart from a title given beside the text.
fn stored_document(doc: &browse::StoredDoc) -> Document {
    let first_line = doc
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let title_in_text = doc.title.as_deref().is_none_or(|t| t.trim() == first_line);
    let meta = Metadata {
        id: doc.id.clone(),
        title: if title_in_text {
            None
        } else {
            doc.title.clone()
        },
        source: doc.source.clone(),
        url: doc.url.clone(),
        published: doc
            .published
            .as_deref()
            .and_then(|p| parse_published(p).ok()),
        lang: doc.lang.clone(),
        origin: format!("db:{}", doc.id),
        title_from_first_line: title_in_text,
        ..Metadata::default()
    };
    Document::new(meta, doc.text.clone())
}

/// What `GET /v1/documents/{id}` returns besides the document.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoredPart {
    /// The engine version that ingested the document.
    pub engine: String,
    /// Whether this server's engine is that version (then the layers are the ones the
    /// events were coded from).
    pub same_engine: bool,
    /// The id of the first document of its story (itself unless a near-duplicate).
    pub story: String,
    /// The stored event mentions of the document, with their record ids.
    #[schema(value_type = Vec<Object>)]
    pub events: Vec<DocEvent>,
}

/// A stored document: its text with every layer, and its stored event mentions.
#[utoipa::path(
    get,
    path = "/v1/documents/{id}",
    tag = "documents",
    params(("id" = String, Path, description = "The document's id")),
    responses(
        (status = 200, description = "`{\"document\": <the extract JSON>, \"stored\": \
            {engine, same_engine, story, events}}`", body = Object),
        (status = 404, body = ErrorBody),
        (status = 503, body = ErrorBody),
    )
)]
pub async fn document(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let key = id.clone();
    let found = state
        .readers
        .read(move |conn| browse::document(conn, &key))
        .await?;
    let (stored, events) =
        found.ok_or_else(|| ApiError::not_found(format!("no document '{id}'")))?;
    let doc = annotate_document(&state, stored_document(&stored), false).await?;
    let part = StoredPart {
        same_engine: stored.engine == crate::store::record::engine_version(),
        engine: stored.engine,
        story: stored.story,
        events,
    };
    let part = serde_json::to_string(&part).map_err(|e| ApiError::internal(e.to_string()))?;
    let document = to_json_line(&doc, OutputOptions::default());
    Ok(raw_json(format!(
        "{{\"document\":{document},\"stored\":{part}}}"
    )))
}

/// A search query and its page size.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What to look for.
    #[param(min_length = 1)]
    pub q: String,
    /// Results (default 20, at most the page size limit).
    pub limit: Option<u32>,
}

/// Entities found by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntityPage {
    #[schema(value_type = Vec<Object>)]
    pub entities: Vec<EntityHit>,
}

/// Entities whose name contains `q`, whose id is `q` or whose CAMEO code starts with it.
#[utoipa::path(
    get,
    path = "/v1/entities",
    tag = "entities",
    params(SearchQuery),
    responses((status = 200, body = EntityPage), (status = 400, body = ErrorBody))
)]
pub async fn entities(
    State(state): State<Shared>,
    Query(q): Query<SearchQuery>,
) -> Result<Json<EntityPage>, ApiError> {
    let size = state.limits.page(q.limit, 20)?;
    let text = q.q.trim().to_string();
    if text.is_empty() {
        return Err(ApiError::bad_request("q: give a name, an id or a code"));
    }
    let entities = state
        .readers
        .read(move |conn| browse::entities(conn, &text, size))
        .await?;
    Ok(Json(EntityPage { entities }))
}

/// Passages found by full-text search.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    #[schema(value_type = Vec<Object>)]
    pub hits: Vec<SearchHit>,
}

/// Full-text search (FTS5, accents ignored) over the titles of documents with events and the
/// sentences that support events, best first.
#[utoipa::path(
    get,
    path = "/v1/search",
    tag = "search",
    params(SearchQuery),
    responses((status = 200, body = SearchPage), (status = 400, body = ErrorBody))
)]
pub async fn search(
    State(state): State<Shared>,
    Query(q): Query<SearchQuery>,
) -> Result<Json<SearchPage>, ApiError> {
    let size = state.limits.page(q.limit, 20)?;
    let text = q.q.trim().to_string();
    if text.is_empty() {
        return Err(ApiError::bad_request("q: give words to look for"));
    }
    let hits = state
        .readers
        .read(move |conn| browse::search(conn, &text, size))
        .await?;
    Ok(Json(SearchPage { hits }))
}

/// How many places and actor pairs `GET /v1/stats` keeps.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TopQuery {
    /// Places and actor pairs kept, the largest counts first (default 500, at most 5000).
    pub top: Option<u32>,
}

/// The aggregates of the records that pass the filters.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsBody {
    /// Records that pass the filters.
    pub events: i64,
    /// `{day, quad, count}`: records per first day and quad class (0: none).
    #[schema(value_type = Vec<Object>)]
    pub days: Vec<browse::DayCount>,
    /// `{key, count}` per CAMEO root code.
    #[schema(value_type = Vec<Object>)]
    pub roots: Vec<browse::KeyCount>,
    /// `{key, count}` per action country (FIPS 10-4, as GDELT).
    #[schema(value_type = Vec<Object>)]
    pub countries: Vec<browse::KeyCount>,
    /// `{lat, lon, quad, count}` per place (0.1°) and quad class.
    #[schema(value_type = Vec<Object>)]
    pub places: Vec<browse::PlaceCount>,
    /// `{actor1, actor2, count}`: who acts on whom.
    #[schema(value_type = Vec<Object>)]
    pub pairs: Vec<browse::PairCount>,
}

/// Counts per day (and quad class), per root code, per country, per place and per actor
/// pair. `near` counts the records inside the circle's bounding box.
#[utoipa::path(
    get,
    path = "/v1/stats",
    tag = "events",
    params(FilterQuery, TopQuery),
    responses((status = 200, body = StatsBody), (status = 400, body = ErrorBody))
)]
pub async fn stats(
    State(state): State<Shared>,
    Query(f): Query<FilterQuery>,
    Query(t): Query<TopQuery>,
) -> Result<Json<StatsBody>, ApiError> {
    let filter = f.filter()?;
    let top = match t.top {
        None => 500,
        Some(n) if (1..=5000).contains(&n) => n as usize,
        Some(n) => return Err(ApiError::bad_request(format!("top {n}: give 1 to 5000"))),
    };
    let s: Stats = state
        .readers
        .read(move |conn| browse::stats(conn, &filter, top))
        .await?;
    Ok(Json(StatsBody {
        events: s.events,
        days: s.days,
        roots: s.roots,
        countries: s.countries,
        places: s.places,
        pairs: s.pairs,
    }))
}

/// Health.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: String,
    /// This server's engine version.
    pub engine: String,
    /// Whether `POST /v1/documents` is enabled.
    pub ingest: bool,
}

/// The server is up and its database readable.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "meta",
    responses((status = 200, body = Health), (status = 500, body = ErrorBody))
)]
pub async fn healthz(State(state): State<Shared>) -> Result<Json<Health>, ApiError> {
    state
        .readers
        .read(|conn| Ok(conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?))
        .await?;
    Ok(Json(Health {
        status: "ok".into(),
        engine: crate::store::record::engine_version(),
        ingest: state.writer.is_some(),
    }))
}
