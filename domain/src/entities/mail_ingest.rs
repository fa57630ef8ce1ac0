//! `mail_ingest`: every message the desk received, and what it became and why.

use crate::email_types::IngestOutcome;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_ingest")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub mailbox_id: Option<i64>,
    /// `imap`, `smtp`, `lmtp`, `http` or `reprocess`.
    pub via: String,
    pub received_at: DateTimeUtc,
    pub message_id: Option<String>,
    pub from_address: Option<String>,
    pub subject: Option<String>,
    pub size: i64,
    /// The raw message in the file store; `None` when it was over the size limit.
    pub raw_sha256: Option<String>,
    pub outcome: IngestOutcome,
    pub automatic: bool,
    pub ticket_id: Option<i64>,
    pub reason: String,
    /// The entry that reprocessing this quarantined one made.
    pub reprocessed_as: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
