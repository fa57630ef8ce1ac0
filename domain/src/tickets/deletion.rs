//! Deleting a ticket for good (admins only): its messages, history, attachment rows, links,
//! followers, notifications and search document go with it in one transaction, and the deletion
//! is audited with the ticket's whole history, which so outlives it. Attachment bytes stay in the
//! content-addressed file store, where other messages may share them.

use super::writing::Changed;
use crate::{
    audit,
    desk_config::Config,
    entities::{
        access_token, attachment, notification, ticket, ticket_event, ticket_follower, ticket_link, ticket_message,
    },
    error::DomainError,
    live,
    policy::{Actor, TicketAction, can_on_ticket},
    reactions::{Happened, TicketEvent},
    search, ticket_access,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, ExprTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;

pub async fn delete(db: &DatabaseConnection, actor: &Actor, ticket_id: i64) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let (row, facts) = ticket_access::visible_ticket(&txn, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::Delete, &facts) {
        return Err(DomainError::Forbidden);
    }
    let reference = config.reference(row.number);
    // Children first, so the delete does not lean on the database's cascades being switched on.
    ticket_link::Entity::delete_many()
        .filter(ticket_link::Column::TicketId.eq(row.id).or(ticket_link::Column::OtherTicketId.eq(row.id)))
        .exec(&txn)
        .await?;
    access_token::Entity::delete_many().filter(access_token::Column::TicketId.eq(row.id)).exec(&txn).await?;
    ticket_follower::Entity::delete_many().filter(ticket_follower::Column::TicketId.eq(row.id)).exec(&txn).await?;
    notification::Entity::delete_many().filter(notification::Column::TicketId.eq(row.id)).exec(&txn).await?;
    attachment::Entity::delete_many().filter(attachment::Column::TicketId.eq(row.id)).exec(&txn).await?;
    // The history outlives the ticket in the audit entry of its deletion.
    let history = ticket_event::Entity::find()
        .filter(ticket_event::Column::TicketId.eq(row.id))
        .order_by_asc(ticket_event::Column::Id)
        .all(&txn)
        .await?;
    let messages =
        ticket_message::Entity::find().filter(ticket_message::Column::TicketId.eq(row.id)).count(&txn).await?;
    ticket_event::Entity::delete_many().filter(ticket_event::Column::TicketId.eq(row.id)).exec(&txn).await?;
    crate::custom_fields::values::delete_ticket(&txn, row.id).await?;
    crate::entities::time_entry::Entity::delete_many()
        .filter(crate::entities::time_entry::Column::TicketId.eq(row.id))
        .exec(&txn)
        .await?;
    ticket_message::Entity::delete_many().filter(ticket_message::Column::TicketId.eq(row.id)).exec(&txn).await?;
    crate::sla::apply::forget(&txn, row.id).await?;
    search::forget(&txn, row.id).await?;
    ticket::Entity::delete_by_id(row.id).exec(&txn).await?;
    let history: Vec<serde_json::Value> = history
        .into_iter()
        .map(
            |e| json!({ "at": e.at, "actor_id": e.actor_id, "field": e.field, "from": e.old_value, "to": e.new_value }),
        )
        .collect();
    let detail = json!({
        "reference": reference,
        "subject": row.subject.clone(),
        "requester_id": row.requester_id,
        "created_at": row.created_at,
        "messages": messages,
        "history": history,
    });
    audit::record(&txn, actor, "ticket.delete", ("ticket", Some(row.id)), detail).await?;
    let deleted = Happened::new(&row, facts, actor, crate::clock::now()).with(TicketEvent::Deleted);
    crate::reactions::emit(&txn, &deleted).await?;
    live::commit(txn).await?;
    Ok(Changed { id: row.id, reference })
}
