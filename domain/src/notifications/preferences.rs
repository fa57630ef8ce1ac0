//! How each agent hears of each kind of notification: in the app, by email, both, or not at
//! all. A kind the agent never chose has its default (`NotificationKind::default_channels`).

use super::types::{Channels, NotificationKind, Preference};
use crate::{
    audit,
    entities::notification_preference,
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, sea_query::OnConflict};
use serde_json::json;
use std::collections::HashMap;

/// The caller's choice for every kind, in `NotificationKind::ALL` order.
pub async fn mine(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<Preference>, DomainError> {
    let me = me(actor)?;
    let chosen = chosen(db, [me]).await?;
    Ok(NotificationKind::ALL
        .into_iter()
        .map(|kind| Preference { kind, channels: chosen.get(&(me, kind)).copied().unwrap_or(kind.default_channels()) })
        .collect())
}

/// Saves the caller's choices; kinds not given keep what they had.
pub async fn save(db: &DatabaseConnection, actor: &Actor, choices: &[Preference]) -> Result<(), DomainError> {
    let me = me(actor)?;
    if choices.is_empty() {
        return Ok(());
    }
    let rows = choices.iter().map(|p| notification_preference::ActiveModel {
        user_id: Set(me),
        kind: Set(p.kind.as_str().to_owned()),
        channels: Set(p.channels.as_str().to_owned()),
    });
    let upsert = notification_preference::Entity::insert_many(rows).on_conflict(
        OnConflict::columns([notification_preference::Column::UserId, notification_preference::Column::Kind])
            .update_column(notification_preference::Column::Channels)
            .to_owned(),
    );
    let detail: serde_json::Map<String, serde_json::Value> =
        choices.iter().map(|p| (p.kind.as_str().to_owned(), json!(p.channels.as_str()))).collect();
    let txn = crate::db::begin_write(db).await?;
    upsert.exec_without_returning(&*txn).await?;
    audit::record(&*txn, actor, "user.notification_preferences", ("user", Some(me)), json!(detail)).await?;
    txn.commit().await?;
    Ok(())
}

/// How each of `user_ids` hears of `kind`.
pub(crate) async fn channels_of(
    db: &impl ConnectionTrait,
    kind: NotificationKind,
    user_ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, Channels>, DomainError> {
    let user_ids: Vec<i64> = user_ids.into_iter().collect();
    let chosen = chosen(db, user_ids.iter().copied()).await?;
    Ok(user_ids
        .into_iter()
        .map(|id| (id, chosen.get(&(id, kind)).copied().unwrap_or(kind.default_channels())))
        .collect())
}

async fn chosen(
    db: &impl ConnectionTrait,
    user_ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<(i64, NotificationKind), Channels>, DomainError> {
    let rows = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.is_in(user_ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some(((r.user_id, NotificationKind::parse(&r.kind)?), Channels::parse(&r.channels)?)))
        .collect())
}

fn me(actor: &Actor) -> Result<i64, DomainError> {
    authorize(actor, Action::UseNotifications)?;
    actor.principal().map(|p| p.user_id).ok_or(DomainError::Forbidden)
}
