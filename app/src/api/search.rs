//! Server functions for finding tickets: search and filters, saved views, and bulk changes on
//! a selection.

use crate::error::AppError;
use domain::{ticket_filter::SavedView, ticket_types::TicketSummary, views::Page};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        ticket_filter::{Sort, TicketFilter},
        tickets::{commands, filtering},
    },
};

#[cfg(feature = "ssr")]
fn sort_of(sort: Option<String>) -> Result<Sort, AppError> {
    match sort.as_deref().map(str::trim) {
        None | Some("") => Ok(Sort::default()),
        Some(s) => Sort::parse(s).ok_or_else(|| fail(DomainError::field("sort", "Choose one of the orders"))),
    }
}

/// Tickets matching a query in the search syntax, that the caller may see.
#[server(prefix = "/fn", endpoint = "search_tickets")]
pub async fn search_tickets(
    q: String,
    sort: Option<String>,
    after: Option<String>,
) -> Result<Page<TicketSummary>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let filter = TicketFilter::parse(&q).map_err(|m| fail(DomainError::field("q", m)))?;
    filtering::list(&desk.db, &actor, &filter, sort_of(sort)?, after.as_deref()).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "list_saved_views")]
pub async fn list_saved_views() -> Result<Vec<SavedView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::saved_views::list(&desk.db, &actor).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "save_view")]
pub async fn save_view(name: String, q: String, sort: Option<String>, shared: Option<String>) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let shared = shared.is_some_and(|s| s == "on" || s == "true");
    domain::saved_views::save(&desk.db, &actor, &name, &q, sort_of(sort)?, shared).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "delete_view")]
pub async fn delete_view(id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::saved_views::delete(&desk.db, &actor, id).await.map_err(fail)
}

/// What a bulk change did, for the page to report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BulkResult {
    pub changed: usize,
    /// `DKT-1042: message` lines for the tickets that did not change.
    pub failed: Vec<String>,
}

/// Sets status, priority or assignee on the selected tickets (`ticket_ids[0]=…`).
#[server(prefix = "/fn", endpoint = "bulk_update_tickets")]
pub async fn bulk_update_tickets(
    ticket_ids: Option<Vec<i64>>,
    status_id: Option<String>,
    priority_id: Option<String>,
    assignee_id: Option<String>,
) -> Result<BulkResult, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let id = |field: &str, value: Option<String>| -> Result<Option<i64>, AppError> {
        match value.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| fail(DomainError::field(field, "Choose one of the options"))),
        }
    };
    let assignee_id = match assignee_id.as_deref().map(str::trim) {
        Some("none") => Some(None),
        other => id("assignee_id", other.map(str::to_owned))?.map(Some),
    };
    let changes = commands::TicketChanges {
        status_id: id("status_id", status_id)?,
        priority_id: id("priority_id", priority_id)?,
        assignee_id,
        ..Default::default()
    };
    let ids = ticket_ids.unwrap_or_default();
    let outcome = commands::bulk_update(&desk.db, &actor, &ids, changes).await.map_err(fail)?;
    Ok(BulkResult {
        changed: outcome.changed.len(),
        failed: outcome
            .failed
            .into_iter()
            .map(|(id, err)| format!("#{id}: {}", crate::error::AppError::from(err).message_with_fields()))
            .collect(),
    })
}
