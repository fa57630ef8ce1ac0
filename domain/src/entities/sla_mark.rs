//! `sla_marks`: a ticket's timeline as its service-level clocks read it (public messages and
//! status phases), appended as the ticket changes.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::StringLen;

/// What happened, as the clocks care (stored as its `as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Kind {
    #[sea_orm(string_value = "customer_message")]
    CustomerMessage,
    #[sea_orm(string_value = "agent_reply")]
    AgentReply,
    /// Moved to a new or open status.
    #[sea_orm(string_value = "running")]
    Running,
    /// Moved to a pending status.
    #[sea_orm(string_value = "paused")]
    Paused,
    /// Solved or closed.
    #[sea_orm(string_value = "stopped")]
    Stopped,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_marks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    pub at: DateTimeUtc,
    pub mark: Kind,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
