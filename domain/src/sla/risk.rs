//! Breach risk from the database: the desk's history of met clocks (the last 180 days, read at
//! most every ten minutes per database and kept in memory), each agent's open load (read at most
//! every minute), the prediction for one clock, and the "At risk" list of open tickets likely to
//! breach.

use super::{
    prediction::{self, History, Prediction},
    types::{AtRiskView, ClockState, Metric, PredictionView},
};
use crate::{
    desk_config::{Config, cache},
    entities::{sla_clock, ticket},
    error::DomainError,
    policy::{Action, Actor, authorize},
    ticket_access,
    ticket_types::StatusCategory,
};
use chrono::Duration;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, Func},
};
use std::{
    collections::HashMap,
    sync::{Arc, LazyLock, Mutex},
    time::Instant,
};

/// How far back the history reaches, and how long a read of it is reused.
pub const HISTORY_DAYS: i64 = 180;
const REUSE: std::time::Duration = std::time::Duration::from_secs(600);
/// The longest "At risk" list.
pub const AT_RISK_MAX: usize = 100;

/// The history of each predicted target.
#[derive(Debug, Default)]
pub struct Histories {
    pub first_response: History,
    pub resolution: History,
}

impl Histories {
    pub fn of(&self, metric: Metric) -> Option<&History> {
        match metric {
            Metric::FirstResponse => Some(&self.first_response),
            Metric::Resolution => Some(&self.resolution),
            Metric::NextResponse => None,
        }
    }
}

type Reads = HashMap<Option<i64>, (Instant, Arc<Histories>)>;
static READS: LazyLock<Mutex<Reads>> = LazyLock::new(Mutex::default);

/// The desk's history, read again when the last read is ten minutes old (per configuration
/// version, which tells databases apart).
pub async fn histories(db: &impl ConnectionTrait) -> Result<Arc<Histories>, DomainError> {
    let version = cache::version(db).await?;
    if let Ok(reads) = READS.lock()
        && let Some((at, read)) = reads.get(&version)
        && at.elapsed() < REUSE
    {
        return Ok(read.clone());
    }
    let read = Arc::new(read_histories(db).await?);
    if let Ok(mut reads) = READS.lock() {
        if reads.len() > 64 {
            reads.clear();
        }
        reads.insert(version, (Instant::now(), read.clone()));
    }
    Ok(read)
}

/// Reads the history now: met first-response and resolution clocks of the last 180 days.
pub async fn read_histories(db: &impl ConnectionTrait) -> Result<Histories, DomainError> {
    let since = crate::clock::now() - Duration::days(HISTORY_DAYS);
    let rows: Vec<(Metric, Option<i64>, i64, i64)> = sla_clock::Entity::find()
        .select_only()
        .column(sla_clock::Column::Metric)
        .column_as(Expr::col((ticket::Entity, ticket::Column::CategoryId)), "category_id")
        .column_as(Expr::col((ticket::Entity, ticket::Column::PriorityId)), "priority_id")
        .column(sla_clock::Column::ElapsedSeconds)
        .join(
            sea_orm::JoinType::InnerJoin,
            sla_clock::Entity::belongs_to(ticket::Entity)
                .from(sla_clock::Column::TicketId)
                .to(ticket::Column::Id)
                .into(),
        )
        .filter(sla_clock::Column::State.eq(ClockState::Met))
        .filter(sla_clock::Column::Metric.is_in([Metric::FirstResponse, Metric::Resolution]))
        .filter(sla_clock::Column::MetAt.gte(since))
        .into_tuple()
        .all(db)
        .await?;
    let pick = |wanted: Metric| {
        History::new(rows.iter().filter(|r| r.0 == wanted).map(|(_, category, priority, s)| (*category, *priority, *s)))
    };
    Ok(Histories { first_response: pick(Metric::FirstResponse), resolution: pick(Metric::Resolution) })
}

/// Open tickets per assignee, and the average over agents who have any.
pub type Loads = (HashMap<i64, u64>, f64);

type LoadReads = HashMap<Option<i64>, (Instant, Arc<Loads>)>;
static LOAD_READS: LazyLock<Mutex<LoadReads>> = LazyLock::new(Mutex::default);
/// How long a read of the agents' loads is reused: a count over every open ticket is too dear
/// for every ticket page, and an estimate does not need the last minute.
const LOADS_REUSE: std::time::Duration = std::time::Duration::from_secs(60);

/// The agents' loads, read again when the last read is a minute old (per database).
pub async fn loads(db: &impl ConnectionTrait, config: &Config) -> Result<Arc<Loads>, DomainError> {
    let version = cache::version(db).await?;
    if let Ok(reads) = LOAD_READS.lock()
        && let Some((at, read)) = reads.get(&version)
        && at.elapsed() < LOADS_REUSE
    {
        return Ok(read.clone());
    }
    let read = Arc::new(read_loads(db, config).await?);
    if let Ok(mut reads) = LOAD_READS.lock() {
        if reads.len() > 64 {
            reads.clear();
        }
        reads.insert(version, (Instant::now(), read.clone()));
    }
    Ok(read)
}

