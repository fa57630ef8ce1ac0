//! The rows a report reads one by one, lean (only the columns it needs) and narrowed to the
//! report's filters: satisfaction answers and time entries, with the dimensions (team, category,
//! organization) of the tickets they belong to. Ticket counts are `tallies`.

use super::types::ReportFilter;
use crate::{
    entities::{csat_survey, ticket, time_entry},
    error::DomainError,
    ticket_types::Channel,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};

/// How many ids go into one `IN (…)`.
const CHUNK: usize = 500;

pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// A ticket as reports see it.
#[derive(Debug, Clone, Copy)]
pub struct TicketFact {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub solved_at: Option<DateTime<Utc>>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub channel: Channel,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub assignee_id: Option<i64>,
}

type Row = (
    i64,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Channel,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

fn fact(
    (id, created_at, solved_at, first_response_at, channel, team_id, category_id, organization_id, assignee_id): Row,
) -> TicketFact {
    TicketFact {
        id,
        created_at,
        solved_at,
        first_response_at,
        channel,
        team_id,
        category_id,
        organization_id,
        assignee_id,
    }
}

/// The filters (with the custom-field terms' condition) as a condition on `tickets`.
pub fn matching(filter: &ReportFilter, fields: &Condition) -> Condition {
    let mut all = Condition::all().add(fields.clone());
    if let Some(team) = filter.team_id {
        all = all.add(ticket::Column::TeamId.eq(team));
    }
    if let Some(category) = filter.category_id {
        all = all.add(ticket::Column::CategoryId.eq(category));
    }
    if let Some(priority) = filter.priority_id {
        all = all.add(ticket::Column::PriorityId.eq(priority));
    }
    if let Some(channel) = filter.channel {
        all = all.add(ticket::Column::Channel.eq(channel));
    }
    if let Some(organization) = filter.organization_id {
        all = all.add(ticket::Column::OrganizationId.eq(organization));
    }
    all
}

fn lean() -> sea_orm::Select<ticket::Entity> {
    ticket::Entity::find()
        .select_only()
        .column(ticket::Column::Id)
        .column(ticket::Column::CreatedAt)
        .column(ticket::Column::SolvedAt)
        .column(ticket::Column::FirstResponseAt)
        .column(ticket::Column::Channel)
        .column(ticket::Column::TeamId)
        .column(ticket::Column::CategoryId)
        .column(ticket::Column::OrganizationId)
        .column(ticket::Column::AssigneeId)
}

/// The tickets among `ids` that match the filters, with their dimensions.
pub async fn tickets_of(
    db: &impl ConnectionTrait,
    filter: &ReportFilter,
    fields: &Condition,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, TicketFact>, DomainError> {
    let ids: Vec<i64> = ids.into_iter().collect::<HashSet<_>>().into_iter().collect();
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<Row> = lean()
            .filter(matching(filter, fields))
            .filter(ticket::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|r| (r.0, fact(r))));
    }
    Ok(out)
}

/// A satisfaction answer: whose work it rated (at the solve), when, and whether it was satisfied.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    pub ticket_id: i64,
    pub agent_id: Option<i64>,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub answered_at: DateTime<Utc>,
    pub satisfied: bool,
}

pub async fn answers(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Answer>, DomainError> {
    let rows = csat_survey::Entity::find()
        .filter(csat_survey::Column::AnsweredAt.gte(from))
        .filter(csat_survey::Column::AnsweredAt.lt(until))
        .filter(csat_survey::Column::Rating.is_not_null())
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let scale = if r.scale == 2 { crate::csat::types::Scale::Two } else { crate::csat::types::Scale::Five };
            let rating = u8::try_from(r.rating?).ok()?;
            Some(Answer {
                ticket_id: r.ticket_id,
                agent_id: r.agent_id,
                team_id: r.team_id,
                category_id: r.category_id,
                answered_at: r.answered_at?,
                satisfied: scale.satisfied(rating),
            })
        })
        .collect())
}

/// Time entries worked on days from `from` to `to` (included): (ticket, agent, day, minutes).
pub async fn time_entries(
    db: &impl ConnectionTrait,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(i64, i64, NaiveDate, i64)>, DomainError> {
    let rows: Vec<(i64, i64, NaiveDate, i32)> = time_entry::Entity::find()
        .select_only()
        .column(time_entry::Column::TicketId)
        .column(time_entry::Column::AgentId)
        .column(time_entry::Column::WorkedOn)
        .column(time_entry::Column::Minutes)
        .filter(time_entry::Column::WorkedOn.gte(from))
        .filter(time_entry::Column::WorkedOn.lte(to))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(t, a, d, m)| (t, a, d, i64::from(m))).collect())
}
