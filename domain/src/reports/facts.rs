//! The rows a report reads, lean (only the columns it needs) and already narrowed to the
//! report's filters: tickets created or solved in the periods, the open backlog before them,
//! SLA clocks, reopenings, satisfaction answers and time entries, with the dimensions (team,
//! category, organization) of the tickets they belong to.

use super::types::ReportFilter;
use crate::{
    desk_config::Config,
    entities::{csat_survey, sla_clock, ticket, ticket_event, time_entry},
    error::DomainError,
    sla::types::{ClockState, Metric},
    ticket_types::Channel,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
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

/// The filters as a condition on `tickets`.
pub fn matching(filter: &ReportFilter) -> Condition {
    let mut all = Condition::all();
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

/// Tickets matching the filters whose `moment` (`CreatedAt`, or `SolvedAt`: solved and not
/// reopened since) falls in `[from, until)`.
pub async fn between(
    db: &impl ConnectionTrait,
    filter: &ReportFilter,
    moment: ticket::Column,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<TicketFact>, DomainError> {
    let rows: Vec<Row> =
        lean().filter(matching(filter)).filter(moment.gte(from)).filter(moment.lt(until)).into_tuple().all(db).await?;
    Ok(rows.into_iter().map(fact).collect())
}

/// Tickets matching the filters open at `at`: created before it and not solved by then.
pub async fn open_at(db: &impl ConnectionTrait, filter: &ReportFilter, at: DateTime<Utc>) -> Result<u64, DomainError> {
    let unsolved = Condition::any().add(ticket::Column::SolvedAt.is_null()).add(ticket::Column::SolvedAt.gte(at));
    Ok(ticket::Entity::find()
        .filter(matching(filter))
        .filter(ticket::Column::CreatedAt.lt(at))
        .filter(unsolved)
        .count(db)
        .await?)
}

/// Open tickets matching the filters now, with their assignee and team.
pub async fn open_now(db: &impl ConnectionTrait, filter: &ReportFilter) -> Result<Vec<TicketFact>, DomainError> {
    let rows: Vec<Row> =
        lean().filter(matching(filter)).filter(ticket::Column::SolvedAt.is_null()).into_tuple().all(db).await?;
    Ok(rows.into_iter().map(fact).collect())
}

/// The tickets among `ids` that match the filters, with their dimensions.
pub async fn tickets_of(
    db: &impl ConnectionTrait,
    filter: &ReportFilter,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, TicketFact>, DomainError> {
    let ids: Vec<i64> = ids.into_iter().collect::<HashSet<_>>().into_iter().collect();
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<Row> = lean()
            .filter(matching(filter))
            .filter(ticket::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|r| (r.0, fact(r))));
    }
    Ok(out)
}

/// Business minutes an SLA calendar measured for `metric` on each of `ids`, where a met clock
/// exists (the latest cycle for resolution, the first for the first response).
pub async fn measured_minutes(
    db: &impl ConnectionTrait,
    metric: Metric,
    ids: &[i64],
) -> Result<HashMap<i64, i64>, DomainError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(i64, i32, i64)> = sla_clock::Entity::find()
            .select_only()
            .column(sla_clock::Column::TicketId)
            .column(sla_clock::Column::Cycle)
            .column(sla_clock::Column::ElapsedSeconds)
            .filter(sla_clock::Column::Metric.eq(metric))
            .filter(sla_clock::Column::State.eq(ClockState::Met))
            .filter(sla_clock::Column::TicketId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        let mut best: HashMap<i64, (i32, i64)> = HashMap::new();
        for (ticket_id, cycle, seconds) in rows {
            let entry = best.entry(ticket_id).or_insert((cycle, seconds));
            let later = cycle > entry.0;
            if (metric == Metric::Resolution && later) || (metric != Metric::Resolution && cycle < entry.0) {
                *entry = (cycle, seconds);
            }
        }
        out.extend(best.into_iter().map(|(id, (_, seconds))| (id, seconds / 60)));
    }
    Ok(out)
}

/// SLA clocks decided in `[from, until)`: (ticket, met in time, when decided). A clock counts
/// where it was met, or, breached and still unmet, where it breached.
pub async fn clocks_decided(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<(i64, bool, DateTime<Utc>)>, DomainError> {
    let until_now = until.min(crate::clock::now());
    let met = Condition::all()
        .add(sla_clock::Column::State.eq(ClockState::Met))
        .add(sla_clock::Column::MetAt.gte(from))
        .add(sla_clock::Column::MetAt.lt(until));
    let breached_unmet = Condition::all()
        .add(sla_clock::Column::State.ne(ClockState::Met))
        .add(sla_clock::Column::BreachAt.gte(from))
        .add(sla_clock::Column::BreachAt.lt(until_now));
    type Clock = (i64, ClockState, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
    let rows: Vec<Clock> = sla_clock::Entity::find()
        .select_only()
        .column(sla_clock::Column::TicketId)
        .column(sla_clock::Column::State)
        .column(sla_clock::Column::MetAt)
        .column(sla_clock::Column::BreachAt)
        .filter(Condition::any().add(met).add(breached_unmet))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, state, met_at, breach_at)| {
            let met = state == ClockState::Met;
            let at = if met { met_at? } else { breach_at? };
            Some((id, met && breach_at.is_none(), at))
        })
        .collect())
}

/// Reopenings in `[from, until)`: (ticket, when), from the status history (a move from a solved
/// or closed status to an active one).
pub async fn reopenings(
    db: &impl ConnectionTrait,
    config: &Config,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>)>, DomainError> {
    let done: HashSet<&str> =
        config.statuses.iter().filter(|s| !s.category.is_active()).map(|s| s.name.as_str()).collect();
    let rows: Vec<(i64, DateTime<Utc>, Option<String>, Option<String>)> = ticket_event::Entity::find()
        .select_only()
        .column(ticket_event::Column::TicketId)
        .column(ticket_event::Column::At)
        .column(ticket_event::Column::OldValue)
        .column(ticket_event::Column::NewValue)
        .filter(ticket_event::Column::Field.eq("status"))
        .filter(ticket_event::Column::At.gte(from))
        .filter(ticket_event::Column::At.lt(until))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, old, new)| {
            old.as_deref().is_some_and(|o| done.contains(o)) && new.as_deref().is_some_and(|n| !done.contains(n))
        })
        .map(|(id, at, _, _)| (id, at))
        .collect())
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
