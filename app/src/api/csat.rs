//! Server functions for satisfaction surveys: the requester's answer on the ticket page, the
//! rating page a mail's link opens (no sign-in: the link is the proof), and the admin's survey
//! settings.

use crate::error::AppError;
use domain::csat::types::{CsatSettings, CsatView, RatingPage};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::form::checked,
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        csat::{rating, settings, types::parse_rating},
    },
};

#[cfg(feature = "ssr")]
fn rating_of(text: Option<&str>) -> Result<Option<u8>, AppError> {
    parse_rating(text).map_err(|message| fail(DomainError::field("rating", &message)))
}

/// The requester rates their solved ticket (signed in, or by the ticket's link).
#[server(prefix = "/fn", endpoint = "rate_ticket")]
pub async fn rate_ticket(
    ticket_id: i64,
    rating: Option<String>,
    comment: Option<String>,
) -> Result<CsatView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let rating = rating_of(rating.as_deref())?;
    rating::as_requester(&desk.db, &actor, ticket_id, rating, comment).await.map_err(fail)
}

/// The rating page of a mail's link: a rating in the link is recorded as the page opens (the
/// one click), and the page shows the answer with a form to change it or add a comment.
#[server(prefix = "/fn", endpoint = "open_rating_link")]
pub async fn open_rating_link(secret: String, rating: Option<String>) -> Result<RatingPage, AppError> {
    let desk = ssr::desk()?;
    let rating = rating_of(rating.as_deref())?;
    rating::with_link(&desk.db, &secret, rating, None).await.map_err(fail)
}

/// The rating page's form: a changed rating or a comment.
#[server(prefix = "/fn", endpoint = "rate_with_link")]
pub async fn rate_with_link(
    secret: String,
    rating: Option<String>,
    comment: Option<String>,
) -> Result<RatingPage, AppError> {
    let desk = ssr::desk()?;
    let rating = rating_of(rating.as_deref())?;
    let comment = Some(comment.unwrap_or_default());
    let page = rating::with_link(&desk.db, &secret, rating, comment).await.map_err(fail)?;
    // Back to the page without the link's rating, which would otherwise be recorded again over
    // the one just chosen (and, without JavaScript, the browser follows this redirect).
    leptos_axum::redirect(&format!("/rate/{secret}?saved=1"));
    Ok(page)
}

#[server(prefix = "/fn", endpoint = "load_csat_settings")]
pub async fn load_csat_settings() -> Result<CsatSettings, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::policy::authorize(&actor, domain::policy::Action::ConfigureDesk).map_err(fail)?;
    settings::load(&desk.db).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "save_csat_settings")]
pub async fn save_csat_settings(
    enabled: Option<String>,
    question: String,
    scale: String,
    delay_hours: String,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = settings::SettingsInput { enabled: checked(enabled.as_deref()), question, scale, delay_hours };
    settings::save(&desk.db, &actor, input).await.map(|_| ()).map_err(fail)
}
