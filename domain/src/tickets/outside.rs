//! Mail from outside the ticket: someone not on a ticket (not its requester, a member of its
//! organization when that organization shares tickets, a follower, or an agent with their own
//! reply address) who wrote into its thread, by its Message-ID or by a reply address signed for
//! someone else (a forwarded notification). Their mail is held as an internal note marked with
//! their address; an agent makes it public (it then reads as a message of the sender's) or turns
//! it into a ticket of its own, with the sender as its requester.

use super::{
    creation,
    posting::Post,
    writing::{Changed, NewTicket, SUBJECT_MAX_CHARS, event},
};
use crate::{
    accounts::queries::principal_of,
    attachments::{self, store::StoredFile},
    desk_config::Config,
    entities::{attachment, ticket, ticket_message, user},
    error::DomainError,
    live::{self, wire::LiveKind},
    policy::{Actor, TicketAction, can_on_ticket},
    reactions::{self, AuthorKind, Happened, TicketEvent},
    search, ticket_access,
    ticket_types::{Channel, StatusCategory, Visibility},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter,
    Set,
};

/// Whether `sender` is on the ticket: its requester, a follower, or a member of its organization
/// when that organization shares its tickets. Anyone else writing into its thread is outside.
pub async fn is_on_ticket(
    db: &impl sea_orm::ConnectionTrait,
    ticket: &ticket::Model,
    sender: &user::Model,
) -> Result<bool, DomainError> {
    if ticket.requester_id == sender.id {
        return Ok(true);
    }
    let follows = crate::entities::ticket_follower::Entity::find_by_id((ticket.id, sender.id)).one(db).await?;
    if follows.is_some() {
        return Ok(true);
    }
    let (_, facts) = ticket_access::visible_ticket(db, &Actor::System, ticket.id).await?;
    Ok(facts.organization_shares && facts.organization_id.is_some() && facts.organization_id == sender.organization_id)
}

/// Posts the mail of a customer on the ticket's mail thread (`is_on_ticket`, or copied on it:
/// `email::copied`) as the requester's own would be, though the ticket's rules may not name them.
pub async fn post_copied_in(
    txn: &DatabaseTransaction,
    config: &Config,
    sender: &Actor,
    ticket_id: i64,
    post: Post,
) -> Result<(Changed, i64), DomainError> {
    let (row, facts) = ticket_access::visible_ticket(txn, &Actor::System, ticket_id).await?;
    super::posting::post_checked_in(txn, config, sender, row, facts, post).await
}

