//! Reprocessing: an admin runs quarantined or rejected mail through ingest again from the raw
//! bytes the log kept, and the old log entry points at the new one.

use super::{
    ingest::{self, Received},
    log::Outcome,
};
use crate::{
    desk::Desk,
    entities::{mail_ingest, mailbox},
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

/// Runs a quarantined or rejected message through ingest again (after an admin changed what
/// stopped it: a mailbox option, a user, a limit), and links the old entry to the new one.
pub async fn reprocess(desk: &Desk, actor: &Actor, entry_id: i64) -> Result<Outcome, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let entry = mail_ingest::Entity::find_by_id(entry_id).one(&desk.db).await?.ok_or(DomainError::NotFound)?;
    if !entry.outcome.is_held() || entry.reprocessed_as.is_some() {
        return Err(DomainError::Conflict(
            "Only quarantined or rejected mail that was not reprocessed yet can be".into(),
        ));
    }
    let (Some(sha), Some(mailbox_id)) = (entry.raw_sha256.as_deref(), entry.mailbox_id) else {
        return Err(DomainError::Conflict("The raw message was not kept (it was over the size limit)".into()));
    };
    let mailbox = mailbox::Entity::find_by_id(mailbox_id).one(&desk.db).await?.ok_or(DomainError::NotFound)?;
    let path = desk.files.path_of(sha).ok_or(DomainError::Internal)?;
    let raw = tokio::fs::read(&path).await.map_err(|error| {
        tracing::error!(%error, entry = entry_id, "cannot read a kept raw message");
        DomainError::Internal
    })?;
    let received =
        Received { mailbox: &mailbox, via: "reprocess", raw: &raw, envelope_sender: None, envelope_recipient: None };
    let outcome = ingest::ingest(desk, received).await?;
    let txn = crate::db::begin_write(&desk.db).await?;
    mail_ingest::ActiveModel { id: Set(entry.id), reprocessed_as: Set(Some(outcome.entry_id)), ..Default::default() }
        .update(&*txn)
        .await?;
    crate::audit::record(&txn, actor, "mail.reprocess", ("mail_ingest", Some(entry.id)), serde_json::json!({})).await?;
    txn.commit().await?;
    Ok(outcome)
}
