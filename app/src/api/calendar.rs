//! Server functions for the calendar: one page of due dates and SLA deadlines, and the agent's
//! private ICS feed (make one, see whether one is live, stop it). A due date moves through
//! `update_ticket`, like any other change of a ticket. The feed's address is shown once; with
//! JavaScript off it waits in the server-side session for the redirected page, as new API
//! tokens do (a URL would leak it to history and logs).

use crate::error::AppError;
use domain::calendar::types::{CalendarPage, FeedStatus};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    crate::{
        response,
        ssr::{self, fail, session_error},
    },
    domain::{
        DomainError,
        calendar::{
            entries, feed_tokens,
            types::{CalendarScope, CalendarSpan},
        },
    },
};

/// `scope` (`mine`, `teams`, `view-<id>`), `span` (`month`, `week`) and `date` (`YYYY-MM-DD`,
/// today when absent) as the page's address has them.
#[server(prefix = "/fn", endpoint = "load_calendar")]
pub async fn load_calendar(
    scope: Option<String>,
    span: Option<String>,
    date: Option<String>,
) -> Result<CalendarPage, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let scope = CalendarScope::parse(scope.as_deref().unwrap_or_default().trim())
        .ok_or_else(|| fail(DomainError::field("scope", "Choose whose tickets to show")))?;
    let span = CalendarSpan::parse(span.as_deref().unwrap_or_default().trim())
        .ok_or_else(|| fail(DomainError::field("span", "Choose a month or a week")))?;
    let date = match date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => domain::clock::now().date_naive(),
        Some(text) => domain::tickets::due_dates::parse(text)
            .map_err(|message| fail(DomainError::field("date", message.replace("due date", "date"))))?
            .unwrap_or_else(|| domain::clock::now().date_naive()),
    };
    entries::page(&desk.db, &actor, scope, span, date).await.map_err(fail)
}

/// The agent's feed: whether one is live, and its address when it was made just now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedInfo {
    pub live: Option<FeedStatus>,
    pub created_url: Option<String>,
}

#[cfg(feature = "ssr")]
const FLASH_KEY: &str = "new_calendar_feed";
#[cfg(feature = "ssr")]
const FLASH_SECONDS: i64 = 300;

#[cfg(feature = "ssr")]
#[derive(Serialize, Deserialize)]
struct Flash {
    url: String,
    at: chrono::DateTime<chrono::Utc>,
}

/// `created`: the page's address says a plain form made a feed just now.
#[server(prefix = "/fn", endpoint = "calendar_feed_status")]
pub async fn calendar_feed_status(created: bool) -> Result<FeedInfo, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let live = feed_tokens::status(&desk.db, &actor).await.map_err(fail)?;
    let session = ssr::session().await?;
    let Some(flash) = session.get::<Flash>(FLASH_KEY).await.map_err(session_error)? else {
        return Ok(FeedInfo { live, created_url: None });
    };
    let fresh = flash.at > chrono::Utc::now() - chrono::Duration::seconds(FLASH_SECONDS);
    if fresh && created && live.is_some() {
        return Ok(FeedInfo { live, created_url: Some(flash.url) });
    }
    session.remove_value(FLASH_KEY).await.map_err(session_error)?;
    Ok(FeedInfo { live, created_url: None })
}

/// Makes a new feed address (the old one stops working); returns it to a script, or keeps it
/// for the redirected page after a plain form.
#[server(prefix = "/fn", endpoint = "create_calendar_feed")]
pub async fn create_calendar_feed() -> Result<Option<String>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let path = feed_tokens::create(&desk.db, &actor).await.map_err(fail)?;
    let base = domain::email::settings::public_url(&desk.db).await.map_err(fail)?;
    let url = format!("{}{path}", base.trim_end_matches('/'));
    if !response::is_form_post() {
        return Ok(Some(url));
    }
    let session = ssr::session().await?;
    session.insert(FLASH_KEY, Flash { url, at: chrono::Utc::now() }).await.map_err(session_error)?;
    leptos_axum::redirect("/account?feed=created#calendar-feed");
    Ok(None)
}

#[server(prefix = "/fn", endpoint = "revoke_calendar_feed")]
pub async fn revoke_calendar_feed() -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    feed_tokens::revoke(&desk.db, &actor).await.map_err(fail)?;
    Ok(())
}
