//! Adding a message inside the caller's transaction: the row, its files, the status a public
//! reply moves the ticket to, history, and the events that reactions (followers, notifications,
//! the customer's mail, live events) answer. `commands::add_message` and mail ingest both come
//! through here.

use super::{
    lifecycle::{self, Side},
    writing::{Changed, author_kind, check_body, event, insert_message, message, side},
};
use crate::{
    attachments::{self, store::StoredFile},
    desk_config::Config,
    error::DomainError,
    policy::{Actor, TicketAction, can_on_ticket},
    reactions::{self, Happened, TicketEvent},
    search, ticket_access,
    ticket_types::{Channel, StatusCategory, Visibility},
};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, IntoActiveModel, Set};

/// A message to add to a ticket.
pub struct Post {
    pub visibility: Visibility,
    pub channel: Channel,
    pub body: String,
    /// Already sanitised HTML (mail); `None` renders `body` as Markdown.
    pub body_html: Option<String>,
    pub files: Vec<StoredFile>,
}

/// Adds a message inside the caller's transaction: the row, its files, the status it moves the
/// ticket to, history, live event, and the mail to the customer for an agent's public reply.
/// Returns the ticket and the new message's id.
pub async fn post_in(
    txn: &DatabaseTransaction,
    config: &Config,
    actor: &Actor,
    ticket_id: i64,
    post: Post,
) -> Result<(Changed, i64), DomainError> {
    let (row, facts) = ticket_access::visible_ticket(txn, actor, ticket_id).await?;
    let needed = match post.visibility {
        Visibility::Public => TicketAction::Reply,
        Visibility::Internal => TicketAction::Note,
    };
    if !can_on_ticket(actor, needed, &facts) {
        return Err(DomainError::Forbidden);
    }
    post_checked_in(txn, config, actor, row, facts, post).await
}

/// `post_in` for a writer the caller has already let in: someone copied on the ticket's mail
/// thread, whom the ticket's own rules do not name (`tickets::outside`).
pub(crate) async fn post_checked_in(
    txn: &DatabaseTransaction,
    config: &Config,
    actor: &Actor,
    row: crate::entities::ticket::Model,
    facts: crate::policy::TicketFacts,
    post: Post,
) -> Result<(Changed, i64), DomainError> {
    let Post { visibility, channel, body, body_html, files } = post;
    let body = check_body(&body).map_err(|m| DomainError::field("body", m))?;
    let now = crate::clock::now();
    let side = side(actor);
    let current = config.status(row.status_id)?;
    let mut changes = row.clone().into_active_model();
    let mut moved_to = None;
    if visibility == Visibility::Public {
        if let Some(next) = lifecycle::after_public_reply(side, current.category)? {
            let next_id = config.first_status(next)?;
            event(txn, row.id, actor, now, "status", Some(current.name.clone()), Some(config.status(next_id)?.name))
                .await?;
            changes.status_id = Set(next_id);
            changes.solved_at = Set(None);
            moved_to = Some(next);
        }
        if side == Side::Staff && row.first_response_at.is_none() {
            changes.first_response_at = Set(Some(now));
        }
    } else if current.category == StatusCategory::Closed {
        return Err(DomainError::InvalidTransition("This request is closed".into()));
    }
    let message_id = match body_html {
        None => message(txn, row.id, actor, visibility, channel, body.clone(), now).await?,
        Some(html) => {
            search::index_message(txn, row.id, visibility, &body).await?;
            insert_message(txn, row.id, actor, visibility, channel, body.clone(), html, now).await?
        }
    };
    let uploader = actor.principal().map(|p| p.user_id);
    crate::api_tokens::idempotency::made(crate::api_tokens::idempotency::Resource::Message(message_id));
    attachments::records::attach(txn, row.id, message_id, uploader, &files, now).await?;
    changes.updated_at = Set(now);
    let updated = changes.update(txn).await?;
    let mut happened = Happened::new(&updated, facts, actor, now);
    if let Some(to) = moved_to {
        happened = happened.with(TicketEvent::StatusChanged { from: current.category, to });
    }
    let added = TicketEvent::MessageAdded { message_id, visibility, author: author_kind(actor), channel };
    reactions::emit(txn, &happened.with(added)).await?;
    Ok((Changed { id: row.id, reference: config.reference(row.number) }, message_id))
}
