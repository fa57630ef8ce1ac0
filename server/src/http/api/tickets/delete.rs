//! `DELETE /api/v1/tickets/{id}`: removes a ticket for good, with its conversation and history
//! (admins, with an admin-scoped token). The deletion is audited.

use crate::{
    http::{
        api::{auth::AdminCaller, extract::TicketId, schemas::ErrorBody},
        error::ApiError,
    },
    state::AppState,
};
use axum::{extract::State, http::StatusCode};
use domain::tickets::commands;

#[utoipa::path(
    delete,
    path = "/api/v1/tickets/{id}",
    operation_id = "delete_ticket",
    tag = "tickets",
    summary = "Delete a ticket",
    params(("id" = String, Path, description = "The ticket's id (`42`) or reference (`DKT-1042`)")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin's token with the admin scope", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
    )
)]
pub async fn delete(
    State(state): State<AppState>,
    AdminCaller(caller): AdminCaller,
    TicketId(id): TicketId,
) -> Result<StatusCode, ApiError> {
    commands::delete(&state.desk.db, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
