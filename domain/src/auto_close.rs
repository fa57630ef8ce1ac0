//! Solved tickets close by themselves after a number of days (an admin setting, 7 by default,
//! 0 for never). Solving a ticket schedules its `ticket.auto_close` job at the time it falls due
//! (one job per ticket, moved when it is solved again); the job closes the ticket only if it is
//! still solved since then, as the system, through the ticket command, so history, live events
//! and reactions follow as for any change. A customer's reply reopens it meanwhile, as ever.

use crate::{
    audit,
    entities::{job, setting, ticket},
    error::DomainError,
    jobs::{JobOutcome, NewJob, schedule},
    policy::{Action, Actor, authorize},
    reactions::{Happened, dispatch::ReactionFuture},
    ticket_types::StatusCategory,
    tickets::{Config, commands},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set,
    sea_query::OnConflict,
};
use serde_json::json;
use std::collections::HashSet;

pub const SETTING: &str = "auto_close_days";
pub const JOB_KIND: &str = "ticket.auto_close";
pub const DEFAULT_DAYS: u32 = 7;
pub const MAX_DAYS: u32 = 365;

/// Days after which a solved ticket closes; 0 means never.
pub async fn days(db: &impl ConnectionTrait) -> Result<u32, DomainError> {
    let row = setting::Entity::find_by_id(SETTING.to_owned()).one(db).await?;
    Ok(row.and_then(|r| serde_json::from_str::<u32>(&r.value).ok()).unwrap_or(DEFAULT_DAYS))
}

pub fn parse_days(input: &str) -> Result<u32, &'static str> {
    match input.trim().parse::<u32>() {
        Ok(days) if days <= MAX_DAYS => Ok(days),
        _ => Err("Enter a whole number of days from 0 (never) to 365"),
    }
}

/// Sets the number of days (audited); tickets already solved follow the new number.
pub async fn set_days(db: &DatabaseConnection, actor: &Actor, input: &str) -> Result<u32, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let days = parse_days(input).map_err(|m| DomainError::field("auto_close_days", m))?;
    let txn = crate::db::begin_write(db).await?;
    let old = self::days(&*txn).await?;
    let row = setting::ActiveModel {
        key: Set(SETTING.to_owned()),
        value: Set(days.to_string()),
        updated_at: Set(crate::clock::now()),
    };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(&*txn)
        .await?;
    audit::record(&*txn, actor, "settings.auto_close_days", ("setting", None), json!({ "old": old, "new": days }))
        .await?;
    txn.commit().await?;
    // Tickets solved while the rule was off have no job yet.
    backfill(db).await?;
    Ok(days)
}

/// The one auto-close job of a ticket. `not_before` holds back tickets that were solved before
/// the rule reached them, so that an upgrade does not close years of solved tickets at once.
fn job_for(ticket_id: i64, due_at: DateTime<Utc>, not_before: Option<DateTime<Utc>>) -> NewJob {
    NewJob {
        kind: JOB_KIND,
        payload: json!({ "ticket_id": ticket_id, "not_before": not_before }),
        due_at,
        dedupe_key: Some(format!("auto_close:{ticket_id}")),
    }
}

/// The reaction: a ticket that became solved gets its auto-close job.
pub fn schedule_on_solve<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        if happened.moved_to() != Some(StatusCategory::Solved) {
            return Ok(());
        }
        let days = days(txn).await?;
        if days == 0 {
            return Ok(());
        }
        let solved_at = happened.ticket.solved_at.unwrap_or(happened.at);
        let due = solved_at + Duration::days(i64::from(days));
        schedule(txn, job_for(happened.ticket.id, due, None), happened.at).await
    })
}

/// The job: closes the ticket if it is still solved and its time has come; otherwise waits for
/// the (possibly changed) time, or does nothing when the ticket moved on.
pub async fn run(db: DatabaseConnection, job: job::Model) -> JobOutcome {
    match close_if_due(&db, &job).await {
        Ok(outcome) => outcome,
        // The database or the process: worth another try.
        Err(error @ DomainError::Internal) => JobOutcome::Retry(error.to_string()),
        // A rule refused (a parent with open children, say): kept as failed, with the reason.
        Err(error) => JobOutcome::Fail(error.to_string()),
    }
}

async fn close_if_due(db: &DatabaseConnection, job: &job::Model) -> Result<JobOutcome, DomainError> {
    let payload: serde_json::Value = serde_json::from_str(&job.payload).map_err(|_| DomainError::Internal)?;
    let Some(ticket_id) = payload["ticket_id"].as_i64() else {
        return Ok(JobOutcome::Fail("the payload names no ticket".into()));
    };
    let Some(row) = ticket::Entity::find_by_id(ticket_id).one(db).await? else { return Ok(JobOutcome::Done) };
    let config = Config::load(db).await?;
    if config.status(row.status_id)?.category != StatusCategory::Solved {
        return Ok(JobOutcome::Done);
    }
    let days = days(db).await?;
    if days == 0 {
        return Ok(JobOutcome::Done);
    }
    let not_before = payload["not_before"].as_str().and_then(|at| at.parse::<DateTime<Utc>>().ok());
    let due =
        (row.solved_at.unwrap_or(row.updated_at) + Duration::days(i64::from(days))).max(not_before.unwrap_or_default());
    if crate::clock::now() < due {
        return Ok(JobOutcome::Later(due));
    }
    commands::move_to(db, &Actor::System, ticket_id, StatusCategory::Closed).await?;
    tracing::info!(ticket = ticket_id, days, "closed a solved ticket automatically");
    Ok(JobOutcome::Done)
}

/// Schedules the auto-close job of every solved ticket that has none (tickets solved before this
/// rule existed, or seeded directly). Those close no sooner than the set number of days from now.
pub async fn backfill(db: &DatabaseConnection) -> Result<u64, DomainError> {
    let days = days(db).await?;
    if days == 0 {
        return Ok(0);
    }
    let config = Config::load(db).await?;
    let solved: Vec<i64> =
        config.statuses.iter().filter(|s| s.category == StatusCategory::Solved).map(|s| s.id).collect();
    let tickets = ticket::Entity::find().filter(ticket::Column::StatusId.is_in(solved)).all(db).await?;
    let scheduled: HashSet<String> = job::Entity::find()
        .filter(job::Column::Kind.eq(JOB_KIND))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|j| j.dedupe_key)
        .collect();
    let missing: Vec<&ticket::Model> =
        tickets.iter().filter(|t| !scheduled.contains(&format!("auto_close:{}", t.id))).collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let now = crate::clock::now();
    let not_before = now + Duration::days(i64::from(days));
    let txn = crate::db::begin_write(db).await?;
    for row in &missing {
        let due = (row.solved_at.unwrap_or(row.updated_at) + Duration::days(i64::from(days))).max(not_before);
        schedule(&*txn, job_for(row.id, due, Some(not_before)), now).await?;
    }
    txn.commit().await?;
    Ok(missing.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::parse_days;

    #[test]
    fn days_are_whole_numbers_up_to_a_year() {
        assert_eq!(parse_days(" 7 "), Ok(7));
        assert_eq!(parse_days("0"), Ok(0));
        assert_eq!(parse_days("365"), Ok(365));
        for bad in ["", "-1", "366", "2.5", "seven"] {
            assert!(parse_days(bad).is_err(), "{bad:?}");
        }
    }
}