/// Holds the mail of `sender` on the ticket as an internal note marked with their address, in the
/// caller's transaction. A closed ticket takes no more notes.
pub async fn hold_in(
    txn: &DatabaseTransaction,
    config: &Config,
    ticket_id: i64,
    sender: &user::Model,
    post: Post,
) -> Result<(Changed, i64), DomainError> {
    let (row, facts) = ticket_access::visible_ticket(txn, &Actor::System, ticket_id).await?;
    if config.status(row.status_id)?.category == StatusCategory::Closed {
        return Err(DomainError::InvalidTransition("This request is closed".into()));
    }
    let now = crate::clock::now();
    let body = post.body.trim().to_owned();
    search::index_message(txn, row.id, Visibility::Internal, &body).await?;
    let body_html = post.body_html.unwrap_or_else(|| super::markdown::render(&body));
    let message = ticket_message::ActiveModel {
        ticket_id: Set(row.id),
        author_id: Set(Some(sender.id)),
        author_kind: Set(AuthorKind::Customer),
        visibility: Set(Visibility::Internal),
        channel: Set(post.channel),
        body: Set(body),
        body_html: Set(body_html),
        created_at: Set(now),
        outside_sender: Set(Some(sender.email.clone())),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    attachments::records::attach(txn, row.id, message.id, Some(sender.id), &post.files, now).await?;
    let mut changes = row.clone().into_active_model();
    changes.updated_at = Set(now);
    let updated = changes.update(txn).await?;
    let added = TicketEvent::MessageAdded {
        message_id: message.id,
        visibility: Visibility::Internal,
        author: AuthorKind::Customer,
        channel: post.channel,
    };
    reactions::emit(txn, &Happened::new(&updated, facts, &Actor::System, now).with(added)).await?;
    Ok((Changed { id: row.id, reference: config.reference(row.number) }, message.id))
}

/// The held note `message_id` of ticket `ticket_id`, for an agent who may act on it.
async fn held(
    txn: &DatabaseTransaction,
    actor: &Actor,
    ticket_id: i64,
    message_id: i64,
) -> Result<(ticket::Model, crate::policy::TicketFacts, ticket_message::Model), DomainError> {
    let (row, facts) = ticket_access::visible_ticket(txn, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::SeeNotes, &facts) {
        return Err(DomainError::NotFound);
    }
    if !can_on_ticket(actor, TicketAction::Edit, &facts) {
        return Err(DomainError::Forbidden);
    }
    let message = ticket_message::Entity::find_by_id(message_id)
        .filter(ticket_message::Column::TicketId.eq(ticket_id))
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if message.outside_sender.is_none() {
        return Err(DomainError::InvalidTransition("This note holds no mail from an outside sender".into()));
    }
    Ok((row, facts, message))
}

/// Makes a held note public: everyone on the ticket then reads it as the sender's message.
pub async fn make_public(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    message_id: i64,
) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let (row, facts, message) = held(&txn, actor, ticket_id, message_id).await?;
    let sender = message.outside_sender.clone().unwrap_or_default();
    let mut changed = message.into_active_model();
    changed.visibility = Set(Visibility::Public);
    changed.outside_sender = Set(None);
    changed.update(&*txn).await?;
    search::reindex(&*txn, row.id).await?;
    let now = crate::clock::now();
    event(&txn, row.id, actor, now, "outside mail", Some(sender), Some("made public".into())).await?;
    let mut touched = row.clone().into_active_model();
    touched.updated_at = Set(now);
    let updated = touched.update(&*txn).await?;
    live::record(&txn, &updated, &facts, LiveKind::Message, actor).await?;
    live::commit(txn).await?;
    Ok(Changed { id: row.id, reference: config.reference(row.number) })
}

/// Turns a held note into a ticket of its own, with the sender as requester and the note's text
/// and files as its description. The note stays on the first ticket as an ordinary internal
/// note, and both tickets' histories say where it went.
pub async fn split_off(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    message_id: i64,
) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let (row, facts, message) = held(&txn, actor, ticket_id, message_id).await?;
    let sender = message.outside_sender.clone().unwrap_or_default();
    let requester = match message.author_id {
        Some(id) => user::Entity::find_by_id(id).one(&*txn).await?,
        None => None,
    }
    .ok_or(DomainError::InvalidTransition("The sender's account is gone".into()))?;
    let files: Vec<StoredFile> = attachment::Entity::find()
        .filter(attachment::Column::MessageId.eq(message.id))
        .all(&*txn)
        .await?
        .into_iter()
        .map(|a| StoredFile {
            file_name: a.file_name,
            content_type: a.content_type,
            size: a.size,
            sha256: a.sha256,
            is_image: a.is_image,
        })
        .collect();
    let subject: String = format!("{} (from {sender})", row.subject).chars().take(SUBJECT_MAX_CHARS).collect();
    let input = NewTicket {
        subject,
        body: message.body.clone(),
        body_html: Some(message.body_html.clone()),
        channel: Some(Channel::Email),
        attachments: files,
        quiet: true,
        ..Default::default()
    };
    let as_sender = Actor::User(principal_of(&requester));
    let opened = creation::create_in(&txn, &as_sender, input).await?;
    let mut note = message.into_active_model();
    note.outside_sender = Set(None);
    note.update(&*txn).await?;
    let now = crate::clock::now();
    let new_reference = opened.changed.reference.clone();
    event(&txn, row.id, actor, now, "outside mail", Some(sender), Some(format!("became {new_reference}"))).await?;
    event(&txn, opened.changed.id, actor, now, "split from", None, Some(config.reference(row.number))).await?;
    live::record(&txn, &row, &facts, LiveKind::Note, actor).await?;
    live::commit(txn).await?;
    Ok(opened.changed)
}
