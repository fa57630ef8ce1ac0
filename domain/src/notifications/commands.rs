//! Clearing notifications: one, or all of the caller's at once.

use crate::{
    entities::notification,
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};

fn me(actor: &Actor) -> Result<i64, DomainError> {
    authorize(actor, Action::UseNotifications)?;
    actor.principal().map(|p| p.user_id).ok_or(DomainError::Forbidden)
}

/// Marks one of the caller's notifications read. Someone else's is "not found"; marking a read
/// one again changes nothing.
pub async fn mark_read(db: &DatabaseConnection, actor: &Actor, notification_id: i64) -> Result<(), DomainError> {
    let me = me(actor)?;
    let found = notification::Entity::find_by_id(notification_id).one(db).await?;
    if found.is_none_or(|n| n.user_id != me) {
        return Err(DomainError::NotFound);
    }
    let update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(crate::clock::now()))
        .filter(notification::Column::Id.eq(notification_id))
        .filter(notification::Column::ReadAt.is_null());
    crate::db::write(db, |txn| Box::pin(async move { Ok(update.exec(txn).await.map(drop)?) })).await
}

/// Marks all of the caller's notifications read; returns how many were unread.
pub async fn mark_all_read(db: &DatabaseConnection, actor: &Actor) -> Result<u64, DomainError> {
    let me = me(actor)?;
    let update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(crate::clock::now()))
        .filter(notification::Column::UserId.eq(me))
        .filter(notification::Column::ReadAt.is_null());
    crate::db::write(db, |txn| Box::pin(async move { Ok(update.exec(txn).await?.rows_affected) })).await
}
