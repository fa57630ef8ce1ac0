//! `jobs`: time-based and after-commit work, claimed under a lease and retried with backoff.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Which handler runs it (`jobs::JobKind`).
    pub kind: String,
    /// JSON the handler reads.
    pub payload: String,
    pub state: JobState,
    pub due_at: DateTimeUtc,
    /// Attempts started so far (counted when claimed, so a crash counts too).
    pub attempts: i32,
    /// While in the future, the process that claimed the job is running it.
    pub lease_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    /// At most one job per key: scheduling again moves the one there is.
    pub dedupe_key: Option<String>,
    pub created_at: DateTimeUtc,
}

/// Where a job is; done jobs are deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum JobState {
    /// Waiting for its due time, or running under a lease.
    #[sea_orm(string_value = "queued")]
    Queued,
    /// Gave up after its last attempt or a permanent error; kept for an admin to see.
    #[sea_orm(string_value = "failed")]
    Failed,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
