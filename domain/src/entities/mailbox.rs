//! `mailboxes`: an address the desk receives mail at, how that mail comes in, and how replies go out.

use crate::email_types::Inbound;
use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mailboxes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// Lowercased.
    pub address: String,
    pub inbound: Inbound,
    pub imap_host: Option<String>,
    pub imap_port: Option<i32>,
    pub imap_tls: bool,
    pub imap_username: Option<String>,
    pub imap_password: Option<String>,
    pub imap_folder: String,
    pub imap_uid_validity: Option<i64>,
    pub imap_last_uid: i64,
    pub imap_checked_at: Option<DateTimeUtc>,
    pub imap_error: Option<String>,
    /// SHA-256 of the HTTP inbound secret.
    pub http_secret_hash: Option<String>,
    pub smtp_host: Option<String>,
    pub smtp_port: Option<i32>,
    /// `none`, `starttls` or `tls`.
    pub smtp_security: String,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub reject_unknown: bool,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// Written by hand so that passwords never reach a log line.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailbox").field("id", &self.id).field("address", &self.address).finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
