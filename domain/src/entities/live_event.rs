//! `live_events`: one row per committed change to a ticket, tailed by every server process and
//! pushed to the browsers that may see it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "live_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    pub kind: String,
    pub staff_only: bool,
    pub requester_id: i64,
    pub organization_id: Option<i64>,
    pub organization_shares: bool,
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
