//! `automation_runs`: each time a rule acted on a ticket (or was stopped), its execution log.

use crate::automation::types::RunOutcome;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "automation_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub rule_id: i64,
    pub ticket_id: i64,
    pub at: DateTimeUtc,
    pub outcome: RunOutcome,
    pub detail: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
