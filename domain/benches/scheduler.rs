//! Benchmark (not a test): how long the scheduler takes to pick up and end 10,000 due jobs, on
//! SQLite, or on the PostgreSQL server that `TEST_DATABASE_URL` names.
//!
//!     cargo bench -p domain --features testing --bench scheduler
//!     TEST_DATABASE_URL=postgres://… cargo bench -p domain --features testing --bench scheduler
//!
//! `DOCKET_BENCH_JOBS` changes the number of jobs.

use domain::{
    clock::Clock,
    db,
    jobs::{JobOutcome, NewJob, Runner, schedule},
    testing::TestDatabase,
};
use migrations::{Migrator, MigratorTrait};
use std::time::Instant;

#[tokio::main]
async fn main() {
    let jobs: usize = std::env::var("DOCKET_BENCH_JOBS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let test = TestDatabase::new().await;
    let backend = if test.is_postgres() { "PostgreSQL" } else { "SQLite" };
    let conn = db::connect(&test.url).await.expect("connect");
    Migrator::up(&conn, None).await.expect("migrate");

    let clock = Clock::system();
    let now = clock.now();
    let started = Instant::now();
    let txn = db::begin_write(&conn).await.expect("begin");
    for n in 0..jobs {
        let job = NewJob { kind: "bench.noop", payload: serde_json::json!({ "n": n }), due_at: now, dedupe_key: None };
        schedule(&*txn, job, now).await.expect("schedule");
    }
    txn.commit().await.expect("commit");
    let scheduled = started.elapsed();

    let runner = Runner::new(conn.clone(), clock).handle("bench.noop", |_, _| std::future::ready(JobOutcome::Done));
    let started = Instant::now();
    let ran = runner.run_due().await.expect("run");
    let picked = started.elapsed();
    assert_eq!(ran, jobs, "every due job ran");
    println!(
        "{backend}: {jobs} jobs scheduled in one transaction in {:.2} s; picked up, run and ended in {:.2} s ({:.0} jobs/s)",
        scheduled.as_secs_f64(),
        picked.as_secs_f64(),
        jobs as f64 / picked.as_secs_f64()
    );
}
