//! `POST /v1/documents`: ingest over HTTP, enabled only when the server starts with
//! `--token-file`; every request must then carry `Authorization: Bearer <token>`, compared
//! in constant time (`subtle`), and is checked before its body is read.
//!
//! The body is what `depeche ingest` reads from a file: JSON Lines (`application/x-ndjson`,
//! one document per line), one JSON document (`application/json`; several lines of JSON
//! Lines are accepted too) or a plain-text article (`text/plain`, `?id=` names it, else its
//! content hash does). The documents then go through the same
//! [`crate::store::ingest::ingest`] as the command, into the same database, one request at a
//! time (one writer), as one batch: known documents are skipped, failures recorded.

use super::annotate::{body_kind, read_document, BodyKind};
use super::error::{ApiError, ErrorBody};
use super::Shared;
use crate::read::{DocumentStream, ReadError, ReadOptions};
use crate::store::ingest::{self, Options};
use crate::store::sqlite::SqliteStore;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex, PoisonError};
use subtle::ConstantTimeEq;
use utoipa::{IntoParams, ToSchema};

/// The writing side: the store opened for writing and the token.
pub struct Writer {
    store: Mutex<SqliteStore>,
    token: Vec<u8>,
}

impl Writer {
    pub fn new(store: SqliteStore, token: Vec<u8>) -> Writer {
        Writer {
            store: Mutex::new(store),
            token,
        }
    }

    /// Whether the request's `Authorization` header carries the token.
    fn allows(&self, headers: &HeaderMap) -> bool {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or_default();
        bool::from(given.as_bytes().ct_eq(&self.token))
    }
}

/// Options of `POST /v1/documents`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IngestQuery {
    /// The id of a plain-text article (default: `http-` and its content hash).
    pub id: Option<String>,
    /// Publication date for documents that carry none (YYYY-MM-DD or ISO 8601 date-time).
    pub published: Option<String>,
}

/// What an ingest did, as `depeche ingest` reports it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IngestReport {
    pub read: u64,
    pub added: u64,
    pub reannotated: u64,
    /// Already stored (same id, canonical URL or content): skipped.
    pub known: u64,
    /// Documents that could not be read or annotated, each with its error (recorded in the
    /// `failures` table).
    pub failed: Vec<String>,
    pub warnings: Vec<String>,
}

/// The documents of a body (see the module essay).
fn documents(
    kind: BodyKind,
    body: Vec<u8>,
    q: &IngestQuery,
    limit: usize,
) -> Result<Vec<Result<crate::Document, ReadError>>, ApiError> {
    match kind {
        BodyKind::Text => {
            let id =
                q.id.clone()
                    .filter(|i| !i.trim().is_empty())
                    .unwrap_or_else(|| {
                        let text = String::from_utf8_lossy(&body);
                        let hash = crate::store::dedup::content_hash(&text);
                        format!("http-{}", hash.get(..16).unwrap_or(&hash))
                    });
            Ok(vec![Ok(read_document(
                kind,
                body,
                id,
                "request".into(),
                limit,
            )?)])
        }
        BodyKind::Json | BodyKind::Lines => {
            if kind == BodyKind::Json {
                if let Ok(doc) =
                    read_document(kind, body.clone(), "http-1".into(), "request".into(), limit)
                {
                    return Ok(vec![Ok(doc)]);
                }
            }
            let mut docs = Vec::new();
            for (n, line) in body.split(|&b| b == b'\n').enumerate() {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let origin = format!("request:{}", n + 1);
                docs.push(
                    crate::read::parse_json_document(
                        line,
                        format!("http-{}", n + 1),
                        origin.clone(),
                        limit,
                    )
                    .map_err(|problem| ReadError { origin, problem }),
                );
            }
            if docs.is_empty() {
                return Err(ApiError::bad_request("the body holds no document"));
            }
            Ok(docs)
        }
    }
}

/// Ingest documents into the database (only with `--token-file`).
#[utoipa::path(
    post,
    path = "/v1/documents",
    tag = "documents",
    params(IngestQuery),
    request_body(content(
        (String = "application/x-ndjson"),
        (super::annotate::JsonDocument = "application/json"),
        (String = "text/plain"),
    ), description = "JSON Lines, one JSON document, or a plain-text article"),
    security(("bearer" = [])),
    responses(
        (status = 200, body = IngestReport),
        (status = 400, body = ErrorBody),
        (status = 401, description = "No token, or a wrong one", body = ErrorBody),
        (status = 403, description = "Ingest is not enabled (no --token-file)", body = ErrorBody),
        (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody),
    )
)]
pub async fn ingest(
    State(state): State<Shared>,
    Query(q): Query<IngestQuery>,
    request: Request,
) -> Result<Json<IngestReport>, ApiError> {
    let Some(writer) = state.writer.as_ref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "ingest over HTTP is not enabled: start the server with --token-file",
        ));
    };
    if !writer.allows(request.headers()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "send the token of --token-file as 'Authorization: Bearer <token>'",
        ));
    }
    let kind = body_kind(request.headers())?;
    let published = q
        .published
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(crate::read::published::parse_published)
        .transpose()
        .map_err(|why| ApiError::bad_request(format!("published: {why}")))?;
    let limit = state.limits.ingest_bytes;
    let body = {
        use axum::extract::FromRequest;
        axum::body::Bytes::from_request(request, &())
            .await
            .map_err(|rejection| {
                let status = rejection.status();
                let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
                    "payload_too_large"
                } else {
                    "bad_request"
                };
                ApiError::new(status, code, rejection.body_text())
            })?
    };
    let mut docs = documents(kind, body.to_vec(), &q, limit)?;
    for doc in docs.iter_mut().flatten() {
        if doc.meta.lang.is_empty() {
            doc.meta.lang = "fr".into();
        }
        if doc.meta.published.is_none() {
            doc.meta.published = published;
        }
    }
    let state = Arc::clone(&state);
    let run = tokio::task::spawn_blocking(move || {
        let Some(writer) = state.writer.as_ref() else {
            return Err(ApiError::internal("ingest is not enabled"));
        };
        let mut store = writer.store.lock().unwrap_or_else(PoisonError::into_inner);
        let opts = Options {
            threads: state.limits.annotations.max(1),
            batch: docs.len().max(1),
            reannotate: false,
            doc_timeout: Some(state.limits.annotate_timeout),
        };
        let report = ingest::ingest(
            &state.pipeline,
            move || DocumentStream::from_documents(docs, ReadOptions::default()),
            &mut *store,
            &opts,
            &mut |_| {},
        )?;
        Ok(report)
    })
    .await;
    let report = match run {
        Ok(result) => result?,
        Err(_) => return Err(ApiError::internal("internal error while ingesting")),
    };
    Ok(Json(IngestReport {
        read: report.read,
        added: report.added,
        reannotated: report.reannotated,
        known: report.known,
        failed: report.failed,
        warnings: report.warnings,
    }))
}
