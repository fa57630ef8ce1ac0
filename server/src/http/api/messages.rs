//! `/api/v1/tickets/{id}/messages`: a ticket's conversation (customers never get internal
//! notes), and new replies and notes (notes are for agents only).

use super::{
    auth::Caller,
    extract::{Body, TicketId},
    schemas::{ErrorBody, MessageDto, MessageList, NewMessageBody},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{Json, extract::State, http::StatusCode};
use domain::{
    DomainError,
    tickets::{commands, conversation},
};

#[utoipa::path(
    get,
    path = "/api/v1/tickets/{id}/messages",
    operation_id = "list_messages",
    tag = "messages",
    summary = "Read a ticket's conversation",
    params(("id" = String, Path, description = "The ticket's id (`42`) or reference (`DKT-1042`)")),
    responses(
        (status = 200, description = "Messages, oldest first; internal notes only for agents", body = MessageList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such ticket, or one the caller may not see", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    TicketId(id): TicketId,
) -> Result<Json<MessageList>, ApiError> {
    let messages = conversation::messages(&state.desk.db, &caller.actor(), id).await?;
    Ok(Json(MessageList { items: messages.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(
    post,
    path = "/api/v1/tickets/{id}/messages",
    operation_id = "create_message",
    tag = "messages",
    summary = "Reply, or write an internal note",
    description = "A customer's reply reopens their pending or solved request; an agent's first reply opens a new one. \
                   Send an `Idempotency-Key` header to retry safely.",
    params(
        ("id" = String, Path, description = "The ticket's id (`42`) or reference (`DKT-1042`)"),
    ),
    request_body = NewMessageBody,
    responses(
        (status = 201, description = "The message just written", body = MessageDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token, or a note from a customer", body = ErrorBody),
        (status = 404, description = "No such ticket, or one the caller may not see", body = ErrorBody),
        (status = 422, description = "An empty body, or a closed ticket", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    TicketId(id): TicketId,
    Body(input): Body<NewMessageBody>,
) -> Result<(StatusCode, Json<MessageDto>), ApiError> {
    let actor = caller.actor();
    commands::add_message(&state.desk.db, &actor, id, input.visibility.into(), &input.body).await?;
    let written = conversation::last_written(&state.desk.db, &actor, id).await?.ok_or(DomainError::Internal)?;
    Ok((StatusCode::CREATED, Json(written.into())))
}
