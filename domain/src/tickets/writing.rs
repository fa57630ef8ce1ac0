//! What every ticket command writes and checks alike: the history row, the message row, the
//! actor's side and author kind, the subject and body rules, and the types commands take and
//! return. Commands import this; it imports no command.

use super::{lifecycle::Side, markdown};
use crate::{
    attachments::store::StoredFile,
    entities::{ticket_event, ticket_message},
    error::DomainError,
    policy::Actor,
    reactions::AuthorKind,
    role::Role,
    search,
    ticket_types::{Channel, Visibility},
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, Set};

pub const SUBJECT_MAX_CHARS: usize = 200;

/// A new request. Customers open tickets for themselves; agents name the requester (a phone
/// call, say), who becomes a customer if they are new.
#[derive(Debug, Clone, Default)]
pub struct NewTicket {
    pub subject: String,
    pub body: String,
    pub category_id: Option<i64>,
    pub priority_id: Option<i64>,
    pub requester_email: Option<String>,
    pub requester_name: Option<String>,
    pub channel: Option<Channel>,
    /// Files already in the file store, attached to the description.
    pub attachments: Vec<StoredFile>,
    /// Already sanitised HTML of the description (mail); `None` renders `body` as Markdown.
    pub body_html: Option<String>,
    /// Send no acknowledgment mail (automatic mail, or the sender's cap is reached).
    pub quiet: bool,
    pub team_id: Option<i64>,
    /// The mailbox a mail came through (name and address), for routing rules.
    pub mailbox: Option<(String, String)>,
    /// Custom-field values as sent, by field id: a customer's category form, or any active
    /// field for staff.
    pub fields: crate::custom_fields::input::FieldInputs,
}

/// The ticket that a command created or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub id: i64,
    pub reference: String,
}

pub(crate) fn side(actor: &Actor) -> Side {
    if actor.role().is_some_and(Role::is_staff) || matches!(actor, Actor::System) {
        Side::Staff
    } else {
        Side::Customer
    }
}

pub(crate) fn check_subject(subject: &str) -> Result<String, &'static str> {
    let subject = subject.trim();
    if subject.is_empty() {
        Err("Enter a subject")
    } else if subject.chars().count() > SUBJECT_MAX_CHARS {
        Err("Use at most 200 characters")
    } else if subject.chars().any(char::is_control) {
        Err("Remove control characters")
    } else {
        Ok(subject.to_owned())
    }
}

pub(crate) fn check_body(body: &str) -> Result<String, &'static str> {
    let body = body.trim_end();
    if body.trim().is_empty() {
        Err("Write a message")
    } else if body.chars().count() > markdown::BODY_MAX_CHARS {
        Err("Use at most 100,000 characters")
    } else {
        Ok(body.to_owned())
    }
}

pub(crate) async fn event(
    txn: &DatabaseTransaction,
    ticket_id: i64,
    actor: &Actor,
    at: DateTime<Utc>,
    field: &str,
    old: Option<String>,
    new: Option<String>,
) -> Result<(), DomainError> {
    ticket_event::ActiveModel {
        ticket_id: Set(ticket_id),
        actor_id: Set(actor.principal().map(|p| p.user_id)),
        at: Set(at),
        field: Set(field.to_owned()),
        old_value: Set(old),
        new_value: Set(new),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// One line of a ticket's history, for `events`.
pub(crate) struct HistoryLine {
    pub actor_id: Option<i64>,
    pub field: &'static str,
    pub new: Option<String>,
}

impl HistoryLine {
    pub fn new(actor: &Actor, field: &'static str, new: String) -> HistoryLine {
        HistoryLine { actor_id: actor.principal().map(|p| p.user_id), field, new: Some(new) }
    }
}

/// Writes several history lines of one moment in one statement (a new ticket's: created, how it
/// was routed, whom it was assigned to and why).
pub(crate) async fn events(
    txn: &DatabaseTransaction,
    ticket_id: i64,
    at: DateTime<Utc>,
    lines: Vec<HistoryLine>,
) -> Result<(), DomainError> {
    if lines.is_empty() {
        return Ok(());
    }
    let rows = lines.into_iter().map(|line| ticket_event::ActiveModel {
        ticket_id: Set(ticket_id),
        actor_id: Set(line.actor_id),
        at: Set(at),
        field: Set(line.field.to_owned()),
        old_value: Set(None),
        new_value: Set(line.new),
        ..Default::default()
    });
    ticket_event::Entity::insert_many(rows).exec_without_returning(txn).await?;
    Ok(())
}

/// Who a message of `actor`'s is written by.
pub(crate) fn author_kind(actor: &Actor) -> AuthorKind {
    match side(actor) {
        _ if matches!(actor, Actor::System) => AuthorKind::System,
        Side::Staff => AuthorKind::Agent,
        Side::Customer => AuthorKind::Customer,
    }
}

pub(crate) async fn message(
    txn: &DatabaseTransaction,
    ticket_id: i64,
    actor: &Actor,
    visibility: Visibility,
    channel: Channel,
    body: String,
    at: DateTime<Utc>,
) -> Result<i64, DomainError> {
    search::index_message(txn, ticket_id, visibility, &body).await?;
    let html = markdown::render(&body);
    insert_message(txn, ticket_id, actor, visibility, channel, body, html, at).await
}

/// Writes a message row whose HTML is already rendered (the caller indexes it).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_message(
    txn: &DatabaseTransaction,
    ticket_id: i64,
    actor: &Actor,
    visibility: Visibility,
    channel: Channel,
    body: String,
    body_html: String,
    at: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let row = ticket_message::ActiveModel {
        ticket_id: Set(ticket_id),
        author_id: Set(actor.principal().map(|p| p.user_id)),
        author_kind: Set(author_kind(actor)),
        visibility: Set(visibility),
        channel: Set(channel),
        body_html: Set(body_html),
        body: Set(body),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(row.id)
}
