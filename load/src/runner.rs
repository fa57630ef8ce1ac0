//! The closed loop: N connections, each sending its next request as soon as the previous one is
//! answered; a warm-up, then a measured window whose answers are timed.

use std::{
    collections::BTreeMap,
    sync::Arc,
    time::{Duration, Instant},
};

use crate::{
    args::Workload,
    workloads::{Connection, Desk, Kind},
};

/// What one run measured. Only requests sent and answered inside the window count, except
/// errors, which count whenever they happen.
#[derive(Debug, Default)]
pub struct RunResult {
    /// Requests sent and answered inside the measured window.
    pub requests: usize,
    /// Successful answers inside the window, per second.
    pub throughput: f64,
    /// The latency of each successful request inside the window.
    pub latencies: Vec<Duration>,
    /// The same, by kind of request, for the workloads that mix kinds (W9).
    pub by_kind: BTreeMap<Kind, Vec<Duration>>,
    pub errors: usize,
    pub first_error: Option<String>,
}

#[derive(Default)]
struct Tally {
    requests: usize,
    ok: usize,
    latencies: Vec<Duration>,
    by_kind: BTreeMap<Kind, Vec<Duration>>,
    errors: usize,
    first_error: Option<String>,
}

pub async fn run(
    desk: Arc<Desk>,
    workload: Workload,
    connections: usize,
    run: usize,
    warmup: Duration,
    measure: Duration,
) -> RunResult {
    let start = Instant::now();
    let (from, until) = (start + warmup, start + warmup + measure);
    let tasks: Vec<_> = (0..connections)
        .map(|index| {
            let mut connection = Connection::new(desk.clone(), workload, index, run);
            tokio::spawn(async move {
                let mut tally = Tally::default();
                loop {
                    let sent = Instant::now();
                    if sent >= until {
                        return tally;
                    }
                    let outcome = connection.next().await;
                    let answered = Instant::now();
                    let inside = sent >= from && answered <= until;
                    tally.requests += usize::from(inside);
                    match outcome {
                        Ok(kind) if inside => {
                            tally.ok += 1;
                            tally.latencies.push(answered - sent);
                            if !kind.is_empty() {
                                tally.by_kind.entry(kind).or_default().push(answered - sent);
                            }
                        }
                        Ok(_) => {}
                        Err(failure) => {
                            tally.errors += 1;
                            tally.first_error.get_or_insert(failure);
                        }
                    }
                }
            })
        })
        .collect();
    let mut total = Tally::default();
    for task in tasks {
        let tally = match task.await {
            Ok(tally) => tally,
            Err(err) => {
                Tally { errors: 1, first_error: Some(format!("a connection's task failed: {err}")), ..Tally::default() }
            }
        };
        total.requests += tally.requests;
        total.ok += tally.ok;
        total.latencies.extend(tally.latencies);
        for (kind, latencies) in tally.by_kind {
            total.by_kind.entry(kind).or_default().extend(latencies);
        }
        total.errors += tally.errors;
        if total.first_error.is_none() {
            total.first_error = tally.first_error;
        }
    }
    RunResult {
        requests: total.requests,
        throughput: total.ok as f64 / measure.as_secs_f64(),
        latencies: total.latencies,
        by_kind: total.by_kind,
        errors: total.errors,
        first_error: total.first_error,
    }
}
