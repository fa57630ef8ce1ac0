//! The scheduler: durable jobs (a kind, a JSON payload, a due time) in the `jobs` table, claimed
//! under a lease by any process (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the one write path on
//! SQLite), run by the handler registered for their kind, retried with backoff, and kept as
//! `failed` after the last attempt. Time comes from the runner's `Clock`.

pub mod registry;
pub mod runner;
pub mod store;

pub use runner::{Handler, JobOutcome, Runner};
pub use store::{NewJob, schedule};
