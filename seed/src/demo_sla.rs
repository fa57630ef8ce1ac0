//! `docket demo`'s service levels: business-hours calendars (Berlin with its holidays, New York),
//! Support and Engineering as escalation tiers 1 and 2, and three policies (urgent tickets around
//! the clock, Acme's premium hours, a standard policy for the rest) with warnings and breach
//! rules. Written before the demo tickets, whose clocks are computed from their back-dated
//! history afterwards, so the desk shows met, breached and running clocks.

use domain::{
    DomainError,
    entities::{business_calendar, team},
    policy::Actor,
    sla::{
        calendars::{self, CalendarInput},
        policies::{self, EscalationInput, PolicyInput, TargetInput},
        types::Metric,
    },
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

pub const BERLIN: &str = "Berlin office";
pub const URGENT_POLICY: &str = "Urgent";

fn hours(weekdays: &str) -> [String; 7] {
    let day = weekdays.to_owned();
    [day.clone(), day.clone(), day.clone(), day.clone(), day, String::new(), String::new()]
}

fn target(metric: Metric, time: &str, calendar_id: i64) -> TargetInput {
    TargetInput { metric, time: time.into(), calendar_id: Some(calendar_id) }
}

/// Writes the demo's calendars, tiers and policies, unless the desk has policies already.
pub async fn seed(db: &DatabaseConnection) -> Result<(), DomainError> {
    let system = Actor::System;
    if !policies::settings(db, &system).await?.policies.is_empty() {
        return Ok(());
    }
    let berlin = calendars::create(
        db,
        &system,
        CalendarInput { name: BERLIN.into(), time_zone: "Europe/Berlin".into(), hours: hours("08:00-18:00") },
    )
    .await?;
    for (name, day, yearly) in [
        ("Christmas Eve", "2026-12-24", false),
        ("Christmas Day", "2026-12-25", true),
        ("Boxing Day", "2026-12-26", true),
        ("New Year's Day", "2027-01-01", true),
        ("German Unity Day", "2026-10-03", true),
    ] {
        calendars::add_holiday(db, &system, berlin, name, day, yearly).await?;
    }
    calendars::create(
        db,
        &system,
        CalendarInput {
            name: "New York office".into(),
            time_zone: "America/New_York".into(),
            hours: hours("09:00-12:30, 13:30-17:00"),
        },
    )
    .await?;
    let always = business_calendar::Entity::find()
        .filter(business_calendar::Column::Builtin.eq(true))
        .one(db)
        .await?
        .map_or(1, |c| c.id);
    let teams = team::Entity::find().all(db).await?;
    for (name, tier) in [("Support", 1), ("Engineering", 2)] {
        if let Some(t) = teams.iter().find(|t| t.name == name) {
            domain::teams::commands::set_tier(db, &system, t.id, Some(tier)).await?;
        }
    }

    let urgent = policies::create(
        db,
        &system,
        PolicyInput {
            name: URGENT_POLICY.into(),
            conditions: "priority:urgent".into(),
            active: true,
            targets: vec![
                target(Metric::FirstResponse, "30m", always),
                target(Metric::NextResponse, "2h", always),
                target(Metric::Resolution, "8h", always),
            ],
        },
    )
    .await?;
    let warn = EscalationInput { percent: "75".into(), notify_assignee: true, ..Default::default() };
    policies::add_escalation(db, &system, urgent, warn).await?;
    let breach = EscalationInput {
        percent: "100".into(),
        notify_assignee: true,
        notify_team: true,
        escalate_tier: true,
        ..Default::default()
    };
    policies::add_escalation(db, &system, urgent, breach).await?;

    let acme = policies::create(
        db,
        &system,
        PolicyInput {
            name: "Acme premium".into(),
            conditions: "org:\"acme corporation\"".into(),
            active: true,
            targets: vec![
                target(Metric::FirstResponse, "1h", berlin),
                target(Metric::NextResponse, "4h", berlin),
                target(Metric::Resolution, "2d", berlin),
            ],
        },
    )
    .await?;
    let tag = EscalationInput {
        percent: "100".into(),
        notify_assignee: true,
        add_tag: "sla-breached".into(),
        notify_emails: "robin.reyes@example.com".into(),
        ..Default::default()
    };
    policies::add_escalation(db, &system, acme, tag).await?;

    let standard = policies::create(
        db,
        &system,
        PolicyInput {
            name: "Standard".into(),
            conditions: String::new(),
            active: true,
            targets: vec![target(Metric::FirstResponse, "4h", berlin), target(Metric::Resolution, "5d", berlin)],
        },
    )
    .await?;
    let warn = EscalationInput { percent: "80".into(), notify_assignee: true, ..Default::default() };
    policies::add_escalation(db, &system, standard, warn).await?;
    let breach =
        EscalationInput { percent: "100".into(), notify_assignee: true, notify_team: true, ..Default::default() };
    policies::add_escalation(db, &system, standard, breach).await?;
    Ok(())
}
