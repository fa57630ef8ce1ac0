//! `audit_log`: the append-only, hash-chained record of administrative changes (who, when,
//! what); triggers refuse updates and deletes (migration 25), `audit::chain` writes and checks it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor_user_id: Option<i64>,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<i64>,
    /// JSON object with the details of the change.
    pub detail: String,
    /// The entry's place in the chain, from 1.
    pub seq: i64,
    /// The hash of the entry before (empty for the first).
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
