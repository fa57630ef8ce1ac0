//! `docket demo`, part two: a few hundred tickets with conversations spread over the last 60
//! days, written through the same commands as real work, then dated back. Deterministic: the
//! same seed gives the same desk.

use chrono::{Duration, Utc};
use domain::{
    accounts::queries as users,
    custom_fields::input::form_name,
    entities::{ticket, ticket_event, ticket_message},
    error::DomainError,
    policy::Actor,
    ticket_types::{StatusCategory, Visibility},
    tickets::{
        commands::{self, NewTicket, TicketChanges},
        custom_values, queries,
    },
    time_tracking::entries::EntryInput,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};

pub const DEMO_TICKETS: usize = 240;

const CUSTOMERS: [&str; 9] = [
    "customer@example.com",
    "wile@acme.example",
    "runner@acme.example",
    "hank@globex.example",
    "frank@globex.example",
    "peter@initech.example",
    "milton@initech.example",
    "samir@initech.example",
    "lee@fastmail.example",
];
const AGENTS: [&str; 4] =
    ["agent@example.com", "sam.rivera@example.com", "priya.natarajan@example.com", "jordan.lee@example.com"];

/// (category, team, subject, description, agent reply, customer follow-up)
const STORIES: [(&str, &str, &str, &str, &str, &str); 8] = [
    (
        "Technical",
        "Engineering",
        "VPN disconnects every hour",
        "Since Monday the VPN drops roughly every hour and I have to sign in again.",
        "Thanks! Could you send us the client version from **Help → About**?",
        "It is 4.2.1, on Windows 11.",
    ),
    (
        "Billing",
        "Billing",
        "Invoice shows the wrong VAT number",
        "Our latest invoice has last year's VAT number. Can you reissue it?",
        "I've corrected the VAT number and reissued the invoice; it's in your billing page now.",
        "Got it, thank you.",
    ),
    (
        "Account",
        "Support",
        "Cannot reset my password",
        "The reset email never arrives, I checked the spam folder too.",
        "I've sent a new link manually; it is valid for one hour.",
        "That worked.",
    ),
    (
        "Technical",
        "Engineering",
        "Export to CSV times out",
        "Exporting last quarter's report spins for a minute and then fails.",
        "We found a slow query behind the export and are deploying a fix today.",
        "Still failing this morning, unfortunately.",
    ),
    (
        "General",
        "Support",
        "How do I add a colleague?",
        "We hired someone new. How do I give them access?",
        "Go to **Settings → Team** and choose *Invite*; they'll get an email.",
        "Done, thanks!",
    ),
    (
        "Billing",
        "Billing",
        "Charged twice this month",
        "I see two identical charges on our card for November.",
        "You're right, the second charge was an error. A refund is on its way (3-5 days).",
        "Refund arrived.",
    ),
    (
        "Technical",
        "Support",
        "Printer not showing up",
        "The office printer vanished from the device list after the update.",
        "Please remove it and add it again with its IP address; the update reset the discovery cache.",
        "Re-adding it worked for most people but not on my laptop.",
    ),
    (
        "Account",
        "Support",
        "Change the account owner",
        "Our admin left the company; please make me the owner.",
        "For security we need a request from your company domain; could you reply from your work address?",
        "Replying from my work address now.",
    ),
];

/// A small deterministic generator (no need for cryptographic randomness in demo data).
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % sides as u64) as usize
    }
}

async fn actor(db: &DatabaseConnection, email: &str) -> Result<Actor, DomainError> {
    let user = users::find_by_email(db, email).await?.ok_or(DomainError::NotFound)?;
    Ok(Actor::User(users::principal_of(&user)))
}

/// A customer known only from a phone call: no password, so they reach their ticket by the magic
/// link in its mail, and can claim the account by signing up with this address.
pub const PHONED_IN: &str = "dana@phoned-in.example";

/// The phoned-in customer's ticket, logged by an agent.
async fn phoned_in(db: &DatabaseConnection, agent: &Actor) -> Result<(), DomainError> {
    let input = NewTicket {
        subject: "Called about a double charge on the last invoice".to_owned(),
        body: "Dana phoned: the November invoice was charged twice to the same card. Wants one charge refunded."
            .to_owned(),
        requester_email: Some(PHONED_IN.to_owned()),
        requester_name: Some("Dana Phoned-In".to_owned()),
        channel: Some(domain::ticket_types::Channel::Phone),
        ..Default::default()
    };
    commands::create(db, agent, input).await?;
    Ok(())
}

