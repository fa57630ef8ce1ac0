//! Server function for the Kanban board. Moving a card goes through `bulk_update_tickets`.

use crate::error::AppError;
use domain::tickets::board::Board;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{DomainError, ticket_filter::TicketFilter, tickets::board::BoardGroup, tickets::board_query},
};

/// The board of the tickets a query selects, grouped by `status`, `assignee` or `priority`,
/// cards ordered by `updated` (the default) or `due`.
#[server(prefix = "/fn", endpoint = "load_board")]
pub async fn load_board(q: String, group: Option<String>, sort: Option<String>) -> Result<Board, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let group = match group.as_deref().map(str::trim) {
        None | Some("") => BoardGroup::default(),
        Some(g) => BoardGroup::parse(g)
            .ok_or_else(|| fail(DomainError::field("group", "Choose status, assignee or priority")))?,
    };
    let filter = TicketFilter::parse(&q).map_err(|m| fail(DomainError::field("q", m)))?;
    let by_due = match sort.as_deref().map(str::trim) {
        None | Some("" | "updated") => false,
        Some("due") => true,
        Some(_) => return Err(fail(DomainError::field("sort", "Order cards by updated or due"))),
    };
    board_query::board(&desk.db, &actor, &filter, group, by_due).await.map_err(fail)
}
