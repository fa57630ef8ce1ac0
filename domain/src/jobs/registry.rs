//! The job kinds this build runs, their handlers, and the sweeps: the one list a feature adds its
//! time-based work to.

use super::Runner;
use crate::{clock::Clock, error::DomainError};
use sea_orm::DatabaseConnection;

/// A runner with every handler registered.
pub fn runner(db: DatabaseConnection, clock: Clock) -> Runner {
    let runner = Runner::new(db, clock)
        // Solved tickets close after the admin's number of days.
        .handle(crate::auto_close::JOB_KIND, crate::auto_close::run)
        // Satisfaction surveys mailed after the admin's delay.
        .handle(crate::csat::asking::JOB_KIND, crate::csat::asking::run)
        // Links people asked for by mail (sign-in, password reset).
        .handle(crate::access::requests::JOB_KIND, crate::access::requests::run)
        // Open tickets' SLA clocks, recomputed after a policy or calendar edit.
        .handle(crate::sla::recompute::JOB_KIND, crate::sla::recompute::run)
        // The suggested category and priority, trained daily and when an admin asks.
        .handle(crate::classifier::train::JOB_KIND, crate::classifier::train::run)
        // SLA warnings and breaches, each fired once, when a clock's next rule falls due.
        .sweep("sla.rules", crate::sla::escalation::sweep)
        // Schedule automation rules, each every few minutes, over the tickets idle long enough.
        .sweep("automation.schedule", crate::automation::schedule::sweep);
    // The durable reactions to ticket changes (`reaction.*`), run after the change commits.
    crate::reactions::durable::register(runner, crate::reactions::list::DURABLE)
}

/// Runs every job due now (by the current clock) with this build's handlers, here and now: what
/// the spawned runner would do next. Returns how many ran. Tests call it to see a change's
/// durable reactions through.
pub async fn run_due_now(db: &DatabaseConnection) -> Result<usize, DomainError> {
    runner(db.clone(), crate::clock::current()).run_due().await
}
