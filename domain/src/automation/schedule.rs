//! Schedule rules, run by the scheduler's `automation.schedule` sweep: every few minutes each
//! active schedule rule is claimed (one process takes it), and the tickets that match its
//! conditions and have not changed for its wait are acted on, a page at a time, each page in one
//! transaction. A ticket is acted on once per state: not again until it changes.

use super::{matching, reaction::run, rules::actions_of, types::Trigger};
use crate::{
    desk_config::Config,
    entities::{automation_rule, automation_run},
    error::DomainError,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QuerySelect, Statement,
};
use std::collections::HashMap;

/// How often a schedule rule looks at the tickets.
pub const EVERY: Duration = Duration::minutes(5);
/// Tickets acted on per transaction.
const PAGE: u64 = 200;

pub async fn sweep(db: DatabaseConnection, now: DateTime<Utc>) -> Result<usize, DomainError> {
    let due = automation_rule::Entity::find()
        .filter(automation_rule::Column::Trigger.eq(Trigger::Schedule))
        .filter(automation_rule::Column::Active.eq(true))
        .filter(automation_rule::Column::NextRunAt.lte(now))
        .all(&db)
        .await?;
    let mut acted = 0;
    for rule in due {
        if claim(&db, rule.id, now).await? {
            acted += run_rule(&db, &rule, now).await?;
        }
    }
    Ok(acted)
}

/// Takes a rule's turn: moves its next run on, unless another process already did.
async fn claim(db: &DatabaseConnection, rule_id: i64, now: DateTime<Utc>) -> Result<bool, DomainError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "UPDATE automation_rules SET next_run_at = $1 WHERE id = $2 AND next_run_at <= $3",
        _ => "UPDATE automation_rules SET next_run_at = ? WHERE id = ? AND next_run_at <= ?",
    };
    let txn = crate::db::begin_write(db).await?;
    let claimed = txn
        .execute_raw(Statement::from_sql_and_values(backend, sql, [(now + EVERY).into(), rule_id.into(), now.into()]))
        .await?
        .rows_affected();
    txn.commit().await?;
    Ok(claimed == 1)
}

/// When the rule last acted on each of `ids`.
async fn last_runs(
    db: &DatabaseConnection,
    rule_id: i64,
    ids: &[i64],
) -> Result<HashMap<i64, DateTime<Utc>>, DomainError> {
    let rows: Vec<(i64, Option<DateTime<Utc>>)> = automation_run::Entity::find()
        .select_only()
        .column(automation_run::Column::TicketId)
        .column_as(automation_run::Column::At.max(), "last")
        .filter(automation_run::Column::RuleId.eq(rule_id))
        .filter(automation_run::Column::TicketId.is_in(ids.iter().copied()))
        .group_by(automation_run::Column::TicketId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(id, at)| Some((id, at?))).collect())
}

/// Runs every active schedule rule at `now` whatever its turn (the command line's `automations
/// run`); returns how many tickets they acted on.
pub async fn run_all(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, DomainError> {
    let rules = automation_rule::Entity::find()
        .filter(automation_rule::Column::Trigger.eq(Trigger::Schedule))
        .filter(automation_rule::Column::Active.eq(true))
        .all(db)
        .await?;
    let mut acted = 0;
    for rule in &rules {
        acted += run_rule(db, rule, now).await?;
    }
    Ok(acted)
}

/// Runs one schedule rule over every ticket it selects now; returns how many it acted on.
pub async fn run_rule(
    db: &DatabaseConnection,
    rule: &automation_rule::Model,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let Ok(filter) = matching::parse(&rule.conditions) else { return Ok(0) };
    let config = Config::load(db).await?;
    let actions = actions_of(rule);
    let idle_before = now - Duration::minutes(i64::from(rule.idle_minutes.unwrap_or(0)));
    let (mut after, mut acted) = (0, 0);
    loop {
        let page = matching::idle(db, &config, &filter, idle_before, after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let ids: Vec<i64> = page.iter().map(|t| t.id).collect();
        let ran = last_runs(db, rule.id, &ids).await?;
        // Not again while the ticket stands as the rule left it (or found it last time).
        let todo: Vec<i64> =
            page.iter().filter(|t| ran.get(&t.id).is_none_or(|at| *at < t.updated_at)).map(|t| t.id).collect();
        if todo.is_empty() {
            continue;
        }
        let txn = crate::db::begin_write(db).await?;
        for id in todo {
            if run(&txn, &config, rule.id, &rule.name, &filter, &actions, id, now).await? {
                acted += 1;
            }
        }
        crate::live::commit(txn).await?;
    }
    Ok(acted)
}
