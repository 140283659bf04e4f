//! `POST /v1/annotate`: a document in, the `extract` JSON out; and the annotation of stored
//! documents for `GET /v1/documents/{id}`.
//!
//! A body is read as `depeche extract` reads a file: `text/plain` (or no content type) is a
//! plain-text article whose first line is the title; `application/json` is one object as a
//! line of JSON Lines holds it (`{"id","title","text","published","url","source","lang"}`,
//! only `text` required). Annotation runs on a blocking thread, holding one of the
//! annotation slots, under the time budget [`super::Limits::annotate_timeout`] (checked
//! between pipeline stages, as `extract --doc-timeout` does).

use super::error::{raw_json, ApiError, ErrorBody};
use super::limits::annotation_slot;
use super::Shared;
use crate::document::{Document, Metadata};
use crate::output::{to_json_line, LayerSet, OutputOptions};
use crate::read::{self, published::parse_published};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use std::time::Instant;
use utoipa::{IntoParams, ToSchema};

/// Options of `POST /v1/annotate`, as `depeche extract` takes them.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnnotateQuery {
    /// Publication date for a document that carries none (YYYY-MM-DD or ISO 8601 date-time).
    pub published: Option<String>,
    /// The document's id when the body gives none (default `request`).
    pub id: Option<String>,
    /// Comma-separated layers to write (blocks, sentences, mentions, entities, times,
    /// counts, quotes, events, tokens, syntax) or `none`; all by default.
    pub layers: Option<String>,
    /// Add the tokens layer.
    pub tokens: Option<bool>,
    /// Add the syntax layer.
    pub syntax: Option<bool>,
}

/// A JSON document, as one line of JSON Lines (only `text` is required).
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct JsonDocument {
    /// A string or a number.
    #[schema(value_type = Option<String>)]
    pub id: Option<serde_json::Value>,
    pub title: Option<String>,
    pub text: String,
    /// YYYY-MM-DD or ISO 8601 date-time; a malformed one is a warning, not an error.
    pub published: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub lang: Option<String>,
}

/// How a body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Text,
    Json,
    /// JSON Lines (`application/x-ndjson`, `application/jsonl`): only `POST /v1/documents`.
    Lines,
}

/// The body kind its `Content-Type` says; 415 for anything else.
pub fn body_kind(headers: &HeaderMap) -> Result<BodyKind, ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(BodyKind::Text);
    };
    let value = value.to_str().unwrap_or_default().to_ascii_lowercase();
    let mime = value.split(';').next().unwrap_or_default().trim();
    match mime {
        "text/plain" | "" => Ok(BodyKind::Text),
        "application/json" => Ok(BodyKind::Json),
        "application/x-ndjson" | "application/jsonl" | "application/jsonlines" => {
            Ok(BodyKind::Lines)
        }
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!(
                "content type '{other}': send text/plain (an article) or application/json \
                 (a JSON document)"
            ),
        )),
    }
}

/// One document from a body of the given kind (`Lines` is read as `Json`: one object).
pub fn read_document(
    kind: BodyKind,
    bytes: Vec<u8>,
    id: String,
    origin: String,
    limit: usize,
) -> Result<Document, ApiError> {
    let bad = |problem: read::Problem| ApiError::bad_request(format!("{origin}: {problem}"));
    match kind {
        BodyKind::Json | BodyKind::Lines => {
            read::parse_json_document(&bytes, id, origin.clone(), limit).map_err(bad)
        }
        BodyKind::Text => {
            let text = read::decode::decode(bytes, limit).map_err(bad)?;
            let meta = Metadata {
                id,
                origin: origin.clone(),
                title_from_first_line: true,
                ..Metadata::default()
            };
            Ok(Document::new(meta, text))
        }
    }
}

/// Runs the pipeline on a document (see the module essay); `layout_only` runs the layout
/// stage alone.
pub async fn annotate_document(
    state: &Shared,
    mut doc: Document,
    layout_only: bool,
) -> Result<Document, ApiError> {
    let slot = annotation_slot(&state.annotations, state.limits.queue_wait).await?;
    let pipeline = std::sync::Arc::clone(&state.pipeline);
    let budget = state.limits.annotate_timeout;
    let run = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
            if layout_only {
                read::layout::add_blocks(&mut doc, pipeline.lang());
                return Ok(doc);
            }
            let deadline = Instant::now() + budget;
            pipeline.annotate_within(&mut doc, deadline).map(|()| doc)
        }))
    })
    .await;
    match run {
        Ok(Ok(Ok(doc))) => Ok(doc),
        Ok(Ok(Err(late))) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!(
                "not annotated within the time budget of {} ms ({late})",
                budget.as_millis()
            ),
        )),
        _ => Err(ApiError::internal(
            "internal error while annotating (a bug: please report it with this document)",
        )),
    }
}

/// Annotate one document: the `extract` JSON of it.
#[utoipa::path(
    post,
    path = "/v1/annotate",
    tag = "annotate",
    params(AnnotateQuery),
    request_body(content(
        (String = "text/plain"),
        (JsonDocument = "application/json"),
    ), description = "A plain-text article (first line: title) or a JSON document"),
    responses(
        (status = 200, description = "The `extract` JSON of the document (schema version 1): \
            text, metadata and every annotation layer, spans in UTF-8 bytes", body = Object),
        (status = 400, description = "Bad options or an unreadable document", body = ErrorBody),
        (status = 413, description = "Body over the size limit", body = ErrorBody),
        (status = 415, description = "Unsupported content type", body = ErrorBody),
        (status = 503, description = "Busy or out of time", body = ErrorBody),
    )
)]
pub async fn annotate(
    State(state): State<Shared>,
    Query(q): Query<AnnotateQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let kind = body_kind(&headers)?;
    let published = q
        .published
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(parse_published)
        .transpose()
        .map_err(|why| ApiError::bad_request(format!("published: {why}")))?;
    let layers = q
        .layers
        .as_deref()
        .map(LayerSet::parse)
        .transpose()
        .map_err(|why| ApiError::bad_request(format!("layers: {why}")))?;
    let id =
        q.id.filter(|i| !i.trim().is_empty())
            .unwrap_or_else(|| "request".to_string());
    let mut doc = read_document(
        kind,
        body.to_vec(),
        id,
        "request".to_string(),
        state.limits.body_bytes,
    )?;
    if doc.meta.lang.is_empty() {
        doc.meta.lang = "fr".to_string();
    }
    if doc.meta.published.is_none() {
        doc.meta.published = published;
    }
    let opts = OutputOptions {
        tokens: q.tokens.unwrap_or(false),
        syntax: q.syntax.unwrap_or(false),
        layers,
    };
    let layout_only = layers.is_some_and(|l| !l.needs_annotation()) && !opts.tokens && !opts.syntax;
    let doc = annotate_document(&state, doc, layout_only).await?;
    Ok(raw_json(to_json_line(&doc, opts)))
}
