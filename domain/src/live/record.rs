//! Writing live events: one row per change, in the change's own transaction (so a rolled-back
//! change is never announced), and a wake-up for the tailers once it has committed.

use super::wire::LiveKind;
use crate::{
    entities::{live_event, ticket},
    error::DomainError,
    policy::{Actor, TicketFacts},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseBackend, DatabaseTransaction, DbErr};
use tokio::sync::watch;

/// The PostgreSQL channel every process listens on; a notification sent inside a transaction is
/// delivered when it commits, and identical ones are sent once.
pub const CHANNEL: &str = "docket_live";

pub(crate) fn committed() -> watch::Receiver<u64> {
    crate::db::committed()
}

/// Appends the event of `kind` on `ticket`, whose audience is `facts`.
pub async fn record(
    txn: &DatabaseTransaction,
    ticket: &ticket::Model,
    facts: &TicketFacts,
    kind: LiveKind,
    actor: &Actor,
) -> Result<(), DomainError> {
    live_event::ActiveModel {
        ticket_id: Set(ticket.id),
        team_id: Set(ticket.team_id),
        assignee_id: Set(ticket.assignee_id),
        kind: Set(kind.as_str().to_owned()),
        staff_only: Set(kind.staff_only()),
        requester_id: Set(facts.requester_id),
        organization_id: Set(facts.organization_id),
        organization_shares: Set(facts.organization_shares),
        actor_id: Set(actor.principal().map(|p| p.user_id)),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_notify('{CHANNEL}', '')")).await?;
    }
    Ok(())
}

/// Commits `txn`, which wakes this process's tailers.
pub async fn commit(txn: crate::db::WriteTxn) -> Result<(), DbErr> {
    txn.commit().await
}
