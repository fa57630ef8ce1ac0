//! Group commit: writes that arrive together share one transaction, so one durable commit (one
//! fsync on SQLite with `synchronous=FULL`) acknowledges many requests instead of one. Each write
//! runs in its own savepoint, so one that fails is rolled back alone and hears its own error;
//! nobody hears success before the shared commit is on disk. A write that arrives while a commit
//! is under way waits for the next batch, which starts the moment that commit returns: there is
//! no timer, so a lone write is never delayed.

use crate::{api_tokens::idempotency, error::DomainError, live};
use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};
use std::{
    future::Future,
    pin::Pin,
    sync::{Arc, Mutex},
};
use tokio::sync::{mpsc, oneshot};

/// The work of one write, given the transaction (a savepoint in the shared one).
pub type WriteFuture<'t, T> = Pin<Box<dyn Future<Output = Result<T, DomainError>> + Send + 't>>;

/// Hears whether the shared commit succeeded, and answers the writer.
type Completion = Box<dyn FnOnce(Result<(), DomainError>) + Send>;
type Job = Box<
    dyn for<'t> FnOnce(&'t DatabaseTransaction) -> Pin<Box<dyn Future<Output = (bool, Completion)> + Send + 't>> + Send,
>;

/// Writes per shared transaction, at most.
pub const MAX_BATCH: usize = 256;
/// Writes waiting for their turn before callers wait to queue.
const QUEUE: usize = 4096;

/// The queue of writes and its writer task (started by the first write).
#[derive(Clone)]
pub struct GroupCommit {
    db: DatabaseConnection,
    jobs: mpsc::Sender<Job>,
    idle: Arc<Mutex<Option<mpsc::Receiver<Job>>>>,
}

impl GroupCommit {
    pub fn new(db: DatabaseConnection) -> Self {
        let (jobs, receiver) = mpsc::channel(QUEUE);
        GroupCommit { db, jobs, idle: Arc::new(Mutex::new(Some(receiver))) }
    }

    /// The database, for the reads and checks a write does before it queues.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Runs `work` in the next shared transaction and returns its result once that is committed.
    pub async fn run<T, F>(&self, work: F) -> Result<T, DomainError>
    where
        T: Send + 'static,
        F: for<'t> FnOnce(&'t DatabaseTransaction) -> WriteFuture<'t, T> + Send + 'static,
    {
        self.start_writer();
        let (answer, answered) = oneshot::channel();
        // A keyed API request's claim is marked applied in the write's own savepoint.
        let running = idempotency::running();
        let job: Job = Box::new(move |txn| {
            Box::pin(async move {
                let mut result = idempotency::run_as(running.clone(), work(txn)).await;
                if let (Ok(_), Some(running)) = (&result, &running)
                    && let Err(err) = idempotency::stamp(txn, running).await
                {
                    result = Err(err.into());
                }
                let ok = result.is_ok();
                let completion: Completion = Box::new(move |committed: Result<(), DomainError>| {
                    let _ = answer.send(result.and_then(|value| committed.map(|()| value)));
                });
                (ok, completion)
            })
        });
        self.jobs.send(job).await.map_err(|_| DomainError::Internal)?;
        // A dropped answer means the batch never ran (the transaction could not begin).
        answered.await.map_err(|_| DomainError::Internal)?
    }

    fn start_writer(&self) {
        let receiver = match self.idle.lock() {
            Ok(mut idle) => idle.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        };
        if let Some(receiver) = receiver {
            tokio::spawn(write_batches(self.db.clone(), receiver));
        }
    }
}

async fn write_batches(db: DatabaseConnection, mut jobs: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut batch, MAX_BATCH).await > 0 {
        write_batch(&db, batch.drain(..)).await;
    }
}

async fn write_batch(db: &DatabaseConnection, jobs: impl Iterator<Item = Job>) {
    let txn = match crate::db::begin_write(db).await {
        Ok(txn) => txn,
        Err(err) => {
            tracing::error!(error = %err, "cannot begin a write transaction");
            return;
        }
    };
    let mut answers = Vec::new();
    let mut broken = false;
    for job in jobs {
        let savepoint = match txn.begin().await {
            Ok(savepoint) => savepoint,
            Err(err) => {
                tracing::error!(error = %err, "cannot open a savepoint");
                broken = true;
                break;
            }
        };
        let (ok, completion) = job(&savepoint).await;
        answers.push(completion);
        let closed = if ok { savepoint.commit().await } else { savepoint.rollback().await };
        if let Err(err) = closed {
            tracing::error!(error = %err, "cannot close a savepoint");
            broken = true;
            break;
        }
    }
    let outcome = if broken {
        txn.rollback().await.ok();
        Err(DomainError::Internal)
    } else {
        live::commit(txn).await.map_err(DomainError::from)
    };
    for answer in answers {
        answer(outcome.clone());
    }
}
