//! The report of a period: every figure for the period and for the one before it, the days'
//! volumes and backlog, the channel mix, agents' and teams' load, and satisfaction and time by
//! agent, team, organization and category. Figures follow the filters; names are the current
//! ones ("A deleted …" where a row is gone).

use super::{
    access,
    facts::{self, Answer, TicketFact, start_of},
    types::*,
};
use crate::{
    desk_config::Config,
    entities::{organization, ticket, user},
    error::DomainError,
    policy::Actor,
    sla::types::Metric,
};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The report the caller asked for, if they may see reports.
pub async fn report(db: &DatabaseConnection, actor: &Actor, filter: ReportFilter) -> Result<ReportView, DomainError> {
    access::check(db, actor).await?;
    compute(db, filter).await
}

/// `[start, end)` of a filter's period.
fn bounds(filter: &ReportFilter) -> (DateTime<Utc>, DateTime<Utc>) {
    (start_of(filter.from), start_of(filter.to) + Duration::days(1))
}

pub async fn compute(db: &impl ConnectionTrait, filter: ReportFilter) -> Result<ReportView, DomainError> {
    let config = Config::load(db).await?;
    let previous = filter.previous();
    let (start, end) = bounds(&filter);
    let (before_start, _) = bounds(&previous);
    let in_period = |at: DateTime<Utc>| at >= start && at < end;

    let created = facts::between(db, &filter, ticket::Column::CreatedAt, before_start, end).await?;
    let solved = facts::between(db, &filter, ticket::Column::SolvedAt, before_start, end).await?;
    let split = |rows: &[TicketFact],
                 at: fn(&TicketFact) -> Option<DateTime<Utc>>|
     -> (Vec<TicketFact>, Vec<TicketFact>) { rows.iter().partition(|t| at(t).is_some_and(in_period)) };
    let (created_now, created_before) = split(&created, |t| Some(t.created_at));
    let (solved_now, solved_before) = split(&solved, |t| t.solved_at);

    // Durations, in business minutes where an SLA calendar measured them.
    let responded: Vec<i64> = created.iter().filter(|t| t.first_response_at.is_some()).map(|t| t.id).collect();
    let response_minutes = facts::measured_minutes(db, Metric::FirstResponse, &responded).await?;
    let solved_ids: Vec<i64> = solved.iter().map(|t| t.id).collect();
    let resolution_minutes = facts::measured_minutes(db, Metric::Resolution, &solved_ids).await?;
    let first_response = |rows: &[TicketFact]| {
        duration_stats(
            rows.iter()
                .filter_map(|t| {
                    let wall = (t.first_response_at? - t.created_at).num_minutes();
                    Some(response_minutes.get(&t.id).copied().unwrap_or(wall))
                })
                .collect(),
        )
    };
    let resolution = |rows: &[TicketFact]| {
        duration_stats(
            rows.iter()
                .filter_map(|t| {
                    let wall = (t.solved_at? - t.created_at).num_minutes();
                    Some(resolution_minutes.get(&t.id).copied().unwrap_or(wall))
                })
                .collect(),
        )
    };

    // SLA clocks decided, of the filtered tickets.
    let clocks = facts::clocks_decided(db, before_start, end).await?;
    let clocked = facts::tickets_of(db, &filter, clocks.iter().map(|(id, _, _)| *id)).await?;
    let sla_share = |now: bool| {
        let mine: Vec<bool> = clocks
            .iter()
            .filter(|(id, _, at)| clocked.contains_key(id) && in_period(*at) == now)
            .map(|(_, met, _)| *met)
            .collect();
        Share { part: mine.iter().filter(|m| **m).count() as u64, whole: mine.len() as u64 }
    };
    let sla = Compared { now: sla_share(true), before: sla_share(false) };

    // Reopened tickets (each counted once a period), of those solved in it.
    let reopenings = facts::reopenings(db, &config, before_start, end).await?;
    let reopened_tickets = facts::tickets_of(db, &filter, reopenings.iter().map(|(id, _)| *id)).await?;
    let reopened_in = |now: bool| -> HashSet<i64> {
        reopenings
            .iter()
            .filter(|(id, at)| reopened_tickets.contains_key(id) && in_period(*at) == now)
            .map(|(id, _)| *id)
            .collect()
    };
    // Of the tickets solved in a period, how many were reopened in it. A ticket solved and then
    // reopened in the period no longer has that solve on record (its `solved_at` was cleared)
    // but was solved in it all the same: the whole is both, each ticket once.
    let reopen_share = |solved: &[TicketFact], reopened: HashSet<i64>| {
        let whole: HashSet<i64> = solved.iter().map(|t| t.id).chain(reopened.iter().copied()).collect();
        Share { part: reopened.len() as u64, whole: whole.len() as u64 }
    };
    let reopened = Compared {
        now: reopen_share(&solved_now, reopened_in(true)),
        before: reopen_share(&solved_before, reopened_in(false)),
    };

    // Satisfaction answers of the filtered tickets.
    let answers = facts::answers(db, before_start, end).await?;
    let rated = facts::tickets_of(db, &filter, answers.iter().map(|a| a.ticket_id)).await?;
    let answers: Vec<Answer> = answers.into_iter().filter(|a| rated.contains_key(&a.ticket_id)).collect();
    let (answers_now, answers_before): (Vec<Answer>, Vec<Answer>) =
        answers.into_iter().partition(|a| in_period(a.answered_at));
    let satisfied =
        |rows: &[Answer]| Share { part: rows.iter().filter(|a| a.satisfied).count() as u64, whole: rows.len() as u64 };

    // Time logged on the filtered tickets in the period.
    let entries = facts::time_entries(db, filter.from, filter.to).await?;
    let timed = facts::tickets_of(db, &filter, entries.iter().map(|(t, _, _, _)| *t)).await?;
    let entries: Vec<(TicketFact, i64, i64)> =
        entries.into_iter().filter_map(|(t, agent, _, minutes)| Some((*timed.get(&t)?, agent, minutes))).collect();

    let names = Names::load(db, &config).await?;
    let days = day_rows(db, &filter, &created_now, &solved_now).await?;
    let channels = {
        let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
        for t in &created_now {
            *counts.entry(t.channel.as_str()).or_default() += 1;
        }
        let mut rows: Vec<CountRow> =
            counts.into_iter().map(|(name, count)| CountRow { name: name.to_owned(), count }).collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        rows
    };
    let open_now = facts::open_now(db, &filter).await?;
    let agents = workload(
        &open_now,
        &solved_now,
        &entries,
        |t| t.assignee_id,
        |(_, agent, _)| Some(*agent),
        |id| names.agent(id),
    );
    let teams = workload(&open_now, &solved_now, &entries, |t| t.team_id, |(t, _, _)| t.team_id, |id| names.team(id));

    Ok(ReportView {
        created: Compared { now: created_now.len() as u64, before: created_before.len() as u64 },
        solved: Compared { now: solved_now.len() as u64, before: solved_before.len() as u64 },
        first_response: Compared { now: first_response(&created_now), before: first_response(&created_before) },
        resolution: Compared { now: resolution(&solved_now), before: resolution(&solved_before) },
        sla,
        reopened,
        csat: Compared { now: satisfied(&answers_now), before: satisfied(&answers_before) },
        days,
        channels,
        agents,
        teams,
        csat_by_agent: csat_rows(&answers_now, |a| a.agent_id, |id| names.agent(id)),
        csat_by_team: csat_rows(&answers_now, |a| a.team_id, |id| names.team(id)),
        csat_by_category: csat_rows(&answers_now, |a| a.category_id, |id| names.category(id)),
        time_by_agent: time_rows(&entries, |(_, agent, _)| Some(*agent), |id| names.agent(id)),
        time_by_team: time_rows(&entries, |(t, _, _)| t.team_id, |id| names.team(id)),
        time_by_organization: time_rows(&entries, |(t, _, _)| t.organization_id, |id| names.organization(id)),
        time_by_category: time_rows(&entries, |(t, _, _)| t.category_id, |id| names.category(id)),
        filter,
    })
}

