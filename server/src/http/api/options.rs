//! `GET /api/v1/statuses`, `/priorities`, `/categories`: the options ticket forms offer, for any
//! valid token.

use super::{
    auth::Caller,
    schemas::{ErrorBody, OptionList, StatusList},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{Json, extract::State};
use domain::tickets::catalog;

#[utoipa::path(
    get,
    path = "/api/v1/statuses",
    operation_id = "list_statuses",
    tag = "options",
    summary = "List statuses",
    responses(
        (status = 200, description = "Active statuses in workflow order", body = StatusList),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn statuses(State(state): State<AppState>, caller: Caller) -> Result<Json<StatusList>, ApiError> {
    let items = catalog::statuses(&state.desk.db, &caller.actor()).await?;
    Ok(Json(StatusList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(
    get,
    path = "/api/v1/priorities",
    operation_id = "list_priorities",
    tag = "options",
    summary = "List priorities",
    responses(
        (status = 200, description = "Active priorities, lowest first", body = OptionList),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn priorities(State(state): State<AppState>, caller: Caller) -> Result<Json<OptionList>, ApiError> {
    let items = catalog::priorities(&state.desk.db, &caller.actor()).await?;
    Ok(Json(OptionList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(
    get,
    path = "/api/v1/categories",
    operation_id = "list_categories",
    tag = "options",
    summary = "List categories",
    responses(
        (status = 200, description = "Active categories, by name", body = OptionList),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn categories(State(state): State<AppState>, caller: Caller) -> Result<Json<OptionList>, ApiError> {
    let items = catalog::categories(&state.desk.db, &caller.actor()).await?;
    Ok(Json(OptionList { items: items.into_iter().map(Into::into).collect() }))
}
