//! Server functions for a ticket's links, merge and followers.

use crate::error::AppError;
use domain::link_types::TicketRelations;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        link_types::Relation,
        tickets::{followers, links, merge, relations},
    },
};

#[server(prefix = "/fn", endpoint = "load_ticket_relations")]
pub async fn load_ticket_relations(ticket_id: i64) -> Result<TicketRelations, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    relations::get(&desk.db, &actor, ticket_id).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "add_ticket_link")]
pub async fn add_ticket_link(ticket_id: i64, relation: String, reference: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let relation = Relation::parse(&relation)
        .ok_or_else(|| fail(DomainError::field("relation", "Choose how the tickets are related")))?;
    links::add(&desk.db, &actor, ticket_id, relation, &reference).await.map_err(fail)?;
    Ok(())
}

#[server(prefix = "/fn", endpoint = "remove_ticket_link")]
pub async fn remove_ticket_link(ticket_id: i64, link_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    links::remove(&desk.db, &actor, ticket_id, link_id).await.map_err(fail)?;
    Ok(())
}

/// Merges the ticket into `target` (a reference); the form must tick `confirm`. Returns the
/// target's id.
#[server(prefix = "/fn", endpoint = "merge_ticket")]
pub async fn merge_ticket(ticket_id: i64, target: String, confirm: Option<String>) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let confirmed = super::form::checked(confirm.as_deref());
    Ok(merge::merge(&desk.db, &actor, ticket_id, &target, confirmed).await.map_err(fail)?.id)
}

#[server(prefix = "/fn", endpoint = "follow_ticket")]
pub async fn follow_ticket(ticket_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    followers::follow(&desk.db, &actor, ticket_id).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "unfollow_ticket")]
pub async fn unfollow_ticket(ticket_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    followers::unfollow(&desk.db, &actor, ticket_id).await.map_err(fail)
}
