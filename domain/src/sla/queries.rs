//! Reading service levels: a ticket's policy and clocks as its page shows them (with the
//! business hours ahead, so that the browser's countdown stands still while the desk is closed).

use super::{
    setup::Setup,
    types::{ClockState, ClockView, OpenSpan, TicketSlaView},
};
use crate::{
    entities::{sla_clock, sla_policy, ticket},
    error::DomainError,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// How many open spans a countdown carries, and how far ahead it looks.
const SPANS: usize = 40;
const AHEAD_DAYS: i64 = 14;

/// The ticket's service level, if a policy measures it (for staff).
pub async fn for_ticket(db: &impl ConnectionTrait, t: &ticket::Model) -> Result<Option<TicketSlaView>, DomainError> {
    let rows = sla_clock::Entity::find()
        .filter(sla_clock::Column::TicketId.eq(t.id))
        .order_by_asc(sla_clock::Column::Metric)
        .all(db)
        .await?;
    let Some(first) = rows.first() else { return Ok(None) };
    let policy_id = t.sla_policy_id.unwrap_or(first.policy_id);
    let setup = Setup::load(db).await?;
    let policy = match setup.policy(policy_id) {
        Some(p) => p.name.clone(),
        None => sla_policy::Entity::find_by_id(policy_id)
            .one(db)
            .await?
            .map_or_else(|| "A policy since deleted".to_owned(), |p| p.name),
    };
    let now = crate::clock::now();
    let mut clocks: Vec<ClockView> = rows.iter().map(|row| view_of(&setup, row, now)).collect();
    // Predictions for the clocks still running towards their due time.
    if clocks.iter().any(|c| c.state == ClockState::Running && c.remaining_seconds > 0) {
        let histories = super::risk::histories(db).await?;
        let config = crate::desk_config::Config::load(db).await?;
        let loads = super::risk::loads(db, &config).await?;
        for clock in clocks.iter_mut().filter(|c| c.state == ClockState::Running && c.remaining_seconds > 0) {
            let target = i64::from(clock.target_minutes) * 60;
            let elapsed = target - clock.remaining_seconds;
            clock.prediction =
                super::risk::predict_clock(&histories, &loads, t, clock.metric, elapsed, target).map(|(_, v)| v);
        }
    }
    clocks.sort_by_key(|c| c.metric);
    Ok(Some(TicketSlaView { policy_id, policy, clocks }))
}

fn view_of(setup: &Setup, row: &sla_clock::Model, now: DateTime<Utc>) -> ClockView {
    let calendar = setup.calendar(row.calendar_id);
    let target = i64::from(row.target_minutes) * 60;
    let running = row.running_since.filter(|_| row.state == ClockState::Running);
    let counted = running.map_or(0, |since| calendar.business_seconds(since, now));
    let open_spans = match (running, row.due_at) {
        (Some(_), Some(due)) if due > now => calendar
            .open_between(now, due.min(now + Duration::days(AHEAD_DAYS)))
            .into_iter()
            .take(SPANS)
            .map(|(from, until)| OpenSpan { from, until })
            .collect(),
        _ => Vec::new(),
    };
    ClockView {
        metric: row.metric,
        target_minutes: u32::try_from(row.target_minutes).unwrap_or(0),
        calendar: setup.calendar_name(row.calendar_id),
        state: row.state,
        cycle: row.cycle,
        due_at: row.due_at,
        met_at: row.met_at,
        breach_at: row.breach_at,
        remaining_seconds: target - row.elapsed_seconds - counted,
        computed_at: now,
        open_spans,
        prediction: None,
    }
}
