//! Agents who follow a ticket: they follow and unfollow it themselves (recorded in its history),
//! and become followers quietly when they are assigned or write a note.

use super::writing::event;
use crate::{
    entities::{ticket, ticket_follower, user},
    error::DomainError,
    live,
    policy::{Actor, TicketAction, TicketFacts, can_on_ticket},
    reactions::{Happened, TicketEvent},
    ticket_access,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::OnConflict,
};

/// Adds a follower unless they follow already; true when they were added.
pub(crate) async fn add_quietly(
    db: &impl ConnectionTrait,
    ticket_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let row = ticket_follower::ActiveModel { ticket_id: Set(ticket_id), user_id: Set(user_id), created_at: Set(now) };
    let inserted = ticket_follower::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([ticket_follower::Column::TicketId, ticket_follower::Column::UserId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted > 0)
}

/// The ids of a ticket's followers, in the order they started following.
pub(crate) async fn of_ticket(db: &impl ConnectionTrait, ticket_id: i64) -> Result<Vec<i64>, DomainError> {
    Ok(ticket_follower::Entity::find()
        .filter(ticket_follower::Column::TicketId.eq(ticket_id))
        .order_by_asc(ticket_follower::Column::CreatedAt)
        .order_by_asc(ticket_follower::Column::UserId)
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.user_id)
        .collect())
}

async fn me(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: i64,
) -> Result<(user::Model, TicketFacts), DomainError> {
    let (_, facts) = ticket_access::visible_ticket(db, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::Follow, &facts) {
        return Err(DomainError::Forbidden);
    }
    let id = actor.principal().map(|p| p.user_id).ok_or(DomainError::Forbidden)?;
    let me = user::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::Unauthenticated)?;
    Ok((me, facts))
}

/// Records that the ticket's followers changed.
async fn announce(
    txn: &DatabaseTransaction,
    actor: &Actor,
    ticket_id: i64,
    facts: TicketFacts,
) -> Result<(), DomainError> {
    let row = ticket::Entity::find_by_id(ticket_id).one(txn).await?.ok_or(DomainError::NotFound)?;
    let happened = Happened::new(&row, facts, actor, crate::clock::now()).with(TicketEvent::FollowersChanged);
    crate::reactions::emit(txn, &happened).await
}

/// The caller follows the ticket; following it again changes nothing.
pub async fn follow(db: &DatabaseConnection, actor: &Actor, ticket_id: i64) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let (me, facts) = me(&txn, actor, ticket_id).await?;
    let now = crate::clock::now();
    if add_quietly(&txn, ticket_id, me.id, now).await? {
        event(&txn, ticket_id, actor, now, "follower", None, Some(me.name)).await?;
        announce(&txn, actor, ticket_id, facts).await?;
    }
    live::commit(txn).await?;
    Ok(())
}

/// The caller stops following the ticket; unfollowing it again changes nothing.
pub async fn unfollow(db: &DatabaseConnection, actor: &Actor, ticket_id: i64) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let (me, facts) = me(&txn, actor, ticket_id).await?;
    let removed = ticket_follower::Entity::delete_many()
        .filter(ticket_follower::Column::TicketId.eq(ticket_id))
        .filter(ticket_follower::Column::UserId.eq(me.id))
        .exec(&txn)
        .await?
        .rows_affected;
    if removed > 0 {
        event(&txn, ticket_id, actor, crate::clock::now(), "follower", Some(me.name), None).await?;
        announce(&txn, actor, ticket_id, facts).await?;
    }
    live::commit(txn).await?;
    Ok(())
}
