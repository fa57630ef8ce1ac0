//! `GET /calendar/{secret}.ics`: an agent's private calendar feed for their own calendar
//! application. The secret in the address is the key (no session: calendar applications have
//! none); an unknown, revoked or expired one is a 404.

use crate::{http::error::ApiError, state::AppState};
use axum::{
    extract::{Path, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use domain::{DomainError, calendar::feed};

pub async fn download(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let found = match file.strip_suffix(".ics") {
        Some(secret) => feed::ics(&state.desk.db, secret).await,
        None => Ok(None),
    };
    let text = match found {
        Ok(Some(text)) => text,
        Ok(None) => return ApiError(DomainError::NotFound).into_response(),
        Err(err) => return ApiError(err).into_response(),
    };
    let mut res = text.into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline; filename=\"docket.ics\""));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}
