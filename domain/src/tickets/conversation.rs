//! The messages of one ticket as the caller may read them, oldest first: customers get the
//! public replies only, never internal notes or the files on them.

use super::deliveries;
use crate::{
    accounts::people::{people, person, role_of},
    attachments::records,
    entities::ticket_message,
    error::DomainError,
    policy::{Actor, TicketAction, can_on_ticket},
    ticket_access,
    ticket_types::{MessageView, Visibility},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

pub async fn messages(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: i64,
) -> Result<Vec<MessageView>, DomainError> {
    read(db, actor, ticket_id, None, None).await
}

/// One message as the actor may read it (a keyed request's reply, answered again).
pub async fn message(db: &impl ConnectionTrait, actor: &Actor, message_id: i64) -> Result<MessageView, DomainError> {
    let row = ticket_message::Entity::find_by_id(message_id).one(db).await?.ok_or(DomainError::NotFound)?;
    read(db, actor, row.ticket_id, None, Some(message_id)).await?.pop().ok_or(DomainError::NotFound)
}

/// Whether the actor may write a message of this visibility on the ticket: asked before the
/// files of a message are stored, so nobody fills the store for a ticket they cannot write on.
pub async fn may_write(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: i64,
    visibility: Visibility,
) -> Result<(), DomainError> {
    let (_, facts) = ticket_access::visible_ticket(db, actor, ticket_id).await?;
    let needed = match visibility {
        Visibility::Public => TicketAction::Reply,
        Visibility::Internal => TicketAction::Note,
    };
    if can_on_ticket(actor, needed, &facts) { Ok(()) } else { Err(DomainError::Forbidden) }
}

/// The newest message the actor wrote on the ticket: after a reply, the reply itself.
pub async fn last_written(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: i64,
) -> Result<Option<MessageView>, DomainError> {
    let author = actor.principal().map(|p| p.user_id);
    Ok(read(db, actor, ticket_id, Some(author), None).await?.pop())
}

async fn read(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: i64,
    author: Option<Option<i64>>,
    only: Option<i64>,
) -> Result<Vec<MessageView>, DomainError> {
    let (row, facts) = ticket_access::visible_ticket(db, actor, ticket_id).await?;
    let mut select = ticket_message::Entity::find().filter(ticket_message::Column::TicketId.eq(row.id));
    if let Some(id) = only {
        select = select.filter(ticket_message::Column::Id.eq(id));
    }
    if !can_on_ticket(actor, TicketAction::SeeNotes, &facts) {
        select = select.filter(ticket_message::Column::Visibility.eq(Visibility::Public));
    }
    if let Some(author) = author {
        select = select.filter(match author {
            Some(id) => ticket_message::Column::AuthorId.eq(id),
            None => ticket_message::Column::AuthorId.is_null(),
        });
    }
    let rows = select.order_by_asc(ticket_message::Column::Id).all(db).await?;
    let people = people(db, rows.iter().filter_map(|m| m.author_id).collect()).await?;
    let mut files = records::by_message(db, rows.iter().map(|m| m.id).collect()).await?;
    let mut deliveries = if can_on_ticket(actor, TicketAction::SeeNotes, &facts) {
        deliveries::deliveries(db, &rows.iter().map(|m| m.id).collect::<Vec<_>>()).await?
    } else {
        Default::default()
    };
    Ok(rows
        .into_iter()
        .map(|m| MessageView {
            id: m.id,
            author_name: m.author_id.map_or_else(|| "Docket".into(), |id| person(&people, id).name),
            author_role: role_of(&people, m.author_id),
            visibility: m.visibility,
            channel: m.channel,
            body_html: m.body_html,
            attachments: files.remove(&m.id).unwrap_or_default(),
            deliveries: deliveries.remove(&m.id).unwrap_or_default(),
            created_at: m.created_at,
            outside_sender: m.outside_sender,
        })
        .collect())
}
