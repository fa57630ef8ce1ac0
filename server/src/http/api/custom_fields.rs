//! `GET /api/v1/custom_fields`: the desk's custom fields and their rules, for any valid token
//! (customers see the active fields shown to them).

use super::{
    auth::Caller,
    schemas::{CustomFieldDto, CustomFieldList, ErrorBody},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{Json, extract::State};

#[utoipa::path(
    get,
    path = "/api/v1/custom_fields",
    operation_id = "list_custom_fields",
    tag = "options",
    summary = "List custom fields",
    responses(
        (status = 200, description = "The fields in their order, with their rules and forms", body = CustomFieldList),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<CustomFieldList>, ApiError> {
    let fields = domain::custom_fields::queries::for_api(&state.desk.db, &caller.actor()).await?;
    Ok(Json(CustomFieldList { items: fields.into_iter().map(|(f, c)| CustomFieldDto::new(f, c)).collect() }))
}
