//! The audit log: every administrative change is written with who did it, in the same
//! transaction as the change, at the head of a hash chain (`chain`); admins read it filtered
//! (`query`). Nothing updates or deletes an entry: migration 25's triggers refuse it.

pub mod chain;
pub mod query;

use crate::policy::Actor;
use sea_orm::{DatabaseTransaction, DbErr};

pub async fn record(
    txn: &DatabaseTransaction,
    actor: &Actor,
    action: &str,
    target: (&str, Option<i64>),
    detail: serde_json::Value,
) -> Result<(), DbErr> {
    let entry = chain::NewEntry {
        at: crate::clock::now(),
        actor_user_id: actor.principal().map(|p| p.user_id),
        action: action.to_owned(),
        target_kind: target.0.to_owned(),
        target_id: target.1,
        detail: detail.to_string(),
    };
    chain::append(txn, entry).await
}
