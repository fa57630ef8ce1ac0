//! The emailed copies of ticket messages and how their sending went, read from the outbox for the
//! conversation staff see.

use crate::{email_types::Delivery, entities::outbox, error::DomainError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The emailed copies of these messages, by message id.
pub async fn deliveries(
    db: &impl ConnectionTrait,
    message_ids: &[i64],
) -> Result<HashMap<i64, Vec<Delivery>>, DomainError> {
    let mut out: HashMap<i64, Vec<Delivery>> = HashMap::new();
    if message_ids.is_empty() {
        return Ok(out);
    }
    let rows = outbox::Entity::find()
        .filter(outbox::Column::TicketMessageId.is_in(message_ids.iter().copied()))
        .order_by_asc(outbox::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        let Some(message_id) = row.ticket_message_id else { continue };
        out.entry(message_id).or_default().push(Delivery {
            event: row.event,
            recipient: row.recipient,
            state: row.state,
            attempts: row.attempts,
            last_error: row.last_error,
        });
    }
    Ok(out)
}
