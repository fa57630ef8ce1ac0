//! The one mapping from domain errors to HTTP: `{"error": {"code", "message", "fields"}}`, with
//! the status from `ErrorCode::http_status` and `Retry-After` on 429.

use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use domain::{DomainError, FieldError};
use serde::Serialize;

#[derive(Debug)]
pub struct ApiError(pub DomainError);

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    code: &'a str,
    message: String,
    fields: &'a [FieldError],
}

impl ApiError {
    /// The same mapping, with a message that says more than the error's own.
    pub fn explained(err: DomainError, message: impl Into<String>) -> Response {
        respond(&err, message.into())
    }
}

fn respond(err: &DomainError, message: String) -> Response {
    let code = err.code();
    let status = StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = Body { error: Inner { code: code.as_str(), message, fields: err.fields() } };
    let mut res = (status, Json(body)).into_response();
    if let DomainError::RateLimited { retry_after_secs } = err {
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
    }
    res
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        respond(&self.0, self.0.to_string())
    }
}

impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        ApiError(err)
    }
}
