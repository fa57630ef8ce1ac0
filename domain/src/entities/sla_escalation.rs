//! `sla_escalations`: what happens when a share of a target has passed: warnings below 100 %,
//! the breach at 100 %, later levels above.

use crate::sla::types::Metric;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_escalations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub policy_id: i64,
    /// `None`: every target of the policy.
    pub metric: Option<Metric>,
    pub percent: i32,
    pub notify_assignee: bool,
    pub notify_team: bool,
    /// JSON list of user ids.
    pub notify_user_ids: String,
    /// Hand the ticket to the team of the next tier.
    pub escalate_tier: bool,
    pub reassign_team_id: Option<i64>,
    pub raise_priority: bool,
    pub add_tag: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
