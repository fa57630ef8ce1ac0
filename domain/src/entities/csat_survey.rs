//! `csat_surveys`: a ticket's satisfaction survey (at most one) and its answer.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "csat_surveys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub ticket_id: i64,
    pub requester_id: i64,
    /// The assignee, team and category when the ticket was solved.
    pub agent_id: Option<i64>,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    /// 2 or 5.
    pub scale: i16,
    pub question: String,
    pub ask_at: DateTimeUtc,
    /// When the survey was mailed (or went out with the solved mail).
    pub asked_at: Option<DateTimeUtc>,
    pub rating: Option<i16>,
    pub comment: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
