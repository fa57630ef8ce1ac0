//! Writing notifications inside the transaction of the reaction to the ticket change that causes
//! them. Only active agents and admins are notified, and never for their own doing.

use super::{mentions, types::NotificationKind};
use crate::{entities::notification, entities::user, error::DomainError, policy::Actor, role::Role};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::BTreeSet;

const STAFF_ROLES: [Role; 2] = [Role::Agent, Role::Admin];

/// Notifies `recipients` of `kind` on a ticket; the actor, customers and deactivated users are
/// skipped. Returns how many were notified.
pub(crate) async fn notify(
    db: &impl ConnectionTrait,
    kind: NotificationKind,
    ticket_id: i64,
    actor: &Actor,
    recipients: impl IntoIterator<Item = i64>,
    at: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let me = actor.principal().map(|p| p.user_id);
    let wanted: BTreeSet<i64> = recipients.into_iter().filter(|id| Some(*id) != me).collect();
    if wanted.is_empty() {
        return Ok(0);
    }
    let staff = user::Entity::find()
        .filter(user::Column::Id.is_in(wanted))
        .filter(user::Column::Role.is_in(STAFF_ROLES))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?;
    if staff.is_empty() {
        return Ok(0);
    }
    let count = staff.len();
    let rows = staff.into_iter().map(|u| notification::ActiveModel {
        user_id: Set(u.id),
        kind: Set(kind.as_str().to_owned()),
        ticket_id: Set(ticket_id),
        actor_id: Set(me),
        created_at: Set(at),
        read_at: Set(None),
        ..Default::default()
    });
    notification::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(count)
}

/// The active agents and admins whose handles a text mentions.
pub(crate) async fn mentioned_staff(db: &impl ConnectionTrait, text: &str) -> Result<Vec<i64>, DomainError> {
    let handles = mentions::handles(text);
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    let staff = user::Entity::find()
        .filter(user::Column::Role.is_in(STAFF_ROLES))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?;
    Ok(staff.into_iter().filter(|u| handles.contains(&mentions::handle_of(&u.email))).map(|u| u.id).collect())
}
