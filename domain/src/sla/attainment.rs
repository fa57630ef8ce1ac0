//! SLA attainment: per policy and target, how many clocks were decided in a period (met in time,
//! or breached) and the share met. A clock counts in the period it was met in, or, when it
//! breached and is still unmet, in the period it breached in.

use super::types::{AttainmentRow, AttainmentView, ClockState, Metric};
use crate::{
    entities::{sla_clock, sla_policy},
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeMap;

/// The longest period asked about at once.
pub const MAX_DAYS: i64 = 400;

pub async fn attainment(
    db: &impl ConnectionTrait,
    actor: &Actor,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<AttainmentView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    if until <= from {
        return Err(DomainError::field("to", "End the period after it starts"));
    }
    if (until - from).num_days() > MAX_DAYS {
        return Err(DomainError::field("from", "Ask for at most 400 days at once"));
    }
    let now = crate::clock::now();
    let met_in_period = Condition::all()
        .add(sla_clock::Column::State.eq(ClockState::Met))
        .add(sla_clock::Column::MetAt.gte(from))
        .add(sla_clock::Column::MetAt.lt(until));
    let breached_unmet = Condition::all()
        .add(sla_clock::Column::State.ne(ClockState::Met))
        .add(sla_clock::Column::BreachAt.gte(from))
        .add(sla_clock::Column::BreachAt.lt(until.min(now)));
    let rows: Vec<(i64, Metric, ClockState, Option<DateTime<Utc>>)> = sla_clock::Entity::find()
        .select_only()
        .column(sla_clock::Column::PolicyId)
        .column(sla_clock::Column::Metric)
        .column(sla_clock::Column::State)
        .column(sla_clock::Column::BreachAt)
        .filter(Condition::any().add(met_in_period).add(breached_unmet))
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: BTreeMap<(i64, Metric), (u64, u64)> = BTreeMap::new();
    for (policy, metric, state, breach_at) in rows {
        let entry = counts.entry((policy, metric)).or_default();
        let breached = state != ClockState::Met || breach_at.is_some();
        if breached {
            entry.1 += 1;
        } else {
            entry.0 += 1;
        }
    }
    let names: BTreeMap<i64, (i32, String)> =
        sla_policy::Entity::find().all(db).await?.into_iter().map(|p| (p.id, (p.position, p.name))).collect();
    let mut out: Vec<AttainmentRow> = counts
        .into_iter()
        .map(|((policy_id, metric), (met, breached))| {
            let total = met + breached;
            AttainmentRow {
                policy_id,
                policy: names.get(&policy_id).map_or_else(|| "A deleted policy".to_owned(), |(_, n)| n.clone()),
                metric,
                met,
                breached,
                percent: (total > 0).then(|| ((met as f64 / total as f64) * 100.0).round() as u32),
            }
        })
        .collect();
    out.sort_by_key(|r| (names.get(&r.policy_id).map_or(i32::MAX, |(p, _)| *p), r.policy_id, r.metric));
    Ok(AttainmentView { from, until, rows: out })
}
