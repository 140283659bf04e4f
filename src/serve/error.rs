//! Errors as the API writes them: every response with a status of 400 or more is a JSON
//! object `{"code": "not_found", "message": "no event 42"}`.
//!
//! Handlers return [`ApiError`]. Responses made elsewhere — axum's extractor rejections
//! (a malformed query string, a body over its limit), tower-http's timeout, the router's 404
//! and 405 — come as plain text or empty bodies; [`json_errors`], the outermost middleware,
//! rewrites those into the same JSON shape, keeping their status and their text as the
//! message. So a client never has to parse anything but JSON.

use crate::store::StoreError;
use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable, machine-readable code: `bad_request`, `not_found`, `payload_too_large`,
    /// `timeout`, `overloaded`, `unauthorized`, `forbidden`, `unsupported_media_type`,
    /// `method_not_allowed`, `internal`.
    pub code: String,
    /// What went wrong, for a person.
    pub message: String,
}

/// An error a handler returns: a status, a code and a message.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn overloaded(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "overloaded", message)
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> ApiError {
        match err {
            StoreError::Query(msg) => ApiError::bad_request(msg),
            StoreError::Busy => ApiError::overloaded(err.to_string()),
            StoreError::ReadOnly | StoreError::DiskFull | StoreError::WriteFailed => {
                ApiError::new(StatusCode::INSUFFICIENT_STORAGE, "storage", err.to_string())
            }
            err => ApiError::internal(err.to_string()),
        }
    }
}

fn json_response(status: StatusCode, code: &str, message: String) -> Response {
    let body = serde_json::to_string(&ErrorBody {
        code: code.to_string(),
        message,
    })
    .unwrap_or_else(|_| "{\"code\":\"internal\",\"message\":\"\"}".to_string());
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status, self.code, self.message)
    }
}

/// The code of a status that no handler chose.
fn code_of(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::REQUEST_TIMEOUT | StatusCode::GATEWAY_TIMEOUT => "timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "unprocessable",
        StatusCode::SERVICE_UNAVAILABLE => "overloaded",
        s if s.is_server_error() => "internal",
        _ => "error",
    }
}

/// Middleware: rewrites an error response that is not JSON into [`ErrorBody`] (see the
/// module essay).
pub async fn json_errors(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if status.as_u16() < 400 {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let message = if text.is_empty() {
        status
            .canonical_reason()
            .unwrap_or("error")
            .to_ascii_lowercase()
    } else {
        text
    };
    let mut rewritten = json_response(status, code_of(status), message);
    // Keep headers such as WWW-Authenticate and Allow.
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rewritten.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rewritten
}

/// A body for the fallback route.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no route {}", uri.path()))
}

/// Turns a response body of bytes into an HTTP 200 JSON response (bodies already
/// serialized, such as the `extract` JSON).
pub fn raw_json(body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
