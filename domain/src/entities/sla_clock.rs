//! `sla_clocks`: each ticket's clock per target, as last computed from its timeline.

use crate::sla::types::{ClockState, Metric};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_clocks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub ticket_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub metric: Metric,
    pub policy_id: i64,
    pub calendar_id: i64,
    pub target_minutes: i32,
    pub cycle: i32,
    pub state: ClockState,
    pub started_at: DateTimeUtc,
    /// The start of the span counting now, while running.
    pub running_since: Option<DateTimeUtc>,
    /// Business seconds counted before `running_since`.
    pub elapsed_seconds: i64,
    pub due_at: Option<DateTimeUtc>,
    pub met_at: Option<DateTimeUtc>,
    /// When the target was exceeded, or will be if the clock keeps running.
    pub breach_at: Option<DateTimeUtc>,
    /// When the next warning or breach rule of this clock falls due (the scheduler's sweep).
    pub next_check_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
