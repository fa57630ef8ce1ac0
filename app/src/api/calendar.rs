//! Server functions for the calendar: one page of due dates and SLA deadlines, and the agent's
//! private ICS feed (make one, see whether one is live, stop it). A due date moves through
//! `update_ticket`, like any other change of a ticket. The feed's address is shown once; with
//! JavaScript off it waits in the session for the redirected page (`secret_flash`).

use crate::error::AppError;
use domain::calendar::types::{CalendarPage, FeedStatus};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    crate::{
        response, secret_flash,
        ssr::{self, fail},
    },
    domain::calendar::{entries, feed_tokens},
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
    entries::page_at(&desk.db, &actor, scope.as_deref(), span.as_deref(), date.as_deref()).await.map_err(fail)
}

/// The agent's feed: whether one is live, and its address when it was made just now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedInfo {
    pub live: Option<FeedStatus>,
    pub created_url: Option<String>,
}

#[cfg(feature = "ssr")]
const FLASH_KEY: &str = "new_calendar_feed";

/// `created`: the page's address says a plain form made a feed just now.
#[server(prefix = "/fn", endpoint = "calendar_feed_status")]
pub async fn calendar_feed_status(created: bool) -> Result<FeedInfo, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let live = feed_tokens::status(&desk.db, &actor).await.map_err(fail)?;
    let created_url = secret_flash::read(FLASH_KEY, |_: &String| created && live.is_some()).await?;
    Ok(FeedInfo { live, created_url })
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
    secret_flash::keep(FLASH_KEY, url).await?;
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
