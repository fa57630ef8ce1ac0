//! An agent's private calendar feed address: one live feed token per agent (making a new one
//! revokes the old), stored hashed like every link token, revocable, audited.

use super::types::FeedStatus;
use crate::{
    access::tokens,
    entities::access_token::{self, TokenPurpose},
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// A feed address works this long; the account page says until when.
pub const LIFETIME_DAYS: i64 = 365;

/// The path of a feed: calendar applications want an address ending in `.ics`.
pub fn path_of(secret: &str) -> String {
    format!("/calendar/{secret}.ics")
}

fn user_of(actor: &Actor) -> Result<i64, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    Ok(actor.principal().ok_or(DomainError::Unauthenticated)?.user_id)
}

pub async fn status(db: &impl ConnectionTrait, actor: &Actor) -> Result<Option<FeedStatus>, DomainError> {
    let user_id = user_of(actor)?;
    let now = crate::clock::now();
    let live = access_token::Entity::find()
        .filter(access_token::Column::UserId.eq(user_id))
        .filter(access_token::Column::Purpose.eq(TokenPurpose::CalendarFeed))
        .filter(access_token::Column::RevokedAt.is_null())
        .filter(access_token::Column::ExpiresAt.gt(now))
        .order_by_desc(access_token::Column::Id)
        .one(db)
        .await?;
    Ok(live.map(|row| FeedStatus { created_at: row.created_at, expires_at: row.expires_at }))
}

/// A new feed address (the path with its secret, shown once); the old one stops working.
pub async fn create(db: &DatabaseConnection, actor: &Actor) -> Result<String, DomainError> {
    let user_id = user_of(actor)?;
    let actor = *actor;
    let secret = crate::db::write(db, move |txn| {
        Box::pin(async move {
            let now = crate::clock::now();
            tokens::revoke(txn, user_id, &[TokenPurpose::CalendarFeed], now).await?;
            let lifetime = TokenPurpose::CalendarFeed.lifetime();
            let secret = tokens::issue(txn, TokenPurpose::CalendarFeed, user_id, None, lifetime, now).await?;
            crate::audit::record(txn, &actor, "calendar_feed.created", ("user", Some(user_id)), serde_json::json!({}))
                .await?;
            Ok::<_, DomainError>(secret)
        })
    })
    .await?;
    Ok(path_of(&secret))
}

/// Stops the agent's feed; true if there was one.
pub async fn revoke(db: &DatabaseConnection, actor: &Actor) -> Result<bool, DomainError> {
    let user_id = user_of(actor)?;
    let actor = *actor;
    crate::db::write(db, move |txn| {
        Box::pin(async move {
            let revoked = tokens::revoke(txn, user_id, &[TokenPurpose::CalendarFeed], crate::clock::now()).await?;
            if revoked > 0 {
                crate::audit::record(
                    txn,
                    &actor,
                    "calendar_feed.revoked",
                    ("user", Some(user_id)),
                    serde_json::json!({}),
                )
                .await?;
            }
            Ok::<_, DomainError>(revoked > 0)
        })
    })
    .await
}
