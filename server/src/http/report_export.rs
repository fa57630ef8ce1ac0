//! `GET /reports/export/{chart}?from=…&to=…&team=…&fields=…`: one chart of a report as a CSV download,
//! for whoever may see reports, with the same period and filters as the page's address.

use crate::{
    http::{attachments::content_disposition, error::ApiError, session_actor::session_actor},
    state::AppState,
};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use domain::{
    DomainError,
    reports::{compute, csv, input},
};
use std::collections::HashMap;
use tower_sessions::Session;

pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(chart): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let given = |name: &str| params.get(name).cloned();
    let filters = input::FilterInput {
        from: given("from"),
        to: given("to"),
        team: given("team"),
        category: given("category"),
        priority: given("priority"),
        channel: given("channel"),
        organization: given("organization"),
        fields: given("fields"),
    };
    let report = async {
        let actor = session_actor(&state, &session).await?;
        if !csv::CHARTS.iter().any(|(name, _)| *name == chart) {
            return Err(DomainError::NotFound);
        }
        let filter = input::parse(&filters, domain::clock::now().date_naive())?;
        compute::report(&state.desk.db, &actor, filter).await
    };
    let report = match report.await {
        Ok(report) => report,
        Err(err) => return ApiError(err).into_response(),
    };
    let Some(text) = csv::of(&report, &chart) else { return ApiError(DomainError::NotFound).into_response() };
    let mut res = text.into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&content_disposition("attachment", &csv::file_name(&report, &chart))) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}
