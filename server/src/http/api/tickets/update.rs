//! `PATCH /api/v1/tickets/{id}`: changes status, priority, category, team, assignee, tags, due
//! date and custom fields, each recorded in the ticket's history.

use crate::{
    http::{
        api::{
            auth::Caller,
            extract::{Body, TicketId},
            schemas::{ErrorBody, TicketDto, TicketPatch, custom_fields},
        },
        error::ApiError,
    },
    state::AppState,
};
use axum::{Json, extract::State};
use domain::{
    custom_fields::catalog::Fields,
    tickets::{commands, custom_values, queries},
};

#[utoipa::path(
    patch,
    path = "/api/v1/tickets/{id}",
    operation_id = "update_ticket",
    tag = "tickets",
    summary = "Change a ticket",
    params(("id" = String, Path, description = "The ticket's id (`42`) or reference (`DKT-1042`)")),
    request_body = TicketPatch,
    responses(
        (status = 200, description = "The ticket after the change", body = TicketDto),
        (status = 400, description = "Malformed JSON or an unknown field", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token, or a change the caller may not make", body = ErrorBody),
        (status = 404, description = "No such ticket, or one the caller may not see", body = ErrorBody),
        (status = 422, description = "Fields that need attention (a custom field's under `custom_fields.<key>`), or a status change the lifecycle refuses", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    TicketId(id): TicketId,
    Body(patch): Body<TicketPatch>,
) -> Result<Json<TicketDto>, ApiError> {
    let actor = caller.actor();
    let fields = Fields::load(&state.desk.db).await?;
    let custom = custom_fields::inputs_of(&fields, patch.custom_fields)?;
    let changes = commands::TicketChanges {
        status_id: patch.status_id,
        priority_id: patch.priority_id,
        category_id: patch.category_id,
        team_id: patch.team_id,
        assignee_id: patch.assignee_id,
        tags: patch.tags.map(|tags| tags.join(",")),
        due_on: patch.due_on,
        override_children: patch.override_children,
    };
    custom_values::update_with_fields(&state.desk.db, &actor, id, changes, custom, custom_fields::error_name).await?;
    Ok(Json(queries::get(&state.desk.db, &actor, id).await?.into()))
}
