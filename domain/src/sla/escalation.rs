//! Warnings and breaches, and escalation through the tiers. Each clock row says when its next
//! rule falls due (`next_check_at`); the scheduler's sweep takes the tickets whose moment has
//! passed, recomputes their clocks, and fires each rule whose moment has come exactly once: the
//! `sla_firings` row (keyed by ticket, target, cycle and rule) is written first in the check's
//! transaction, so a second process that runs the same check finds it and does nothing. A firing is recorded in the ticket's history,
//! notifies whom the rule names (through each agent's chosen channels), and may hand the ticket
//! to the next tier, to a named team, raise its priority or tag it, as the system, through the
//! ticket command (so history, live updates and reactions follow). "Escalate" is also an
//! agent's one-click action.

use super::{
    apply,
    clocks::Clock,
    setup::Setup,
    timeline,
    types::{Metric, format_span},
};
use crate::{
    desk_config::Config,
    entities::{sla_clock, sla_escalation, sla_firing, team, team_member, ticket},
    error::DomainError,
    live,
    notifications::{
        types::NotificationKind,
        write::{self, Notice},
    },
    policy::{Actor, TicketAction, can_on_ticket},
    tickets::commands::{TicketChanges, update_in},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set,
    sea_query::Expr,
};

/// Tickets swept at once.
const SWEEP_BATCH: u64 = 100;

/// The sweep: checks every ticket with a clock whose next rule has fallen due; returns how many
/// it checked (a ticket another process took first does not count).
pub async fn sweep(db: DatabaseConnection, now: DateTime<Utc>) -> Result<usize, DomainError> {
    let due: Vec<i64> = sla_clock::Entity::find()
        .select_only()
        .column(sla_clock::Column::TicketId)
        .filter(sla_clock::Column::NextCheckAt.lte(now))
        .distinct()
        .limit(SWEEP_BATCH)
        .into_tuple()
        .all(&db)
        .await?;
    let mut checked = 0;
    for ticket_id in due {
        if check(&db, ticket_id, now).await? {
            checked += 1;
        }
    }
    Ok(checked)
}

/// Fires the rules due on a ticket and stores when the next falls due. The ticket is claimed by
/// clearing its due checks in the same transaction: of two processes, the second finds nothing
/// to clear and leaves it. Returns whether this call took it.
pub async fn check(db: &DatabaseConnection, ticket_id: i64, now: DateTime<Utc>) -> Result<bool, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let claimed = sla_clock::Entity::update_many()
        .col_expr(sla_clock::Column::NextCheckAt, Expr::value(None::<DateTime<Utc>>))
        .filter(sla_clock::Column::TicketId.eq(ticket_id))
        .filter(sla_clock::Column::NextCheckAt.lte(now))
        .exec(&*txn)
        .await?
        .rows_affected;
    if claimed == 0 {
        return Ok(false);
    }
    let Some(t) = ticket::Entity::find_by_id(ticket_id).one(&*txn).await? else {
        txn.commit().await?;
        return Ok(true);
    };
    let config = Config::load(&*txn).await?;
    let setup = Setup::load(&*txn).await?;
    let policy = t.sla_policy_id.and_then(|id| setup.policy(id));
    let (Some(policy), true) = (policy, config.status(t.status_id)?.category.is_active()) else {
        txn.commit().await?;
        return Ok(true);
    };
    let line = timeline::timelines(&*txn, &config, &[&t]).await?.remove(&t.id);
    let Some(line) = line else {
        txn.commit().await?;
        return Ok(true);
    };
    let clocks = apply::clocks_for(&setup, policy, &line);
    let fired = apply::fired(&*txn, t.id).await?;
    let mut due: Vec<(DateTime<Utc>, &Clock, &sla_escalation::Model)> =
        apply::pending_rules(&setup, policy, &clocks, &fired).filter(|(at, _, _)| *at <= now).collect();
    due.sort_by_key(|(at, _, rule)| (*at, rule.percent));
    let mut changes = TicketChanges::default();
    let (mut fired_any, mut warned, mut breached) = (false, false, false);
    for (_, clock, rule) in &due {
        if fire(&txn, &config, &t, clock, rule, &mut changes, now).await? {
            fired_any = true;
            if rule.percent < 100 {
                warned = true;
            } else {
                breached = true;
            }
        }
    }
    if changes != TicketChanges::default() {
        update_in(&txn, &config, &Actor::System, t.id, changes).await?;
    }
    // What waits for these moments (automation rules) hears of them as events of the ticket.
    if warned || breached {
        let t = ticket::Entity::find_by_id(ticket_id).one(&*txn).await?.ok_or(DomainError::Internal)?;
        let facts = crate::ticket_access::facts(&*txn, &t).await?;
        let mut happened = crate::reactions::Happened::new(&t, facts, &Actor::System, now);
        for (fired, breach) in [(warned, false), (breached, true)] {
            if fired {
                happened = happened.with(crate::reactions::TicketEvent::SlaFired { breach });
            }
        }
        crate::reactions::emit(&txn, &happened).await?;
    }
    // The clocks again, with the rules fired now left out of their next checks.
    let t = ticket::Entity::find_by_id(ticket_id).one(&*txn).await?.ok_or(DomainError::Internal)?;
    let line = timeline::timelines(&*txn, &config, &[&t]).await?.remove(&t.id).unwrap_or(line);
    apply::refresh(&*txn, &setup, &config, &t, &line, false).await?;
    if fired_any {
        live::commit(txn).await?;
    } else {
        txn.commit().await?;
    }
    Ok(true)
}

