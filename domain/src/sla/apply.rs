//! Applying the service levels to tickets: the first policy that matches, its clocks computed
//! from the timeline, stored (`sla_clocks`, each with the moment its next warning or breach rule
//! falls due for the scheduler's sweep, and the policy and next due time on the ticket row).

use super::{
    clocks::{self, Clock, Target, Timeline},
    conditions::Facts,
    setup::{PolicyEntry, Setup},
    types::{ClockState, Metric},
};
use crate::{
    desk_config::Config,
    entities::{organization, sla_clock, sla_firing, ticket},
    error::DomainError,
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr};
use std::collections::{HashMap, HashSet};

/// A ticket's facts for policy conditions, by today's names.
pub async fn facts(
    db: &impl ConnectionTrait,
    setup: &Setup,
    config: &Config,
    t: &ticket::Model,
) -> Result<Facts, DomainError> {
    let lower = |name: Option<String>| name.map(|n| n.to_lowercase());
    let organization = match t.organization_id {
        Some(id) if setup.needs_organization() => {
            lower(organization::Entity::find_by_id(id).one(db).await?.map(|o| o.name))
        }
        _ => None,
    };
    Ok(Facts {
        priority: config.priority(t.priority_id).name.to_lowercase(),
        category: lower(config.category(t.category_id).map(|c| c.name)),
        team: lower(config.team(t.team_id).map(|c| c.name)),
        organization,
        channel: t.channel,
        tags: serde_json::from_str(&t.tags).unwrap_or_default(),
    })
}

/// The clocks of a policy's targets on a timeline.
pub fn clocks_for(setup: &Setup, policy: &PolicyEntry, timeline: &Timeline) -> Vec<Clock> {
    policy
        .targets
        .iter()
        .filter_map(|t| {
            let target = Target {
                metric: t.metric,
                seconds: i64::from(t.minutes) * 60,
                calendar: setup.calendar(t.calendar_id),
            };
            clocks::compute(timeline, &target)
        })
        .collect()
}

/// The earliest due time of the running clocks.
pub fn next_due(clocks: &[Clock]) -> Option<DateTime<Utc>> {
    clocks.iter().filter(|c| c.state == ClockState::Running).filter_map(|c| c.due_at).min()
}

/// Which rules have fired for a ticket: (metric, cycle, rule).
pub async fn fired(db: &impl ConnectionTrait, ticket_id: i64) -> Result<HashSet<(Metric, i32, i64)>, DomainError> {
    Ok(sla_firing::Entity::find()
        .filter(sla_firing::Column::TicketId.eq(ticket_id))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.metric, f.cycle, f.escalation_id))
        .collect())
}

/// When each rule not yet fired falls due, for clocks still waiting (running or paused).
pub fn pending_rules<'a>(
    setup: &'a Setup,
    policy: &'a PolicyEntry,
    clocks: &'a [Clock],
    fired: &'a HashSet<(Metric, i32, i64)>,
) -> impl Iterator<Item = (DateTime<Utc>, &'a Clock, &'a crate::entities::sla_escalation::Model)> + 'a {
    clocks.iter().filter(|c| c.state != ClockState::Met).flat_map(move |clock| {
        let calendar = policy.target(clock.metric).map_or_else(|| setup.calendar(0), |t| setup.calendar(t.calendar_id));
        policy.escalations_for(clock.metric).filter_map(move |rule| {
            if fired.contains(&(clock.metric, clock.cycle, rule.id)) {
                return None;
            }
            let at = clock.instant_after(calendar, clock.target_seconds * i64::from(rule.percent) / 100)?;
            Some((at, clock, rule))
        })
    })
}

/// How far back a recomputation of many tickets still fires a rule whose moment has passed: the
/// scheduler's ordinary lateness. Older moments (a new rule, a policy or calendar edit that moves
/// due times into the past, history measured afresh) are not fired after the fact: nobody is
/// told today that a ticket breached last month.
pub const RECOMPUTE_GRACE: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// When each clock's next rule falls due (by metric), given the rules already fired; moments
/// before `not_before` are passed over.
pub fn next_checks(
    setup: &Setup,
    policy: &PolicyEntry,
    clocks: &[Clock],
    fired: &HashSet<(Metric, i32, i64)>,
    not_before: Option<DateTime<Utc>>,
) -> HashMap<Metric, DateTime<Utc>> {
    let mut next: HashMap<Metric, DateTime<Utc>> = HashMap::new();
    let pending =
        pending_rules(setup, policy, clocks, fired).filter(|(at, _, _)| not_before.is_none_or(|nb| *at >= nb));
    for (at, clock, _) in pending {
        let slot = next.entry(clock.metric).or_insert(at);
        *slot = (*slot).min(at);
    }
    next
}

