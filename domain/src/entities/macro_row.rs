//! `macros`: canned responses with optional actions (`macro` is a Rust keyword, hence the name).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "macros")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `None`: shared with every agent.
    pub owner_id: Option<i64>,
    pub name: String,
    /// The text, with placeholders.
    pub body: String,
    pub status_id: Option<i64>,
    /// JSON array of lower-case tags to add.
    pub add_tags: String,
    /// Assign the ticket to whoever uses it.
    pub assign_me: bool,
    pub assignee_id: Option<i64>,
    pub usage_count: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
