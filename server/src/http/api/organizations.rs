//! `/api/v1/organizations`: the companies customers belong to (agents and admins read them),
//! created and changed with the admin scope: name, email domains, whether members share tickets.

use super::{
    auth::{AdminCaller, Caller},
    extract::{Body, Id},
    schemas::{ErrorBody, NewOrganizationBody, OrganizationDto, OrganizationList, OrganizationPatch},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
};
use domain::organizations::{self, OrganizationInput};

#[utoipa::path(
    get,
    path = "/api/v1/organizations",
    operation_id = "list_organizations",
    tag = "directory",
    summary = "List organizations (agents and admins)",
    responses(
        (status = 200, description = "Every organization, by name", body = OrganizationList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A customer's token", body = ErrorBody),
    )
)]
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<OrganizationList>, ApiError> {
    let items = organizations::list(&state.desk.db, &caller.actor()).await?;
    Ok(Json(OrganizationList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(
    get,
    path = "/api/v1/organizations/{id}",
    operation_id = "get_organization",
    tag = "directory",
    summary = "Read an organization (agents and admins)",
    params(("id" = i64, Path, description = "The organization's id")),
    responses(
        (status = 200, description = "The organization", body = OrganizationDto),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A customer's token", body = ErrorBody),
        (status = 404, description = "No such organization", body = ErrorBody),
    )
)]
pub async fn get(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<Json<OrganizationDto>, ApiError> {
    Ok(Json(organizations::detail(&state.desk.db, &caller.actor(), id).await?.into()))
}

#[utoipa::path(
    post,
    path = "/api/v1/organizations",
    operation_id = "create_organization",
    tag = "directory",
    summary = "Create an organization (admin scope)",
    description = "Verified customers at its domains who belong to no organization join it at once.",
    request_body = NewOrganizationBody,
    responses(
        (status = 201, description = "The new organization", body = OrganizationDto, headers(("Location" = String))),
        (status = 400, description = "Malformed JSON or an unknown field", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin's token with the admin scope", body = ErrorBody),
        (status = 422, description = "A missing or taken name; a domain that is malformed, public or another organization's", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    AdminCaller(caller): AdminCaller,
    Body(input): Body<NewOrganizationBody>,
) -> Result<(StatusCode, [(header::HeaderName, String); 1], Json<OrganizationDto>), ApiError> {
    let actor = caller.actor();
    let input = OrganizationInput {
        name: input.name,
        shares_tickets: input.shares_tickets,
        domains: input.domains.into_iter().map(|d| d.0).collect::<Vec<_>>().join("\n"),
    };
    let (id, _) = organizations::create(&state.desk.db, &actor, input).await?;
    let view = organizations::detail(&state.desk.db, &actor, id).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/organizations/{id}"))], Json(view.into())))
}

#[utoipa::path(
    patch,
    path = "/api/v1/organizations/{id}",
    operation_id = "update_organization",
    tag = "directory",
    summary = "Change an organization (admin scope)",
    description = "Fields left out keep their value; `domains` replaces the whole list.",
    params(("id" = i64, Path, description = "The organization's id")),
    request_body = OrganizationPatch,
    responses(
        (status = 200, description = "The organization after the change", body = OrganizationDto),
        (status = 400, description = "Malformed JSON or an unknown field", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin's token with the admin scope", body = ErrorBody),
        (status = 404, description = "No such organization", body = ErrorBody),
        (status = 422, description = "A missing or taken name; a domain that is malformed, public or another organization's", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    AdminCaller(caller): AdminCaller,
    Id(id): Id,
    Body(patch): Body<OrganizationPatch>,
) -> Result<Json<OrganizationDto>, ApiError> {
    let actor = caller.actor();
    let now = organizations::detail(&state.desk.db, &actor, id).await?;
    let input = OrganizationInput {
        name: patch.name.unwrap_or(now.name),
        shares_tickets: patch.shares_tickets.unwrap_or(now.shares_tickets),
        domains: patch.domains.map(|d| d.into_iter().map(|d| d.0).collect()).unwrap_or(now.domains).join("\n"),
    };
    organizations::update(&state.desk.db, &actor, id, input).await?;
    Ok(Json(organizations::detail(&state.desk.db, &actor, id).await?.into()))
}
