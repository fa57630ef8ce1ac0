//! The demo's automations and macros: urgent requests tag themselves and tell their team (and
//! one did, so its log has a line), a switched-off rule that would close tickets pending for
//! five days (to try with the dry run), shared macros, and one of Alex's own.

use domain::{
    Actor, DomainError,
    accounts::queries as users,
    automation::{
        rules::{self, ActionsInput, AutomationInput},
        types::{NotifyWhom, Trigger},
    },
    desk_config::Config,
    macros::{
        commands::{self as macros, MacroInput},
        types::MacroAssign,
    },
    ticket_types::StatusCategory,
    tickets::commands::{self, NewTicket},
};
use sea_orm::DatabaseConnection;

async fn actor(db: &DatabaseConnection, email: &str) -> Result<Actor, DomainError> {
    let user = users::find_by_email(db, email).await?.ok_or(DomainError::NotFound)?;
    Ok(Actor::User(users::principal_of(&user)))
}

pub async fn seed(db: &DatabaseConnection) -> Result<(), DomainError> {
    let system = Actor::System;
    let config = Config::load(db).await?;
    let status = |category| config.statuses.iter().find(|s| s.active && s.category == category).map(|s| s.id);
    let urgent = config.priorities.iter().find(|p| p.name == "Urgent").map(|p| p.id);
    let tell_team = AutomationInput {
        name: "Urgent requests alert their team".into(),
        trigger: Some(Trigger::Created),
        conditions: "priority:urgent".into(),
        actions: ActionsInput { add_tags: "urgent".into(), notify: NotifyWhom::Team, ..Default::default() },
        active: true,
        ..Default::default()
    };
    rules::create(db, &system, tell_team).await?;
    let close_quiet = AutomationInput {
        name: "Close tickets pending for five days".into(),
        trigger: Some(Trigger::Schedule),
        conditions: "status:pending".into(),
        idle: "5d".into(),
        actions: ActionsInput {
            status_id: status(StatusCategory::Closed),
            note: "Closed after five days without an answer from {{customer.name}}.".into(),
            ..Default::default()
        },
        active: false,
        ..Default::default()
    };
    rules::create(db, &system, close_quiet).await?;

    // An urgent call, so that the first rule's log has a line.
    let alex = actor(db, "agent@example.com").await?;
    let support = config.teams.iter().find(|t| t.name == "Support").map(|t| t.id);
    let call = NewTicket {
        subject: "Called: the whole office is offline".into(),
        body: "Frank phoned: nobody at Globex can reach the portal since 9:00.".into(),
        requester_email: Some("frank@globex.example".into()),
        priority_id: urgent,
        team_id: support,
        channel: Some(domain::ticket_types::Channel::Phone),
        ..Default::default()
    };
    commands::create(db, &alex, call).await?;

    let shared = [
        (
            "Ask for a screenshot",
            "Hello {{customer.first_name}},\n\nCould you send us a screenshot of what you see? It helps us find the cause quickly.\n\n{{agent.first_name}}",
            status(StatusCategory::Pending),
            "needs-info",
        ),
        (
            "Solved: tell us if not",
            "Hello {{customer.first_name}},\n\nWe believe {{ticket.reference}} is solved. If anything is still wrong, just reply to this message and it reopens.\n\n{{agent.name}}",
            status(StatusCategory::Solved),
            "",
        ),
    ];
    for (name, body, status_id, tags) in shared {
        let input = MacroInput {
            name: name.into(),
            body: body.into(),
            status_id,
            tags: tags.into(),
            shared: true,
            ..Default::default()
        };
        macros::create(db, &system, input).await?;
    }
    let own = MacroInput {
        name: "VPN reset steps".into(),
        body: "Hello {{customer.first_name}},\n\n1. Quit the VPN app.\n2. Sign out and in again.\n3. Reconnect to the nearest gateway.\n\nDoes that help?".into(),
        tags: "vpn".into(),
        assign: MacroAssign::Me,
        ..Default::default()
    };
    macros::create(db, &alex, own).await?;
    Ok(())
}
