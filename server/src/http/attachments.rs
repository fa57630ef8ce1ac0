//! `GET /attachments/{id}`: an attachment's bytes, for whoever may read its message. Always a
//! download with `nosniff` and a sandboxing policy; `?inline=1` shows an image in place, and only
//! when its bytes were checked to be a PNG, JPEG, GIF or WebP.

use super::{error::ApiError, session_actor::session_actor};
use crate::state::AppState;
use axum::{
    body::Body,
    extract::{Path, Query, Request, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use domain::{DomainError, attachments::records, entities::attachment};
use tower::ServiceExt;
use tower_http::services::ServeFile;
use tower_sessions::Session;

#[derive(serde::Deserialize)]
pub struct Options {
    inline: Option<String>,
}

/// `filename*` per RFC 6266 / 5987, with a plain ASCII `filename` for old clients.
pub fn content_disposition(kind: &str, name: &str) -> String {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let mut encoded = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(options): Query<Options>,
    req: Request,
) -> Response {
    let Ok(id) = id.parse::<i64>() else { return ApiError(DomainError::NotFound).into_response() };
    let found = match session_actor(&state, &session).await {
        Ok(actor) => records::downloadable(&state.desk.db, &actor, id).await,
        Err(err) => Err(err),
    };
    match found {
        Ok(row) => serve(&state, row, options.inline.is_some(), req).await,
        Err(err) => ApiError(err).into_response(),
    }
}

/// The bytes of an attachment the caller may read, as a download (`inline` only for checked
/// images), for the pages and the REST API alike.
pub async fn serve(state: &AppState, row: attachment::Model, inline: bool, req: Request) -> Response {
    let file = StoredBytes {
        what: "attachment",
        id: row.id,
        sha256: &row.sha256,
        content_type: &row.content_type,
        file_name: &row.file_name,
        inline: inline && row.is_image,
    };
    serve_bytes(state, file, req).await
}

/// A file in the store as it is sent: `inline` only for images whose bytes were checked.
pub struct StoredBytes<'a> {
    /// What it is, for the log: `attachment`, `article file`.
    pub what: &'static str,
    pub id: i64,
    pub sha256: &'a str,
    pub content_type: &'a str,
    pub file_name: &'a str,
    pub inline: bool,
}

/// Sends stored bytes with the type decided when they were stored, `nosniff`, a sandboxing
/// policy and a safe `Content-Disposition` (conditional and range requests work).
pub async fn serve_bytes(state: &AppState, file: StoredBytes<'_>, req: Request) -> Response {
    let (what, id) = (file.what, file.id);
    let Some(path) = state.desk.files.path_of(file.sha256) else {
        return ApiError(DomainError::Internal).into_response();
    };
    let mut res = match ServeFile::new(path).oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(err) => {
            tracing::error!(error = %err, what, id, "cannot read a stored file");
            return ApiError(DomainError::Internal).into_response();
        }
    };
    if res.status() == axum::http::StatusCode::NOT_FOUND {
        tracing::error!(what, id, "a stored file's bytes are missing from the file store");
        return ApiError(DomainError::NotFound).into_response();
    }
    let headers = res.headers_mut();
    // The type was decided when the file was stored (page-like types are stored as bytes).
    let content_type =
        HeaderValue::from_str(file.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, content_type);
    let disposition = content_disposition(if file.inline { "inline" } else { "attachment" }, file.file_name);
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    res
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn file_names_cannot_break_the_header() {
        assert_eq!(
            content_disposition("attachment", "r\u{e9}sum\u{e9} \"v2\".pdf"),
            "attachment; filename=\"r_sum_ _v2_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.pdf"
        );
        assert!(!content_disposition("attachment", "a\r\nSet-Cookie: x").contains('\n'));
    }
}
