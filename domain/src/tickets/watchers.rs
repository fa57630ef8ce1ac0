//! The followers reaction: a new assignee follows the ticket, and so does the author of a note.

use super::followers;
use crate::{
    error::DomainError,
    reactions::{AuthorKind, Happened, TicketEvent, dispatch::ReactionFuture},
    ticket_types::Visibility,
};
use sea_orm::DatabaseTransaction;

pub fn follow_on_assignment_and_notes<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        for event in &happened.events {
            let follower = match event {
                TicketEvent::Assigned { to: Some(assignee), .. } => Some(*assignee),
                TicketEvent::MessageAdded { visibility: Visibility::Internal, author: AuthorKind::Agent, .. } => {
                    happened.actor.principal().map(|p| p.user_id)
                }
                _ => None,
            };
            if let Some(user_id) = follower {
                followers::add_quietly(txn, happened.ticket.id, user_id, happened.at).await?;
            }
        }
        Ok::<(), DomainError>(())
    })
}
