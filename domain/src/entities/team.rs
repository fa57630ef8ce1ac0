//! `teams`: groups of agents that tickets are routed to.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "teams")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub description: String,
    /// Whether its agents see every ticket or only their teams'.
    pub ticket_scope: crate::team_types::TicketScope,
    /// Its level in the escalation tiers (1 first line, 2, 3 …), if it is one.
    pub tier: Option<i32>,
    pub created_at: DateTimeUtc,
    /// How its tickets find an agent.
    pub assignment: crate::routing::types::Strategy,
    /// Counts its automatic assignments: each member's `last_turn` is the count at their last.
    pub assignment_turn: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
