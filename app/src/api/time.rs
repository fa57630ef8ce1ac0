//! Server functions for time tracking: logging time on a ticket, changing and deleting one's
//! entries, and the admin's "time required before solving" setting.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::form::checked,
    crate::ssr::{self, fail},
    domain::time_tracking::entries::{self, EntryInput},
};

#[server(prefix = "/fn", endpoint = "log_time")]
pub async fn log_time(
    ticket_id: i64,
    duration: String,
    note: Option<String>,
    worked_on: Option<String>,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = EntryInput { duration, note: note.unwrap_or_default(), worked_on: worked_on.unwrap_or_default() };
    entries::log(&desk.db, &actor, ticket_id, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_time_entry")]
pub async fn update_time_entry(
    entry_id: i64,
    duration: String,
    note: Option<String>,
    worked_on: Option<String>,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = EntryInput { duration, note: note.unwrap_or_default(), worked_on: worked_on.unwrap_or_default() };
    entries::update(&desk.db, &actor, entry_id, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "delete_time_entry")]
pub async fn delete_time_entry(entry_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    entries::delete(&desk.db, &actor, entry_id).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "set_time_required")]
pub async fn set_time_required(required: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    entries::set_required(&desk.db, &actor, checked(required.as_deref())).await.map_err(fail)
}
