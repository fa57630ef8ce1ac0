//! `GET /api/v1/organizations`: the companies customers belong to (agents and admins).

use super::{
    auth::Caller,
    schemas::{ErrorBody, OrganizationList},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{Json, extract::State};

#[utoipa::path(
    get,
    path = "/api/v1/organizations",
    tag = "directory",
    summary = "List organizations (agents and admins)",
    responses(
        (status = 200, description = "Every organization, by name", body = OrganizationList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A customer's token", body = ErrorBody),
    )
)]
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<OrganizationList>, ApiError> {
    let items = domain::organizations::list(&state.desk.db, &caller.actor()).await?;
    Ok(Json(OrganizationList { items: items.into_iter().map(Into::into).collect() }))
}
