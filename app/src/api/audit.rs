//! Server function for the audit log page: one page of entries, filtered (admins).

use crate::error::AppError;
use domain::audit_types::AuditPage;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::audit_types::AuditFilterInput,
};

/// Entries newest first; every filter as typed (checked here, field errors back).
#[server(prefix = "/fn", endpoint = "list_audit_log")]
pub async fn list_audit_log(
    actor: Option<String>,
    action: Option<String>,
    target_kind: Option<String>,
    target_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<String>,
) -> Result<AuditPage, AppError> {
    let desk = ssr::desk()?;
    let who = ssr::actor().await?;
    let input = AuditFilterInput { actor, action, target_kind, target_id, from, to, before };
    let filter = input.parse().map_err(fail)?;
    domain::audit::query::list(&desk.db, &who, &filter).await.map_err(fail)
}
