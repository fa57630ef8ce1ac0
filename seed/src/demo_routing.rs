//! The demo's routing: rules that file invoices with Billing and make outages urgent (and an
//! inactive one to show the switch), agents' capacities and skills, the skills Technical
//! requests need, Billing handing out its tickets to the least loaded agent, and one request
//! that routing filed and assigned by itself (its history says why).

use domain::{
    Actor, DomainError,
    accounts::queries as users,
    desk_config::Config,
    routing::{
        agents, availability,
        rules::{self, RuleInput},
        types::Strategy,
    },
    tickets::commands::{self, NewTicket},
};
use sea_orm::DatabaseConnection;

/// (agent, capacity, skills)
const AGENTS: [(&str, Option<u32>, &str); 4] = [
    ("priya.natarajan@example.com", Some(6), "billing, refunds"),
    ("sam.rivera@example.com", Some(10), "network, vpn"),
    ("jordan.lee@example.com", None, "database, network"),
    ("agent@example.com", Some(12), ""),
];

async fn user_id(db: &DatabaseConnection, email: &str) -> Result<i64, DomainError> {
    Ok(users::find_by_email(db, email).await?.ok_or(DomainError::NotFound)?.id)
}

pub async fn seed(db: &DatabaseConnection) -> Result<(), DomainError> {
    let system = Actor::System;
    let config = Config::load(db).await?;
    let team = |name: &str| config.teams.iter().find(|t| t.name == name).map(|t| t.id);
    let category = |name: &str| config.categories.iter().find(|c| c.name == name).map(|c| c.id);
    let urgent = config.priorities.iter().find(|p| p.name == "Urgent").map(|p| p.id);
    let demo_rules = [
        RuleInput {
            name: "Invoices to Billing".into(),
            conditions: "invoice".into(),
            team_id: team("Billing"),
            category_id: category("Billing"),
            tags: "billing".into(),
            active: true,
            ..Default::default()
        },
        RuleInput {
            name: "Outages are urgent".into(),
            conditions: "outage".into(),
            team_id: team("Engineering"),
            priority_id: urgent,
            tags: "outage".into(),
            skills: "network".into(),
            active: true,
            ..Default::default()
        },
        RuleInput {
            name: "VPN mail to the network desk".into(),
            conditions: "mailbox:support vpn".into(),
            tags: "vpn".into(),
            skills: "vpn".into(),
            on_change: true,
            active: false,
            ..Default::default()
        },
    ];
    for rule in demo_rules {
        rules::create(db, &system, rule).await?;
    }
    for (email, capacity, skills) in AGENTS {
        agents::set_agent(db, &system, user_id(db, email).await?, capacity, skills).await?;
    }
    if let Some(technical) = category("Technical") {
        agents::set_category_skills(db, &system, technical, "troubleshooting").await?;
    }
    let priya = user_id(db, AGENTS[0].0).await?;
    if let Some(billing) = team("Billing") {
        agents::set_strategy(db, &system, billing, Strategy::LeastLoaded).await?;
    }
    // Priya has the desk open for a moment: the new invoice question goes straight to her.
    availability::seen(db, priya).await?;
    let customer = users::find_by_email(db, "hank@globex.example").await?.ok_or(DomainError::NotFound)?;
    let customer = Actor::User(users::principal_of(&customer));
    let request = NewTicket {
        subject: "Two invoices for the same November order".into(),
        body: "We received two invoices for order 4471 in November. Which one should we pay?".into(),
        ..Default::default()
    };
    commands::create(db, &customer, request).await?;
    availability::gone(db, priya).await
}
