//! The ingest log: a row for every received message with what it became and why; admins read
//! it and download the kept raw bytes (`reprocess` runs quarantined mail through ingest again).

use crate::{
    desk::Desk,
    desk_config::Config,
    email_types::{IngestEntry, IngestOutcome, IngestPage},
    entities::{mail_ingest, mailbox, ticket},
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// What the log keeps of a message whatever it became.
#[derive(Debug, Clone)]
pub struct Entry {
    pub mailbox_id: Option<i64>,
    pub via: &'static str,
    pub message_id: Option<String>,
    pub from_address: Option<String>,
    pub subject: Option<String>,
    pub size: i64,
    pub raw_sha256: Option<String>,
    pub automatic: bool,
    /// How a mail that was not quite right was read anyway (`lenient`); added to the reason.
    pub read_kindly: Vec<String>,
}

/// What a message became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub entry_id: i64,
    pub outcome: IngestOutcome,
    pub ticket_id: Option<i64>,
    pub reason: String,
}

/// Writes a log row in a write transaction of its own.
pub async fn write_alone(
    db: &sea_orm::DatabaseConnection,
    entry: Entry,
    outcome: IngestOutcome,
    ticket_id: Option<i64>,
    reason: String,
) -> Result<Outcome, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let outcome = write(&*txn, entry, outcome, ticket_id, reason).await?;
    txn.commit().await?;
    Ok(outcome)
}

/// Writes a log row in the caller's transaction.
pub async fn write(
    db: &impl ConnectionTrait,
    entry: Entry,
    outcome: IngestOutcome,
    ticket_id: Option<i64>,
    reason: String,
) -> Result<Outcome, DomainError> {
    let reason = if entry.read_kindly.is_empty() {
        reason
    } else {
        format!("{reason}. Read kindly: {}", entry.read_kindly.join("; "))
    };
    let row = mail_ingest::ActiveModel {
        mailbox_id: Set(entry.mailbox_id),
        via: Set(entry.via.to_owned()),
        received_at: Set(crate::clock::now()),
        message_id: Set(entry.message_id),
        from_address: Set(entry.from_address.map(|a| a.chars().take(254).collect())),
        subject: Set(entry.subject),
        size: Set(entry.size),
        raw_sha256: Set(entry.raw_sha256),
        outcome: Set(outcome),
        automatic: Set(entry.automatic),
        ticket_id: Set(ticket_id),
        reason: Set(reason.clone()),
        reprocessed_as: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if outcome.is_held() {
        tracing::warn!(entry = row.id, outcome = outcome.as_str(), %reason, "inbound mail not posted");
    }
    Ok(Outcome { entry_id: row.id, outcome, ticket_id, reason })
}

/// An earlier entry of this mailbox with this Message-ID that became a ticket or reply.
pub async fn posted_with_message_id(
    db: &impl ConnectionTrait,
    mailbox_id: i64,
    message_id: &str,
) -> Result<Option<mail_ingest::Model>, DomainError> {
    Ok(mail_ingest::Entity::find()
        .filter(mail_ingest::Column::MailboxId.eq(mailbox_id))
        .filter(mail_ingest::Column::MessageId.eq(message_id))
        .filter(mail_ingest::Column::Outcome.is_in([IngestOutcome::Ticket, IngestOutcome::Reply]))
        .one(db)
        .await?)
}

pub const PER_PAGE: u64 = 50;

/// A page of the log, newest first, optionally only one outcome.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    outcome: Option<IngestOutcome>,
    page: u64,
) -> Result<IngestPage, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let mut query = mail_ingest::Entity::find();
    if let Some(outcome) = outcome {
        query = query.filter(mail_ingest::Column::Outcome.eq(outcome));
    }
    let total = query.clone().count(db).await?;
    let page = page.max(1);
    let rows =
        query.order_by_desc(mail_ingest::Column::Id).offset((page - 1) * PER_PAGE).limit(PER_PAGE).all(db).await?;
    let mailboxes: HashMap<i64, String> =
        mailbox::Entity::find().all(db).await?.into_iter().map(|m| (m.id, m.address)).collect();
    let ticket_ids: Vec<i64> = rows.iter().filter_map(|r| r.ticket_id).collect();
    let config = Config::load(db).await?;
    let numbers: HashMap<i64, i64> = ticket::Entity::find()
        .filter(ticket::Column::Id.is_in(ticket_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.number))
        .collect();
    let entries = rows
        .into_iter()
        .map(|r| IngestEntry {
            id: r.id,
            received_at: r.received_at,
            mailbox: r.mailbox_id.and_then(|id| mailboxes.get(&id).cloned()),
            via: r.via,
            from: r.from_address,
            subject: r.subject,
            size: r.size,
            can_reprocess: r.outcome.is_held()
                && r.reprocessed_as.is_none()
                && r.raw_sha256.is_some()
                && r.mailbox_id.is_some(),
            outcome: r.outcome,
            automatic: r.automatic,
            ticket_reference: r.ticket_id.and_then(|id| numbers.get(&id)).map(|n| config.reference(*n)),
            ticket_id: r.ticket_id,
            reason: r.reason,
            reprocessed_as: r.reprocessed_as,
        })
        .collect();
    Ok(IngestPage { entries, total, page, per_page: PER_PAGE })
}

/// The kept raw bytes of a log entry, for an admin to download.
pub async fn raw_of(desk: &Desk, actor: &Actor, entry_id: i64) -> Result<Vec<u8>, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let entry = mail_ingest::Entity::find_by_id(entry_id).one(&desk.db).await?.ok_or(DomainError::NotFound)?;
    let path = entry.raw_sha256.as_deref().and_then(|sha| desk.files.path_of(sha)).ok_or(DomainError::NotFound)?;
    tokio::fs::read(&path).await.map_err(|_| DomainError::NotFound)
}
