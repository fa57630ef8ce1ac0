//! Logging time: staff who may edit a ticket log minutes on it (typed, from the ticket's timer,
//! or with a reply or note), change and delete their own entries (admins any), and the desk's
//! "time required before solving" setting. Entries are audited and leave a history line.

use super::types::{ENTRY_MAX_MINUTES, NOTE_MAX_CHARS, parse_duration};
use crate::{
    audit,
    entities::time_entry,
    error::DomainError,
    policy::{Action, Actor, TicketAction, authorize, can, can_on_ticket},
    ticket_access,
    tickets::writing::event,
    validation::Checks,
};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, IntoActiveModel, Set,
};
use serde_json::json;

/// An entry as a form or the API sends it.
#[derive(Debug, Clone, Default)]
pub struct EntryInput {
    /// As typed: `45m`, `1h 30m`, `1:30`.
    pub duration: String,
    pub note: String,
    /// The day worked, `YYYY-MM-DD`; empty for today.
    pub worked_on: String,
}

struct Checked {
    minutes: i32,
    note: String,
    worked_on: NaiveDate,
}

fn check(input: &EntryInput) -> Result<Checked, DomainError> {
    let mut checks = Checks::new();
    let minutes = checks.check("duration", parse_duration(&input.duration));
    let note = input.note.trim().to_owned();
    if note.chars().count() > NOTE_MAX_CHARS || note.chars().any(char::is_control) {
        checks.add("note", &format!("Use at most {NOTE_MAX_CHARS} characters, on one line"));
    }
    let today = crate::clock::now().date_naive();
    let worked_on = match input.worked_on.trim() {
        "" => Some(today),
        text => checks.check(
            "worked_on",
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| "Enter the day as YYYY-MM-DD".to_owned())
                .and_then(|d| if d > today { Err("The day cannot be in the future".to_owned()) } else { Ok(d) }),
        ),
    };
    checks.finish()?;
    let (Some(minutes), Some(worked_on)) = (minutes, worked_on) else { return Err(DomainError::Internal) };
    let minutes = i32::try_from(minutes.min(ENTRY_MAX_MINUTES)).map_err(|_| DomainError::Internal)?;
    Ok(Checked { minutes, note, worked_on })
}

fn me(actor: &Actor) -> Result<i64, DomainError> {
    Ok(actor.principal().ok_or(DomainError::Unauthenticated)?.user_id)
}

/// Logs time on a ticket in the caller's transaction (a reply's, or its own).
pub(crate) async fn log_in(
    txn: &DatabaseTransaction,
    actor: &Actor,
    ticket_id: i64,
    input: &EntryInput,
    message_id: Option<i64>,
) -> Result<i64, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let (row, facts) = ticket_access::visible_ticket(txn, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::Edit, &facts) {
        return Err(DomainError::Forbidden);
    }
    let c = check(input)?;
    let now = crate::clock::now();
    let entry = time_entry::ActiveModel {
        ticket_id: Set(row.id),
        agent_id: Set(me(actor)?),
        minutes: Set(c.minutes),
        note: Set(c.note),
        message_id: Set(message_id),
        worked_on: Set(c.worked_on),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let line = super::types::format_duration(i64::from(c.minutes));
    event(txn, row.id, actor, now, "time", None, Some(format!("logged {line}"))).await?;
    Ok(entry.id)
}

pub async fn log(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    input: EntryInput,
) -> Result<i64, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let id = log_in(&txn, actor, ticket_id, &input, None).await?;
    txn.commit().await?;
    Ok(id)
}

/// The entry, if the caller may change it: their own, or any for admins.
async fn own(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> Result<time_entry::Model, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let entry = time_entry::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound)?;
    // Only someone who can see the ticket learns the entry exists.
    ticket_access::visible_ticket(db, actor, entry.ticket_id).await?;
    if entry.agent_id != me(actor)? && !can(actor, Action::ConfigureDesk) {
        return Err(DomainError::Forbidden);
    }
    Ok(entry)
}

pub async fn update(db: &DatabaseConnection, actor: &Actor, id: i64, input: EntryInput) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let entry = own(&*txn, actor, id).await?;
    let c = check(&input)?;
    let detail = json!({ "ticket_id": entry.ticket_id, "old": entry.minutes, "new": c.minutes });
    let mut changes = entry.into_active_model();
    changes.minutes = Set(c.minutes);
    changes.note = Set(c.note);
    changes.worked_on = Set(c.worked_on);
    changes.updated_at = Set(crate::clock::now());
    changes.update(&*txn).await?;
    audit::record(&*txn, actor, "time_entry.update", ("time_entry", Some(id)), detail).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let entry = own(&*txn, actor, id).await?;
    time_entry::Entity::delete_by_id(id).exec(&*txn).await?;
    let detail = json!({ "ticket_id": entry.ticket_id, "minutes": entry.minutes });
    audit::record(&*txn, actor, "time_entry.delete", ("time_entry", Some(id)), detail).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn set_required(db: &DatabaseConnection, actor: &Actor, on: bool) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    crate::settings_row::write(&*txn, super::rule::SETTING, on.to_string()).await?;
    audit::record(&*txn, actor, "settings.time_required", ("setting", None), json!({ "on": on })).await?;
    txn.commit().await?;
    Ok(())
}
