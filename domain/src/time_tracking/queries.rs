//! Reading time: a ticket's entries and total for its page (staff), and the time report over a
//! period by agent, team, organization or category, with its CSV.

use super::types::{TicketTimeView, TimeEntryView};
use crate::{
    accounts::people::{people, person},
    entities::{ticket, time_entry},
    error::DomainError,
    policy::{Action, Actor, can},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// A ticket's time for staff (the caller has already been shown the ticket).
pub async fn view_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    row: &ticket::Model,
) -> Result<TicketTimeView, DomainError> {
    let entries = time_entry::Entity::find()
        .filter(time_entry::Column::TicketId.eq(row.id))
        .order_by_desc(time_entry::Column::WorkedOn)
        .order_by_desc(time_entry::Column::Id)
        .all(db)
        .await?;
    let required_to_solve = super::rule::required(db).await?;
    if entries.is_empty() {
        return Ok(TicketTimeView { required_to_solve, ..TicketTimeView::default() });
    }
    let names = people(db, entries.iter().map(|e| e.agent_id).collect()).await?;
    let me = actor.principal().map(|p| p.user_id);
    let admin = can(actor, Action::ConfigureDesk);
    let total_minutes = entries.iter().map(|e| i64::from(e.minutes)).sum();
    let entries = entries
        .into_iter()
        .map(|e| TimeEntryView {
            id: e.id,
            agent_name: person(&names, e.agent_id).name,
            minutes: i64::from(e.minutes),
            note: e.note,
            worked_on: e.worked_on,
            created_at: e.created_at,
            message_id: e.message_id,
            editable: admin || Some(e.agent_id) == me,
        })
        .collect();
    Ok(TicketTimeView { entries, total_minutes, required_to_solve })
}
