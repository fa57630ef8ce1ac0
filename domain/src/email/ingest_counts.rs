//! How many received messages this process turned into each outcome since it started, and how
//! many ingests failed with an error (the message is then left where it came from, to be tried
//! again). Read by the server's `/metrics`.

use crate::email_types::IngestOutcome;
use std::sync::atomic::{AtomicU64, Ordering};

static OUTCOMES: [AtomicU64; IngestOutcome::ALL.len()] = [const { AtomicU64::new(0) }; IngestOutcome::ALL.len()];
static FAILURES: AtomicU64 = AtomicU64::new(0);

fn slot(outcome: IngestOutcome) -> usize {
    IngestOutcome::ALL.iter().position(|o| *o == outcome).unwrap_or(0)
}

pub(crate) fn count(result: Result<IngestOutcome, ()>) {
    match result {
        Ok(outcome) => OUTCOMES[slot(outcome)].fetch_add(1, Ordering::Relaxed),
        Err(()) => FAILURES.fetch_add(1, Ordering::Relaxed),
    };
}

/// Each outcome with its count, in `IngestOutcome::ALL` order.
pub fn outcomes() -> [(IngestOutcome, u64); IngestOutcome::ALL.len()] {
    IngestOutcome::ALL.map(|outcome| (outcome, OUTCOMES[slot(outcome)].load(Ordering::Relaxed)))
}

/// Ingests that ended in an error rather than an outcome.
pub fn failures() -> u64 {
    FAILURES.load(Ordering::Relaxed)
}
