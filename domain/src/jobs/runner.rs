//! Running due jobs: the handlers registered per kind at start-up, sweeps (time-based work kept
//! in tables of its own, such as SLA rules), a loop that wakes when a transaction that scheduled
//! a job commits (and polls, for other processes' jobs and for work that falls due), and
//! `run_due`, which tests call with a manual clock.

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
pub type SweepFuture = Pin<Box<dyn Future<Output = Result<usize, DomainError>> + Send>>;
/// Does time-based work kept in a table of its own (not one job per item) that has fallen due
/// by the given time; returns how many items it did. It reads first, so an idle sweep only
/// reads; items are claimed in their own transactions, so several processes may sweep at once.
pub type Sweep = Arc<dyn Fn(DatabaseConnection, DateTime<Utc>) -> SweepFuture + Send + Sync>;

/// Sweep passes in one run at most (each pass does at most a batch of items).
const SWEEP_PASSES: usize = 50;

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
    sweeps: Arc<Vec<(&'static str, Sweep)>>,
}

impl Runner {
    pub fn new(db: DatabaseConnection, clock: Clock) -> Runner {
        Runner {
            db,
            clock,
            lease: Duration::seconds(DEFAULT_LEASE),
            handlers: Arc::new(Vec::new()),
            sweeps: Arc::new(Vec::new()),
        }
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

    /// Registers a sweep, run after the due jobs on every pass.
    pub fn sweep<F, Fut>(mut self, name: &'static str, sweep: F) -> Runner
    where
        F: Fn(DatabaseConnection, DateTime<Utc>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<usize, DomainError>> + Send + 'static,
    {
        let boxed: Sweep = Arc::new(move |db, now| Box::pin(sweep(db, now)));
        Arc::make_mut(&mut self.sweeps).push((name, boxed));
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

    /// Runs every job due by the runner's clock, batch after batch, then the sweeps (and the
    /// jobs their work scheduled); returns how many jobs and swept items ran.
    pub async fn run_due(&self) -> Result<usize, DomainError> {
        let mut ran = self.run_jobs().await?;
        for _ in 0..SWEEP_PASSES {
            let swept = self.run_sweeps().await?;
            if swept == 0 {
                break;
            }
            ran += swept + self.run_jobs().await?;
        }
        Ok(ran)
    }

    /// One pass of every sweep, inside the runner's clock; returns how many items they did.
    async fn run_sweeps(&self) -> Result<usize, DomainError> {
        let mut done = 0;
        for (name, sweep) in self.sweeps.iter() {
            let work = sweep(self.db.clone(), self.clock.now());
            match self.clock.scope(work).await {
                Ok(n) => done += n,
                Err(err) => {
                    tracing::error!(sweep = name, error = %err, "a sweep failed; trying again shortly");
                }
            }
        }
        Ok(done)
    }

    /// Runs the jobs due by the runner's clock, batch after batch; returns how many ran.
    async fn run_jobs(&self) -> Result<usize, DomainError> {
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
            // A tick every second whatever else wakes the loop: a sleep started afresh on every
            // wake would never end while commits that schedule nothing (sessions, presence)
            // keep arriving more often than that, and due work would wait for a quiet second.
            let mut poll = tokio::time::interval(POLL);
            poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                let woken = tokio::select! {
                    changed = commits.changed() => changed.is_ok() && SCHEDULED.swap(false, Ordering::AcqRel),
                    _ = poll.tick() => true,
                };
                if !woken {
                    continue;
                }
                let due = store::any_due(&self.db, self.clock.now()).await;
                let result = match due {
                    Ok(true) => self.run_due().await.map(drop),
                    // Sweeps read first: an idle one costs a query.
                    Ok(false) if !self.sweeps.is_empty() => self.run_due().await.map(drop),
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
