//! The desk configuration (statuses, priorities, categories, teams, prefix, and the mail
//! settings) kept in memory, so a page or a command reads one row instead of many tables. A copy
//! is checked on every load against the configuration's version, a random number that every
//! change to those tables replaces in its own transaction (`changed`): a change is seen at once,
//! by every process. Databases without a version row (never expected after migration 7) are read
//! every time.

use crate::error::DomainError;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::{
    collections::HashMap,
    sync::{LazyLock, Mutex},
};

pub(crate) const VERSION_ROW: &str = "config_version";
/// Versions kept at once (one per database a process uses; tests use many).
const KEEP: usize = 64;

fn placeholder(db: &impl ConnectionTrait) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Postgres => "$1",
        _ => "?",
    }
}

/// The configuration's current version.
pub(crate) async fn version(db: &impl ConnectionTrait) -> Result<Option<i64>, DomainError> {
    let sql = format!("SELECT value FROM counters WHERE name = {}", placeholder(db));
    let row =
        db.query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, [VERSION_ROW.into()])).await?;
    Ok(row.map(|r| r.try_get_by_index::<i64>(0)).transpose()?)
}

/// Marks the configuration changed; call it in the transaction that changes it.
pub(crate) async fn changed(db: &impl ConnectionTrait) -> Result<(), DomainError> {
    let fresh: i64 = rand::random::<i64>() & i64::MAX;
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "UPDATE counters SET value = $1 WHERE name = $2",
        _ => "UPDATE counters SET value = ? WHERE name = ?",
    };
    db.execute_raw(Statement::from_sql_and_values(backend, sql, [fresh.into(), VERSION_ROW.into()])).await?;
    Ok(())
}

/// Copies of something read from the configuration tables, by configuration version.
pub(crate) struct Copies<T>(LazyLock<Mutex<HashMap<i64, T>>>);

impl<T: Clone> Copies<T> {
    pub(crate) const fn new() -> Self {
        Copies(LazyLock::new(Mutex::default))
    }

    pub(crate) fn get(&self, version: i64) -> Option<T> {
        self.0.lock().ok()?.get(&version).cloned()
    }

    pub(crate) fn put(&self, version: i64, value: &T) {
        if let Ok(mut copies) = self.0.lock() {
            if copies.len() >= KEEP {
                copies.clear();
            }
            copies.insert(version, value.clone());
        }
    }
}
