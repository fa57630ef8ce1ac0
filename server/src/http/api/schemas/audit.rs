//! Wire types of the audit log.

use chrono::{DateTime, Utc};
use domain::audit_types::{AuditEntry, AuditPage};
use serde::Serialize;
use utoipa::ToSchema;

/// One audit entry: who changed what, when, and the entry's place and hash in the chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryDto {
    /// The entry's place in the hash chain, from 1.
    #[schema(example = 42, minimum = 1)]
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// `null` for changes the system made (or a person since deleted).
    pub actor_id: Option<i64>,
    #[schema(example = "admin@example.com")]
    pub actor_email: Option<String>,
    #[schema(example = "Ada Admin")]
    pub actor_name: Option<String>,
    #[schema(example = "ticket.delete", pattern = "^[a-z0-9_.]{1,64}$")]
    pub action: String,
    #[schema(example = "ticket", pattern = "^[a-z0-9_.]{1,32}$")]
    pub target_kind: String,
    pub target_id: Option<i64>,
    /// The details of the change, as recorded.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    /// SHA-256 (hex) over the previous entry's hash and this entry.
    #[schema(example = "9f2c1e7ab04d58e3c6f1a2b7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b", pattern = "^[0-9a-f]{64}$")]
    pub hash: String,
}

impl From<AuditEntry> for AuditEntryDto {
    fn from(e: AuditEntry) -> Self {
        AuditEntryDto {
            seq: e.seq,
            at: e.at,
            actor_id: e.actor_id,
            actor_email: e.actor_email,
            actor_name: e.actor_name,
            action: e.action,
            target_kind: e.target_kind,
            target_id: e.target_id,
            detail: serde_json::from_str(&e.detail).unwrap_or(serde_json::Value::String(e.detail)),
            hash: e.hash,
        }
    }
}

/// A page of entries, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryPage {
    pub items: Vec<AuditEntryDto>,
    /// Pass as `before` for the next, older page; `null` on the last page.
    pub next_before: Option<i64>,
}

impl From<AuditPage> for AuditEntryPage {
    fn from(page: AuditPage) -> Self {
        AuditEntryPage { items: page.entries.into_iter().map(Into::into).collect(), next_before: page.next_before }
    }
}
