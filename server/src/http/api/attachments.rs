//! Files over the API: `POST /api/v1/tickets/{id}/attachments` stores files (multipart) on a new
//! message, and `GET /api/v1/attachments/{id}` downloads one, as the pages do: always an
//! attachment, with its checked type and `nosniff`.

use super::{
    auth::Caller,
    extract::{Form, Id, TicketId},
    schemas::{ErrorBody, MessageDto, UploadForm},
};
use crate::{
    http::{attachments::serve, error::ApiError},
    state::AppState,
};
use axum::{
    Json,
    extract::{Request, State, multipart::MultipartError},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use domain::{
    DomainError, FieldError,
    attachments::{MAX_FILES, Upload, records},
    ticket_types::Visibility,
    tickets::{commands, conversation},
};

impl From<MultipartError> for ApiError {
    fn from(err: MultipartError) -> Self {
        ApiError(if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
            DomainError::TooLarge(FieldError::new("file", "The upload is larger than this endpoint accepts"))
        } else {
            DomainError::BadRequest(err.body_text())
        })
    }
}

struct Parts {
    body: Option<String>,
    visibility: Visibility,
    files: Vec<Upload>,
}

async fn read(mut form: axum::extract::Multipart) -> Result<Parts, ApiError> {
    let mut parts = Parts { body: None, visibility: Visibility::Public, files: Vec::new() };
    while let Some(field) = form.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(file_name) = field.file_name().map(str::to_owned) {
            if parts.files.len() == MAX_FILES {
                return Err(DomainError::field("file", "Attach at most 10 files").into());
            }
            parts.files.push(Upload { file_name, bytes: field.bytes().await?.to_vec() });
            continue;
        }
        let text = field.text().await?;
        match name.as_str() {
            "body" => parts.body = Some(text),
            "visibility" => {
                parts.visibility = Visibility::parse(text.trim())
                    .ok_or_else(|| DomainError::field("visibility", "Choose public or internal"))?
            }
            other => return Err(DomainError::BadRequest(format!("Unknown form part `{other}`")).into()),
        }
    }
    if parts.files.is_empty() {
        return Err(DomainError::field("file", "Attach at least one file").into());
    }
    Ok(parts)
}

#[utoipa::path(
    post,
    path = "/api/v1/tickets/{id}/attachments",
    operation_id = "upload_attachment",
    tag = "attachments",
    summary = "Attach files to a ticket",
    description = "The files arrive on a new message (a public reply unless `visibility` is `internal`). \
                   Send an `Idempotency-Key` header to retry safely.",
    params(
        ("id" = String, Path, description = "The ticket's id (`42`) or reference (`DKT-1042`)"),
    ),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "The message carrying the files", body = MessageDto),
        (status = 400, description = "Not a multipart form, or an unknown part", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token, or a note from a customer", body = ErrorBody),
        (status = 404, description = "No such ticket, or one the caller may not see", body = ErrorBody),
        (status = 413, description = "A file over the size limit", body = ErrorBody),
        (status = 422, description = "No file, too many files, or an empty file", body = ErrorBody),
    )
)]
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    TicketId(id): TicketId,
    Form(form): Form,
) -> Result<(StatusCode, Json<MessageDto>), ApiError> {
    let actor = caller.actor();
    let parts = read(form).await?;
    conversation::may_write(&state.desk.db, &actor, id, parts.visibility).await?;
    let names: Vec<String> =
        parts.files.iter().map(|f| domain::attachments::upload::clean_name(&f.file_name)).collect();
    let stored = state.desk.files.store(parts.files).await?;
    let body = parts.body.filter(|b| !b.trim().is_empty()).unwrap_or_else(|| format!("Attached: {}", names.join(", ")));
    commands::add_message_with_files(&state.desk.db, &actor, id, parts.visibility, &body, stored).await?;
    let written = conversation::last_written(&state.desk.db, &actor, id).await?.ok_or(DomainError::Internal)?;
    Ok((StatusCode::CREATED, Json(written.into())))
}

#[utoipa::path(
    get,
    path = "/api/v1/attachments/{id}",
    operation_id = "download_attachment",
    tag = "attachments",
    summary = "Download an attachment",
    params(("id" = i64, Path, description = "The attachment's id")),
    responses(
        (status = 200, description = "The file's bytes, as a download", content_type = "*/*"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such file, or one on a message the caller may not read", body = ErrorBody),
    )
)]
pub async fn download(State(state): State<AppState>, caller: Caller, Id(id): Id, req: Request) -> Response {
    match records::downloadable(&state.desk.db, &caller.actor(), id).await {
        Ok(row) => serve(&state, row, false, req).await,
        Err(err) => ApiError(err).into_response(),
    }
}
