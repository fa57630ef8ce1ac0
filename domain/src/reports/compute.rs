//! The report of a period: every figure for the period and for the one before it, the days'
//! volumes and backlog, the channel mix, agents' and teams' load, and satisfaction and time by
//! agent, team, organization and category. Figures follow the filters; names are the current
//! ones ("A deleted …" where a row is gone).

use super::{
    access,
    facts::{self, Answer, TicketFact, start_of},
    field_terms, tallies,
    types::*,
};
use crate::{
    desk_config::Config,
    entities::{organization, user},
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
    let now = crate::clock::now();
    let terms = field_terms::resolve(db, &filter).await?;
    let scope = tallies::Scope { filter: &filter, terms: &terms };

    // Counts by day from the previous period's first day on: the headline figures, the days and
    // the backlog at the period's start (open now, less what opened since, plus what was open
    // then and solved since).
    let created = tallies::created(db, scope, before_start, start).await?;
    let solved = tallies::solved(db, scope, before_start, start).await?;
    let open_now = tallies::by_owner(db, scope, None).await?;
    let open_total: u64 = open_now.iter().map(|row| row.2).sum();
    let opening_backlog = (open_total + solved.marked).saturating_sub(created.marked);
    let total = |by_day: &BTreeMap<NaiveDate, u64>, f: &ReportFilter| -> u64 {
        by_day.range(f.from..=f.to).map(|(_, n)| n).sum()
    };

    // Durations, in business minutes where an SLA calendar measured them.
    let response = tallies::durations(db, scope, Metric::FirstResponse, before_start, start, end).await?;
    let resolution = tallies::durations(db, scope, Metric::Resolution, before_start, start, end).await?;

    // SLA clocks decided, of the filtered tickets.
    let [sla_now, sla_before] = tallies::clocks(db, scope, before_start, start, end, now).await?;
    let share = |(part, whole): (u64, u64)| Share { part, whole };

    // Of the tickets solved in a period, how many were reopened in it. A ticket solved and then
    // reopened in the period no longer has that solve on record (its `solved_at` was cleared or
    // moved) but was solved in it all the same: the whole is both, each ticket once.
    let reopenings = tallies::reopened(db, &config, scope, before_start, start, end).await?;
    let reopen_share = |current: bool, solved_count: u64, period: &ReportFilter| {
        let (from, until) = bounds(period);
        let reopened: HashSet<(i64, bool)> = reopenings
            .iter()
            .filter(|(_, now, _)| *now == current)
            .map(|(id, _, at)| (*id, at.is_some_and(|at| at >= from && at < until)))
            .collect();
        let not_counted = reopened.iter().filter(|(_, solved_in_period)| !solved_in_period).count() as u64;
        Share { part: reopened.len() as u64, whole: solved_count + not_counted }
    };
    let solved_now = total(&solved.by_day, &filter);
    let solved_before = total(&solved.by_day, &previous);

    // Satisfaction answers of the filtered tickets.
    let answers = facts::answers(db, before_start, end).await?;
    let rated = facts::tickets_of(db, &filter, &terms.condition, answers.iter().map(|a| a.ticket_id)).await?;
    let answers: Vec<Answer> = answers.into_iter().filter(|a| rated.contains_key(&a.ticket_id)).collect();
    let (answers_now, answers_before): (Vec<Answer>, Vec<Answer>) =
        answers.into_iter().partition(|a| in_period(a.answered_at));
    let satisfied =
        |rows: &[Answer]| Share { part: rows.iter().filter(|a| a.satisfied).count() as u64, whole: rows.len() as u64 };

    // Time logged on the filtered tickets in the period.
    let entries = facts::time_entries(db, filter.from, filter.to).await?;
    let timed = facts::tickets_of(db, &filter, &terms.condition, entries.iter().map(|(t, _, _, _)| *t)).await?;
    let entries: Vec<(TicketFact, i64, i64)> =
        entries.into_iter().filter_map(|(t, agent, _, minutes)| Some((*timed.get(&t)?, agent, minutes))).collect();

    let names = Names::load(db, &config).await?;
    let days = day_rows(&filter, &created.by_day, &solved.by_day, opening_backlog);
    let channels = {
        let mut rows: Vec<CountRow> = tallies::channels(db, scope, start, end)
            .await?
            .into_iter()
            .map(|(channel, count)| CountRow { name: channel.as_str().to_owned(), count })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        rows
    };
    let solved_by = tallies::by_owner(db, scope, Some((start, end))).await?;
    let agents = workload(
        (tallies::owners(&open_now, |r| r.0), tallies::owners(&solved_by, |r| r.0)),
        &entries,
        |(_, agent, _)| Some(*agent),
        |id| names.agent(id),
    );
    let teams = workload(
        (tallies::owners(&open_now, |r| r.1), tallies::owners(&solved_by, |r| r.1)),
        &entries,
        |(t, _, _)| t.team_id,
        |id| names.team(id),
    );

    Ok(ReportView {
        created: Compared { now: total(&created.by_day, &filter), before: total(&created.by_day, &previous) },
        solved: Compared { now: solved_now, before: solved_before },
        first_response: Compared { now: histogram_stats(response.now), before: histogram_stats(response.before) },
        resolution: Compared { now: histogram_stats(resolution.now), before: histogram_stats(resolution.before) },
        sla: Compared { now: share(sla_now), before: share(sla_before) },
        reopened: Compared {
            now: reopen_share(true, solved_now, &filter),
            before: reopen_share(false, solved_before, &previous),
        },
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

/// Each day's created, solved and the backlog at its end, from the backlog at the period's start.
fn day_rows(
    filter: &ReportFilter,
    created: &BTreeMap<NaiveDate, u64>,
    solved: &BTreeMap<NaiveDate, u64>,
    opening_backlog: u64,
) -> Vec<DayRow> {
    let mut backlog = opening_backlog as i64;
    filter
        .from
        .iter_days()
        .take(filter.days() as usize)
        .map(|day| {
            let created = created.get(&day).copied().unwrap_or_default();
            let solved = solved.get(&day).copied().unwrap_or_default();
            backlog += created as i64 - solved as i64;
            DayRow { day, created, solved, backlog: backlog.max(0) as u64 }
        })
        .collect()
}

fn workload(
    (open, solved): (HashMap<i64, u64>, HashMap<i64, u64>),
    entries: &[(TicketFact, i64, i64)],
    entry_key: fn(&(TicketFact, i64, i64)) -> Option<i64>,
    name: impl Fn(i64) -> String,
) -> Vec<WorkloadRow> {
    let mut rows: BTreeMap<i64, (u64, u64, i64)> = BTreeMap::new();
    for (id, n) in open {
        rows.entry(id).or_default().0 += n;
    }
    for (id, n) in solved {
        rows.entry(id).or_default().1 += n;
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
