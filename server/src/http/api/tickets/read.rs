//! `GET /api/v1/tickets/{id}`: one ticket the caller may see; any other is not found.

use crate::{
    http::{
        api::{
            auth::Caller,
            extract::TicketId,
            schemas::{ErrorBody, TicketDto},
        },
        error::ApiError,
    },
    state::AppState,
};
use axum::{Json, extract::State};
use domain::tickets::queries;

#[utoipa::path(
    get,
    path = "/api/v1/tickets/{id}",
    operation_id = "get_ticket",
    tag = "tickets",
    summary = "Read a ticket",
    params(("id" = String, Path, description = "The ticket's id (`42`) or reference (`DKT-1042`)")),
    responses(
        (status = 200, description = "The ticket", body = TicketDto),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such ticket, or one the caller may not see", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    TicketId(id): TicketId,
) -> Result<Json<TicketDto>, ApiError> {
    Ok(Json(queries::get(&state.desk.db, &caller.actor(), id).await?.into()))
}
