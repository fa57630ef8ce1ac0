//! The `jobs` rows: scheduling (in the caller's transaction), claiming due jobs under a lease,
//! and recording how a run ended.

use crate::{
    entities::job::{self, JobState},
    error::DomainError,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, FromQueryResult,
    QueryFilter, Set, Statement, sea_query::OnConflict,
};

/// Attempts before a job is kept as failed.
pub const MAX_ATTEMPTS: i32 = 8;

/// A job to schedule.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: &'static str,
    pub payload: serde_json::Value,
    pub due_at: DateTime<Utc>,
    /// When set, at most one job has this key: scheduling it again moves that job.
    pub dedupe_key: Option<String>,
}

/// Writes a job in the caller's transaction, so it exists exactly when the change that asks for
/// it commits. A job with the same `dedupe_key` is moved to the new due time and payload.
pub async fn schedule(db: &impl ConnectionTrait, job: NewJob, now: DateTime<Utc>) -> Result<(), DomainError> {
    let row = job::ActiveModel {
        kind: Set(job.kind.to_owned()),
        payload: Set(job.payload.to_string()),
        state: Set(JobState::Queued),
        due_at: Set(job.due_at),
        attempts: Set(0),
        lease_until: Set(None),
        last_error: Set(None),
        dedupe_key: Set(job.dedupe_key.clone()),
        created_at: Set(now),
        ..Default::default()
    };
    if job.dedupe_key.is_some() {
        job::Entity::insert(row)
            .on_conflict(
                OnConflict::column(job::Column::DedupeKey)
                    .update_columns([
                        job::Column::Kind,
                        job::Column::Payload,
                        job::Column::State,
                        job::Column::DueAt,
                        job::Column::Attempts,
                        job::Column::LeaseUntil,
                        job::Column::LastError,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    } else {
        row.insert(db).await?;
    }
    super::runner::wake();
    Ok(())
}

/// Takes up to `limit` due jobs, each leased until `now + lease` and its attempt counted. A job
/// whose lease ran out (its process died mid-run) is due again.
pub async fn claim(
    db: &DatabaseConnection,
    limit: u64,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<Vec<job::Model>, DomainError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE jobs SET lease_until = $1, attempts = attempts + 1 WHERE id IN (
               SELECT id FROM jobs WHERE state = 'queued' AND due_at <= $2
                  AND (lease_until IS NULL OR lease_until <= $2)
               ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *"
        }
        _ => {
            "UPDATE jobs SET lease_until = ?1, attempts = attempts + 1 WHERE id IN (
               SELECT id FROM jobs WHERE state = 'queued' AND due_at <= ?2
                  AND (lease_until IS NULL OR lease_until <= ?2)
               ORDER BY due_at, id LIMIT ?3) RETURNING *"
        }
    };
    let values: Vec<sea_orm::Value> = vec![(now + lease).into(), now.into(), (limit as i64).into()];
    let claim = Statement::from_sql_and_values(backend, sql, values);
    let rows = crate::db::write(db, |txn| Box::pin(async move { txn.query_all_raw(claim).await })).await?;
    let mut jobs = rows.iter().map(|r| job::Model::from_query_result(r, "")).collect::<Result<Vec<_>, _>>()?;
    jobs.sort_by_key(|j| (j.due_at, j.id));
    Ok(jobs)
}

/// True when some job is due (a read, so an idle runner never takes the write turn).
pub async fn any_due(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<bool, DomainError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT 1 FROM jobs WHERE state = 'queued' AND due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1) LIMIT 1"
        }
        _ => {
            "SELECT 1 FROM jobs WHERE state = 'queued' AND due_at <= ?1 AND (lease_until IS NULL OR lease_until <= ?1) LIMIT 1"
        }
    };
    Ok(db.query_one_raw(Statement::from_sql_and_values(backend, sql, [now.into()])).await?.is_some())
}

/// Ends a done job inside the transaction of its work, so that the work and the job's end commit
/// together and a run that committed is never repeated. False when this run no longer holds the
/// job (its lease ran out and another run claimed it, counting one more attempt): the caller then
/// rolls its work back.
pub async fn complete_in(txn: &impl ConnectionTrait, job: &job::Model) -> Result<bool, DomainError> {
    let deleted = job::Entity::delete_many()
        .filter(job::Column::Id.eq(job.id))
        .filter(job::Column::Attempts.eq(job.attempts))
        .filter(job::Column::State.eq(JobState::Queued))
        .exec(txn)
        .await?;
    Ok(deleted.rows_affected == 1)
}

/// Delay before attempt `n + 1`: 30 s doubling, at most 2 h.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 9) as u32 - 1;
    Duration::seconds((30i64 << exp).min(2 * 3600))
}

/// How a run ended, as the row records it.
pub(super) enum Ended {
    /// Not yet: run again at this time (not a failure).
    Later(DateTime<Utc>),
    Failed {
        error: String,
        permanent: bool,
    },
}

/// Records the end of a run of `job` (as claimed) that did not finish it: moves a postponed one,
/// and retries a failed one with backoff until its last attempt (done jobs: `finish_done`).
pub(super) async fn finish(
    db: &DatabaseConnection,
    job: &job::Model,
    ended: Ended,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let id = job.id;
    let update = match ended {
        Ended::Later(at) => job::ActiveModel {
            id: Set(id),
            due_at: Set(at),
            lease_until: Set(None),
            attempts: Set(0),
            ..Default::default()
        },
        Ended::Failed { error, permanent } => {
            let give_up = permanent || job.attempts >= MAX_ATTEMPTS;
            job::ActiveModel {
                id: Set(id),
                state: Set(if give_up { JobState::Failed } else { JobState::Queued }),
                due_at: Set(now + backoff(job.attempts)),
                lease_until: Set(None),
                last_error: Set(Some(error.chars().take(500).collect())),
                ..Default::default()
            }
        }
    };
    // Only while this run still holds the job: a rescheduled or re-claimed job is left alone.
    let lease = job.lease_until;
    crate::db::write(db, |txn| {
        Box::pin(async move {
            let current = job::Entity::find_by_id(id).one(txn).await?;
            if current.is_none_or(|row| row.lease_until != lease) {
                return Ok(());
            }
            update.update(txn).await?;
            Ok::<(), DomainError>(())
        })
    })
    .await
}

/// Deletes done jobs of one run in a single write (one commit for a batch, not one per job),
/// each only while its claim still holds it (its lease unchanged: not rescheduled, not re-claimed).
pub(super) async fn finish_done(db: &DatabaseConnection, jobs: &[job::Model]) -> Result<(), DomainError> {
    let mut by_lease: Vec<(DateTime<Utc>, Vec<i64>)> = Vec::new();
    for job in jobs {
        let Some(lease) = job.lease_until else { continue };
        match by_lease.iter_mut().find(|(l, _)| *l == lease) {
            Some((_, ids)) => ids.push(job.id),
            None => by_lease.push((lease, vec![job.id])),
        }
    }
    if by_lease.is_empty() {
        return Ok(());
    }
    crate::db::write(db, |txn| {
        Box::pin(async move {
            for (lease, ids) in by_lease {
                job::Entity::delete_many()
                    .filter(job::Column::Id.is_in(ids))
                    .filter(job::Column::LeaseUntil.eq(lease))
                    .exec(txn)
                    .await?;
            }
            Ok::<(), DomainError>(())
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_up_to_two_hours() {
        let secs: Vec<i64> = (1..=10).map(|n| backoff(n).num_seconds()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3840, 7200, 7200]);
    }
}
