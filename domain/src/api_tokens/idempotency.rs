//! Idempotency keys of API requests: the first request with a key claims it by inserting a row
//! (a unique index makes the insert the lock, so two racing requests cannot both act); once it
//! succeeded its response is kept for 24 hours and handed back to any retry with the same body.
//!
//! The request runs inside `run_claimed`, and every write it makes marks the claim applied (with
//! what it made, see `made`) in the write's own transaction, just before the commit. So a request
//! whose server died after the commit but before its response was kept is never run twice: a
//! retry is answered from what it made, or told that it was applied.

use crate::{entities::api_idempotency_key as row, error::DomainError};
use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, OnConflict},
};
use std::{
    future::Future,
    sync::{Arc, Mutex},
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
    /// The same request was applied, but its response was never kept (its server stopped):
    /// answer from what it made, without running it again.
    Applied { resource: Option<Resource> },
}

/// What a keyed request made, kept with its claim as `kind:id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Ticket(i64),
    Message(i64),
}

impl Resource {
    fn encode(self) -> String {
        match self {
            Resource::Ticket(id) => format!("ticket:{id}"),
            Resource::Message(id) => format!("message:{id}"),
        }
    }

    fn decode(text: &str) -> Option<Resource> {
        let (kind, id) = text.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "ticket" => Some(Resource::Ticket(id)),
            "message" => Some(Resource::Message(id)),
            _ => None,
        }
    }
}

/// The keyed request this task runs.
#[derive(Debug)]
pub struct Running {
    user_id: i64,
    key: String,
    made: Mutex<Option<Resource>>,
}

tokio::task_local! {
    static RUNNING: Arc<Running>;
}

/// Runs a claimed request: its writes mark the claim applied as they commit.
pub async fn run_claimed<F: Future>(user_id: i64, key: &str, request: F) -> F::Output {
    let running = Arc::new(Running { user_id, key: key.to_owned(), made: Mutex::new(None) });
    RUNNING.scope(running, request).await
}

/// The claimed request this task runs, if any: for a write queued to another task.
pub fn running() -> Option<Arc<Running>> {
    RUNNING.try_with(Arc::clone).ok()
}

/// Runs `work` as part of `running` (from another task, such as the group commit's writer).
pub async fn run_as<F: Future>(running: Option<Arc<Running>>, work: F) -> F::Output {
    match running {
        Some(running) => RUNNING.scope(running, work).await,
        None => work.await,
    }
}

/// Notes what the running keyed request made. The first thing wins: a new ticket's first
/// message, or a rule's reply to it, belongs to the ticket.
pub fn made(resource: Resource) {
    let _ = RUNNING.try_with(|running| {
        let mut made = running.made.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        made.get_or_insert(resource);
    });
}

/// Marks the running keyed request (if this task runs one) applied, in the transaction about
/// to commit its write.
pub async fn stamp_running(txn: &impl ConnectionTrait) -> Result<(), DbErr> {
    match running() {
        Some(running) => stamp(txn, &running).await,
        None => Ok(()),
    }
}

/// Marks `running` applied, with what it made so far, in `txn`.
pub async fn stamp(txn: &impl ConnectionTrait, running: &Running) -> Result<(), DbErr> {
    let made = *running.made.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    row::Entity::update_many()
        .col_expr(row::Column::AppliedAt, Expr::value(crate::clock::now()))
        .col_expr(row::Column::Resource, Expr::value(made.map(Resource::encode)))
        .filter(row::Column::UserId.eq(running.user_id))
        .filter(row::Column::Key.eq(running.key.as_str()))
        .exec(txn)
        .await?;
    Ok(())
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
        .filter(row::Column::AppliedAt.is_null())
        .filter(row::Column::CreatedAt.lt(now - Duration::minutes(ABANDONED_AFTER_MINUTES)))
        .exec(db)
        .await?;
    let inserted = row::Entity::insert(row::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_owned()),
        request_hash: Set(hash.to_owned()),
        response_status: Set(None),
        response_body: Set(None),
        applied_at: Set(None),
        resource: Set(None),
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
    Ok(match (found.request_hash == hash, found.response_status, found.response_body, found.applied_at) {
        (false, ..) => Claim::Mismatch,
        (true, Some(status), Some(body), _) => {
            Claim::Replay { status: u16::try_from(status).map_err(|_| DomainError::Internal)?, body }
        }
        (true, _, _, Some(_)) => Claim::Applied { resource: found.resource.as_deref().and_then(Resource::decode) },
        (true, ..) => Claim::InProgress,
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

/// Gives a claim back after a request that failed, so it may be retried; unless it was applied
/// (it failed after its write committed), when a retry must be answered from what it made.
async fn release_in(db: &impl ConnectionTrait, user_id: i64, key: &str) -> Result<(), DomainError> {
    row::Entity::delete_many()
        .filter(row::Column::UserId.eq(user_id))
        .filter(row::Column::Key.eq(key))
        .filter(row::Column::ResponseStatus.is_null())
        .filter(row::Column::AppliedAt.is_null())
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

    #[test]
    fn resources_read_back() {
        for made in [Resource::Ticket(42), Resource::Message(7)] {
            assert_eq!(Resource::decode(&made.encode()), Some(made));
        }
        for bad in ["", "ticket", "ticket:", "ticket:x", "team:3", ":4"] {
            assert_eq!(Resource::decode(bad), None, "{bad:?}");
        }
    }
}
