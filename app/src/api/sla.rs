//! Server functions for service levels: the SLA settings (policies, their targets and rules),
//! business-hours calendars and their holidays, a ticket's one-click escalation, and a team's
//! tier.

use crate::error::AppError;
use domain::sla::types::{CalendarView, SlaSettingsView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::form::{checked, optional_id},
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        sla::{
            calendars::{self, CalendarInput},
            escalation,
            policies::{self, EscalationInput, PolicyInput, TargetInput},
            types::Metric,
        },
    },
};

/// The calendars page: every calendar, the time zones to choose from, and how the last
/// recomputation went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarsPage {
    pub calendars: Vec<CalendarView>,
    pub zones: Vec<String>,
    pub progress: Option<domain::sla::types::RecomputeProgress>,
}

/// The largest `.ics` file the import reads.
pub const ICS_MAX_BYTES: u64 = 256 * 1024;

#[server(prefix = "/fn", endpoint = "load_sla_settings")]
pub async fn load_sla_settings() -> Result<SlaSettingsView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    policies::settings(&desk.db, &actor).await.map_err(fail)
}

#[cfg(feature = "ssr")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
fn policy_input(
    name: String,
    conditions: Option<String>,
    active: Option<String>,
    first_response: Option<String>,
    first_response_calendar: Option<String>,
    next_response: Option<String>,
    next_response_calendar: Option<String>,
    resolution: Option<String>,
    resolution_calendar: Option<String>,
) -> Result<PolicyInput, AppError> {
    let target = |metric: Metric, time: Option<String>, calendar: Option<String>| -> Result<TargetInput, AppError> {
        let field = format!("{}_calendar", metric.as_str());
        Ok(TargetInput {
            metric,
            time: time.unwrap_or_default(),
            calendar_id: optional_id(&field, calendar.as_deref())?,
        })
    };
    Ok(PolicyInput {
        name,
        conditions: conditions.unwrap_or_default(),
        active: checked(active.as_deref()),
        targets: vec![
            target(Metric::FirstResponse, first_response, first_response_calendar)?,
            target(Metric::NextResponse, next_response, next_response_calendar)?,
            target(Metric::Resolution, resolution, resolution_calendar)?,
        ],
    })
}

#[server(prefix = "/fn", endpoint = "create_sla_policy")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
pub async fn create_sla_policy(
    name: String,
    conditions: Option<String>,
    active: Option<String>,
    first_response: Option<String>,
    first_response_calendar: Option<String>,
    next_response: Option<String>,
    next_response_calendar: Option<String>,
    resolution: Option<String>,
    resolution_calendar: Option<String>,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let input = policy_input(
        name,
        conditions,
        active,
        first_response,
        first_response_calendar,
        next_response,
        next_response_calendar,
        resolution,
        resolution_calendar,
    )?;
    policies::create(&desk.db, &actor, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_sla_policy")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
pub async fn update_sla_policy(
    policy_id: i64,
    name: String,
    conditions: Option<String>,
    active: Option<String>,
    first_response: Option<String>,
    first_response_calendar: Option<String>,
    next_response: Option<String>,
    next_response_calendar: Option<String>,
    resolution: Option<String>,
    resolution_calendar: Option<String>,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let input = policy_input(
        name,
        conditions,
        active,
        first_response,
        first_response_calendar,
        next_response,
        next_response_calendar,
        resolution,
        resolution_calendar,
    )?;
    policies::update(&desk.db, &actor, policy_id, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "delete_sla_policy")]
pub async fn delete_sla_policy(policy_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    policies::delete(&desk.db, &actor, policy_id).await.map_err(fail)
}

/// Moves a policy one place `up` (earlier, tried first) or `down`.
#[server(prefix = "/fn", endpoint = "move_sla_policy")]
pub async fn move_sla_policy(policy_id: i64, direction: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(fail(DomainError::field("direction", "Choose up or down"))),
    };
    policies::move_policy(&desk.db, &actor, policy_id, up).await.map_err(fail)
}

/// Adds a warning or breach rule to a policy. `metric` is blank for every target.
#[server(prefix = "/fn", endpoint = "add_sla_rule")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
pub async fn add_sla_rule(
    policy_id: i64,
    metric: Option<String>,
    percent: String,
    notify_assignee: Option<String>,
    notify_team: Option<String>,
    notify_emails: Option<String>,
    escalate_tier: Option<String>,
    reassign_team_id: Option<String>,
    raise_priority: Option<String>,
    add_tag: Option<String>,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let metric = match metric.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => None,
        Some(text) => {
            Some(Metric::parse(text).ok_or_else(|| fail(DomainError::field("metric", "Choose one of the targets")))?)
        }
    };
    let input = EscalationInput {
        metric,
        percent,
        notify_assignee: checked(notify_assignee.as_deref()),
        notify_team: checked(notify_team.as_deref()),
        notify_emails: notify_emails.unwrap_or_default(),
        escalate_tier: checked(escalate_tier.as_deref()),
        reassign_team_id: optional_id("reassign_team_id", reassign_team_id.as_deref())?,
        raise_priority: checked(raise_priority.as_deref()),
        add_tag: add_tag.unwrap_or_default(),
    };
    policies::add_escalation(&desk.db, &actor, policy_id, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "remove_sla_rule")]