/// Reads the agents' loads now.
pub async fn read_loads(db: &impl ConnectionTrait, config: &Config) -> Result<Loads, DomainError> {
    let rows: Vec<(Option<i64>, i64)> = ticket::Entity::find()
        .select_only()
        .column(ticket::Column::AssigneeId)
        .column_as(Expr::expr(Func::count(Expr::col(ticket::Column::Id))), "n")
        .filter(ticket::Column::StatusId.is_in(config.status_ids(StatusCategory::is_active)))
        .filter(ticket::Column::AssigneeId.is_not_null())
        .group_by(ticket::Column::AssigneeId)
        .into_tuple()
        .all(db)
        .await?;
    let per: HashMap<i64, u64> =
        rows.into_iter().filter_map(|(a, n)| Some((a?, u64::try_from(n).unwrap_or_default()))).collect();
    let average = if per.is_empty() { 0.0 } else { per.values().sum::<u64>() as f64 / per.len() as f64 };
    Ok((per, average))
}

/// The prediction for one running clock of a ticket.
pub fn predict_clock(
    histories: &Histories,
    loads: &Loads,
    t: &ticket::Model,
    metric: Metric,
    elapsed: i64,
    target: i64,
) -> Option<(Prediction, PredictionView)> {
    let history = histories.of(metric)?;
    let assignee_open = t.assignee_id.map(|a| loads.0.get(&a).copied().unwrap_or(0));
    let factor = prediction::load_factor(assignee_open, loads.1);
    let p = prediction::predict(history, t.category_id, t.priority_id, elapsed, target, factor)?;
    let view = PredictionView {
        percent: (p.probability * 100.0).round() as u32,
        at_risk: p.at_risk(),
        typical_seconds: p.typical_seconds,
        left_seconds: target - elapsed,
        samples: p.samples,
        basis: p.basis.label().to_owned(),
        assignee_open,
        average_open: loads.1.round() as u64,
    };
    Some((p, view))
}

/// Open tickets within the actor's reach whose running first-response or resolution clock is
/// likely to breach (not yet breached), most likely first.
pub async fn at_risk(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<AtRiskView>, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let now = crate::clock::now();
    let config = Config::load(db).await?;
    let setup = super::setup::Setup::load(db).await?;
    let histories = histories(db).await?;
    if histories.first_response.is_empty() && histories.resolution.is_empty() {
        return Ok(Vec::new());
    }
    let clocks = sla_clock::Entity::find()
        .filter(sla_clock::Column::State.eq(ClockState::Running))
        .filter(sla_clock::Column::Metric.is_in([Metric::FirstResponse, Metric::Resolution]))
        .filter(sla_clock::Column::DueAt.gt(now))
        .all(db)
        .await?;
    let reach = ticket_access::reach_condition(&ticket_access::reach(db, actor).await?);
    let mut tickets: HashMap<i64, ticket::Model> = HashMap::new();
    let ids: Vec<i64> = clocks.iter().map(|c| c.ticket_id).collect();
    for chunk in ids.chunks(1000) {
        let mut select = ticket::Entity::find().filter(ticket::Column::Id.is_in(chunk.to_vec()));
        if let Some(within) = reach.clone() {
            select = select.filter(within);
        }
        tickets.extend(select.all(db).await?.into_iter().map(|t| (t.id, t)));
    }
    let loads = loads(db, &config).await?;
    let mut best: HashMap<i64, (Metric, PredictionView, f64)> = HashMap::new();
    for clock in &clocks {
        let Some(t) = tickets.get(&clock.ticket_id) else { continue };
        let calendar = setup.calendar(clock.calendar_id);
        let counted = clock.running_since.map_or(0, |since| calendar.business_seconds(since, now));
        let elapsed = clock.elapsed_seconds + counted;
        let target = i64::from(clock.target_minutes) * 60;
        let Some((p, view)) = predict_clock(&histories, &loads, t, clock.metric, elapsed, target) else { continue };
        if !p.at_risk() {
            continue;
        }
        let better = best.get(&t.id).is_none_or(|(_, _, q)| p.probability > *q);
        if better {
            best.insert(t.id, (clock.metric, view, p.probability));
        }
    }
    let mut ranked: Vec<(i64, Metric, PredictionView, f64)> =
        best.into_iter().map(|(id, (metric, view, p))| (id, metric, view, p)).collect();
    ranked.sort_by(|a, b| b.3.total_cmp(&a.3).then(a.0.cmp(&b.0)));
    ranked.truncate(AT_RISK_MAX);
    let rows: Vec<ticket::Model> = ranked.iter().filter_map(|(id, ..)| tickets.get(id).cloned()).collect();
    let summaries = crate::tickets::lookup::summaries(db, &config, rows).await?;
    Ok(summaries
        .into_iter()
        .zip(ranked)
        .map(|(ticket, (_, metric, prediction, _))| AtRiskView { ticket, metric, prediction })
        .collect())
}
