//! The customer-mail reaction: the requester hears of a new request they opened on the web (an
//! acknowledgment), of an agent's public reply, and of their request being solved or waiting on
//! them. A durable reaction: it runs after the change commits and puts the mail in the outbox,
//! which the mail sender delivers.

use super::notify::{self, Notice};
use crate::{
    entities::{ticket_message, user},
    error::DomainError,
    policy::Actor,
    reactions::{AuthorKind, Happened, TicketEvent, dispatch::ReactionFuture},
    role::Role,
    ticket_types::{StatusCategory, Visibility},
};
use sea_orm::{DatabaseTransaction, EntityTrait};

fn by_staff(actor: &Actor) -> bool {
    matches!(actor, Actor::System) || actor.role().is_some_and(Role::is_staff)
}

/// Whether a change may mail the customer: a new request, an agent's public reply, or staff
/// solving it or putting it on hold.
pub fn concerns(happened: &Happened) -> bool {
    happened.events.iter().any(|event| match event {
        TicketEvent::Created { quiet, .. } => !quiet,
        TicketEvent::MessageAdded { visibility: Visibility::Public, author: AuthorKind::Agent, .. } => true,
        TicketEvent::MessageAdded { visibility: Visibility::Public, author: AuthorKind::System, .. } => true,
        TicketEvent::StatusChanged { to: StatusCategory::Solved | StatusCategory::Pending, .. } => {
            by_staff(&happened.actor)
        }
        _ => false,
    })
}

pub fn mail_the_customer<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        let (ticket, at) = (&happened.ticket, happened.at);
        for event in &happened.events {
            match event {
                TicketEvent::Created { first_message_id, quiet: false, .. } => {
                    notify::notify(txn, ticket, Notice::Acknowledgment { message_id: *first_message_id }, at).await?;
                }
                TicketEvent::MessageAdded {
                    message_id,
                    visibility: Visibility::Public,
                    author: AuthorKind::Agent,
                    ..
                } => {
                    let Some(agent) = happened.actor.principal() else { continue };
                    let body = ticket_message::Entity::find_by_id(*message_id).one(txn).await?.map(|m| m.body);
                    let name = user::Entity::find_by_id(agent.user_id).one(txn).await?.map(|u| u.name);
                    let notice = Notice::AgentReply {
                        message_id: *message_id,
                        body: body.as_deref().unwrap_or_default(),
                        agent_name: name.as_deref().unwrap_or_default(),
                    };
                    notify::notify(txn, ticket, notice, at).await?;
                }
                TicketEvent::MessageAdded {
                    message_id,
                    visibility: Visibility::Public,
                    author: AuthorKind::System,
                    ..
                } => {
                    let body = ticket_message::Entity::find_by_id(*message_id).one(txn).await?.map(|m| m.body);
                    let notice =
                        Notice::AutomaticReply { message_id: *message_id, body: body.as_deref().unwrap_or_default() };
                    notify::notify(txn, ticket, notice, at).await?;
                }
                TicketEvent::StatusChanged { to, .. } if by_staff(&happened.actor) => {
                    let notice = match to {
                        StatusCategory::Solved => Notice::Solved,
                        StatusCategory::Pending => Notice::WaitingOnCustomer,
                        _ => continue,
                    };
                    notify::notify(txn, ticket, notice, at).await?;
                }
                _ => {}
            }
        }
        Ok::<(), DomainError>(())
    })
}
