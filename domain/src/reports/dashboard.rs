//! The desk today, for the top of the reports page (which refetches it on every live change):
//! open tickets, unassigned ones, those waiting on the customer, SLA targets overdue now, and
//! what today brought (created, solved, satisfaction answers), days in UTC.

use super::{
    access,
    types::{Dashboard, Share},
};
use crate::{
    desk_config::Config,
    entities::{csat_survey, sla_clock, ticket},
    error::DomainError,
    policy::Actor,
    sla::types::ClockState,
    ticket_types::StatusCategory,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

pub async fn today(db: &DatabaseConnection, actor: &Actor) -> Result<Dashboard, DomainError> {
    access::check(db, actor).await?;
    compute(db).await
}

pub async fn compute(db: &impl ConnectionTrait) -> Result<Dashboard, DomainError> {
    let now = crate::clock::now();
    let midnight = super::facts::start_of(now.date_naive());
    let config = Config::load(db).await?;
    let pending: Vec<i64> =
        config.statuses.iter().filter(|s| s.category == StatusCategory::Pending).map(|s| s.id).collect();
    let open = || ticket::Entity::find().filter(ticket::Column::SolvedAt.is_null());
    let answers = csat_survey::Entity::find()
        .filter(csat_survey::Column::AnsweredAt.gte(midnight))
        .filter(csat_survey::Column::Rating.is_not_null())
        .all(db)
        .await?;
    let satisfied = answers
        .iter()
        .filter(|a| {
            let scale = if a.scale == 2 { crate::csat::types::Scale::Two } else { crate::csat::types::Scale::Five };
            a.rating.and_then(|r| u8::try_from(r).ok()).is_some_and(|r| scale.satisfied(r))
        })
        .count() as u64;
    Ok(Dashboard {
        open: open().count(db).await?,
        unassigned: open().filter(ticket::Column::AssigneeId.is_null()).count(db).await?,
        waiting_on_customer: open().filter(ticket::Column::StatusId.is_in(pending)).count(db).await?,
        overdue: sla_clock::Entity::find()
            .filter(sla_clock::Column::State.eq(ClockState::Running))
            .filter(sla_clock::Column::BreachAt.lte(now))
            .count(db)
            .await?,
        created_today: ticket::Entity::find().filter(ticket::Column::CreatedAt.gte(midnight)).count(db).await?,
        solved_today: ticket::Entity::find().filter(ticket::Column::SolvedAt.gte(midnight)).count(db).await?,
        satisfied_today: Share { part: satisfied, whole: answers.len() as u64 },
        at: now,
    })
}
