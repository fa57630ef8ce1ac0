//! `/api/v1/users`: the directory for agents and admins, and new users for admins.

use super::{
    auth::{AdminCaller, Caller},
    extract::{Body, Id, Params},
    schemas::{ErrorBody, NewUserBody, RoleName, UserDto, UserPage},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
};
use domain::{
    DomainError, Role,
    accounts::{
        NewUser, commands,
        invitations::{self, Invite},
        queries,
    },
};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserParams {
    /// Only the users of this role.
    #[param(value_type = Option<RoleName>)]
    role: Option<String>,
    /// Part of the name or email.
    q: Option<String>,
    /// Only the members of this organization.
    organization_id: Option<i64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

fn role_of(text: &str) -> Result<Role, DomainError> {
    Role::parse(text).ok_or_else(|| DomainError::field("role", "Choose customer, agent, manager or admin"))
}

#[utoipa::path(
    get,
    path = "/api/v1/users",
    operation_id = "list_users",
    tag = "directory",
    summary = "List users (agents and admins)",
    params(UserParams),
    responses(
        (status = 200, description = "One page of users, oldest first", body = UserPage),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A customer's token", body = ErrorBody),
        (status = 422, description = "An unknown role or a bad cursor", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(params): Params<UserParams>,
) -> Result<Json<UserPage>, ApiError> {
    let role = params.role.as_deref().filter(|r| !r.is_empty()).map(role_of).transpose()?;
    let after_id = match params.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(c.parse::<i64>().map_err(|_| DomainError::field("cursor", "This page link is out of date"))?),
    };
    let filter = queries::UserFilter { role, query: params.q, organization_id: params.organization_id, after_id };
    let page = queries::list(&state.desk.db, &caller.actor(), filter).await?;
    Ok(Json(UserPage { items: page.items.into_iter().map(Into::into).collect(), next_cursor: page.next_cursor }))
}

#[utoipa::path(
    get,
    path = "/api/v1/users/{id}",
    operation_id = "get_user",
    tag = "directory",
    summary = "Read a user (agents and admins)",
    params(("id" = i64, Path, description = "The user's id")),
    responses(
        (status = 200, description = "The user", body = UserDto),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A customer's token", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    )
)]
pub async fn get(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<Json<UserDto>, ApiError> {
    Ok(Json(queries::get(&state.desk.db, &caller.actor(), id).await?.into()))
}

#[utoipa::path(
    post,
    path = "/api/v1/users",
    operation_id = "create_user",
    tag = "directory",
    summary = "Create a user, with a password or invited by mail to choose one (admin scope)",
    request_body = NewUserBody,
    responses(
        (status = 201, description = "The new user", body = UserDto, headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin's token with the admin scope", body = ErrorBody),
        (status = 422, description = "Fields that need attention (a taken email, a short password)", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    AdminCaller(caller): AdminCaller,
    Body(input): Body<NewUserBody>,
) -> Result<(StatusCode, [(header::HeaderName, String); 1], Json<UserDto>), ApiError> {
    let (db, actor, role) = (&state.desk.db, caller.actor(), role_of(&input.role)?);
    let user = match input.password {
        Some(password) => {
            let new = NewUser {
                name: input.name,
                email: input.email,
                password,
                role,
                organization_id: input.organization_id,
            };
            commands::create_user(db, &actor, new).await?
        }
        None => {
            let invite = Invite { name: input.name, email: input.email, role, organization_id: input.organization_id };
            invitations::invite(db, &actor, invite).await?
        }
    };
    let location = format!("/api/v1/users/{}", user.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(user.into())))
}
