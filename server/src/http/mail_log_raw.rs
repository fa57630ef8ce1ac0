//! `GET /admin/mail/log/{id}/raw`: the kept raw bytes of a received message, for admins, always
//! as a download that no browser renders.

use crate::{
    http::{attachments::content_disposition, error::ApiError, session_actor::session_actor},
    state::AppState,
};
use axum::{
    extract::{Path, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use domain::{DomainError, email::log};
use tower_sessions::Session;

pub async fn download(State(state): State<AppState>, session: Session, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else { return ApiError(DomainError::NotFound).into_response() };
    let raw = match session_actor(&state, &session).await {
        Ok(actor) => log::raw_of(&state.desk, &actor, id).await,
        Err(err) => Err(err),
    };
    match raw {
        Ok(bytes) => {
            let mut res = bytes.into_response();
            let headers = res.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
            let disposition = content_disposition("attachment", &format!("message-{id}.eml"));
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            res
        }
        Err(err) => ApiError(err).into_response(),
    }
}
