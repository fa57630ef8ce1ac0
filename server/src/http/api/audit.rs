//! `/api/v1/audit-entries`: the audit log for admins, newest first, filtered by who, what, which
//! object and when, a page at a time.

use super::{
    auth::Caller,
    extract::Params,
    schemas::{AuditEntryPage, ErrorBody},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{Json, extract::State};
use chrono::NaiveDate;
use domain::{DomainError, FieldError, audit_types::AuditFilterInput};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Who: a person's email address, or `system` for changes no person made.
    #[param(example = "admin@example.com", min_length = 1, max_length = 254)]
    actor: Option<String>,
    /// What: an action (`ticket.delete`) or a family of actions (`ticket`).
    #[param(example = "ticket", pattern = "^[a-z0-9_.]{1,64}$")]
    action: Option<String>,
    /// Which object: its kind (`ticket`, `user`, `team`, …).
    #[param(example = "ticket", pattern = "^[a-z0-9_.]{1,32}$")]
    target_kind: Option<String>,
    /// … and its id (needs `target_kind`).
    #[param(minimum = 1)]
    target_id: Option<i64>,
    /// The first day (UTC).
    #[param(example = "2026-12-01")]
    from: Option<NaiveDate>,
    /// The last day (UTC), not before `from`.
    #[param(example = "2026-12-07")]
    to: Option<NaiveDate>,
    /// The `next_before` of the previous page.
    #[param(minimum = 1)]
    before: Option<i64>,
}

#[utoipa::path(
    get,
    path = "/api/v1/audit-entries",
    operation_id = "list_audit_entries",
    tag = "audit",
    summary = "Read the audit log (admins)",
    description = "Administrative changes, newest first, 50 to a page. Each entry carries its place in the log's hash \
                   chain and its hash; `docket audit verify` checks the chain.",
    params(AuditParams),
    responses(
        (status = 200, description = "One page of entries, newest first", body = AuditEntryPage),
        (status = 400, description = "A parameter of the wrong type (an id or date that does not parse)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin's token", body = ErrorBody),
        (status = 422, description = "A field that does not hold: not an email or `system`, an action or kind of the \
                                      wrong shape, an id without its kind, a last day before the first, an empty value", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(params): Params<AuditParams>,
) -> Result<Json<AuditEntryPage>, ApiError> {
    // The page's form sends empty fields for "any"; an API client leaves the parameter out.
    let mut empty = Vec::new();
    for (name, value) in [("actor", &params.actor), ("action", &params.action), ("target_kind", &params.target_kind)] {
        if value.as_deref() == Some("") {
            empty.push(FieldError::new(name, "Leave the parameter out, or give it a value"));
        }
    }
    if !empty.is_empty() {
        return Err(DomainError::Validation(empty).into());
    }
    let number = |value: Option<i64>| value.map(|n| n.to_string());
    let day = |value: Option<NaiveDate>| value.map(|d| d.format("%Y-%m-%d").to_string());
    let input = AuditFilterInput {
        actor: params.actor,
        action: params.action,
        target_kind: params.target_kind,
        target_id: number(params.target_id),
        from: day(params.from),
        to: day(params.to),
        before: number(params.before),
    };
    let filter = input.parse()?;
    let page = domain::audit::query::list(&state.desk.db, &caller.actor(), &filter).await?;
    Ok(Json(page.into()))
}