pub async fn remove_sla_rule(rule_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    policies::remove_escalation(&desk.db, &actor, rule_id).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "load_calendars")]
pub async fn load_calendars() -> Result<CalendarsPage, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let calendars = calendars::list(&desk.db, &actor).await.map_err(fail)?;
    let progress = domain::sla::recompute::progress(&desk.db).await.map_err(fail)?;
    let zones = calendars::zone_names().into_iter().map(str::to_owned).collect();
    Ok(CalendarsPage { calendars, zones, progress })
}

#[cfg(feature = "ssr")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
fn calendar_input(
    name: String,
    time_zone: String,
    monday: Option<String>,
    tuesday: Option<String>,
    wednesday: Option<String>,
    thursday: Option<String>,
    friday: Option<String>,
    saturday: Option<String>,
    sunday: Option<String>,
) -> CalendarInput {
    let days = [monday, tuesday, wednesday, thursday, friday, saturday, sunday];
    CalendarInput { name, time_zone, hours: days.map(Option::unwrap_or_default) }
}

/// Creates a calendar from its name, time zone and each weekday's hours (`09:00-17:00`).
#[server(prefix = "/fn", endpoint = "create_calendar")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
pub async fn create_calendar(
    name: String,
    time_zone: String,
    monday: Option<String>,
    tuesday: Option<String>,
    wednesday: Option<String>,
    thursday: Option<String>,
    friday: Option<String>,
    saturday: Option<String>,
    sunday: Option<String>,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = calendar_input(name, time_zone, monday, tuesday, wednesday, thursday, friday, saturday, sunday);
    calendars::create(&desk.db, &actor, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_calendar")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
pub async fn update_calendar(
    calendar_id: i64,
    name: String,
    time_zone: String,
    monday: Option<String>,
    tuesday: Option<String>,
    wednesday: Option<String>,
    thursday: Option<String>,
    friday: Option<String>,
    saturday: Option<String>,
    sunday: Option<String>,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = calendar_input(name, time_zone, monday, tuesday, wednesday, thursday, friday, saturday, sunday);
    calendars::update(&desk.db, &actor, calendar_id, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "delete_calendar")]
pub async fn delete_calendar(calendar_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    calendars::delete(&desk.db, &actor, calendar_id).await.map_err(fail)
}

/// Adds a holiday: its name, its date (`YYYY-MM-DD`), and whether it comes back every year.
#[server(prefix = "/fn", endpoint = "add_holiday")]
pub async fn add_holiday(
    calendar_id: i64,
    holiday_name: String,
    day: String,
    yearly: Option<String>,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    calendars::add_holiday(&desk.db, &actor, calendar_id, &holiday_name, &day, checked(yearly.as_deref()))
        .await
        .map_err(fail)
}

#[server(prefix = "/fn", endpoint = "remove_holiday")]
pub async fn remove_holiday(holiday_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    calendars::remove_holiday(&desk.db, &actor, holiday_id).await.map_err(fail)
}

/// Imports holidays from an `.ics` file (multipart: `calendar_id` and a file named `file`).
/// Returns how many were added and how many were there already.
#[server(prefix = "/fn", endpoint = "import_holidays", input = server_fn::codec::MultipartFormData)]
pub async fn import_holidays(data: server_fn::codec::MultipartData) -> Result<(usize, usize), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    // Nothing is read for someone who may not change the calendars.
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let form = super::multipart::read(data, ICS_MAX_BYTES).await?;
    let calendar_id: i64 = form
        .text("calendar_id")
        .trim()
        .parse()
        .map_err(|_| fail(DomainError::field("calendar_id", "Choose a calendar")))?;
    let Some(file) = form.files.first() else {
        return Err(fail(DomainError::field("file", "Choose an .ics file to import")));
    };
    let text = String::from_utf8_lossy(&file.bytes);
    calendars::import_holidays(&desk.db, &actor, calendar_id, &text).await.map_err(fail)
}

/// Moves a ticket to the team of the next escalation tier; returns that team's name.
#[server(prefix = "/fn", endpoint = "escalate_ticket")]
pub async fn escalate_ticket(ticket_id: i64) -> Result<String, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    escalation::escalate(&desk.db, &actor, ticket_id).await.map_err(fail)
}

/// Sets a team's escalation tier: blank for none, or 1 to 9.
#[server(prefix = "/fn", endpoint = "set_team_tier")]
pub async fn set_team_tier(team_id: i64, tier: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ManageTeams).map_err(fail)?;
    let tier = domain::teams::commands::parse_tier(tier.as_deref().unwrap_or_default())
        .map_err(|m| fail(DomainError::field("tier", m)))?;
    domain::teams::commands::set_tier(&desk.db, &actor, team_id, tier).await.map_err(fail)
}

/// Open tickets likely to breach, most likely first (agents).
#[server(prefix = "/fn", endpoint = "at_risk_tickets")]
pub async fn at_risk_tickets() -> Result<Vec<domain::sla::types::AtRiskView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::sla::risk::at_risk(&desk.db, &actor).await.map_err(fail)
}

/// The periods the attainment card offers, in days.
pub const ATTAINMENT_DAYS: [u32; 4] = [7, 30, 90, 365];

/// SLA attainment over the last `days` days (admins).
#[server(prefix = "/fn", endpoint = "sla_attainment")]
pub async fn sla_attainment(days: u32) -> Result<domain::sla::types::AttainmentView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    if !ATTAINMENT_DAYS.contains(&days) {
        return Err(fail(DomainError::field("days", "Choose 7, 30, 90 or 365 days")));
    }
    let until = domain::clock::now();
    let from = until - chrono::Duration::days(i64::from(days));
    domain::sla::attainment::attainment(&desk.db, &actor, from, until).await.map_err(fail)
}
