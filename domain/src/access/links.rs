//! A ticket's magic link: every mail to a customer about a ticket carries one, and it opens that
//! ticket's status page without an account or password (`Actor::Link`) until it expires (the
//! admin's number of days, 30 by default) or is revoked. Staff revoke all of a person's links at
//! once; the next mail carries a fresh one.

use super::tokens::{self, Lookup};
use crate::{
    audit,
    entities::{access_token, setting, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Set, sea_query::OnConflict};
use serde_json::json;

pub use crate::entities::access_token::TokenPurpose;

pub const SETTING: &str = "ticket_link_days";
pub const DEFAULT_DAYS: u32 = 30;
pub const MAX_DAYS: u32 = 365;

/// Days a ticket's magic link holds.
pub async fn days(db: &impl ConnectionTrait) -> Result<u32, DomainError> {
    let row = setting::Entity::find_by_id(SETTING.to_owned()).one(db).await?;
    Ok(row.and_then(|r| serde_json::from_str::<u32>(&r.value).ok()).unwrap_or(DEFAULT_DAYS))
}

pub fn parse_days(input: &str) -> Result<u32, &'static str> {
    match input.trim().parse::<u32>() {
        Ok(days) if (1..=MAX_DAYS).contains(&days) => Ok(days),
        _ => Err("Enter a whole number of days from 1 to 365"),
    }
}

/// Sets how long new magic links hold (links already sent keep their time); audited.
pub async fn set_days(db: &DatabaseConnection, actor: &Actor, input: &str) -> Result<u32, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let days = parse_days(input).map_err(|m| DomainError::field("ticket_link_days", m))?;
    let txn = crate::db::begin_write(db).await?;
    let old = self::days(&*txn).await?;
    let row = setting::ActiveModel {
        key: Set(SETTING.to_owned()),
        value: Set(days.to_string()),
        updated_at: Set(crate::clock::now()),
    };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(&*txn)
        .await?;
    audit::record(&*txn, actor, "settings.ticket_link_days", ("setting", None), json!({ "old": old, "new": days }))
        .await?;
    txn.commit().await?;
    Ok(days)
}

/// The path a magic link's secret opens.
pub fn path_of(secret: &str) -> String {
    format!("/access/{secret}")
}

/// A new magic link to `ticket_id` for `user_id`, written in the caller's transaction (the mail
/// that carries it is written there too): the full URL under `base`.
pub async fn issue(
    txn: &impl ConnectionTrait,
    base: &str,
    ticket_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let lifetime = Duration::days(i64::from(days(txn).await?));
    let secret = tokens::issue(txn, TokenPurpose::TicketLink, user_id, Some(ticket_id), lifetime, now).await?;
    Ok(format!("{}{}", base.trim_end_matches('/'), path_of(&secret)))
}

/// What opening a magic link gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// The link holds: a session for this token, user and ticket.
    Ticket { token_id: i64, user_id: i64, ticket_id: i64 },
    /// Expired, revoked, forged or for a person no longer active: the page says only that.
    Invalid,
}

/// Checks a magic link's secret.
pub async fn open(db: &impl ConnectionTrait, secret: &str) -> Result<Opened, DomainError> {
    let Lookup::Valid(row) = tokens::look_up(db, &[TokenPurpose::TicketLink], secret, crate::clock::now()).await?
    else {
        return Ok(Opened::Invalid);
    };
    let (Some(ticket_id), true) = (row.ticket_id, person_is_active(db, row.user_id).await?) else {
        return Ok(Opened::Invalid);
    };
    Ok(Opened::Ticket { token_id: row.id, user_id: row.user_id, ticket_id })
}

async fn person_is_active(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, DomainError> {
    Ok(user::Entity::find_by_id(user_id).one(db).await?.is_some_and(|u| u.active && !u.role.is_staff()))
}

/// The ticket a link session may still open: its token neither expired nor revoked.
pub async fn still_open(db: &impl ConnectionTrait, token_id: i64, user_id: i64) -> Result<Option<i64>, DomainError> {
    let row = access_token::Entity::find_by_id(token_id).one(db).await?;
    Ok(row
        .filter(|t| {
            t.purpose == TokenPurpose::TicketLink
                && t.user_id == user_id
                && t.revoked_at.is_none()
                && t.expires_at > crate::clock::now()
        })
        .and_then(|t| t.ticket_id))
}

/// Staff revoke every magic link a person holds (and so the pages opened from them); audited.
/// The person's next mail about a ticket carries a fresh link.
pub async fn revoke_all(db: &DatabaseConnection, actor: &Actor, user_id: i64) -> Result<u64, DomainError> {
    authorize(actor, Action::ManageCustomerAccess)?;
    let txn = crate::db::begin_write(db).await?;
    user::Entity::find_by_id(user_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    let now = crate::clock::now();
    let revoked = tokens::revoke(&*txn, user_id, &[TokenPurpose::TicketLink], now).await?;
    audit::record(&*txn, actor, "user.revoke_links", ("user", Some(user_id)), json!({ "revoked": revoked })).await?;
    txn.commit().await?;
    Ok(revoked)
}
