//! How much work waits in the database and for how long: mail in the outbox and scheduled jobs.
//! Every process of a desk sees the same figures; the server's `/metrics` reports them.

use crate::{
    email_types::DeliveryState,
    entities::{
        job::{self, JobState},
        outbox,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait},
};

/// Waiting work of one kind: how many, and the age in seconds of the one that waited longest.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Depth {
    pub waiting: i64,
    pub oldest_seconds: f64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WorkQueues {
    /// Mail not yet sent (queued or being sent), aged from when it was written.
    pub outbox: Depth,
    /// Mail given up on.
    pub outbox_failed: i64,
    /// Jobs whose time has come and that have not run yet, aged from their due time.
    pub jobs_due: Depth,
    /// Jobs waiting for a time still to come.
    pub jobs_scheduled: i64,
    /// Jobs given up on after their last attempt.
    pub jobs_failed: i64,
}

fn age(oldest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> f64 {
    oldest.map_or(0.0, |at| (Ord::max((now - at).num_milliseconds(), 0) as f64) / 1000.0)
}

pub async fn measure(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<WorkQueues, DbErr> {
    let (outbox_waiting, outbox_oldest): (i64, Option<DateTime<Utc>>) = outbox::Entity::find()
        .select_only()
        .column_as(Expr::col(outbox::Column::Id).count(), "waiting")
        .column_as(Expr::col(outbox::Column::CreatedAt).min(), "oldest")
        .filter(outbox::Column::State.is_in([DeliveryState::Queued, DeliveryState::Sending]))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or_default();
    let outbox_failed =
        outbox::Entity::find().filter(outbox::Column::State.eq(DeliveryState::Failed)).count(db).await? as i64;
    let (jobs_due, jobs_oldest): (i64, Option<DateTime<Utc>>) = job::Entity::find()
        .select_only()
        .column_as(Expr::col(job::Column::Id).count(), "due")
        .column_as(Expr::col(job::Column::DueAt).min(), "oldest")
        .filter(job::Column::State.eq(JobState::Queued))
        .filter(job::Column::DueAt.lte(now))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or_default();
    let jobs_scheduled = job::Entity::find()
        .filter(job::Column::State.eq(JobState::Queued))
        .filter(job::Column::DueAt.gt(now))
        .count(db)
        .await? as i64;
    let jobs_failed = job::Entity::find().filter(job::Column::State.eq(JobState::Failed)).count(db).await? as i64;
    Ok(WorkQueues {
        outbox: Depth { waiting: outbox_waiting, oldest_seconds: age(outbox_oldest, now) },
        outbox_failed,
        jobs_due: Depth { waiting: jobs_due, oldest_seconds: age(jobs_oldest, now) },
        jobs_scheduled,
        jobs_failed,
    })
}