/// Stores a ticket's policy and clocks (each with the moment its next rule falls due), replacing
/// what it had. `had_clocks`: rows may exist.
pub async fn store(
    db: &impl ConnectionTrait,
    t: &ticket::Model,
    policy: Option<&PolicyEntry>,
    clocks: &[Clock],
    checks: &HashMap<Metric, DateTime<Utc>>,
    had_clocks: bool,
) -> Result<(), DomainError> {
    if had_clocks {
        sla_clock::Entity::delete_many().filter(sla_clock::Column::TicketId.eq(t.id)).exec(db).await?;
    }
    if let Some(policy) = policy
        && !clocks.is_empty()
    {
        let rows = clocks.iter().map(|c| row_of(t.id, policy, c, checks.get(&c.metric).copied()));
        sla_clock::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    let policy_id = policy.map(|p| p.id);
    let due = next_due(clocks);
    if policy_id != t.sla_policy_id || due != t.sla_due_at {
        set_ticket(db, t.id, policy_id, due).await?;
    }
    Ok(())
}

/// Writes the policy and next due time on the ticket row.
pub async fn set_ticket(
    db: &impl ConnectionTrait,
    ticket_id: i64,
    policy_id: Option<i64>,
    due: Option<DateTime<Utc>>,
) -> Result<(), DomainError> {
    ticket::Entity::update_many()
        .col_expr(ticket::Column::SlaPolicyId, Expr::value(policy_id))
        .col_expr(ticket::Column::SlaDueAt, Expr::value(due))
        .filter(ticket::Column::Id.eq(ticket_id))
        .exec(db)
        .await?;
    Ok(())
}

pub fn row_of(
    ticket_id: i64,
    policy: &PolicyEntry,
    c: &Clock,
    next_check_at: Option<DateTime<Utc>>,
) -> sla_clock::ActiveModel {
    let calendar_id = policy.target(c.metric).map_or(0, |t| t.calendar_id);
    sla_clock::ActiveModel {
        ticket_id: Set(ticket_id),
        metric: Set(c.metric),
        policy_id: Set(policy.id),
        calendar_id: Set(calendar_id),
        target_minutes: Set(i32::try_from(c.target_seconds / 60).unwrap_or(i32::MAX)),
        cycle: Set(c.cycle),
        state: Set(c.state),
        started_at: Set(c.started_at),
        running_since: Set(c.running_since()),
        elapsed_seconds: Set(c.elapsed),
        due_at: Set(c.due_at),
        met_at: Set(c.met_at),
        breach_at: Set(c.breach_at),
        next_check_at: Set(next_check_at),
    }
}

/// Recomputes one ticket from its timeline and stores the result, in the caller's transaction.
/// `fresh`: the ticket was created by this change (no clocks or fired rules yet).
pub async fn refresh(
    db: &impl ConnectionTrait,
    setup: &Setup,
    config: &Config,
    t: &ticket::Model,
    timeline: &Timeline,
    fresh: bool,
) -> Result<(), DomainError> {
    let facts = facts(db, setup, config, t).await?;
    let policy = setup.policy_for(&facts);
    let clocks = policy.map(|p| clocks_for(setup, p, timeline)).unwrap_or_default();
    let checks = match policy.filter(|p| !p.escalations.is_empty()) {
        Some(policy) => {
            let fired = if fresh { HashSet::new() } else { fired(db, t.id).await? };
            next_checks(setup, policy, &clocks, &fired, None)
        }
        None => HashMap::new(),
    };
    store(db, t, policy, &clocks, &checks, !fresh && t.sla_policy_id.is_some()).await
}

/// Deletes a ticket's SLA rows (before the ticket itself is deleted).
pub async fn forget(db: &impl ConnectionTrait, ticket_id: i64) -> Result<(), DomainError> {
    use crate::entities::sla_mark;
    sla_firing::Entity::delete_many().filter(sla_firing::Column::TicketId.eq(ticket_id)).exec(db).await?;
    sla_clock::Entity::delete_many().filter(sla_clock::Column::TicketId.eq(ticket_id)).exec(db).await?;
    sla_mark::Entity::delete_many().filter(sla_mark::Column::TicketId.eq(ticket_id)).exec(db).await?;
    Ok(())
}
