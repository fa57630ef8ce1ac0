//! The scheduler against a real database, with a manual clock: due jobs run once (also with two
//! runners on separate connections), failures are retried with backoff until the last attempt,
//! a job whose runner died is taken again after its lease, and a panicking handler fails only
//! its attempt.

use super::support::{Desk, desk};
use chrono::{Duration, TimeZone, Utc};
use domain::{
    clock::Clock,
    db,
    entities::job::{self, JobState},
    jobs::{JobOutcome, NewJob, Runner, schedule, store},
};
use sea_orm::{DatabaseConnection, EntityTrait};
use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

fn start() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).single().expect("date")
}

async fn add(db: &DatabaseConnection, kind: &'static str, due_in: Duration, n: i64) {
    let txn = db::begin_write(db).await.expect("begin");
    let job = NewJob { kind, payload: serde_json::json!({ "n": n }), due_at: start() + due_in, dedupe_key: None };
    schedule(&*txn, job, start()).await.expect("schedule");
    txn.commit().await.expect("commit");
}

fn counting(
    runs: &Arc<AtomicUsize>,
    outcome: JobOutcome,
) -> impl Fn(DatabaseConnection, job::Model) -> std::future::Ready<JobOutcome> + Send + Sync + 'static {
    let runs = runs.clone();
    move |_, _| {
        runs.fetch_add(1, Ordering::SeqCst);
        std::future::ready(outcome.clone())
    }
}

async fn jobs(desk: &Desk) -> Vec<job::Model> {
    job::Entity::find().all(&desk.db).await.expect("jobs")
}

#[tokio::test]
async fn due_jobs_run_once_and_later_ones_wait_for_the_clock() {
    let desk = desk().await;
    let clock = Clock::manual(start());
    let runs = Arc::new(AtomicUsize::new(0));
    let runner = Runner::new(desk.db.clone(), clock.clone()).handle("test.count", counting(&runs, JobOutcome::Done));
    add(&desk.db, "test.count", Duration::zero(), 1).await;
    add(&desk.db, "test.count", Duration::days(3), 2).await;
    assert_eq!(runner.run_due().await.expect("run"), 1);
    assert_eq!(runner.run_due().await.expect("run again"), 0, "a done job does not run twice");
    clock.advance(Duration::days(3));
    assert_eq!(runner.run_due().await.expect("three days later"), 1);
    assert_eq!(runs.load(Ordering::SeqCst), 2);
    assert!(jobs(&desk).await.is_empty(), "done jobs are deleted");
}

#[tokio::test]
async fn failures_back_off_and_the_last_attempt_is_kept_as_failed() {
    let desk = desk().await;
    let clock = Clock::manual(start());
    let runs = Arc::new(AtomicUsize::new(0));
    let runner = Runner::new(desk.db.clone(), clock.clone())
        .handle("test.flaky", counting(&runs, JobOutcome::Retry("smtp down".into())));
    add(&desk.db, "test.flaky", Duration::zero(), 1).await;
    runner.run_due().await.expect("run");
    let after_first = jobs(&desk).await.remove(0);
    assert_eq!((after_first.state, after_first.attempts), (JobState::Queued, 1));
    assert_eq!(after_first.due_at, start() + Duration::seconds(30));
    assert_eq!(after_first.last_error.as_deref(), Some("smtp down"));
    assert_eq!(runner.run_due().await.expect("not yet"), 0, "backoff holds the retry");
    for _ in 1..store::MAX_ATTEMPTS {
        clock.advance(Duration::hours(3));
        runner.run_due().await.expect("retry");
    }
    let last = jobs(&desk).await.remove(0);
    assert_eq!((last.state, last.attempts), (JobState::Failed, store::MAX_ATTEMPTS));
    clock.advance(Duration::days(30));
    assert_eq!(runner.run_due().await.expect("failed jobs stay"), 0);
    assert_eq!(runs.load(Ordering::SeqCst), store::MAX_ATTEMPTS as usize);
}

