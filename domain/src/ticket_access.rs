//! The database side of ticket authorization: the facts about a ticket that `policy` decides on,
//! and loading a ticket only for an actor who may see it. Ticket commands and queries, attachments
//! and presence all ask here.

use crate::{
    entities::{organization, ticket},
    error::DomainError,
    policy::{Actor, TicketAction, TicketFacts, can_on_ticket},
};
use sea_orm::{ConnectionTrait, EntityTrait};

/// The facts about a ticket that authorization looks at.
pub async fn facts(db: &impl ConnectionTrait, row: &ticket::Model) -> Result<TicketFacts, DomainError> {
    let organization_shares = match row.organization_id {
        Some(id) => organization::Entity::find_by_id(id).one(db).await?.is_some_and(|o| o.shares_tickets),
        None => false,
    };
    Ok(TicketFacts {
        ticket_id: row.id,
        requester_id: row.requester_id,
        organization_id: row.organization_id,
        organization_shares,
    })
}

/// Loads a ticket the actor may see. One the actor may not see is "not found", never "forbidden",
/// so that ids reveal nothing.
pub async fn visible_ticket(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> Result<(ticket::Model, TicketFacts), DomainError> {
    let row = ticket::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound)?;
    let facts = facts(db, &row).await?;
    if !can_on_ticket(actor, TicketAction::View, &facts) {
        return Err(if matches!(actor, Actor::Anonymous) {
            DomainError::Unauthenticated
        } else {
            DomainError::NotFound
        });
    }
    Ok((row, facts))
}
