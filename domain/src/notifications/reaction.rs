//! The agent-notifications reaction (durable, run after the change commits): the new assignee is
//! told (unless they assigned themselves), a customer's reply tells the assignee and the
//! followers, and a note tells the agents it mentions. A live event then tells their bells.

use super::{types::NotificationKind, write};
use crate::{
    entities::ticket_message,
    error::DomainError,
    live::{self, wire::LiveKind},
    reactions::{AuthorKind, Happened, TicketEvent, dispatch::ReactionFuture},
    ticket_types::Visibility,
    tickets::followers,
};
use sea_orm::{DatabaseTransaction, EntityTrait};

/// Whether a change may notify anyone: an assignment, a customer's reply or a note.
pub fn concerns(happened: &Happened) -> bool {
    happened.events.iter().any(|event| {
        matches!(
            event,
            TicketEvent::Assigned { to: Some(_), .. }
                | TicketEvent::MessageAdded { visibility: Visibility::Public, author: AuthorKind::Customer, .. }
                | TicketEvent::MessageAdded { visibility: Visibility::Internal, author: AuthorKind::Agent, .. }
        )
    })
}

pub fn notify_agents<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        let (ticket, actor, at) = (&happened.ticket, &happened.actor, happened.at);
        let mut notified = 0;
        for event in &happened.events {
            match event {
                TicketEvent::Assigned { to: Some(assignee), .. } => {
                    notified +=
                        write::notify(txn, NotificationKind::Assigned, ticket.id, actor, [*assignee], at).await?;
                }
                TicketEvent::MessageAdded { visibility: Visibility::Public, author: AuthorKind::Customer, .. } => {
                    let mut recipients = followers::of_ticket(txn, ticket.id).await?;
                    recipients.extend(ticket.assignee_id);
                    notified +=
                        write::notify(txn, NotificationKind::CustomerReplied, ticket.id, actor, recipients, at).await?;
                }
                TicketEvent::MessageAdded {
                    message_id,
                    visibility: Visibility::Internal,
                    author: AuthorKind::Agent,
                    ..
                } => {
                    let Some(note) = ticket_message::Entity::find_by_id(*message_id).one(txn).await? else {
                        continue;
                    };
                    let mentioned = write::mentioned_staff(txn, &note.body).await?;
                    notified +=
                        write::notify(txn, NotificationKind::Mentioned, ticket.id, actor, mentioned, at).await?;
                }
                _ => {}
            }
        }
        if notified > 0 {
            live::record(txn, ticket.id, &happened.audience, LiveKind::Notified, actor).await?;
        }
        Ok::<(), DomainError>(())
    })
}
