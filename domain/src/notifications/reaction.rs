//! The agent-notifications reaction (durable, run after the change commits): the new assignee is
//! told (unless they assigned themselves), a customer's reply tells the assignee and the
//! followers, a note tells the agents it mentions, and a ticket opened for a team or moved to it
//! tells the team's members. Each hears through the channels they chose; a live event then tells
//! the bells of those notified in the app.

use super::{
    types::NotificationKind,
    write::{self, Notice},
};
use crate::{
    entities::{team_member, ticket_message},
    error::DomainError,
    live::{self, wire::LiveKind},
    reactions::{AuthorKind, Happened, TicketEvent, dispatch::ReactionFuture},
    ticket_types::Visibility,
    tickets::followers,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};

/// Whether a change may notify anyone: an assignment, a customer's reply, a note, or a ticket
/// opened for a team or moved to one.
pub fn concerns(happened: &Happened) -> bool {
    happened.events.iter().any(|event| match event {
        TicketEvent::Assigned { to: Some(_), .. }
        | TicketEvent::MessageAdded { visibility: Visibility::Public, author: AuthorKind::Customer, .. }
        | TicketEvent::MessageAdded { visibility: Visibility::Internal, author: AuthorKind::Agent, .. } => true,
        TicketEvent::Created { .. } => happened.ticket.team_id.is_some(),
        TicketEvent::FieldsChanged { changes } => moved_to_team(happened, changes),
        _ => false,
    })
}

fn moved_to_team(happened: &Happened, changes: &[crate::reactions::FieldChange]) -> bool {
    happened.ticket.team_id.is_some() && changes.iter().any(|c| c.field == "team" && c.new.is_some())
}

pub fn notify_agents<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        let (ticket, actor, at) = (&happened.ticket, &happened.actor, happened.at);
        let notice = |kind, message_id| Notice { kind, ticket, actor, at, message_id, text: None };
        let mut notified = 0;
        for event in &happened.events {
            match event {
                TicketEvent::Assigned { to: Some(assignee), .. } => {
                    notified += write::notify(txn, notice(NotificationKind::Assigned, None), [*assignee]).await?;
                }
                TicketEvent::MessageAdded {
                    message_id,
                    visibility: Visibility::Public,
                    author: AuthorKind::Customer,
                    ..
                } => {
                    let mut recipients = followers::of_ticket(txn, ticket.id).await?;
                    recipients.extend(ticket.assignee_id);
                    let about = notice(NotificationKind::CustomerReplied, Some(*message_id));
                    notified += write::notify(txn, about, recipients).await?;
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
                    let about = notice(NotificationKind::Mentioned, Some(*message_id));
                    notified += write::notify(txn, about, mentioned).await?;
                }
                TicketEvent::Created { first_message_id, .. } => {
                    let members = team_members(txn, ticket.team_id).await?;
                    let about = notice(NotificationKind::TeamTicket, Some(*first_message_id));
                    notified += write::notify(txn, about, members).await?;
                }
                TicketEvent::FieldsChanged { changes } if moved_to_team(happened, changes) => {
                    let members = team_members(txn, ticket.team_id).await?;
                    notified += write::notify(txn, notice(NotificationKind::TeamTicket, None), members).await?;
                }
                _ => {}
            }
        }
        if notified > 0 {
            live::record(txn, ticket, &happened.audience, LiveKind::Notified, actor).await?;
        }
        Ok::<(), DomainError>(())
    })
}

async fn team_members(db: &impl ConnectionTrait, team_id: Option<i64>) -> Result<Vec<i64>, DomainError> {
    let Some(team_id) = team_id else { return Ok(Vec::new()) };
    let rows = team_member::Entity::find().filter(team_member::Column::TeamId.eq(team_id)).all(db).await?;
    Ok(rows.into_iter().map(|m| m.user_id).collect())
}
