//! Server function for the Kanban board. Moving a card goes through `bulk_update_tickets`.

use crate::error::AppError;
use domain::tickets::board::Board;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{DomainError, ticket_filter::TicketFilter, tickets::board::BoardGroup, tickets::board_query},
};

/// The board of the tickets a query selects, grouped by `status`, `assignee` or `priority`.
#[server(prefix = "/fn", endpoint = "load_board")]
pub async fn load_board(q: String, group: Option<String>) -> Result<Board, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let group = match group.as_deref().map(str::trim) {
        None | Some("") => BoardGroup::default(),
        Some(g) => BoardGroup::parse(g)
            .ok_or_else(|| fail(DomainError::field("group", "Choose status, assignee or priority")))?,
    };
    let filter = TicketFilter::parse(&q).map_err(|m| fail(DomainError::field("q", m)))?;
    board_query::board(&desk.db, &actor, &filter, group).await.map_err(fail)
}
