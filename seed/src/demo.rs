//! `docket demo`: a realistic small desk (organizations, customers, agents, an admin, teams, an
//! agent invited and not yet in, an agent who hears of her team's new tickets), so that a new
//! user sees a living helpdesk. Running it twice changes nothing.

use domain::{
    accounts::{
        NewUser, commands,
        invitations::{self, Invite},
        queries,
    },
    error::DomainError,
    notifications::{
        preferences,
        types::{Channels, NotificationKind, Preference},
    },
    organizations::{self, OrganizationInput},
    policy::Actor,
    role::Role,
    team_types::TicketScope,
    teams,
};
use sea_orm::DatabaseConnection;

/// The password of every demo account; printed by the CLI and the README.
pub const DEMO_PASSWORD: &str = "docket-demo-password";

/// (name, email domains, members share tickets)
const ORGANIZATIONS: [(&str, &str, bool); 3] = [
    ("Acme Corporation", "acme.example, acme-labs.example", true),
    ("Globex", "globex.example", false),
    ("Initech", "initech.example", false),
];

/// (name, email, role, organization index)
const PEOPLE: [(&str, &str, Role, Option<usize>); 16] = [
    ("Ada Admin", "admin@example.com", Role::Admin, None),
    ("Alex Agent", "agent@example.com", Role::Agent, None),
    ("Sam Rivera", "sam.rivera@example.com", Role::Agent, None),
    ("Priya Natarajan", "priya.natarajan@example.com", Role::Agent, None),
    ("Jordan Lee", "jordan.lee@example.com", Role::Agent, None),
    ("Casey Customer", "customer@example.com", Role::Customer, Some(0)),
    ("Wile E. Coyote", "wile@acme.example", Role::Customer, Some(0)),
    ("Road Runner", "runner@acme.example", Role::Customer, Some(0)),
    ("Hank Scorpio", "hank@globex.example", Role::Customer, Some(1)),
    ("Frank Grimes", "frank@globex.example", Role::Customer, Some(1)),
    ("Peter Gibbons", "peter@initech.example", Role::Customer, Some(2)),
    ("Milton Waddams", "milton@initech.example", Role::Customer, Some(2)),
    ("Samir Nagheenanajar", "samir@initech.example", Role::Customer, Some(2)),
    ("Lee Independent", "lee@fastmail.example", Role::Customer, None),
    // A partner's technician: on Field service only, which keeps its agents to its own tickets.
    ("Kai Tanaka", "kai.tanaka@example.com", Role::Agent, None),
    // Support's manager: renames and staffs Support, and nothing in the desk's settings.
    ("Robin Reyes", "robin.reyes@example.com", Role::Manager, None),
];

/// An agent invited and not yet in: on the admin's users page with "Send invitation again" and
/// "Withdraw invitation".
const INVITED: (&str, &str) = ("Morgan Ortiz", "morgan.ortiz@example.com");

/// (team, description, member emails)
const TEAMS: [(&str, &str, &[&str]); 4] = [
    (
        "Support",
        "First line: every new request lands here",
        &["agent@example.com", "sam.rivera@example.com", "admin@example.com", "robin.reyes@example.com"],
    ),
    ("Billing", "Invoices, refunds and plans", &["priya.natarajan@example.com"]),
    ("Engineering", "Second line: bugs and outages", &["jordan.lee@example.com", "sam.rivera@example.com"]),
    ("Field service", "On-site repairs by our partner, who sees only this team's tickets", &["kai.tanaka@example.com"]),
];

/// The team whose agents see only its tickets.
pub const SCOPED_TEAM: &str = "Field service";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub users: usize,
    pub organizations: usize,
    pub teams: usize,
}

pub async fn seed(db: &DatabaseConnection) -> Result<Seeded, DomainError> {
    let system = Actor::System;
    let mut seeded = Seeded::default();
    if queries::find_by_email(db, PEOPLE[0].1).await?.is_some() {
        return Ok(seeded);
    }
    let mut org_ids = Vec::new();
    for (name, domains, shares_tickets) in ORGANIZATIONS {
        let input = OrganizationInput { name: name.into(), shares_tickets, domains: domains.into() };
        org_ids.push(organizations::create(db, &system, input).await?.0);
        seeded.organizations += 1;
    }
    let mut user_ids = std::collections::HashMap::new();
    for (name, email, role, org) in PEOPLE {
        let user = commands::create_user(
            db,
            &system,
            NewUser {
                name: name.into(),
                email: email.into(),
                password: DEMO_PASSWORD.into(),
                role,
                organization_id: org.map(|i| org_ids[i]),
            },
        )
        .await?;
        user_ids.insert(email, user.id);
        seeded.users += 1;
    }
    let (name, email) = INVITED;
    let invite = Invite { name: name.into(), email: email.into(), role: Role::Agent, organization_id: None };
    invitations::invite(db, &system, invite).await?;
    seeded.users += 1;
    for (name, description, members) in TEAMS {
        let team_id = teams::commands::create(db, &system, name, description).await?;
        if name == SCOPED_TEAM {
            teams::commands::set_ticket_scope(db, &system, team_id, TicketScope::Team).await?;
        }
        for email in members {
            if let Some(&user_id) = user_ids.get(email) {
                teams::commands::add_member(db, &system, team_id, user_id).await?;
            }
        }
        seeded.teams += 1;
    }
    // Priya, alone on Billing, hears of every new billing ticket under the bell.
    if let Some(priya) = queries::find_by_email(db, "priya.natarajan@example.com").await? {
        let priya = Actor::User(queries::principal_of(&priya));
        let choice = Preference { kind: NotificationKind::TeamTicket, channels: Channels::InApp };
        preferences::save(db, &priya, &[choice]).await?;
    }
    // Sam Rivera, an agent, may open reports besides the admin and the manager.
    if let Some(&sam) = user_ids.get("sam.rivera@example.com") {
        domain::reports::access::set_allowed_agents(db, &system, vec![sam]).await?;
    }
    Ok(seeded)
}
