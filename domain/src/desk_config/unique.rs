//! Names of statuses, priorities and categories are unique regardless of letter case.

use crate::error::DomainError;
use sea_orm::{DbErr, SqlErr};

pub const TAKEN: &str = "This name is already in use";

/// True when another row (not `except`) already has this name in any letter case.
pub fn taken<'a>(mut names: impl Iterator<Item = (i64, &'a str)>, name: &str, except: Option<i64>) -> bool {
    let wanted = name.to_lowercase();
    names.any(|(id, n)| Some(id) != except && n.to_lowercase() == wanted)
}

/// A unique violation that slipped past the check (a concurrent change) is still a field error.
pub fn map_unique(err: DbErr) -> DomainError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => DomainError::field("name", TAKEN),
        _ => err.into(),
    }
}
