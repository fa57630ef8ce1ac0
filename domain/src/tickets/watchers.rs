//! What replies, notes and assignments set off inside their own transaction: automatic follows
//! (the assignee, the author of a note) and agents' notifications (assigned, a customer's reply,
//! an @mention in a note).

use super::{commands::side, followers, lifecycle::Side};
use crate::{
    entities::ticket,
    error::DomainError,
    notifications::{types::NotificationKind, write},
    policy::Actor,
    ticket_types::Visibility,
};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;

/// A new assignee follows the ticket and, unless they assigned themselves, is told.
pub(super) async fn after_assignment(
    txn: &DatabaseTransaction,
    actor: &Actor,
    ticket_id: i64,
    assignee_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    followers::add_quietly(txn, ticket_id, assignee_id, now).await?;
    write::notify(txn, NotificationKind::Assigned, ticket_id, actor, [assignee_id], now).await
}

/// A customer's reply notifies the assignee and the followers; an agent's note makes its author a
/// follower and notifies the agents it mentions.
pub(super) async fn after_message(
    txn: &DatabaseTransaction,
    actor: &Actor,
    row: &ticket::Model,
    visibility: Visibility,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    match (visibility, side(actor)) {
        (Visibility::Public, Side::Customer) => {
            let mut recipients = followers::of_ticket(txn, row.id).await?;
            recipients.extend(row.assignee_id);
            write::notify(txn, NotificationKind::CustomerReplied, row.id, actor, recipients, now).await
        }
        (Visibility::Internal, Side::Staff) => {
            if let Some(author) = actor.principal() {
                followers::add_quietly(txn, row.id, author.user_id, now).await?;
            }
            let mentioned = write::mentioned_staff(txn, body).await?;
            write::notify(txn, NotificationKind::Mentioned, row.id, actor, mentioned, now).await
        }
        _ => Ok(()),
    }
}
