//! Running the event rules, in the change's transaction: which triggers a change sets off,
//! the active rules for them (read once per configuration version), each rule's conditions
//! checked by the search engine, and its actions under a savepoint, so that a rule that fails
//! is logged and the change that set it off still happens. A rule never sets itself off: the
//! rules already acting in a chain of changes are carried along it, and a rule met again is
//! stopped and its log says so.

use super::{
    apply::apply,
    matching,
    rules::actions_of,
    types::{Actions, RunOutcome, Trigger},
};
use crate::{
    desk_config::{Config, cache},
    entities::{automation_rule, automation_run},
    error::DomainError,
    reactions::{AuthorKind, Happened, TicketEvent, dispatch::ReactionFuture},
    ticket_filter::TicketFilter,
    ticket_types::Visibility,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::sync::Arc;

tokio::task_local! {
    /// The rules acting in the chain of changes in progress.
    static ACTING: Vec<i64>;
}

static COPIES: cache::Copies<Arc<Vec<Loaded>>> = cache::Copies::new();

/// An active event rule, ready to run.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub id: i64,
    pub name: String,
    pub trigger: Trigger,
    pub filter: TicketFilter,
    pub actions: Actions,
}

/// The active event rules in order (a rule whose stored conditions no longer parse is left out).
async fn event_rules(db: &impl ConnectionTrait, config: &Config) -> Result<Arc<Vec<Loaded>>, DomainError> {
    if let Some(copy) = config.version.and_then(|v| COPIES.get(v)) {
        return Ok(copy);
    }
    let rows = automation_rule::Entity::find()
        .filter(automation_rule::Column::Active.eq(true))
        .filter(automation_rule::Column::Trigger.ne(Trigger::Schedule))
        .order_by_asc(automation_rule::Column::Position)
        .order_by_asc(automation_rule::Column::Id)
        .all(db)
        .await?;
    let loaded = Arc::new(
        rows.iter()
            .filter_map(|r| {
                Some(Loaded {
                    filter: matching::parse(&r.conditions).ok()?,
                    actions: actions_of(r),
                    id: r.id,
                    name: r.name.clone(),
                    trigger: r.trigger,
                })
            })
            .collect::<Vec<_>>(),
    );
    if let Some(version) = config.version {
        COPIES.put(version, &loaded);
    }
    Ok(loaded)
}

/// The triggers a change sets off.
fn triggers(happened: &Happened) -> Vec<Trigger> {
    let mut out = Vec::new();
    for e in &happened.events {
        let trigger = match e {
            TicketEvent::Created { .. } => Trigger::Created,
            TicketEvent::FieldsChanged { .. } | TicketEvent::StatusChanged { .. } | TicketEvent::Assigned { .. } => {
                Trigger::Updated
            }
            TicketEvent::MessageAdded { visibility: Visibility::Public, author: AuthorKind::Customer, .. } => {
                Trigger::CustomerReplied
            }
            TicketEvent::MessageAdded { visibility: Visibility::Public, author: AuthorKind::Agent, .. } => {
                Trigger::AgentReplied
            }
            TicketEvent::SlaFired { breach: false } => Trigger::SlaWarning,
            TicketEvent::SlaFired { breach: true } => Trigger::SlaBreach,
            _ => continue,
        };
        if !out.contains(&trigger) {
            out.push(trigger);
        }
    }
    // A new ticket's own assignment is part of its creation.
    if out.contains(&Trigger::Created) {
        out.retain(|t| *t != Trigger::Updated);
    }
    out
}

pub fn react<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        let triggers = triggers(happened);
        if triggers.is_empty() {
            return Ok(());
        }
        run_triggers(txn, &triggers, happened.ticket.id).await
    })
}

async fn run_triggers(txn: &DatabaseTransaction, triggers: &[Trigger], ticket_id: i64) -> Result<(), DomainError> {
    let config = Config::load(txn).await?;
    let rules = event_rules(txn, &config).await?;
    for rule in rules.iter().filter(|r| triggers.contains(&r.trigger)) {
        run(txn, &config, rule.id, &rule.name, &rule.filter, &rule.actions, ticket_id, crate::clock::now()).await?;
    }
    Ok(())
}

/// Runs one rule on one ticket if its conditions hold: its actions under a savepoint, and a line
/// in its log. Returns whether it acted.
#[expect(clippy::too_many_arguments, reason = "a rule's parts, passed as the event and schedule paths hold them")]
pub async fn run(
    txn: &DatabaseTransaction,
    config: &Config,
    rule_id: i64,
    name: &str,
    filter: &TicketFilter,
    actions: &Actions,
    ticket_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    if !matching::matches(txn, config, filter, ticket_id).await? {
        return Ok(false);
    }
    let acting = ACTING.try_with(Clone::clone).unwrap_or_default();
    if acting.contains(&rule_id) {
        tracing::warn!(
            rule = rule_id,
            ticket = ticket_id,
            "automation loop stopped: a rule's own change set it off again"
        );
        let detail = "Its own change would have set it off again: stopped, so that it cannot loop";
        log(txn, rule_id, ticket_id, now, RunOutcome::Stopped, detail.to_owned()).await?;
        return Ok(false);
    }
    let mut chain = acting;
    chain.push(rule_id);
    let savepoint = txn.begin().await?;
    match ACTING.scope(chain, apply(&savepoint, config, name, actions, ticket_id, now)).await {
        Ok(detail) => {
            savepoint.commit().await?;
            log(txn, rule_id, ticket_id, now, RunOutcome::Applied, detail).await?;
            Ok(true)
        }
        Err(err) => {
            savepoint.rollback().await?;
            tracing::warn!(rule = rule_id, ticket = ticket_id, error = %err, "an automation rule failed");
            log(txn, rule_id, ticket_id, now, RunOutcome::Failed, err.to_string()).await?;
            Ok(false)
        }
    }
}

async fn log(
    txn: &DatabaseTransaction,
    rule_id: i64,
    ticket_id: i64,
    at: DateTime<Utc>,
    outcome: RunOutcome,
    detail: String,
) -> Result<(), DomainError> {
    automation_run::ActiveModel {
        rule_id: Set(rule_id),
        ticket_id: Set(ticket_id),
        at: Set(at),
        outcome: Set(outcome),
        detail: Set(detail),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}
