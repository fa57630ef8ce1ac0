//! Who answers a survey: the ticket's requester, signed in or holding the ticket's link, and
//! anyone holding the rating link from the survey's mail (a one-click answer, no sign-in: the
//! link's secret stands for the requester, for that ticket only).

use super::{
    surveys,
    types::{CsatView, RatingPage},
};
use crate::{
    access::tokens::{self, Lookup},
    entities::{access_token::TokenPurpose, csat_survey, ticket},
    error::DomainError,
    policy::Actor,
};
use chrono::Duration;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// How long a rating link works.
pub const LINK_LIFETIME_DAYS: i64 = 30;

/// The requester's answer, signed in or by the ticket's link.
pub async fn as_requester(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    rating: Option<u8>,
    comment: Option<String>,
) -> Result<CsatView, DomainError> {
    let me = actor.principal().ok_or(DomainError::Unauthenticated)?.user_id;
    if let Actor::Link { ticket_id: linked, .. } = actor
        && *linked != ticket_id
    {
        return Err(DomainError::NotFound);
    }
    let survey = csat_survey::Entity::find().filter(csat_survey::Column::TicketId.eq(ticket_id)).one(db).await?;
    // Another person's ticket, or one never asked about, is not there for the caller.
    if survey.is_none_or(|s| s.requester_id != me) {
        return Err(DomainError::NotFound);
    }
    surveys::answer(db, ticket_id, rating, comment).await
}

/// The rating link's secret for a survey's mail, issued in the mail's transaction.
pub async fn issue_link(db: &impl ConnectionTrait, survey: &csat_survey::Model) -> Result<String, DomainError> {
    let now = crate::clock::now();
    let lifetime = Duration::days(LINK_LIFETIME_DAYS);
    tokens::issue(db, TokenPurpose::Rating, survey.requester_id, Some(survey.ticket_id), lifetime, now).await
}

/// An answer through the rating link (`rating` from the link itself, a comment from the page).
/// A link that does not hold answers "not found", whatever the reason.
pub async fn with_link(
    db: &DatabaseConnection,
    secret: &str,
    rating: Option<u8>,
    comment: Option<String>,
) -> Result<RatingPage, DomainError> {
    let token = match tokens::look_up(db, &[TokenPurpose::Rating], secret, crate::clock::now()).await? {
        Lookup::Valid(token) => token,
        _ => return Err(DomainError::NotFound),
    };
    let ticket_id = token.ticket_id.ok_or(DomainError::NotFound)?;
    let row = ticket::Entity::find_by_id(ticket_id).one(db).await?.ok_or(DomainError::NotFound)?;
    let survey = match (rating, comment) {
        (None, None) => surveys::view_of(db, ticket_id).await?.ok_or(DomainError::NotFound)?,
        (rating, comment) => surveys::answer(db, ticket_id, rating, comment).await?,
    };
    let config = crate::desk_config::Config::load(db).await?;
    Ok(RatingPage { ticket: format!("{} {}", config.reference(row.number), row.subject), survey })
}
