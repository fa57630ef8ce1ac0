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
pub async fn queue_tickets(
    queue: String,
    after: Option<String>,
    sort: Option<String>,
) -> Result<Page<TicketSummary>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let queue = Queue::parse(&queue).ok_or_else(|| fail(DomainError::field("queue", "Choose one of the queues")))?;
    match sort.as_deref().filter(|s| !s.is_empty()) {
        None | Some("updated") => queries::queue(&desk.db, &actor, queue, cursor(after)).await.map_err(fail),
        Some("due") => {
            let after = after.as_deref().filter(|a| !a.is_empty()).map(|text| {
                domain::tickets::due_order::DueCursor::decode(text)
                    .ok_or_else(|| fail(DomainError::field("cursor", "This page link is out of date")))
            });
            queries::queue_by_due(&desk.db, &actor, queue, after.transpose()?).await.map_err(fail)
        }
        Some(_) => Err(fail(DomainError::field("sort", "Sort queues by updated or due"))),
    }
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
        attachments: Vec::new(),
        ..Default::default()
    };
    open_ticket(&desk, &actor, input).await
}

/// Opens the ticket and sends the browser to it.
#[cfg(feature = "ssr")]
async fn open_ticket(
    desk: &domain::desk::Desk,
    actor: &domain::Actor,
    input: commands::NewTicket,
) -> Result<i64, AppError> {
    let created = commands::create_queued(&desk.writes, actor, input).await.map_err(fail)?;
    let area = if actor.role().is_some_and(Role::is_staff) { "agent" } else { "portal" };
    leptos_axum::redirect(&format!("/{area}/tickets/{}", created.id));
    Ok(created.id)
}

/// The new-ticket form with attachments (multipart): subject, body, category, priority,
/// requester for agents, and files named `attachments`.
#[server(prefix = "/fn", endpoint = "create_ticket_with_files", input = server_fn::codec::MultipartFormData)]
pub async fn create_ticket_with_files(data: server_fn::codec::MultipartData) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    // Nothing is read, let alone stored, for someone who may not open tickets.
    domain::authorize(&actor, domain::Action::CreateTicket).map_err(fail)?;
    let form = super::multipart::read(data, desk.files.max_bytes()).await?;
    let attachments = desk.files.store(form.files.clone()).await.map_err(fail)?;
    let input = commands::NewTicket {
        subject: form.text("subject"),
        body: form.text("body"),
        category_id: id_field("category_id", form.optional("category_id"))?.flatten(),
        priority_id: id_field("priority_id", form.optional("priority_id"))?.flatten(),
        requester_email: form.optional("requester_email").filter(|e| !e.trim().is_empty()),
        requester_name: form.optional("requester_name"),
        channel: None,
        attachments,
        fields: form.custom_fields(),
        ..Default::default()
    };
    open_ticket(&desk, &actor, input).await
}

/// A reply or note with attachments (multipart): `ticket_id`, `visibility`, `body`, files
/// named `attachments`.
#[server(prefix = "/fn", endpoint = "add_message_with_files", input = server_fn::codec::MultipartFormData)]
pub async fn add_message_with_files(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    if matches!(actor, domain::Actor::Anonymous) {
        return Err(fail(DomainError::Unauthenticated));
    }
    let form = super::multipart::read(data, desk.files.max_bytes()).await?;
    let ticket_id: i64 =
        form.text("ticket_id").trim().parse().map_err(|_| fail(DomainError::field("ticket_id", "Unknown ticket")))?;
    let visibility = parse_visibility(form.optional("visibility"))?;
    // A reply written with a macro does the macro's actions too (`macro_id`, from the reply box).
    let macro_id = match form.optional("macro_id").as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => Some(v.parse().map_err(|_| fail(DomainError::field("macro_id", "Unknown macro")))?),
    };
    // Staff may log the time they spent with the message (`time_spent`, typed or from the timer).
    let time = form
        .optional("time_spent")
        .filter(|t| !t.trim().is_empty())
        .map(|duration| domain::time_tracking::entries::EntryInput { duration, ..Default::default() });
    let files = desk.files.store(form.files.clone()).await.map_err(fail)?;
    let body = form.text("body");
    match macro_id {
        Some(_) => domain::macros::reply::send(&desk.db, &actor, ticket_id, visibility, &body, files, macro_id, time)
            .await
            .map(drop),
        None => {
            commands::add_message_with_time(&desk.db, &actor, ticket_id, visibility, &body, files, time).await.map(drop)
        }
    }
    .map_err(fail)?;
    // Without JavaScript the browser returns to the ticket, not to the macro's preview address.
    if macro_id.is_some() && crate::response::is_form_post() {
        leptos_axum::redirect(&format!("/agent/tickets/{ticket_id}"));
    }
    Ok(())
}

#[cfg(feature = "ssr")]
fn parse_visibility(value: Option<String>) -> Result<Visibility, AppError> {
    match value.as_deref() {
        None | Some("public") => Ok(Visibility::Public),
        Some("internal") => Ok(Visibility::Internal),
        Some(_) => Err(fail(DomainError::field("visibility", "Choose reply or note"))),
    }
}

#[server(prefix = "/fn", endpoint = "add_message")]
pub async fn add_message(ticket_id: i64, visibility: Option<String>, body: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let visibility = parse_visibility(visibility)?;
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
    due_on: Option<String>,
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
        due_on: due_on_field(due_on)?,
        override_children: super::form::checked(override_children.as_deref()),
    };
    commands::update(&desk.db, &actor, ticket_id, changes).await.map_err(fail)?;
    Ok(())
}

/// A due date from a form: absent leaves it, empty clears it, otherwise `YYYY-MM-DD`.
#[cfg(feature = "ssr")]
pub(crate) fn due_on_field(value: Option<String>) -> Result<Option<Option<chrono::NaiveDate>>, AppError> {
    value
        .map(|text| {
            domain::tickets::due_dates::parse(&text).map_err(|message| fail(DomainError::field("due_on", message)))
        })
        .transpose()
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