/// Visits for the partner's technician, who sees only the Field service team's tickets.
const FIELD_SERVICE: [(&str, &str, &str); 2] = [
    ("Printer on the third floor jams every morning", "It jams on the first job of the day.", "wile@acme.example"),
    ("Badge reader at the loading dock is dead", "No light, no beep; the door stays locked.", "hank@globex.example"),
];

async fn field_service(
    db: &DatabaseConnection,
    agent: &Actor,
    teams: &[domain::ticket_types::OptionView],
) -> Result<(), DomainError> {
    let team_id = teams.iter().find(|t| t.name == crate::demo::SCOPED_TEAM).map(|t| t.id);
    for (subject, body, requester) in FIELD_SERVICE {
        let input = NewTicket {
            subject: subject.to_owned(),
            body: body.to_owned(),
            requester_email: Some(requester.to_owned()),
            channel: Some(domain::ticket_types::Channel::Phone),
            team_id,
            ..Default::default()
        };
        commands::create(db, agent, input).await?;
    }
    Ok(())
}

/// Seeds the demo tickets unless the desk has tickets already. Returns how many it wrote.
pub async fn seed(db: &DatabaseConnection) -> Result<usize, DomainError> {
    if ticket::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    crate::demo_sla::seed(db).await?;
    let mut customers = Vec::new();
    for email in CUSTOMERS {
        customers.push(actor(db, email).await?);
    }
    let mut agents = Vec::new();
    for email in AGENTS {
        agents.push(actor(db, email).await?);
    }
    let options = queries::options(db, &agents[0]).await?;
    let id_of =
        |list: &[domain::ticket_types::OptionView], name: &str| list.iter().find(|o| o.name == name).map(|o| o.id);
    let status_of = |category| options.statuses.iter().find(|s| s.category == category).map(|s| s.id);
    let fields = crate::demo_fields::define(db).await?;
    let mut dice = Dice(2026);
    let mut ages = Vec::with_capacity(DEMO_TICKETS);
    for n in 0..DEMO_TICKETS {
        let (category, team, subject, body, reply, follow_up) = STORIES[dice.roll(STORIES.len())];
        let customer = customers[dice.roll(customers.len())];
        let agent = agents[dice.roll(agents.len())];
        let category_id = id_of(&options.categories, category);
        let created = commands::create(
            db,
            &customer,
            NewTicket {
                subject: subject.to_owned(),
                body: body.to_owned(),
                category_id,
                fields: fields.as_ref().map(|f| f.customer_inputs(category_id, n)).unwrap_or_default(),
                ..Default::default()
            },
        )
        .await?;
        // Older tickets have gone further: most are solved or closed, recent ones still open.
        let age_hours = (n * 60 * 24 / DEMO_TICKETS) as i64;
        let stage = if age_hours < 24 {
            dice.roll(2)
        } else if age_hours < 24 * 7 {
            1 + dice.roll(3)
        } else {
            3 + dice.roll(2)
        };
        if stage >= 1 {
            let agent_id = agent.principal().map(|p| p.user_id);
            let changes = TicketChanges {
                assignee_id: Some(agent_id),
                team_id: Some(id_of(&options.teams, team)),
                priority_id: options.priorities.get(dice.roll(options.priorities.len())).map(|p| p.id),
                ..Default::default()
            };
            commands::update(db, &agent, created.id, changes).await?;
            if dice.roll(3) == 0 {
                commands::add_message(
                    db,
                    &agent,
                    created.id,
                    Visibility::Internal,
                    "Checked the logs; nothing unusual on our side.",
                )
                .await?;
            }
            // Most answers come with the time they took, on the day they were written.
            let day = (domain::clock::now() - Duration::hours(age_hours)).format("%Y-%m-%d").to_string();
            let time = (n % 4 != 3).then(|| EntryInput {
                duration: format!("{}m", 5 + n % 40),
                note: String::new(),
                worked_on: day,
            });
            commands::add_message_with_time(db, &agent, created.id, Visibility::Public, reply, Vec::new(), time)
                .await?;
        }
        if stage >= 2 {
            commands::add_message(db, &customer, created.id, Visibility::Public, follow_up).await?;
        }
        let last = match stage {
            2 => Some(StatusCategory::Pending),
            3 => Some(StatusCategory::Solved),
            4 => Some(StatusCategory::Closed),
            _ => None,
        };
        if let Some(fields) = fields.as_ref().filter(|f| stage >= 3 && f.has_cause(category_id, n)) {
            let cause = [(fields.cause, vec!["A driver update from the vendor; rolled back.".to_owned()])];
            custom_values::set(db, &agent, created.id, cause.into_iter().collect(), form_name).await?;
        }
        if let Some(status_id) = last.and_then(status_of) {
            commands::update(
                db,
                &agent,
                created.id,
                TicketChanges { status_id: Some(status_id), ..Default::default() },
            )
            .await?;
        }
        ages.push((created.id, age_hours));
    }
    backdate(db, &ages).await?;
    crate::demo_csat::seed(db).await?;
    phoned_in(db, &agents[0]).await?;
    field_service(db, &agents[0], &options.teams).await?;
    crate::demo_due_dates::seed(db).await?;
    crate::demo_outside::seed(db).await?;
    // Routing arrives after the history, so that it files only what comes next.
    crate::demo_routing::seed(db).await?;
    crate::demo_automations::seed(db).await?;
    // The clocks follow the back-dated history: met, breached and running ones.
    domain::sla::recompute::rebuild_all(db).await?;
    // The history's reactions run now, while the desk has no mailbox: the agents' bells fill,
    // and no mail about two months of made-up work waits for the first mailbox to be added.
    domain::jobs::registry::run_due_now(db).await?;
    Ok(DEMO_TICKETS + 3 + FIELD_SERVICE.len())
}

