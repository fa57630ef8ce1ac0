//! `api_tokens`: personal access tokens for the REST API, stored as SHA-256 hashes.

use crate::api_tokens::ApiScope;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    /// The first characters of the secret, shown so that people can tell their tokens apart.
    pub prefix: String,
    /// Lower-case hex SHA-256 of the whole secret; the secret itself is never stored.
    pub token_hash: String,
    pub scope: ApiScope,
    pub created_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
    pub expires_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
