//! `routing_rules`: ordered rules that set a new (or changed) ticket's fields.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "routing_rules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub position: i32,
    pub active: bool,
    /// Also applies when a ticket changes, not only when it is created.
    pub on_change: bool,
    /// In the filter language (`routing::conditions`).
    pub conditions: String,
    pub set_team_id: Option<i64>,
    pub set_category_id: Option<i64>,
    pub set_priority_id: Option<i64>,
    /// JSON array of lower-case tags to add.
    pub add_tags: String,
    /// JSON array of lower-case skills the ticket needs.
    pub required_skills: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
