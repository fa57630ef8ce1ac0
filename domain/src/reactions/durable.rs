//! Durable reactions: the work a change sets off that must not be lost but need not hold up the
//! change (mail, in-app notifications, later webhooks). `emit` schedules one job per interested
//! reaction in the change's transaction, so the job exists exactly when the change commits. The
//! job runner then runs the reaction in a transaction of its own that also ends the job: at least
//! once (a failure is retried with backoff and kept as a failed job after the last attempt), and
//! never twice once it has committed.

use super::{
    dispatch::{self, ReactionFuture},
    event::Happened,
};
use crate::{
    clock,
    entities::job,
    error::DomainError,
    jobs::{JobOutcome, NewJob, Runner, schedule as schedule_job, store},
};
use sea_orm::{DatabaseConnection, DatabaseTransaction};
use serde::{Deserialize, Serialize};

/// A reaction run after commit, from its job.
pub struct Durable {
    /// The job kind, `reaction.<name>`: the list, the log and the `jobs` table show it.
    pub kind: &'static str,
    /// Whether the change concerns this reaction at all (no job is scheduled otherwise).
    pub wants: fn(&Happened) -> bool,
    pub run: for<'a> fn(&'a DatabaseTransaction, &'a Happened) -> ReactionFuture<'a>,
}

/// A durable reaction's job payload: the change, and the depth of the work that made it.
#[derive(Serialize, Deserialize)]
struct Payload<H> {
    depth: u8,
    happened: H,
}

/// Schedules a job for each reaction of `list` that wants `happened`, in `txn`.
pub async fn schedule(txn: &DatabaseTransaction, list: &[Durable], happened: &Happened) -> Result<(), DomainError> {
    let wanted: Vec<&'static str> = list.iter().filter(|r| (r.wants)(happened)).map(|r| r.kind).collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let payload = serde_json::to_value(Payload { depth: dispatch::depth(), happened }).map_err(|e| {
        tracing::error!(ticket = happened.ticket.id, error = %e, "a change could not be recorded for its reactions");
        DomainError::Internal
    })?;
    let now = clock::now();
    for kind in wanted {
        let job = NewJob { kind, payload: payload.clone(), due_at: now, dedupe_key: None };
        schedule_job(txn, job, now).await?;
    }
    Ok(())
}

/// Registers the handler of every reaction of `list` on `runner`.
pub fn register(mut runner: Runner, list: &'static [Durable]) -> Runner {
    for reaction in list {
        runner = runner.handle(reaction.kind, move |db, job| perform(reaction, db, job));
    }
    runner
}

/// One run of a durable reaction's job: the reaction's writes and the job's end commit together.
async fn perform(reaction: &'static Durable, db: DatabaseConnection, job: job::Model) -> JobOutcome {
    let payload: Payload<Happened> = match serde_json::from_str(&job.payload) {
        Ok(payload) => payload,
        Err(e) => return JobOutcome::Fail(format!("unreadable payload: {e}")),
    };
    let result = async {
        let txn = crate::db::begin_write(&db).await?;
        dispatch::at_depth(payload.depth, (reaction.run)(&txn, &payload.happened)).await?;
        if store::complete_in(&*txn, &job).await? {
            txn.commit().await?;
        }
        Ok::<(), DomainError>(())
    }
    .await;
    match result {
        Ok(()) => JobOutcome::Done,
        Err(error) => {
            tracing::warn!(reaction = reaction.kind, ticket = payload.happened.ticket.id, %error, "a durable reaction failed; its job is retried");
            JobOutcome::Retry(error.to_string())
        }
    }
}
