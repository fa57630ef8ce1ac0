//! `api_idempotency_keys`: a keyed API request, whether its write was applied and what it made,
//! and, once it succeeded, its response.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_idempotency_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub key: String,
    /// Lower-case hex SHA-256 of the method, path and body.
    pub request_hash: String,
    /// `None` while the first request is still running.
    pub response_status: Option<i32>,
    pub response_body: Option<String>,
    /// Set in the transaction of the request's write: from then on it is never run again.
    pub applied_at: Option<DateTimeUtc>,
    /// What the request made, as `kind:id` (e.g. `ticket:42`), to answer a retry with it when
    /// the response itself was lost.
    pub resource: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