#[tokio::test]
async fn a_job_whose_runner_died_is_taken_again_after_its_lease() {
    let desk = desk().await;
    let clock = Clock::manual(start());
    add(&desk.db, "test.count", Duration::zero(), 1).await;
    // A runner claims the job and dies before finishing it.
    let claimed = store::claim(&desk.db, 10, Duration::minutes(5), start()).await.expect("claim");
    assert_eq!(claimed.len(), 1);
    let runs = Arc::new(AtomicUsize::new(0));
    let runner = Runner::new(desk.db.clone(), clock.clone()).handle("test.count", counting(&runs, JobOutcome::Done));
    assert_eq!(runner.run_due().await.expect("leased"), 0, "nobody takes a leased job");
    clock.advance(Duration::minutes(5));
    assert_eq!(runner.run_due().await.expect("lease over"), 1);
    assert!(jobs(&desk).await.is_empty());
}

#[tokio::test]
async fn a_panicking_handler_fails_its_attempt_not_the_runner() {
    let desk = desk().await;
    let clock = Clock::manual(start());
    let runner = Runner::new(desk.db.clone(), clock.clone()).handle("test.panics", |_, job: job::Model| async move {
        assert!(job.payload.is_empty(), "handler bug");
        JobOutcome::Done
    });
    add(&desk.db, "test.panics", Duration::zero(), 1).await;
    assert_eq!(runner.run_due().await.expect("the runner survives"), 1);
    let row = jobs(&desk).await.remove(0);
    assert_eq!((row.state, row.last_error.as_deref()), (JobState::Queued, Some("the handler panicked")));
}

#[tokio::test]
async fn two_runners_on_their_own_connections_run_each_job_once() {
    let desk = desk().await;
    let clock = Clock::manual(start());
    for n in 0..300 {
        add(&desk.db, "test.count", Duration::zero(), n).await;
    }
    let runs = Arc::new(AtomicUsize::new(0));
    // A second pool stands for a second process on the same database.
    let other = db::connect(desk.url()).await.expect("second connection");
    let slow = |runs: &Arc<AtomicUsize>| {
        let runs = runs.clone();
        move |_: DatabaseConnection, _: job::Model| {
            let runs = runs.clone();
            async move {
                runs.fetch_add(1, Ordering::SeqCst);
                tokio::task::yield_now().await;
                JobOutcome::Done
            }
        }
    };
    let first = Runner::new(desk.db.clone(), clock.clone()).handle("test.count", slow(&runs));
    let second = Runner::new(other, clock.clone()).handle("test.count", slow(&runs));
    let (a, b) = tokio::join!(first.run_due(), second.run_due());
    assert_eq!(a.expect("first") + b.expect("second"), 300);
    assert_eq!(runs.load(Ordering::SeqCst), 300, "every job ran exactly once");
    assert!(jobs(&desk).await.is_empty());
}

#[tokio::test]
async fn a_job_that_schedules_its_own_key_again_is_kept_and_done_jobs_end_together() {
    let desk = desk().await;
    let clock = Clock::manual(start());
    let next = |db: DatabaseConnection, _: job::Model| async move {
        let txn = db::begin_write(&db).await.expect("begin");
        let again = NewJob {
            kind: "test.again",
            payload: serde_json::json!({}),
            due_at: domain::clock::now() + Duration::days(1),
            dedupe_key: Some("again".into()),
        };
        schedule(&*txn, again, domain::clock::now()).await.expect("schedule");
        txn.commit().await.expect("commit");
        JobOutcome::Done
    };
    let runs = Arc::new(AtomicUsize::new(0));
    let runner = Runner::new(desk.db.clone(), clock.clone())
        .handle("test.again", next)
        .handle("test.count", counting(&runs, JobOutcome::Done));
    let txn = db::begin_write(&desk.db).await.expect("begin");
    let first = NewJob {
        kind: "test.again",
        payload: serde_json::json!({}),
        due_at: start(),
        dedupe_key: Some("again".into()),
    };
    schedule(&*txn, first, start()).await.expect("schedule");
    txn.commit().await.expect("commit");
    for n in 0..150 {
        add(&desk.db, "test.count", Duration::zero(), n).await;
    }
    assert_eq!(runner.run_due().await.expect("run"), 151, "two batches");
    assert_eq!(runs.load(Ordering::SeqCst), 150);
    let left = jobs(&desk).await;
    assert_eq!(left.len(), 1, "done jobs are deleted, the rescheduled one stays: {left:?}");
    assert_eq!(
        (left[0].kind.as_str(), left[0].due_at, left[0].lease_until),
        ("test.again", start() + Duration::days(1), None)
    );
    clock.advance(Duration::days(1));
    assert_eq!(runner.run_due().await.expect("a day later"), 1);
}