/// Each day's created, solved and the backlog at its end.
async fn day_rows(
    db: &impl ConnectionTrait,
    filter: &ReportFilter,
    created: &[TicketFact],
    solved: &[TicketFact],
) -> Result<Vec<DayRow>, DomainError> {
    let (start, _) = bounds(filter);
    let mut backlog = facts::open_at(db, filter, start).await? as i64;
    let mut by_day: BTreeMap<NaiveDate, (u64, u64, i64)> = BTreeMap::new();
    for t in created {
        let entry = by_day.entry(t.created_at.date_naive()).or_default();
        entry.0 += 1;
        entry.2 += 1;
    }
    for t in solved {
        let Some(at) = t.solved_at else { continue };
        let entry = by_day.entry(at.date_naive()).or_default();
        entry.1 += 1;
        // A ticket created before the period counted in the opening backlog.
        entry.2 -= 1;
    }
    Ok(filter
        .from
        .iter_days()
        .take(filter.days() as usize)
        .map(|day| {
            let (created, solved, change) = by_day.get(&day).copied().unwrap_or_default();
            backlog += change;
            DayRow { day, created, solved, backlog: backlog.max(0) as u64 }
        })
        .collect())
}

fn workload(
    open: &[TicketFact],
    solved: &[TicketFact],
    entries: &[(TicketFact, i64, i64)],
    key: fn(&TicketFact) -> Option<i64>,
    entry_key: fn(&(TicketFact, i64, i64)) -> Option<i64>,
    name: impl Fn(i64) -> String,
) -> Vec<WorkloadRow> {
    let mut rows: BTreeMap<i64, (u64, u64, i64)> = BTreeMap::new();
    for t in open {
        if let Some(id) = key(t) {
            rows.entry(id).or_default().0 += 1;
        }
    }
    for t in solved {
        if let Some(id) = key(t) {
            rows.entry(id).or_default().1 += 1;
        }
    }
    for e in entries {
        if let Some(id) = entry_key(e) {
            rows.entry(id).or_default().2 += e.2;
        }
    }
    let mut out: Vec<WorkloadRow> = rows
        .into_iter()
        .map(|(id, (open, solved, minutes))| WorkloadRow { name: name(id), open, solved, minutes })
        .collect();
    out.sort_by(|a, b| b.open.cmp(&a.open).then(b.solved.cmp(&a.solved)).then_with(|| a.name.cmp(&b.name)));
    out
}

