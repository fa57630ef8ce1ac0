//! Idempotency keys of API requests: the first request with a key claims it by inserting a row
//! (a unique index makes the insert the lock, so two racing requests cannot both act); once it
//! succeeded its response is kept for 24 hours and handed back to any retry with the same body.

use crate::{entities::api_idempotency_key as row, error::DomainError};
use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    sea_query::OnConflict,
};

pub const KEY_MAX_CHARS: usize = 255;
/// How long a key is remembered.
pub const RETENTION_HOURS: i64 = 24;
/// A claim whose request never finished (the process died) is given up after this long.
pub const ABANDONED_AFTER_MINUTES: i64 = 10;

/// What to do with a keyed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is new: run the request, then `complete` or `release` it.
    Fresh,
    /// The same request succeeded before: answer with its response again.
    Replay { status: u16, body: String },
    /// The same request is running right now.
    InProgress,
    /// The key was used for a different request.
    Mismatch,
}

/// Keys are 1 to 255 visible ASCII characters (a UUID is the usual choice).
pub fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= KEY_MAX_CHARS && key.bytes().all(|b| b.is_ascii_graphic())
}

/// A fingerprint of a request: each part length-prefixed, so parts cannot run into each other.
pub fn request_hash(parts: &[&[u8]]) -> String {
    crate::digest::sha256_hex_of_parts(parts)
}

/// Claims `key` for this user's request, or says what happened to it before. Forgets expired
/// keys (everyone's) on the way, so the table holds one day of keys at most.
async fn claim_in(db: &impl ConnectionTrait, user_id: i64, key: &str, hash: &str) -> Result<Claim, DomainError> {
    let now = crate::clock::now();
    row::Entity::delete_many()
        .filter(row::Column::CreatedAt.lt(now - Duration::hours(RETENTION_HOURS)))
        .exec(db)
        .await?;
    row::Entity::delete_many()
        .filter(row::Column::UserId.eq(user_id))
        .filter(row::Column::Key.eq(key))
        .filter(row::Column::ResponseStatus.is_null())
        .filter(row::Column::CreatedAt.lt(now - Duration::minutes(ABANDONED_AFTER_MINUTES)))
        .exec(db)
        .await?;
    let inserted = row::Entity::insert(row::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_owned()),
        request_hash: Set(hash.to_owned()),
        response_status: Set(None),
        response_body: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(OnConflict::columns([row::Column::UserId, row::Column::Key]).do_nothing().to_owned())
    .exec_without_returning(db)
    .await?;
    if inserted == 1 {
        return Ok(Claim::Fresh);
    }
    let Some(found) = find(db, user_id, key).await? else {
        // Released between our insert and this read: the caller may simply retry.
        return Ok(Claim::InProgress);
    };
    Ok(match (found.request_hash == hash, found.response_status, found.response_body) {
        (false, _, _) => Claim::Mismatch,
        (true, Some(status), Some(body)) => {
            Claim::Replay { status: u16::try_from(status).map_err(|_| DomainError::Internal)?, body }
        }
        (true, _, _) => Claim::InProgress,
    })
}

pub async fn claim(db: &DatabaseConnection, user_id: i64, key: &str, hash: &str) -> Result<Claim, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let out = claim_in(&*txn, user_id, key, hash).await?;
    txn.commit().await?;
    Ok(out)
}

async fn find(db: &impl ConnectionTrait, user_id: i64, key: &str) -> Result<Option<row::Model>, DomainError> {
    Ok(row::Entity::find().filter(row::Column::UserId.eq(user_id)).filter(row::Column::Key.eq(key)).one(db).await?)
}

/// Stores the response of a claimed request that succeeded.
async fn complete_in(
    db: &impl ConnectionTrait,
    user_id: i64,
    key: &str,
    status: u16,
    body: String,
) -> Result<(), DomainError> {
    let Some(found) = find(db, user_id, key).await? else { return Ok(()) };
    let mut active: row::ActiveModel = found.into();
    active.response_status = Set(Some(i32::from(status)));
    active.response_body = Set(Some(body));
    active.update(db).await?;
    Ok(())
}

pub async fn complete(
    db: &DatabaseConnection,
    user_id: i64,
    key: &str,
    status: u16,
    body: String,
) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let out = complete_in(&*txn, user_id, key, status, body).await?;
    txn.commit().await?;
    Ok(out)
}

/// Gives a claim back after a request that failed (it changed nothing), so it may be retried.
async fn release_in(db: &impl ConnectionTrait, user_id: i64, key: &str) -> Result<(), DomainError> {
    row::Entity::delete_many()
        .filter(row::Column::UserId.eq(user_id))
        .filter(row::Column::Key.eq(key))
        .filter(row::Column::ResponseStatus.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn release(db: &DatabaseConnection, user_id: i64, key: &str) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let out = release_in(&*txn, user_id, key).await?;
    txn.commit().await?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_hashes() {
        assert!(valid_key("0b6a3c1e-7f7b-4e55-9d1a-2a7e0c9b8f10"));
        for bad in ["", " ", "a b", "é", &"k".repeat(256), "a\nb"] {
            assert!(!valid_key(bad), "{bad:?}");
        }
        assert_eq!(request_hash(&[b"ab", b"c"]), request_hash(&[b"ab", b"c"]));
        assert_ne!(request_hash(&[b"ab", b"c"]), request_hash(&[b"a", b"bc"]));
        assert_eq!(request_hash(&[b"x"]).len(), 64);
    }
}
