//! The audit log's hash chain. Each entry carries its place (`seq`, from 1), the hash of the entry
//! before it and its own hash over both and everything it says, so changing, removing or
//! reordering any entry breaks every link after it; `verify` finds the first broken one.
//! Appending takes the chain's head under a lock (PostgreSQL: a transaction-scoped advisory lock;
//! SQLite: the write lock every write transaction holds), so two writers never fork it.

use crate::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, Statement,
};

/// The advisory lock that serialises appends on PostgreSQL ("docket-a" as a number).
const APPEND_LOCK: i64 = 0x646f_636b_6574_2d61;
/// Entries read per query while verifying.
const VERIFY_BATCH: u64 = 2_000;

/// What one entry says, before it takes its place in the chain.
pub struct NewEntry {
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<i64>,
    pub detail: String,
}

/// The chain's definition v1 (migration 25 sealed the older entries with the same): SHA-256 over
/// the entry's parts, each prefixed by its length. Time counts in whole microseconds, which is
/// what PostgreSQL keeps.
fn entry_hash(prev_hash: &str, seq: i64, entry: &NewEntry) -> String {
    let seq = seq.to_string();
    let at = entry.at.timestamp_micros().to_string();
    let actor = entry.actor_user_id.map(|id| id.to_string()).unwrap_or_default();
    let target = entry.target_id.map(|id| id.to_string()).unwrap_or_default();
    crate::digest::sha256_hex_of_parts(&[
        b"docket-audit-v1",
        prev_hash.as_bytes(),
        seq.as_bytes(),
        at.as_bytes(),
        actor.as_bytes(),
        entry.action.as_bytes(),
        entry.target_kind.as_bytes(),
        target.as_bytes(),
        entry.detail.as_bytes(),
    ])
}

fn said(row: &audit_log::Model) -> NewEntry {
    NewEntry {
        at: row.at,
        actor_user_id: row.actor_user_id,
        action: row.action.clone(),
        target_kind: row.target_kind.clone(),
        target_id: row.target_id,
        detail: row.detail.clone(),
    }
}

/// Appends an entry at the head of the chain, in the caller's transaction.
pub async fn append(txn: &DatabaseTransaction, entry: NewEntry) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Postgres {
        let lock = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [APPEND_LOCK.into()],
        );
        txn.execute_raw(lock).await?;
    }
    let head: Option<(i64, String)> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Seq)
        .column(audit_log::Column::Hash)
        .order_by_desc(audit_log::Column::Seq)
        .limit(1)
        .into_tuple()
        .one(txn)
        .await?;
    let (seq, prev_hash) = head.map_or((1, String::new()), |(seq, hash)| (seq + 1, hash));
    let hash = entry_hash(&prev_hash, seq, &entry);
    audit_log::ActiveModel {
        at: Set(entry.at),
        actor_user_id: Set(entry.actor_user_id),
        action: Set(entry.action),
        target_kind: Set(entry.target_kind),
        target_id: Set(entry.target_id),
        detail: Set(entry.detail),
        seq: Set(seq),
        prev_hash: Set(prev_hash),
        hash: Set(hash),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The first entry whose link does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub seq: i64,
    pub id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Entries checked (up to the first broken link).
    pub entries: u64,
    pub broken: Option<BrokenLink>,
}

/// Walks the whole chain in order and reports the first entry that does not follow from the one
/// before it: a gap in `seq` (an entry removed), a `prev_hash` that is not the previous entry's
/// hash (removed or reordered), or a hash that does not match what the entry says (changed).
pub async fn verify(db: &impl ConnectionTrait) -> Result<Verification, DbErr> {
    let mut expected_seq = 1;
    let mut prev_hash = String::new();
    let mut entries = 0;
    loop {
        let batch = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.gte(expected_seq))
            .order_by_asc(audit_log::Column::Seq)
            .limit(VERIFY_BATCH)
            .all(db)
            .await?;
        if batch.is_empty() {
            return Ok(Verification { entries, broken: None });
        }
        for row in batch {
            let broken = |reason: String| Verification {
                entries,
                broken: Some(BrokenLink { seq: row.seq, id: row.id, reason }),
            };
            if row.seq != expected_seq {
                return Ok(broken(format!("entry {expected_seq} is missing (the next one is {})", row.seq)));
            }
            if row.prev_hash != prev_hash {
                return Ok(broken("it does not follow the entry before it (prev_hash differs)".into()));
            }
            if entry_hash(&row.prev_hash, row.seq, &said(&row)) != row.hash {
                return Ok(broken("what it says was changed (its hash does not match)".into()));
            }
            entries += 1;
            expected_seq += 1;
            prev_hash = row.hash;
        }
    }
}
