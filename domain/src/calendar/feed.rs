//! An agent's calendar as an ICS document for their own calendar application: the open tickets
//! assigned to them, due dates as all-day events and SLA deadlines as moments, from a month back
//! to a year ahead. The secret in the address is the only key, so the feed says no more than
//! the agent's own queue does.

use super::entries::{due_and_deadlines, scoped};
use super::types::CalendarScope;
use crate::{
    access::tokens::{self, Lookup},
    accounts::queries::principal_of,
    desk_config::Config,
    entities::{access_token::TokenPurpose, user},
    error::DomainError,
    policy::Actor,
};
use chrono::Duration;
use icalendar::{Calendar, Component, Event, EventLike};
use sea_orm::{ConnectionTrait, EntityTrait};

/// At most this many events of each kind in one feed.
pub const MAX_EVENTS: usize = 1000;

/// The feed a secret opens, or `None` for an unknown, revoked or expired one (or an agent who
/// is no longer active staff).
pub async fn ics(db: &impl ConnectionTrait, secret: &str) -> Result<Option<String>, DomainError> {
    let now = crate::clock::now();
    let Lookup::Valid(token) = tokens::look_up(db, &[TokenPurpose::CalendarFeed], secret, now).await? else {
        return Ok(None);
    };
    let Some(agent) = user::Entity::find_by_id(token.user_id).one(db).await? else { return Ok(None) };
    if !agent.active || !agent.role.is_staff() {
        return Ok(None);
    }
    let actor = Actor::User(principal_of(&agent));
    let config = Config::load(db).await?;
    let public_url = crate::email::settings::public_url(db).await?;
    let base = public_url.trim_end_matches('/');
    let host = base.split("://").nth(1).unwrap_or(base).split(['/', ':']).next().unwrap_or("docket");
    let today = now.date_naive();
    let period = (today - Duration::days(30), today + Duration::days(365));
    let select = scoped(db, &config, &actor, CalendarScope::Mine).await?;
    let found = due_and_deadlines(db, &config, select, period, MAX_EVENTS).await?;
    let mut calendar = Calendar::new();
    calendar.name(&format!("Docket: {}", agent.name)).description("Due dates and SLA deadlines of your open tickets");
    for (ticket, day) in found.due {
        let event = Event::new()
            .uid(&format!("docket-due-{}@{host}", ticket.id))
            .summary(&format!("Due: {} {}", ticket.reference, ticket.subject))
            .description(&format!("{} · {} priority", ticket.status.name, ticket.priority.name))
            .url(&format!("{base}/agent/tickets/{}", ticket.id))
            .all_day(day)
            .timestamp(now)
            .done();
        calendar.push(event);
    }
    for ticket in found.deadlines {
        let Some(at) = ticket.due_at else { continue };
        let event = Event::new()
            .uid(&format!("docket-sla-{}@{host}", ticket.id))
            .summary(&format!("SLA deadline: {} {}", ticket.reference, ticket.subject))
            .description(&format!("{} · {} priority", ticket.status.name, ticket.priority.name))
            .url(&format!("{base}/agent/tickets/{}", ticket.id))
            .starts(at)
            .ends(at + Duration::minutes(15))
            .timestamp(now)
            .done();
        calendar.push(event);
    }
    Ok(Some(calendar.done().to_string()))
}
