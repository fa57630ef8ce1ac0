//! `POST /api/v1/tickets`: opens a ticket on the `api` channel.

use crate::{
    http::{
        api::{
            auth::Caller,
            extract::Body,
            schemas::{ErrorBody, NewTicketBody, TicketDto, custom_fields},
        },
        error::ApiError,
    },
    state::AppState,
};
use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
};
use domain::{
    custom_fields::catalog::Fields,
    ticket_types::Channel,
    tickets::{commands, queries},
};

#[utoipa::path(
    post,
    path = "/api/v1/tickets",
    operation_id = "create_ticket",
    tag = "tickets",
    summary = "Open a ticket",
    description = "Send an `Idempotency-Key` header to retry safely.",
    request_body = NewTicketBody,
    responses(
        (status = 201, description = "The new ticket", body = TicketDto, headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token", body = ErrorBody),
        (status = 409, description = "The same Idempotency-Key is in use by a running request", body = ErrorBody),
        (status = 413, description = "The body is over 1 MB", body = ErrorBody),
        (status = 422, description = "Fields that need attention (a custom field's under `custom_fields.<key>`), or an Idempotency-Key reused with another body", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Body(input): Body<NewTicketBody>,
) -> Result<(StatusCode, [(header::HeaderName, String); 1], Json<TicketDto>), ApiError> {
    let actor = caller.actor();
    let fields = Fields::load(&state.desk.db).await?;
    let custom = custom_fields::inputs_of(&fields, input.custom_fields)?;
    let new = commands::NewTicket {
        subject: input.subject,
        body: input.body,
        category_id: input.category_id,
        priority_id: input.priority_id,
        requester_email: input.requester_email.filter(|e| !e.trim().is_empty()),
        requester_name: input.requester_name,
        channel: Some(Channel::Api),
        attachments: Vec::new(),
        fields: custom,
        ..Default::default()
    };
    let created = commands::create_queued(&state.desk.writes, &actor, new)
        .await
        .map_err(|e| custom_fields::api_errors(e, &fields))?;
    let view = queries::get(&state.desk.db, &actor, created.id).await?;
    let location = format!("/api/v1/tickets/{}", created.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view.into())))
}
