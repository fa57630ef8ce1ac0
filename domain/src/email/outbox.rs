//! The outbox: mail written in the transaction of the change it tells about, claimed by the
//! sender job (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the write lock on SQLite), sent, and
//! retried with backoff until it goes or is given up.

use crate::{
    email_types::{DeliveryState, MailEvent},
    entities::outbox,
    error::DomainError,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, FromQueryResult,
    QueryFilter, Set, Statement,
};

/// Attempts before a mail is marked failed.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long a claimed mail is left to its sender before another may take it.
const CLAIM: Duration = Duration::minutes(5);

/// A mail to queue.
pub struct NewMail {
    pub event: MailEvent,
    pub mailbox_id: i64,
    /// `None` for mail about a person's account.
    pub ticket_id: Option<i64>,
    pub ticket_message_id: Option<i64>,
    pub sender: String,
    pub recipient: String,
    pub message_id: String,
    pub payload: String,
    pub automatic: bool,
}

pub async fn enqueue(txn: &impl ConnectionTrait, mail: NewMail, now: DateTime<Utc>) -> Result<i64, DomainError> {
    let row = outbox::ActiveModel {
        kind: Set("email".to_owned()),
        event: Set(mail.event),
        mailbox_id: Set(Some(mail.mailbox_id)),
        ticket_id: Set(mail.ticket_id),
        ticket_message_id: Set(mail.ticket_message_id),
        sender: Set(mail.sender),
        recipient: Set(mail.recipient),
        message_id: Set(mail.message_id),
        payload: Set(mail.payload),
        automatic: Set(mail.automatic),
        state: Set(DeliveryState::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(row.id)
}

/// Automatic mails queued for `recipient` since `since` (the loop cap counts these).
pub async fn automatic_since(
    db: &impl ConnectionTrait,
    recipient: &str,
    since: DateTime<Utc>,
) -> Result<u64, DomainError> {
    use sea_orm::PaginatorTrait;
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(recipient))
        .filter(outbox::Column::CreatedAt.gt(since))
        .filter(outbox::Column::Automatic.eq(true))
        .count(db)
        .await?)
}

/// Takes up to `limit` mails that are due, marking them as being sent until the claim runs out.
pub async fn claim(db: &DatabaseConnection, limit: u64, now: DateTime<Utc>) -> Result<Vec<outbox::Model>, DomainError> {
    let backend = db.get_database_backend();
    let until = now + CLAIM;
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE outbox SET state = 'sending', claimed_until = $1 WHERE id IN (
               SELECT id FROM outbox WHERE (state = 'queued' AND next_attempt_at <= $2)
                  OR (state = 'sending' AND claimed_until < $2)
               ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *"
        }
        _ => {
            "UPDATE outbox SET state = 'sending', claimed_until = ?1 WHERE id IN (
               SELECT id FROM outbox WHERE (state = 'queued' AND next_attempt_at <= ?2)
                  OR (state = 'sending' AND claimed_until < ?2)
               ORDER BY next_attempt_at LIMIT ?3) RETURNING *"
        }
    };
    let values: Vec<sea_orm::Value> = vec![until.into(), now.into(), (limit as i64).into()];
    let claim = Statement::from_sql_and_values(backend, sql, values);
    let rows = crate::db::write(db, |txn| Box::pin(async move { txn.query_all_raw(claim).await })).await?;
    let mut out = rows.iter().map(|r| outbox::Model::from_query_result(r, "")).collect::<Result<Vec<_>, _>>()?;
    out.sort_by_key(|m| m.id);
    Ok(out)
}

pub async fn mark_sent(db: &DatabaseConnection, id: i64, now: DateTime<Utc>) -> Result<(), DomainError> {
    let row = outbox::ActiveModel {
        id: Set(id),
        state: Set(DeliveryState::Sent),
        sent_at: Set(Some(now)),
        claimed_until: Set(None),
        last_error: Set(None),
        ..Default::default()
    };
    crate::db::write(db, |txn| Box::pin(async move { Ok(row.update(txn).await.map(drop)?) })).await
}

/// Delay before attempt `n + 1`: 30 s doubling, at most 2 h.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(0, 8) as u32;
    Duration::seconds((30i64 << exp).min(2 * 3600))
}

/// Records a failed attempt: retried later, or given up after `MAX_ATTEMPTS` or a permanent error.
pub async fn mark_failed(
    db: &DatabaseConnection,
    row: &outbox::Model,
    error: &str,
    permanent: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let attempts = row.attempts + 1;
    let give_up = permanent || attempts >= MAX_ATTEMPTS;
    let update = outbox::ActiveModel {
        id: Set(row.id),
        state: Set(if give_up { DeliveryState::Failed } else { DeliveryState::Queued }),
        attempts: Set(attempts),
        next_attempt_at: Set(now + backoff(row.attempts)),
        claimed_until: Set(None),
        last_error: Set(Some(error.chars().take(500).collect())),
        ..Default::default()
    };
    crate::db::write(db, |txn| Box::pin(async move { Ok(update.update(txn).await.map(drop)?) })).await
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_up_to_two_hours() {
        let secs: Vec<i64> = (0..10).map(|n| backoff(n).num_seconds()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3840, 7200, 7200]);
    }
}
