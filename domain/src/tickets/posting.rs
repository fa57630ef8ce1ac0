//! Adding a message inside the caller's transaction: the row, its files, the status a public
//! reply moves the ticket to, history, the live event, and the customer's mail for an agent's
//! public reply. `commands::add_message` and mail ingest both come through here.

use super::{
    commands::{Changed, check_body, event, insert_message, message, side},
    lifecycle::{self, Side},
    lookup::{self, Config},
};
use crate::{
    attachments::{self, store::StoredFile},
    email::notify::Notice,
    error::DomainError,
    live::{self, wire::LiveKind},
    policy::{Actor, TicketAction, can_on_ticket},
    search,
    ticket_types::{Channel, StatusCategory, Visibility},
};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, Set};

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
    let Post { visibility, channel, body, body_html, files } = post;
    let body = check_body(&body).map_err(|m| DomainError::field("body", m))?;
    let (row, facts) = lookup::visible_ticket(txn, actor, ticket_id).await?;
    let needed = match visibility {
        Visibility::Public => TicketAction::Reply,
        Visibility::Internal => TicketAction::Note,
    };
    if !can_on_ticket(actor, needed, &facts) {
        return Err(DomainError::Forbidden);
    }
    let now = Utc::now();
    let side = side(actor);
    let current = config.status(row.status_id)?;
    let mut changes = row.clone().into_active_model();
    if visibility == Visibility::Public {
        if let Some(next) = lifecycle::after_public_reply(side, current.category)? {
            let next_id = config.first_status(next)?;
            event(txn, row.id, actor, now, "status", Some(current.name.clone()), Some(config.status(next_id)?.name))
                .await?;
            changes.status_id = Set(next_id);
            changes.solved_at = Set(None);
        }
        if side == Side::Staff && row.first_response_at.is_none() {
            changes.first_response_at = Set(Some(now));
        }
    } else if current.category == StatusCategory::Closed {
        return Err(DomainError::InvalidTransition("This request is closed".into()));
    }
    super::watchers::after_message(txn, actor, &row, visibility, &body, now).await?;
    let message_id = match body_html {
        None => message(txn, row.id, actor, visibility, channel, body.clone(), now).await?,
        Some(html) => {
            search::index_message(txn, row.id, visibility, &body).await?;
            insert_message(txn, row.id, actor, visibility, channel, body.clone(), html, now).await?
        }
    };
    let uploader = actor.principal().map(|p| p.user_id);
    attachments::records::attach(txn, row.id, message_id, uploader, &files, now).await?;
    changes.updated_at = Set(now);
    changes.update(txn).await?;
    if visibility == Visibility::Public
        && side == Side::Staff
        && let Some(agent) = actor.principal()
    {
        let name = crate::entities::user::Entity::find_by_id(agent.user_id).one(txn).await?.map(|u| u.name);
        let notice = Notice::AgentReply { message_id, body: &body, agent_name: name.as_deref().unwrap_or_default() };
        crate::email::notify::notify(txn, &row, notice, now).await?;
    }
    let kind = match visibility {
        Visibility::Public => LiveKind::Message,
        Visibility::Internal => LiveKind::Note,
    };
    live::record(txn, row.id, &facts, kind, actor).await?;
    Ok((Changed { id: row.id, reference: config.reference(row.number) }, message_id))
}