/// Moves each ticket, its messages and its events into the past, keeping their order and spacing
/// the moments they happened at up to 47 minutes apart, so the desk looks like two months of work.
async fn backdate(db: &DatabaseConnection, ages: &[(i64, i64)]) -> Result<(), DomainError> {
    let now = domain::clock::now();
    let txn = domain::db::begin_write(db).await?;
    for &(id, age_hours) in ages {
        let messages = ticket_message::Entity::find().filter(ticket_message::Column::TicketId.eq(id)).all(&txn).await?;
        let events = ticket_event::Entity::find().filter(ticket_event::Column::TicketId.eq(id)).all(&txn).await?;
        // One sequence in the order things happened, steps of up to 47 minutes, never past now.
        let mut order: Vec<(chrono::DateTime<Utc>, bool, usize)> =
            messages.iter().enumerate().map(|(i, m)| (m.created_at, false, i)).collect();
        order.extend(events.iter().enumerate().map(|(i, e)| (e.at, true, i)));
        order.sort();
        // What happened together (a ticket and its "opened" event, a reply and its status
        // change) stays together: one step per distinct moment.
        let mut moments: Vec<chrono::DateTime<Utc>> = order.iter().map(|(at, _, _)| *at).collect();
        moments.dedup();
        let available = age_hours * 60 + 5;
        let spacing = (available / (moments.len() as i64 + 1)).min(47);
        let start = now - Duration::minutes(available);
        let step = |i: usize| start + Duration::minutes(spacing * i as i64);
        let mut last = start;
        let mut first_response = None;
        for (original, is_event, index) in order {
            let at = step(moments.binary_search(&original).unwrap_or_default());
            last = last.max(at);
            if is_event {
                let mut row = events[index].clone().into_active_model();
                row.at = Set(at);
                row.update(&txn).await?;
            } else {
                let message = &messages[index];
                if first_response.is_none()
                    && message.author_kind == domain::reactions::AuthorKind::Agent
                    && message.visibility == domain::ticket_types::Visibility::Public
                {
                    first_response = Some(at);
                }
                let mut row = message.clone().into_active_model();
                row.created_at = Set(at);
                row.update(&txn).await?;
            }
        }
        if let Some(t) = ticket::Entity::find_by_id(id).one(&txn).await? {
            let solved = t.solved_at.is_some();
            let mut row = t.into_active_model();
            row.created_at = Set(start);
            row.updated_at = Set(last);
            row.solved_at = Set(solved.then_some(last));
            row.first_response_at = Set(first_response);
            row.update(&txn).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
