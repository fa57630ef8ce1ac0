//! Attachment rows: written beside their message, read for a ticket's timeline, and looked up
//! for a download with the same authorization as the message they belong to.

use super::{store::StoredFile, upload::AttachmentView};
use crate::{
    entities::{attachment, ticket_message},
    error::DomainError,
    policy::{Actor, TicketAction, can_on_ticket},
    ticket_access,
    ticket_types::Visibility,
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

/// Writes the rows of stored files on a message (inside the message's transaction).
pub async fn attach(
    db: &impl ConnectionTrait,
    ticket_id: i64,
    message_id: i64,
    uploader_id: Option<i64>,
    files: &[StoredFile],
    at: DateTime<Utc>,
) -> Result<(), DomainError> {
    for f in files {
        attachment::ActiveModel {
            ticket_id: Set(ticket_id),
            message_id: Set(message_id),
            uploader_id: Set(uploader_id),
            file_name: Set(f.file_name.clone()),
            content_type: Set(f.content_type.clone()),
            size: Set(f.size),
            sha256: Set(f.sha256.clone()),
            is_image: Set(f.is_image),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub fn view_of(a: attachment::Model) -> AttachmentView {
    AttachmentView {
        id: a.id,
        file_name: a.file_name,
        content_type: a.content_type,
        size: a.size,
        is_image: a.is_image,
    }
}

/// The attachments of these messages, by message id, in upload order.
pub async fn by_message(
    db: &impl ConnectionTrait,
    message_ids: Vec<i64>,
) -> Result<HashMap<i64, Vec<AttachmentView>>, DomainError> {
    let mut out: HashMap<i64, Vec<AttachmentView>> = HashMap::new();
    if message_ids.is_empty() {
        return Ok(out);
    }
    let rows = attachment::Entity::find()
        .filter(attachment::Column::MessageId.is_in(message_ids))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        out.entry(row.message_id).or_default().push(view_of(row));
    }
    Ok(out)
}

/// An attachment the actor may download: they may see its ticket, and its message is public or
/// they may read notes. Anything else is "not found".
pub async fn downloadable(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> Result<attachment::Model, DomainError> {
    let row = attachment::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound)?;
    let (_, facts) = ticket_access::visible_ticket(db, actor, row.ticket_id).await?;
    let message = ticket_message::Entity::find_by_id(row.message_id).one(db).await?.ok_or(DomainError::NotFound)?;
    let public = message.visibility == Visibility::Public;
    if !public && !can_on_ticket(actor, TicketAction::SeeNotes, &facts) {
        return Err(DomainError::NotFound);
    }
    Ok(row)
}
