//! `automation_rules`: what Docket does by itself on an event or a schedule.

use crate::automation::types::Trigger;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "automation_rules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub position: i32,
    pub active: bool,
    pub trigger: Trigger,
    /// In the filter language (search and views).
    pub conditions: String,
    /// Schedule rules: tickets unchanged for at least this many minutes.
    pub idle_minutes: Option<i32>,
    /// JSON of `automation::types::Actions`.
    pub actions: String,
    /// Schedule rules: when the scheduler looks next.
    pub next_run_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
