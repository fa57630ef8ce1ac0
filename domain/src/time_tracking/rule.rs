//! The desk's rule "time required before solving": whether it is on, and whether a ticket has
//! any time logged. Ticket commands read it; it reads only its tables.

use crate::{
    entities::{setting, time_entry},
    error::DomainError,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub const SETTING: &str = "time_required_before_solving";

/// Whether agents must log time on a ticket before solving it.
pub async fn required(db: &impl ConnectionTrait) -> Result<bool, DomainError> {
    let row = setting::Entity::find_by_id(SETTING.to_owned()).one(db).await?;
    Ok(row.is_some_and(|r| r.value == "true"))
}

/// Whether any time was logged on a ticket.
pub async fn any_logged(db: &impl ConnectionTrait, ticket_id: i64) -> Result<bool, DomainError> {
    Ok(time_entry::Entity::find().filter(time_entry::Column::TicketId.eq(ticket_id)).count(db).await? > 0)
}
