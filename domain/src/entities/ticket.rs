//! `tickets`: one row per request, with denormalized fields for the queues.

use crate::ticket_types::Channel;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub number: i64,
    pub subject: String,
    pub requester_id: i64,
    pub organization_id: Option<i64>,
    pub channel: Channel,
    pub status_id: i64,
    pub priority_id: i64,
    pub category_id: Option<i64>,
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    /// JSON array of lower-case tags.
    pub tags: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub first_response_at: Option<DateTimeUtc>,
    pub solved_at: Option<DateTimeUtc>,
    /// The SLA policy that applies, if any.
    #[serde(default)]
    pub sla_policy_id: Option<i64>,
    /// The earliest due time of the ticket's running SLA clocks (for the queues' sort).
    #[serde(default)]
    pub sla_due_at: Option<DateTimeUtc>,
    /// JSON array of skills an agent needs for it (from its category and routing rules).
    #[serde(default = "no_skills")]
    pub required_skills: String,
    /// The day an agent set it due, if any (the calendar's "due date"; SLA deadlines are apart).
    #[serde(default)]
    pub due_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

fn no_skills() -> String {
    "[]".to_owned()
}
