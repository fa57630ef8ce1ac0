//! Turning ticket rows into summaries for lists, queues and the board, with one query for the
//! people they name.

use crate::{
    accounts::people::{people, person},
    entities::{ticket, user},
    error::DomainError,
    ticket_types::TicketSummary,
};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

// Crate-visible, not only imported: `bench_seed/` names the configuration by this path.
pub(crate) use crate::desk_config::Config;

/// Summaries of ticket rows, with one query for all the people they name.
pub async fn summaries(
    db: &impl ConnectionTrait,
    config: &Config,
    rows: Vec<ticket::Model>,
) -> Result<Vec<TicketSummary>, DomainError> {
    let ids = rows.iter().flat_map(|t| [Some(t.requester_id), t.assignee_id]).flatten().collect();
    let people = people(db, ids).await?;
    rows.into_iter().map(|t| summary_of(config, &people, t)).collect()
}

/// The summary of one row, with its people already loaded.
pub fn summary_of(
    config: &Config,
    people: &HashMap<i64, user::Model>,
    t: ticket::Model,
) -> Result<TicketSummary, DomainError> {
    Ok(TicketSummary {
        id: t.id,
        reference: config.reference(t.number),
        subject: t.subject,
        status: config.status(t.status_id)?,
        priority: config.priority(t.priority_id),
        requester: person(people, t.requester_id),
        assignee: t.assignee_id.map(|id| person(people, id)),
        team: config.team(t.team_id),
        updated_at: t.updated_at,
        overdue: t.sla_due_at.is_some_and(|at| at <= crate::clock::now()),
        due_at: t.sla_due_at,
        listed: Vec::new(),
    })
}
