//! Server functions of self-service on the portal's new-request form: answers while the customer
//! types (articles, and their open tickets that look like the same problem), "This answered my
//! question" (no ticket, counted), and "add this to that ticket instead".

use crate::error::AppError;
use domain::similar::types::Suggestions;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{
        kb::{
            feedback,
            search::{ArticleQuery, Combine, top},
        },
        similar,
        ticket_types::Visibility,
        tickets::commands,
    },
};

/// Articles shown beside the form at most.
pub const ARTICLES_SHOWN: u64 = 4;
/// Text read from the form for suggestions at most (characters): the start says what it is about.
pub const TYPED_CHARS: usize = 4_000;

/// Answers for a request being typed: matching articles the customer may read, and their open
/// tickets (and their organization's shared ones) that look like the same problem.
#[server(prefix = "/fn", endpoint = "suggest_answers")]
pub async fn suggest_answers(subject: String, body: String) -> Result<Suggestions, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::UsePortal).map_err(fail)?;
    let subject: String = subject.chars().take(200).collect();
    let body: String = body.chars().take(TYPED_CHARS).collect();
    let query = ArticleQuery::from_typing(&format!("{subject} {subject} {body}"));
    let articles = top(&desk.db, &actor, &query, Combine::Any, ARTICLES_SHOWN, None).await.map_err(fail)?;
    let tickets = similar::tickets::for_new_request(&desk.db, &actor, &subject, &body).await.map_err(fail)?;
    Ok(Suggestions { articles: articles.hits, tickets, read_at: Some(chrono::Utc::now()) })
}

/// "This answered my question": counts the article, opens no ticket, and goes back to the
/// portal with a word of thanks.
#[server(prefix = "/fn", endpoint = "deflect_request")]
pub async fn deflect_request(article_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::UsePortal).map_err(fail)?;
    desk.feedback_throttle.spend(ssr::client_ip()).map_err(fail)?;
    feedback::deflect(&desk.db, &actor, article_id).await.map_err(fail)?;
    leptos_axum::redirect("/portal?answered=1");
    Ok(())
}

/// "Add this to that ticket instead": posts what was typed as a reply on the customer's open
/// ticket and opens it.
#[server(prefix = "/fn", endpoint = "add_to_ticket")]
pub async fn add_to_ticket(ticket_id: i64, subject: Option<String>, body: String) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::UsePortal).map_err(fail)?;
    let subject = subject.unwrap_or_default();
    let (subject, body) = (subject.trim(), body.trim());
    if body.is_empty() {
        return Err(fail(domain::DomainError::field("body", "Describe what you need")));
    }
    let text = if subject.is_empty() { body.to_owned() } else { format!("**{subject}**\n\n{body}") };
    commands::add_message(&desk.db, &actor, ticket_id, Visibility::Public, &text).await.map_err(fail)?;
    leptos_axum::redirect(&format!("/portal/tickets/{ticket_id}?added=1"));
    Ok(ticket_id)
}
