//! `POST /inbound/mail/{mailbox}`: inbound mail services hand over one raw RFC 5322 message,
//! authenticated by the mailbox's secret (`Authorization: Bearer …`). Not a browser route: no
//! cookies are read, so the cross-site checks of the pages do not apply.

use crate::{http::error::ApiError, state::AppState};
use axum::{
    Json,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use domain::{
    DomainError,
    email::{ingest, mailboxes},
};

pub async fn receive(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let secret = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    let Ok(id) = id.parse::<i64>() else { return ApiError(DomainError::NotFound).into_response() };
    if secret.is_empty() {
        return ApiError(DomainError::Unauthenticated).into_response();
    }
    let mailbox = match mailboxes::by_http_secret(&state.desk.db, id, secret).await {
        Ok(Some(mailbox)) => mailbox,
        Ok(None) => return ApiError(DomainError::Unauthenticated).into_response(),
        Err(err) => return ApiError(err).into_response(),
    };
    if body.is_empty() {
        return ApiError(DomainError::BadRequest("Send the raw message as the request body".into())).into_response();
    }
    let received = ingest::Received {
        mailbox: &mailbox,
        via: "http",
        raw: &body,
        envelope_sender: None,
        envelope_recipient: None,
    };
    match ingest::ingest(&state.desk, received).await {
        Ok(outcome) => (
            StatusCode::ACCEPTED,
            Json(serde_json::json!({
                "entry_id": outcome.entry_id,
                "outcome": outcome.outcome,
                "ticket_id": outcome.ticket_id,
                "reason": outcome.reason,
            })),
        )
            .into_response(),
        Err(err) => ApiError(err).into_response(),
    }
}
