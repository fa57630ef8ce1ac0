//! The parent/child rule inside the update command: find the parent's open children, ask the
//! pure rule, and audit an admin's override.

use super::{
    lifecycle, links,
    writing::{event, side},
};
use crate::{
    desk_config::Config,
    {audit, entities::ticket, error::DomainError, policy::Actor, ticket_types::StatusView},
};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;
use serde_json::json;

/// Refuses to solve or close `row` while it has open children, unless `admin_override` (already
/// authorized) is set; an override that mattered goes to the audit log and the history.
pub(super) async fn enforce(
    txn: &DatabaseTransaction,
    config: &Config,
    actor: &Actor,
    row: &ticket::Model,
    to: &StatusView,
    admin_override: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if to.category.is_active() {
        return Ok(());
    }
    let children = links::open_children(txn, config, row.id).await?;
    lifecycle::check_open_children(side(actor), to.category, &children, admin_override)?;
    if admin_override && !children.is_empty() {
        let detail = json!({
            "reference": config.reference(row.number),
            "status": to.name,
            "open_children": children,
        });
        audit::record(txn, actor, "ticket.override_open_children", ("ticket", Some(row.id)), detail).await?;
        event(txn, row.id, actor, now, "child_override", None, Some(children.join(", "))).await?;
    }
    Ok(())
}