/// What a rule's moment is called: "First response: warning at 75 %".
fn moment(metric: Metric, percent: i32) -> String {
    let what = metric.label();
    match percent {
        p if p < 100 => format!("{what}: warning at {p}\u{a0}%"),
        100 => format!("{what}: breached"),
        p => format!("{what}: breached, {p}\u{a0}% of the target passed"),
    }
}

/// Fires one rule once; `false` when another process fired it first.
async fn fire(
    txn: &DatabaseTransaction,
    config: &Config,
    t: &ticket::Model,
    clock: &Clock,
    rule: &sla_escalation::Model,
    changes: &mut TicketChanges,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let claim = sla_firing::ActiveModel {
        ticket_id: Set(t.id),
        metric: Set(clock.metric),
        cycle: Set(clock.cycle),
        escalation_id: Set(rule.id),
        fired_at: Set(now),
    };
    let inserted = sla_firing::Entity::insert(claim)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                sla_firing::Column::TicketId,
                sla_firing::Column::Metric,
                sla_firing::Column::Cycle,
                sla_firing::Column::EscalationId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    if inserted == 0 {
        return Ok(false);
    }
    let title = moment(clock.metric, rule.percent);
    crate::tickets::writing::event(txn, t.id, &Actor::System, now, "sla", None, Some(title.clone())).await?;
    let mut recipients: Vec<i64> = serde_json::from_str(&rule.notify_user_ids).unwrap_or_default();
    if rule.notify_assignee {
        recipients.extend(t.assignee_id);
    }
    if rule.notify_team
        && let Some(team_id) = t.team_id
    {
        let members = team_member::Entity::find().filter(team_member::Column::TeamId.eq(team_id)).all(txn).await?;
        recipients.extend(members.into_iter().map(|m| m.user_id));
    }
    if !recipients.is_empty() {
        let kind = if rule.percent < 100 { NotificationKind::SlaWarning } else { NotificationKind::SlaBreach };
        let left = clock.target_seconds * i64::from(100 - rule.percent.min(100)) / 100;
        let text = if rule.percent < 100 {
            format!("{title}. About {} of business time is left.", format_span(left))
        } else {
            format!("{title}. The target was {}.", format_span(clock.target_seconds))
        };
        let notice = Notice { kind, ticket: t, actor: &Actor::System, at: now, message_id: None, text: Some(text) };
        write::notify(txn, notice, recipients).await?;
    }
    let to_team = match rule.reassign_team_id {
        Some(team_id) => Some(team_id),
        None if rule.escalate_tier => next_tier(txn, t.team_id).await?.map(|team| team.id),
        None => None,
    };
    if let Some(team_id) = to_team.filter(|id| Some(*id) != t.team_id) {
        changes.team_id = Some(Some(team_id));
        if !stays_assigned(txn, t.assignee_id, team_id).await? {
            changes.assignee_id = Some(None);
        }
    }
    if rule.raise_priority {
        let rank = config.priorities.iter().find(|p| p.id == t.priority_id).map_or(0, |p| p.rank);
        let current =
            changes.priority_id.and_then(|id| config.priorities.iter().find(|p| p.id == id)).map_or(rank, |p| p.rank);
        if let Some(higher) = config.priorities.iter().filter(|p| p.active && p.rank > current).min_by_key(|p| p.rank) {
            changes.priority_id = Some(higher.id);
        }
    }
    if let Some(tag) = &rule.add_tag {
        let mut tags: Vec<String> = match &changes.tags {
            Some(text) => crate::tickets::commands::parse_tags(text).unwrap_or_default(),
            None => serde_json::from_str(&t.tags).unwrap_or_default(),
        };
        if !tags.contains(tag) && tags.len() < crate::tickets::commands::MAX_TAGS {
            tags.push(tag.clone());
            changes.tags = Some(tags.join(", "));
        }
    }
    tracing::info!(ticket = t.id, rule = rule.id, percent = rule.percent, "an SLA rule fired");
    Ok(true)
}

