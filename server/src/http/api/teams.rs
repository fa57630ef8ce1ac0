//! `/api/v1/teams`: teams with their members (agents and admins), and new teams (admins).

use super::{
    auth::{AdminCaller, Caller},
    extract::Body,
    schemas::{ErrorBody, NewTeamBody, TeamDto, TeamList},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{Json, extract::State, http::StatusCode};
use domain::{
    DomainError,
    teams::{commands, queries},
};

#[utoipa::path(
    get,
    path = "/api/v1/teams",
    operation_id = "list_teams",
    tag = "directory",
    summary = "List teams (agents and admins)",
    responses(
        (status = 200, description = "Every team with its members, by name", body = TeamList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A customer's token", body = ErrorBody),
    )
)]
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<TeamList>, ApiError> {
    let items = queries::list(&state.desk.db, &caller.actor()).await?;
    Ok(Json(TeamList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(
    post,
    path = "/api/v1/teams",
    operation_id = "create_team",
    tag = "directory",
    summary = "Create a team (admin scope)",
    request_body = NewTeamBody,
    responses(
        (status = 201, description = "The new team", body = TeamDto),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin's token with the admin scope", body = ErrorBody),
        (status = 422, description = "A missing or taken name", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    AdminCaller(caller): AdminCaller,
    Body(input): Body<NewTeamBody>,
) -> Result<(StatusCode, Json<TeamDto>), ApiError> {
    let actor = caller.actor();
    let id = commands::create(&state.desk.db, &actor, &input.name, &input.description).await?;
    let team =
        queries::list(&state.desk.db, &actor).await?.into_iter().find(|t| t.id == id).ok_or(DomainError::Internal)?;
    Ok((StatusCode::CREATED, Json(team.into())))
}
