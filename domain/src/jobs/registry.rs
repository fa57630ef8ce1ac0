//! The job kinds this build runs, and their handlers: the one list a feature adds its time-based
//! work to.

use super::Runner;
use crate::clock::Clock;
use sea_orm::DatabaseConnection;

/// A runner with every handler registered.
pub fn runner(db: DatabaseConnection, clock: Clock) -> Runner {
    Runner::new(db, clock)
        // Solved tickets close after the admin's number of days.
        .handle(crate::auto_close::JOB_KIND, crate::auto_close::run)
}
