//! Server functions for tickets: lists and queues, one ticket, opening, replying, updating.
#![expect(clippy::too_many_arguments, reason = "a server function takes one argument per form field")]

use crate::error::AppError;
use domain::{
    ticket_types::{TicketOptions, TicketSummary, TicketView},
    views::Page,
};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{
        DomainError, Role,
        ticket_types::{Queue, Visibility},
        tickets::{commands, queries},
    },
};

/// One queue tab: its key for the address, its label, and how many tickets are in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QueueCount {
    pub key: String,
    pub label: String,
    pub count: u64,
}

/// A form's id field: absent leaves it alone, empty clears it, a number sets it.
#[cfg(feature = "ssr")]
fn id_field(field: &str, value: Option<String>) -> Result<Option<Option<i64>>, AppError> {
    match value.as_deref().map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(text) => text
            .parse::<i64>()
            .map(|id| Some(Some(id)))
            .map_err(|_| fail(DomainError::field(field, "Choose one of the options"))),
    }
}

#[cfg(feature = "ssr")]
fn cursor(after: Option<String>) -> Option<queries::Cursor> {
    after.as_deref().and_then(queries::Cursor::decode)
}

#[server(prefix = "/fn", endpoint = "load_ticket_options")]
pub async fn load_ticket_options() -> Result<TicketOptions, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::options(&desk.db, &actor).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "my_requests")]
pub async fn my_requests(after: Option<String>) -> Result<Page<TicketSummary>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::for_customer(&desk.db, &actor, cursor(after)).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "queue_tickets")]
pub async fn queue_tickets(queue: String, after: Option<String>) -> Result<Page<TicketSummary>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let queue = Queue::parse(&queue).ok_or_else(|| fail(DomainError::field("queue", "Choose one of the queues")))?;
    queries::queue(&desk.db, &actor, queue, cursor(after)).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "queue_counts")]
pub async fn queue_counts() -> Result<Vec<QueueCount>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let counts = queries::queue_counts(&desk.db, &actor).await.map_err(fail)?;
    Ok(counts
        .into_iter()
        .map(|(q, count)| QueueCount { key: q.as_str().to_owned(), label: q.label().to_owned(), count })
        .collect())
}

#[server(prefix = "/fn", endpoint = "get_ticket")]
pub async fn get_ticket(id: i64) -> Result<TicketView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::get(&desk.db, &actor, id).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "create_ticket")]
pub async fn create_ticket(
    subject: String,
    body: String,
    category_id: Option<String>,
    priority_id: Option<String>,
    requester_email: Option<String>,
    requester_name: Option<String>,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = commands::NewTicket {
        subject,
        body,
        category_id: id_field("category_id", category_id)?.flatten(),
        priority_id: id_field("priority_id", priority_id)?.flatten(),
        requester_email: requester_email.filter(|e| !e.trim().is_empty()),
        requester_name,
        channel: None,
    };
    let created = commands::create(&desk.db, &actor, input).await.map_err(fail)?;
    let area = if actor.role().is_some_and(Role::is_staff) { "agent" } else { "portal" };
    leptos_axum::redirect(&format!("/{area}/tickets/{}", created.id));
    Ok(created.id)
}

#[server(prefix = "/fn", endpoint = "add_message")]
pub async fn add_message(ticket_id: i64, visibility: Option<String>, body: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let visibility = match visibility.as_deref() {
        None | Some("public") => Visibility::Public,
        Some("internal") => Visibility::Internal,
        Some(_) => return Err(fail(DomainError::field("visibility", "Choose reply or note"))),
    };
    commands::add_message(&desk.db, &actor, ticket_id, visibility, &body).await.map_err(fail)?;
    Ok(())
}

#[server(prefix = "/fn", endpoint = "update_ticket")]
pub async fn update_ticket(
    ticket_id: i64,
    status_id: Option<String>,
    priority_id: Option<String>,
    category_id: Option<String>,
    team_id: Option<String>,
    assignee_id: Option<String>,
    tags: Option<String>,
    override_children: Option<String>,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let changes = commands::TicketChanges {
        status_id: id_field("status_id", status_id)?.flatten(),
        priority_id: id_field("priority_id", priority_id)?.flatten(),
        category_id: id_field("category_id", category_id)?,
        team_id: id_field("team_id", team_id)?,
        assignee_id: id_field("assignee_id", assignee_id)?,
        tags,
        override_children: super::form::checked(override_children.as_deref()),
    };
    commands::update(&desk.db, &actor, ticket_id, changes).await.map_err(fail)?;
    Ok(())
}

#[server(prefix = "/fn", endpoint = "assign_to_me")]
pub async fn assign_to_me(ticket_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let me = actor.principal().map(|p| p.user_id).ok_or_else(|| fail(DomainError::Unauthenticated))?;
    let changes = commands::TicketChanges { assignee_id: Some(Some(me)), ..Default::default() };
    commands::update(&desk.db, &actor, ticket_id, changes).await.map_err(fail)?;
    Ok(())
}

/// Marks a request solved (customers and agents).
#[server(prefix = "/fn", endpoint = "solve_ticket")]
pub async fn solve_ticket(ticket_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::move_to(&desk.db, &actor, ticket_id, domain::ticket_types::StatusCategory::Solved).await.map_err(fail)?;
    Ok(())
}

/// Reopens a solved request.
#[server(prefix = "/fn", endpoint = "reopen_ticket")]
pub async fn reopen_ticket(ticket_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::move_to(&desk.db, &actor, ticket_id, domain::ticket_types::StatusCategory::Open).await.map_err(fail)?;
    Ok(())
}
