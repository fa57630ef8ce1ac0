//! The custom fields admins show in lists: their values added to a page of staff lists (queues,
//! search, views, board cards) in one query for the page.

use super::{catalog::Fields, values};
use crate::{
    error::DomainError,
    ticket_types::{ListedField, TicketSummary},
};
use sea_orm::ConnectionTrait;

/// Sets `listed` on each summary (nothing when no field is shown in lists).
pub async fn fill(db: &impl ConnectionTrait, items: &mut [TicketSummary]) -> Result<(), DomainError> {
    if items.is_empty() {
        return Ok(());
    }
    let fields = Fields::load(db).await?;
    let listed = fields.listed();
    if listed.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = items.iter().map(|t| t.id).collect();
    let only: Vec<i64> = listed.iter().map(|f| f.id).collect();
    let values = values::of_tickets(db, &fields, &ids, Some(&only)).await?;
    for item in items {
        let of = values.get(&item.id);
        item.listed = listed
            .iter()
            .map(|f| ListedField { name: f.name.clone(), value: of.and_then(|v| v.get(&f.id)).map(|v| v.display()) })
            .collect();
    }
    Ok(())
}
