//! `/api/v1/sla`: service levels: attainment per policy and target over a period (admins), and
//! the open tickets likely to breach (agents).

use super::{
    auth::Caller,
    extract::Params,
    schemas::{AtRiskList, AttainmentDto, ErrorBody},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{Json, extract::State};
use chrono::NaiveDate;
use domain::DomainError;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    /// The first day (UTC) of the period.
    #[param(example = "2026-11-01")]
    from: NaiveDate,
    /// The day after the last (UTC); at most 400 days after `from`.
    #[param(example = "2026-12-01")]
    to: NaiveDate,
}

#[utoipa::path(
    get,
    path = "/api/v1/sla/attainment",
    operation_id = "get_sla_attainment",
    tag = "service levels",
    summary = "SLA attainment over a period (admins)",
    description = "Per policy and target: the clocks met in time and breached in the period, and the share met. A clock \
                   counts in the period it was met in, or, breached and still unmet, in the period it breached in.",
    params(PeriodParams),
    responses(
        (status = 200, description = "Attainment per policy and target", body = AttainmentDto),
        (status = 400, description = "A missing or malformed date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin's token", body = ErrorBody),
        (status = 422, description = "A period that ends before it starts, or is longer than 400 days", body = ErrorBody),
    )
)]
pub async fn attainment(
    State(state): State<AppState>,
    caller: Caller,
    Params(params): Params<PeriodParams>,
) -> Result<Json<AttainmentDto>, ApiError> {
    let start = |day: NaiveDate| day.and_hms_opt(0, 0, 0).map(|d| d.and_utc()).ok_or(DomainError::Internal);
    let view =
        domain::sla::attainment::attainment(&state.desk.db, &caller.actor(), start(params.from)?, start(params.to)?)
            .await?;
    Ok(Json(view.into()))
}

#[utoipa::path(
    get,
    path = "/api/v1/sla/at-risk",
    operation_id = "list_tickets_at_risk",
    tag = "service levels",
    summary = "Tickets likely to breach (agents)",
    description = "Open tickets within the caller's reach whose first-response or resolution target is likely to be \
                   missed, judged by how long similar tickets (same category and priority) took on this desk, the \
                   assignee's open load and the business time left. Most likely first, at most 100.",
    responses(
        (status = 200, description = "The tickets at risk", body = AtRiskList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A customer's token", body = ErrorBody),
    )
)]
pub async fn at_risk(State(state): State<AppState>, caller: Caller) -> Result<Json<AtRiskList>, ApiError> {
    let items = domain::sla::risk::at_risk(&state.desk.db, &caller.actor()).await?;
    Ok(Json(AtRiskList { items: items.into_iter().map(Into::into).collect() }))
}
