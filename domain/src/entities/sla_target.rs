//! `sla_targets`: how long a policy allows for each metric, counted on a calendar.

use crate::sla::types::Metric;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_targets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub policy_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub metric: Metric,
    pub minutes: i32,
    pub calendar_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