fn csat_rows(answers: &[Answer], key: fn(&Answer) -> Option<i64>, name: impl Fn(i64) -> String) -> Vec<CsatRow> {
    let mut rows: BTreeMap<Option<i64>, Share> = BTreeMap::new();
    for a in answers {
        let share = rows.entry(key(a)).or_default();
        share.whole += 1;
        share.part += u64::from(a.satisfied);
    }
    let mut out: Vec<CsatRow> = rows
        .into_iter()
        .map(|(id, satisfied)| CsatRow { name: id.map_or_else(|| "None".to_owned(), &name), satisfied })
        .collect();
    out.sort_by(|a, b| b.satisfied.whole.cmp(&a.satisfied.whole).then_with(|| a.name.cmp(&b.name)));
    out
}

fn time_rows(
    entries: &[(TicketFact, i64, i64)],
    key: fn(&(TicketFact, i64, i64)) -> Option<i64>,
    name: impl Fn(i64) -> String,
) -> Vec<TimeRow> {
    let mut rows: BTreeMap<Option<i64>, (i64, HashSet<i64>)> = BTreeMap::new();
    for e in entries {
        let row = rows.entry(key(e)).or_default();
        row.0 += e.2;
        row.1.insert(e.0.id);
    }
    let mut out: Vec<TimeRow> = rows
        .into_iter()
        .map(|(id, (minutes, tickets))| TimeRow {
            name: id.map_or_else(|| "None".to_owned(), &name),
            minutes,
            tickets: tickets.len() as u64,
        })
        .collect();
    out.sort_by(|a, b| b.minutes.cmp(&a.minutes).then_with(|| a.name.cmp(&b.name)));
    out
}

/// Current names of agents, teams, categories and organizations.
struct Names {
    agents: HashMap<i64, String>,
    teams: HashMap<i64, String>,
    categories: HashMap<i64, String>,
    organizations: HashMap<i64, String>,
}

impl Names {
    async fn load(db: &impl ConnectionTrait, config: &Config) -> Result<Names, DomainError> {
        let staff = user::Entity::find().filter(user::Column::Role.is_in(crate::role::Role::STAFF)).all(db).await?;
        Ok(Names {
            agents: staff.into_iter().map(|u| (u.id, u.name)).collect(),
            teams: config.teams.iter().map(|t| (t.id, t.name.clone())).collect(),
            categories: config.categories.iter().map(|c| (c.id, c.name.clone())).collect(),
            organizations: organization::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect(),
        })
    }

    fn agent(&self, id: i64) -> String {
        self.agents.get(&id).cloned().unwrap_or_else(|| "A former agent".to_owned())
    }

    fn team(&self, id: i64) -> String {
        self.teams.get(&id).cloned().unwrap_or_else(|| "A deleted team".to_owned())
    }

    fn category(&self, id: i64) -> String {
        self.categories.get(&id).cloned().unwrap_or_else(|| "A deleted category".to_owned())
    }

    fn organization(&self, id: i64) -> String {
        self.organizations.get(&id).cloned().unwrap_or_else(|| "A deleted organization".to_owned())
    }
}
