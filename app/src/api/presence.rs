//! Server function for presence: an agent's heartbeat on a ticket, answered with who else is on it.

use crate::error::AppError;
use domain::views::PresenceView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{DomainError, live::presence, live::wire::LiveKind},
};

/// `state` is `viewing`, `typing` or `left`; without one, only reads who is there (what a page
/// does when told someone else's presence changed, so two pages never answer each other).
#[server(prefix = "/fn", endpoint = "ticket_presence")]
pub async fn ticket_presence(ticket_id: i64, state: Option<String>) -> Result<Vec<PresenceView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let kind = match state.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            LiveKind::parse(text)
                .filter(|k| k.is_presence())
                .ok_or_else(|| fail(DomainError::field("state", "Choose viewing, typing or left")))?,
        ),
    };
    presence::heartbeat(&desk.db, &desk.presence, &actor, ticket_id, kind).await.map_err(fail)
}
