//! The `access_tokens` store: issuing a link's token, looking one up by its secret, spending a
//! single-use one exactly once, revoking a person's links, and forgetting long-dead ones.

use super::secret;
use crate::{
    entities::access_token::{self, TokenPurpose},
    error::DomainError,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

impl TokenPurpose {
    /// How long a link of this purpose holds (a ticket's magic link takes the admin's setting).
    pub fn lifetime(self) -> Duration {
        match self {
            TokenPurpose::TicketLink => Duration::days(i64::from(super::links::DEFAULT_DAYS)),
            TokenPurpose::SignIn => Duration::minutes(20),
            TokenPurpose::PasswordReset => Duration::minutes(30),
            TokenPurpose::Claim | TokenPurpose::VerifyEmail => Duration::hours(24),
            TokenPurpose::Invitation => Duration::days(7),
            TokenPurpose::Rating => Duration::days(crate::csat::rating::LINK_LIFETIME_DAYS),
            TokenPurpose::CalendarFeed => Duration::days(crate::calendar::feed_tokens::LIFETIME_DAYS),
        }
    }

    /// Spent by its first use.
    pub fn single_use(self) -> bool {
        !matches!(self, TokenPurpose::TicketLink | TokenPurpose::Rating | TokenPurpose::CalendarFeed)
    }
}

/// A new token row in the caller's transaction; returns the secret for the link (never stored).
pub async fn issue(
    txn: &impl ConnectionTrait,
    purpose: TokenPurpose,
    user_id: i64,
    ticket_id: Option<i64>,
    lifetime: Duration,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let (secret, hash) = secret::new_secret();
    access_token::ActiveModel {
        purpose: Set(purpose),
        token_hash: Set(hash),
        user_id: Set(user_id),
        ticket_id: Set(ticket_id),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(secret)
}

/// What a secret from a link turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Valid(access_token::Model),
    /// A real link of this purpose, past its time.
    Expired(access_token::Model),
    /// Used already (single-use) or revoked.
    Spent,
    /// Not a link of this purpose: mistyped, forged, or long forgotten.
    Unknown,
}

impl Lookup {
    pub fn valid(self) -> Option<access_token::Model> {
        match self {
            Lookup::Valid(row) => Some(row),
            _ => None,
        }
    }
}

/// Looks a link's secret up among tokens of one of `purposes`.
pub async fn look_up(
    db: &impl ConnectionTrait,
    purposes: &[TokenPurpose],
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Lookup, DomainError> {
    if !secret::looks_like_secret(secret) {
        return Ok(Lookup::Unknown);
    }
    let found = access_token::Entity::find()
        .filter(access_token::Column::TokenHash.eq(secret::hash_of(secret)))
        .one(db)
        .await?;
    Ok(match found {
        Some(row) if !purposes.contains(&row.purpose) => Lookup::Unknown,
        Some(row) if row.revoked_at.is_some() || row.used_at.is_some() => Lookup::Spent,
        Some(row) if row.expires_at <= now => Lookup::Expired(row),
        Some(row) => Lookup::Valid(row),
        None => Lookup::Unknown,
    })
}

/// Marks a single-use token used, if nobody did first: true for exactly one caller.
pub async fn spend(txn: &impl ConnectionTrait, token_id: i64, now: DateTime<Utc>) -> Result<bool, DomainError> {
    let spent = access_token::Entity::update_many()
        .col_expr(access_token::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
        .filter(access_token::Column::Id.eq(token_id))
        .filter(access_token::Column::UsedAt.is_null())
        .filter(access_token::Column::RevokedAt.is_null())
        .filter(access_token::Column::ExpiresAt.gt(now))
        .exec(txn)
        .await?;
    Ok(spent.rows_affected == 1)
}

/// Revokes every live token of `purposes` that `user_id` holds; returns how many.
pub async fn revoke(
    txn: &impl ConnectionTrait,
    user_id: i64,
    purposes: &[TokenPurpose],
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let revoked = access_token::Entity::update_many()
        .col_expr(access_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(now))
        .filter(access_token::Column::UserId.eq(user_id))
        .filter(access_token::Column::Purpose.is_in(purposes.iter().copied()))
        .filter(access_token::Column::RevokedAt.is_null())
        .filter(access_token::Column::UsedAt.is_null())
        .filter(access_token::Column::ExpiresAt.gt(now))
        .exec(txn)
        .await?;
    Ok(revoked.rows_affected)
}

/// Deletes tokens that expired more than 90 days ago: an expired link's page can still offer a
/// fresh one for that long.
pub async fn delete_stale(db: &DatabaseConnection) -> Result<u64, DomainError> {
    let before = crate::clock::now() - Duration::days(90);
    let stale = access_token::Entity::delete_many().filter(access_token::Column::ExpiresAt.lt(before));
    let deleted = crate::db::write(db, |txn| {
        Box::pin(async move { Ok::<_, sea_orm::DbErr>(stale.exec(txn).await?.rows_affected) })
    })
    .await?;
    Ok(deleted)
}
