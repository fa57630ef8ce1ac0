//! `GET /api/v1/tickets`: the tickets the caller may see, filtered and sorted, one keyset page at a
//! time. Filters are the search syntax in `q`, and/or one parameter per field (comma-separated
//! values are alternatives).

use crate::{
    http::{
        api::{
            auth::Caller,
            extract::Params,
            schemas::{ErrorBody, TicketPage, TicketSortName},
        },
        error::ApiError,
    },
    state::AppState,
};
use axum::{Json, extract::State};
use chrono::NaiveDate;
use domain::{
    DomainError,
    ticket_filter::{FilterField, Sort, TicketFilter},
    tickets::filtering,
};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Search syntax: words, `"phrases"`, `-excluded`, `prefix*`, `field:value` pairs, and the service-level
    /// terms `due<2h`, `due>1d`, `breached:yes`, `breached:no` and `sla:"Policy name"`.
    #[param(example = "vpn status:open")]
    q: Option<String>,
    /// Status names or categories (`new`, `open`, `pending`, `solved`, `closed`, `unsolved`).
    #[param(example = "open,pending")]
    status: Option<String>,
    /// Priority names (agents).
    priority: Option<String>,
    /// Category names.
    category: Option<String>,
    /// Team names (agents).
    team: Option<String>,
    /// `me`, `none`, or an agent's email (agents).
    #[param(example = "me")]
    assignee: Option<String>,
    /// Tags (agents).
    tag: Option<String>,
    /// `me` or a requester's email (agents).
    requester: Option<String>,
    /// Organization names (agents).
    organization: Option<String>,
    /// Created on or after this day (UTC).
    created_from: Option<NaiveDate>,
    /// Created before this day (UTC).
    created_before: Option<NaiveDate>,
    /// Updated on or after this day (UTC).
    updated_from: Option<NaiveDate>,
    /// Updated before this day (UTC).
    updated_before: Option<NaiveDate>,
    /// `updated` (default), `oldest`, `created`, `priority`, `relevance` (with words) or `due` (the
    /// next SLA due time first, tickets without one last).
    #[param(value_type = Option<TicketSortName>, example = "due")]
    sort: Option<String>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

fn filter_of(params: &ListParams) -> Result<TicketFilter, DomainError> {
    let mut filter =
        TicketFilter::parse(params.q.as_deref().unwrap_or_default()).map_err(|m| DomainError::field("q", m))?;
    let fields = [
        (FilterField::Status, &params.status),
        (FilterField::Priority, &params.priority),
        (FilterField::Category, &params.category),
        (FilterField::Team, &params.team),
        (FilterField::Assignee, &params.assignee),
        (FilterField::Tag, &params.tag),
        (FilterField::Requester, &params.requester),
        (FilterField::Organization, &params.organization),
    ];
    for (field, values) in fields {
        for value in values.iter().flat_map(|v| v.split(',')).map(str::trim).filter(|v| !v.is_empty()) {
            filter.add(field, value.to_lowercase());
        }
    }
    filter.created_from = params.created_from.or(filter.created_from);
    filter.created_before = params.created_before.or(filter.created_before);
    filter.updated_from = params.updated_from.or(filter.updated_from);
    filter.updated_before = params.updated_before.or(filter.updated_before);
    Ok(filter)
}

#[utoipa::path(
    get,
    path = "/api/v1/tickets",
    operation_id = "list_tickets",
    tag = "tickets",
    summary = "List tickets",
    description = "Customers get their own requests (and their organization's when it shares them) and may filter by \
                   status, category, dates and words; agents get every ticket.",
    params(ListParams),
    responses(
        (status = 200, description = "One page of tickets, recently updated first", body = TicketPage),
        (status = 400, description = "A parameter that is not understood", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "A filter naming nothing, or an outdated cursor", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(params): Params<ListParams>,
) -> Result<Json<TicketPage>, ApiError> {
    let filter = filter_of(&params)?;
    let sort = match params.sort.as_deref() {
        None => Sort::default(),
        Some(s) => Sort::parse(s)
            .ok_or_else(|| DomainError::field("sort", "Choose updated, oldest, created, priority, relevance or due"))?,
    };
    let page = filtering::list(&state.desk.db, &caller.actor(), &filter, sort, params.cursor.as_deref()).await?;
    Ok(Json(TicketPage { items: page.items.into_iter().map(Into::into).collect(), next_cursor: page.next_cursor }))
}