/// The team of the tier after `current`'s (the first tier when the ticket has no tiered team).
pub async fn next_tier(db: &impl ConnectionTrait, current: Option<i64>) -> Result<Option<team::Model>, DomainError> {
    let teams = team::Entity::find().filter(team::Column::Tier.is_not_null()).all(db).await?;
    let level = current.and_then(|id| teams.iter().find(|t| t.id == id)).and_then(|t| t.tier).unwrap_or(0);
    Ok(teams.into_iter().filter(|t| t.tier.is_some_and(|tier| tier > level)).min_by_key(|t| (t.tier, t.id)))
}

/// Whether the assignee (if any) is on `team_id`, and so keeps the ticket when it moves there.
async fn stays_assigned(db: &impl ConnectionTrait, assignee: Option<i64>, team_id: i64) -> Result<bool, DomainError> {
    let Some(agent) = assignee else { return Ok(true) };
    Ok(team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .filter(team_member::Column::UserId.eq(agent))
        .one(db)
        .await?
        .is_some())
}

/// An agent's one-click escalation: the ticket moves to the team of the next tier, and leaves
/// its assignee unless they are on that team too.
pub async fn escalate(db: &DatabaseConnection, actor: &Actor, ticket_id: i64) -> Result<String, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let (row, facts) = crate::ticket_access::visible_ticket(&*txn, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::Edit, &facts) {
        return Err(DomainError::Forbidden);
    }
    let config = Config::load(&*txn).await?;
    if !config.status(row.status_id)?.category.is_active() {
        return Err(DomainError::InvalidTransition("Only open tickets can be escalated".into()));
    }
    let Some(next) = next_tier(&*txn, row.team_id).await? else {
        return Err(DomainError::InvalidTransition(
            "There is no higher tier: give teams tiers on the Teams page".into(),
        ));
    };
    let assignee_stays = stays_assigned(&*txn, row.assignee_id, next.id).await?;
    let changes = TicketChanges {
        team_id: Some(Some(next.id)),
        assignee_id: (!assignee_stays).then_some(None),
        ..TicketChanges::default()
    };
    let now = crate::clock::now();
    let tier = next.tier.unwrap_or_default();
    let note = format!("Escalated to tier {tier}: {}", next.name);
    crate::tickets::writing::event(&txn, row.id, actor, now, "escalated", None, Some(note)).await?;
    update_in(&txn, &config, actor, row.id, changes).await?;
    live::commit(txn).await?;
    Ok(next.name)
}
