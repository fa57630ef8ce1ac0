//! `GET /help/files/{id}/{name}`: an article's image or file, for whoever may read the article
//! (anyone, for a public published one). Images show in place; other files download. The name
//! in the address is for people and is ignored.

use super::{
    attachments::{StoredBytes, serve_bytes},
    error::ApiError,
    session_actor::session_actor,
};
use crate::state::AppState;
use axum::{
    extract::{Path, Request, State},
    response::{IntoResponse, Response},
};
use domain::{DomainError, kb::files};
use tower_sessions::Session;

pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path((id, _name)): Path<(String, String)>,
    req: Request,
) -> Response {
    let Ok(id) = id.parse::<i64>() else { return ApiError(DomainError::NotFound).into_response() };
    let found = match session_actor(&state, &session).await {
        Ok(actor) => files::downloadable(&state.desk.db, &actor, id).await,
        Err(err) => Err(err),
    };
    match found {
        Ok(row) => {
            let file = StoredBytes {
                what: "article file",
                id: row.id,
                sha256: &row.sha256,
                content_type: &row.content_type,
                file_name: &row.file_name,
                inline: row.is_image,
            };
            serve_bytes(&state, file, req).await
        }
        Err(err) => ApiError(err).into_response(),
    }
}
