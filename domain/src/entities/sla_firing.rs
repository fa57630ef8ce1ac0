//! `sla_firings`: the warning and breach rules that have fired, once per ticket, target, cycle
//! and rule (the key makes a second firing impossible, across processes).

use crate::sla::types::Metric;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_firings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub ticket_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub metric: Metric,
    #[sea_orm(primary_key, auto_increment = false)]
    pub cycle: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub escalation_id: i64,
    pub fired_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
