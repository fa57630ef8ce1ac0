//! Running due jobs: the handlers registered per kind at start-up, a loop that wakes when a
//! transaction that scheduled a job commits (and polls, for other processes' jobs and for jobs
//! that fall due), and `run_due`, which tests call with a manual clock.

use super::store::{self, Ended};
use crate::{clock::Clock, entities::job, error::DomainError};
use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use std::{
    future::Future,
    pin::Pin,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
};

/// How a handler's run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    Done,
    /// Nothing to do yet: run again at this time.
    Later(DateTime<Utc>),
    /// Failed for now: retried with backoff, up to the last attempt.
    Retry(String),
    /// Failed for good: kept as failed at once.
    Fail(String),
}

pub type HandlerFuture = Pin<Box<dyn Future<Output = JobOutcome> + Send>>;
/// Runs one job of its kind, given the database and the job's row.
pub type Handler = Arc<dyn Fn(DatabaseConnection, job::Model) -> HandlerFuture + Send + Sync>;

/// Jobs claimed at once.
const BATCH: u64 = 100;
/// How long a claimed job is left to its runner before another process may take it.
pub const DEFAULT_LEASE: i64 = 300;
/// How often an idle runner looks for jobs that fell due or that other processes scheduled.
const POLL: std::time::Duration = std::time::Duration::from_secs(1);

/// Set when a job is scheduled; the next commit then wakes the runner.
static SCHEDULED: AtomicBool = AtomicBool::new(false);

pub(super) fn wake() {
    SCHEDULED.store(true, Ordering::Release);
}

/// The handlers by kind, in the order they were registered, and where they run.
#[derive(Clone)]
pub struct Runner {
    db: DatabaseConnection,
    clock: Clock,
    lease: Duration,
    handlers: Arc<Vec<(&'static str, Handler)>>,
}

impl Runner {
    pub fn new(db: DatabaseConnection, clock: Clock) -> Runner {
        Runner { db, clock, lease: Duration::seconds(DEFAULT_LEASE), handlers: Arc::new(Vec::new()) }
    }

    /// Registers the handler of `kind`.
    pub fn handle<F, Fut>(mut self, kind: &'static str, handler: F) -> Runner
    where
        F: Fn(DatabaseConnection, job::Model) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = JobOutcome> + Send + 'static,
    {
        let boxed: Handler = Arc::new(move |db, job| Box::pin(handler(db, job)));
        Arc::make_mut(&mut self.handlers).push((kind, boxed));
        self
    }

    pub fn with_lease(mut self, lease: Duration) -> Runner {
        self.lease = lease;
        self
    }

    /// The kinds this runner handles, in registration order.
    pub fn kinds(&self) -> Vec<&'static str> {
        self.handlers.iter().map(|(kind, _)| *kind).collect()
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Runs every job due by the runner's clock, batch after batch; returns how many ran.
    pub async fn run_due(&self) -> Result<usize, DomainError> {
        let mut ran = 0;
        loop {
            let now = self.clock.now();
            let claimed = store::claim(&self.db, BATCH, self.lease, now).await?;
            if claimed.is_empty() {
                return Ok(ran);
            }
            ran += claimed.len();
            let mut done = Vec::with_capacity(claimed.len());
            for job in claimed {
                done.extend(self.run_one(job).await?);
            }
            store::finish_done(&self.db, &done).await?;
        }
    }

    /// Runs one job and records how it ended, except a done job, which it hands back so that
    /// the batch's done jobs end in one write.
    async fn run_one(&self, job: job::Model) -> Result<Option<job::Model>, DomainError> {
        let handler = self.handlers.iter().find(|(kind, _)| *kind == job.kind).map(|(_, h)| h.clone());
        let outcome = match handler {
            None => JobOutcome::Retry(format!("no handler for jobs of kind {}", job.kind)),
            Some(handler) => {
                // A task of its own, so that a handler that panics fails its job, not the runner.
                let work = handler(self.db.clone(), job.clone());
                let clock = self.clock.clone();
                match tokio::spawn(async move { clock.scope(work).await }).await {
                    Ok(outcome) => outcome,
                    Err(_) => JobOutcome::Retry("the handler panicked".to_owned()),
                }
            }
        };
        let ended = match outcome {
            JobOutcome::Done => return Ok(Some(job)),
            JobOutcome::Later(at) => Ended::Later(at),
            JobOutcome::Retry(error) => {
                tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, "job failed; retrying later");
                Ended::Failed { error, permanent: false }
            }
            JobOutcome::Fail(error) => {
                tracing::error!(job = job.id, kind = %job.kind, %error, "job failed for good");
                Ended::Failed { error, permanent: true }
            }
        };
        store::finish(&self.db, &job, ended, self.clock.now()).await.map(|()| None)
    }

    /// Runs due jobs for as long as the task lives: at once when a transaction that scheduled
    /// one commits in this process, and every second otherwise.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut commits = crate::db::committed();
            loop {
                let woken = tokio::select! {
                    changed = commits.changed() => changed.is_ok() && SCHEDULED.swap(false, Ordering::AcqRel),
                    _ = tokio::time::sleep(POLL) => true,
                };
                if !woken {
                    continue;
                }
                let due = store::any_due(&self.db, self.clock.now()).await;
                let result = match due {
                    Ok(true) => self.run_due().await.map(drop),
                    Ok(false) => Ok(()),
                    Err(err) => Err(err),
                };
                if let Err(err) = result {
                    tracing::error!(error = %err, "the job runner failed; trying again shortly");
                    tokio::time::sleep(POLL).await;
                }
            }
        })
    }
}
