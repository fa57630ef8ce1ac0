//! `docket bench seed`: a large, deterministic desk for the load harness. On top of the demo
//! people and teams: 5,000 customers, 20 more agents, and N tickets over two years (the newest
//! 12% from the last 60 days, most of them still open; the rest solved or closed), each with a
//! description of about 700 bytes, an agent's reply on most handled tickets and a note on some.
//! 100 made-up keywords (`keyword`) each appear in about 1% of tickets; how long a ticket took
//! depends on its priority and category. Rows go in with multi-row inserts, search documents
//! included; then the knowledge base (`articles`: by default 10,000 articles for 100,000 tickets
//! and more), the demo's SLA policies and every ticket's clocks (from the history just written),
//! then the planner statistics are refreshed. Customers sign in with the demo password.

pub mod article_text;
mod articles;
pub mod fields;
pub mod mail;
mod options;
pub mod reports;
pub mod routing;
mod rows;
pub mod text;

pub use articles::default_count as default_articles;
pub use text::{KEYWORDS, Rng, keyword};

use crate::demo::{self, DEMO_PASSWORD};
use chrono::{DateTime, Duration, Utc};
use domain::{
    accounts::{NewUser, commands as accounts},
    api_tokens::{self, ApiScope},
    entities::{organization, ticket, user},
    error::DomainError,
    policy::{Actor, Principal},
    role::Role,
    search,
    ticket_types::StatusCategory,
    tickets::markdown,
};
use options::DeskOptions;
use rows::Rows;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Statement, Value,
};

pub const CUSTOMERS: usize = 5_000;
pub const AGENTS: usize = 20;
/// Tickets written per statement batch, and per transaction.
const BATCH: usize = 200;
const BATCHES_PER_TRANSACTION: usize = 20;
/// The share of tickets from the last 60 days; most of those are open.
const RECENT_SHARE: f64 = 0.12;
const RECENT_OPEN: f64 = 0.83;

/// What `seed` wrote.
#[derive(Debug, Default)]
pub struct Seeded {
    pub tickets: usize,
    pub messages: usize,
    pub open: usize,
    pub customers: usize,
    pub agents: usize,
    pub articles: usize,
    /// A write-scoped API token of `agent@example.com`, for the harness's API workloads.
    pub token: String,
}

/// The bench agents' email addresses (`bench-agent-01@example.com` …); their password is the demo's.
pub fn agent_email(n: usize) -> String {
    format!("bench-agent-{n:02}@example.com")
}

/// A bench customer's email address (`n` < 5,000); their password is the demo's.
pub fn customer_email(n: usize) -> String {
    format!("customer{n:04}@bench.example")
}

/// Seeds an empty database with `tickets` tickets and `default_articles(tickets)` articles.
/// `progress` hears the number of tickets written so far.
pub async fn seed(
    db: &DatabaseConnection,
    tickets: usize,
    progress: &mut (dyn FnMut(usize) + Send),
) -> Result<Seeded, DomainError> {
    seed_with_articles(db, tickets, default_articles(tickets), progress).await
}

/// Seeds an empty database with `tickets` tickets and `articles` knowledge-base articles.
pub async fn seed_with_articles(
    db: &DatabaseConnection,
    tickets: usize,
    articles: usize,
    progress: &mut (dyn FnMut(usize) + Send),
) -> Result<Seeded, DomainError> {
    if ticket::Entity::find().count(db).await? > 0 {
        return Err(DomainError::Conflict("The database already has tickets; seed an empty one".into()));
    }
    demo::seed(db).await?;
    let options = DeskOptions::load(db).await?;
    let agents = seed_agents(db, &options).await?;
    let customers = seed_customers(db).await?;
    let plan = Plan::new(&options, agents.clone(), customers, tickets)?;
    let mut seeded = Seeded { customers: CUSTOMERS, agents: AGENTS, ..Seeded::default() };
    let base_number = counter(db).await?;
    let mut ids = Ids { message: next_id(db, "ticket_messages").await?, event: next_id(db, "ticket_events").await? };
    let mut first = 1;
    while first <= tickets {
        let last = (first + BATCH * BATCHES_PER_TRANSACTION - 1).min(tickets);
        let txn = domain::db::begin_write(db).await?;
        let mut batch_start = first;
        while batch_start <= last {
            let batch_end = (batch_start + BATCH - 1).min(last);
            let mut out = Tables::new(db.get_database_backend());
            for id in batch_start..=batch_end {
                let written = plan.ticket(id, base_number, &mut ids, &mut out)?;
                seeded.messages += written.messages;
                seeded.open += usize::from(written.open);
            }
            out.flush(&txn).await?;
            batch_start = batch_end + 1;
        }
        txn.commit().await?;
        seeded.tickets = last;
        progress(last);
        first = last + 1;
    }
    seeded.articles = articles::seed(db, articles).await?;
    // Service levels as the demo has them, measured from the history just written.
    crate::demo_sla::seed(db).await?;
    domain::sla::recompute::rebuild_all(db).await?;
    finish(db, base_number + tickets as i64).await?;
    seeded.token = token(db).await?;
    Ok(seeded)
}

async fn seed_agents(db: &DatabaseConnection, options: &DeskOptions) -> Result<Vec<i64>, DomainError> {
    let team_ids = &options.teams;
    let mut ids = Vec::new();
    for n in 1..=AGENTS {
        let input = NewUser {
            name: format!("Bench Agent {n:02}"),
            email: agent_email(n),
            password: DEMO_PASSWORD.into(),
            role: Role::Agent,
            organization_id: None,
        };
        let agent = accounts::create_user(db, &Actor::System, input).await?;
        if let Some(&team) = team_ids.get(n % team_ids.len().max(1)) {
            domain::teams::commands::add_member(db, &Actor::System, team, agent.id).await?;
        }
        ids.push(agent.id);
    }
    // The demo agents work the bench desk too, so their own queues are full.
    for email in
        ["agent@example.com", "sam.rivera@example.com", "priya.natarajan@example.com", "jordan.lee@example.com"]
    {
        if let Some(agent) = domain::accounts::queries::find_by_email(db, email).await? {
            ids.push(agent.id);
        }
    }
    Ok(ids)
}

/// A bench customer: user id, organization, and the number in their name and address.
#[derive(Clone, Copy)]
struct Customer {
    id: i64,
    organization: Option<i64>,
    n: usize,
}

/// The customers; one in ten belongs to a demo organization.
async fn seed_customers(db: &DatabaseConnection) -> Result<Vec<Customer>, DomainError> {
    let organizations: Vec<i64> = organization::Entity::find().all(db).await?.into_iter().map(|o| o.id).collect();
    let first_id = next_id(db, "users").await?;
    let now = domain::clock::now();
    // One hash of the demo password for all: hashing is slow on purpose, 5,000 times would take minutes.
    let password_hash = domain::accounts::password::hash(DEMO_PASSWORD.into()).await?;
    let txn = domain::db::begin_write(db).await?;
    let mut out = Rows::new(
        "users",
        "id, email, name, password_hash, role, organization_id, active, created_at, updated_at",
        "(?, ?, ?, ?, 'customer', ?, ?, ?, ?)",
    );
    let mut customers = Vec::with_capacity(CUSTOMERS);
    for n in 0..CUSTOMERS {
        let id = first_id + n as i64;
        let organization =
            (n % 10 == 0 && !organizations.is_empty()).then(|| organizations[n / 10 % organizations.len()]);
        out.push(vec![
            id.into(),
            customer_email(n).into(),
            format!("Customer {n:04}").into(),
            password_hash.clone().into(),
            organization.into(),
            true.into(),
            now.into(),
            now.into(),
        ])?;
        customers.push(Customer { id, organization, n });
        if out.len() == BATCH * 2 {
            out.flush(&txn).await?;
        }
    }
    out.flush(&txn).await?;
    txn.commit().await?;
    Ok(customers)
}

/// The next free id of a table (ids are written explicitly, then the sequences are moved on).
async fn next_id(db: &impl ConnectionTrait, table: &str) -> Result<i64, DomainError> {
    let sql = format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}");
    let row =
        db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await?.ok_or(DomainError::Internal)?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

async fn counter(db: &impl ConnectionTrait) -> Result<i64, DomainError> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT value FROM counters WHERE name = 'ticket_number'",
        ))
        .await?
        .ok_or(DomainError::Internal)?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

/// Moves the ticket counter and PostgreSQL's id sequences past the written rows, then refreshes
/// the planner statistics and compacts SQLite's search index.
async fn finish(db: &DatabaseConnection, last_number: i64) -> Result<(), DomainError> {
    let backend = db.get_database_backend();
    let run = |sql: String| db.execute_raw(Statement::from_string(backend, sql));
    run(format!("UPDATE counters SET value = {last_number} WHERE name = 'ticket_number'")).await?;
    match backend {
        DbBackend::Postgres => {
            for table in ["users", "tickets", "ticket_messages", "ticket_events"] {
                run(format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
                ))
                .await?;
            }
            run("ANALYZE".into()).await?;
        }
        _ => {
            run("INSERT INTO ticket_search (ticket_search) VALUES ('optimize')".into()).await?;
            run("ANALYZE".into()).await?;
        }
    }
    Ok(())
}

async fn token(db: &DatabaseConnection) -> Result<String, DomainError> {
    let agent = user::Entity::find()
        .filter(user::Column::Email.eq("agent@example.com"))
        .order_by_asc(user::Column::Id)
        .one(db)
        .await?
        .ok_or(DomainError::Internal)?;
    let actor = Actor::User(Principal { user_id: agent.id, role: Role::Agent, organization_id: None });
    let input =
        api_tokens::commands::NewToken { name: "Load harness".into(), scope: ApiScope::Write, expires_in_days: None };
    Ok(api_tokens::commands::create(db, &actor, input).await?.secret)
}

/// The next message and event ids.
struct Ids {
    message: i64,
    event: i64,
}

/// The rows of one batch, written parents first.
struct Tables {
    tickets: Rows,
    messages: Rows,
    events: Rows,
    search: Rows,
}

impl Tables {
    fn new(backend: DbBackend) -> Self {
        let search_row = match backend {
            DbBackend::Postgres => {
                "(?, setweight(to_tsvector('simple', ?), 'A') || to_tsvector('simple', ?), to_tsvector('simple', ?))"
            }
            _ => "(?, ? || char(10) || ?, ?)",
        };
        let search_columns = match backend {
            DbBackend::Postgres => "ticket_id, public_doc, internal_doc",
            _ => "rowid, public_doc, internal_doc",
        };
        Tables {
            tickets: Rows::new(
                "tickets",
                "id, number, subject, requester_id, organization_id, channel, status_id, priority_id, category_id, \
                 team_id, assignee_id, tags, created_at, updated_at, first_response_at, solved_at",
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ),
            messages: Rows::new(
                "ticket_messages",
                "id, ticket_id, author_id, author_kind, visibility, channel, body, body_html, created_at",
                "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ),
            events: Rows::new(
                "ticket_events",
                "id, ticket_id, actor_id, at, field, old_value, new_value",
                "(?, ?, ?, ?, ?, ?, ?)",
            ),
            search: Rows::new("ticket_search", search_columns, search_row),
        }
    }

    async fn flush(&mut self, db: &impl ConnectionTrait) -> Result<(), DomainError> {
        self.tickets.flush(db).await?;
        self.messages.flush(db).await?;
        self.events.flush(db).await?;
        self.search.flush(db).await
    }
}

/// What one generated ticket added.
struct Written {
    messages: usize,
    open: bool,
}

/// The fixed choices every ticket draws from.
struct Plan {
    now: DateTime<Utc>,
    total: usize,
    recent_from: usize,
    new_status: i64,
    open_status: i64,
    pending_status: i64,
    solved_status: (i64, String),
    closed_status: (i64, String),
    priorities: Vec<i64>,
    categories: Vec<i64>,
    teams: Vec<i64>,
    agents: Vec<i64>,
    customers: Vec<Customer>,
    prefix: String,
}

/// How long tickets take, by priority (by rank: low to urgent) and by category (by name,
/// cycling), as a multiple of the usual: the desk's history has a shape breach prediction can
/// learn, as real desks do (urgent tickets are handled faster, some kinds of request take longer).
const PACE_BY_PRIORITY: [f64; 4] = [1.5, 1.0, 0.7, 0.35];
const PACE_BY_CATEGORY: [f64; 6] = [1.3, 0.8, 1.0, 0.6, 1.5, 0.9];
const PACE_WITHOUT_CATEGORY: f64 = 1.1;

const CHANNELS: [&str; 10] = ["web", "web", "web", "web", "web", "email", "email", "email", "api", "phone"];
const TAGS: [&str; 6] = [r#"["vip"]"#, r#"["vpn"]"#, r#"["billing","refund"]"#, r#"["outage"]"#, r#"["mobile"]"#, "[]"];

impl Plan {
    fn new(
        options: &DeskOptions,
        agents: Vec<i64>,
        customers: Vec<Customer>,
        total: usize,
    ) -> Result<Plan, DomainError> {
        let first = |category| options.first_status(category).map(|(id, _)| id);
        Ok(Plan {
            now: domain::clock::now(),
            total,
            recent_from: total - ((total as f64) * RECENT_SHARE).round() as usize,
            new_status: first(StatusCategory::New)?,
            open_status: first(StatusCategory::Open)?,
            pending_status: first(StatusCategory::Pending)?,
            solved_status: options.first_status(StatusCategory::Solved)?,
            closed_status: options.first_status(StatusCategory::Closed)?,
            priorities: options.priorities.clone(),
            categories: options.categories.clone(),
            teams: options.teams.clone(),
            agents,
            customers,
            prefix: options.prefix.clone(),
        })
    }

    /// When ticket `id` was opened: the oldest 88% spread over the 670 days before the last 60,
    /// the newest 12% over the last 60 days, in id order.
    fn created_at(&self, id: usize, rng: &mut Rng) -> DateTime<Utc> {
        let jitter = Duration::seconds(rng.below(600) as i64);
        if id > self.recent_from {
            let share = (id - self.recent_from) as f64 / (self.total - self.recent_from).max(1) as f64;
            self.now - Duration::days(60) + Duration::seconds((share * 60.0 * 86_400.0) as i64) - jitter
        } else {
            let share = id as f64 / self.recent_from.max(1) as f64;
            self.now - Duration::days(730) + Duration::seconds((share * 670.0 * 86_400.0) as i64) - jitter
        }
    }

    /// How long a ticket of this priority and category takes, as a multiple of the usual.
    fn pace(&self, priority: i64, category: Option<i64>) -> f64 {
        let by_priority = self.priorities.iter().position(|p| *p == priority).map_or(1.0, |i| {
            let scaled = i * PACE_BY_PRIORITY.len() / self.priorities.len().max(1);
            PACE_BY_PRIORITY[scaled.min(PACE_BY_PRIORITY.len() - 1)]
        });
        let by_category = category
            .and_then(|c| self.categories.iter().position(|x| *x == c))
            .map_or(PACE_WITHOUT_CATEGORY, |i| PACE_BY_CATEGORY[i % PACE_BY_CATEGORY.len()]);
        by_priority * by_category
    }

    fn ticket(&self, id: usize, base_number: i64, ids: &mut Ids, out: &mut Tables) -> Result<Written, DomainError> {
        let mut rng = Rng::new(id as u64);
        let created = self.created_at(id, &mut rng);
        let recent = id > self.recent_from;
        let open = recent && rng.chance(RECENT_OPEN);
        let (status, closing) = match (open, recent) {
            (true, _) => (*rng.pick(&[self.new_status, self.open_status, self.open_status, self.pending_status]), None),
            (false, true) => (self.solved_status.0, Some(&self.solved_status.1)),
            (false, false) => (self.closed_status.0, Some(&self.closed_status.1)),
        };
        let handled = status != self.new_status;
        let customer = *rng.pick(&self.customers);
        let (requester, organization) = (customer.id, customer.organization);
        let priority = *rng.pick(&[0, 1, 1, 1, 1, 1, 2, 2, 2, 3].map(|i| self.priorities[i % self.priorities.len()]));
        let category = (!self.categories.is_empty() && rng.chance(0.9)).then(|| *rng.pick(&self.categories));
        let team = (!self.teams.is_empty() && handled).then(|| *rng.pick(&self.teams));
        let assignee = handled.then(|| *rng.pick(&self.agents));
        let channel = *rng.pick(&CHANNELS);
        let keywords: Vec<String> = (0..KEYWORDS).filter(|_| rng.chance(0.01)).map(keyword).collect();
        let (product, problem) = text::problem(&mut rng);
        let subject = text::subject_of(product, problem);
        // Mostly filed as alike problems are (four in five by category, seven in ten by priority).
        let (usual_category, usual_priority) = text::typical(problem);
        let category = match category {
            Some(_) if rng.chance(0.8) => Some(self.categories[usual_category % self.categories.len()]),
            other => other,
        };
        let priority = if rng.chance(0.7) { self.priorities[usual_priority % self.priorities.len()] } else { priority };
        let description = text::description(&mut rng, &keywords);
        let replied = handled && rng.chance(0.6);
        let noted = handled && rng.chance(0.1);
        let age = (self.now - created).num_seconds().max(1) as u64;
        let pace = self.pace(priority, category);
        let paced = |seconds: u64| (seconds as f64 * pace) as u64;
        let first_response =
            replied.then(|| created + Duration::seconds((300 + paced(rng.below(8 * 3_600))).min(age) as i64));
        let updated = match closing {
            Some(_) => created + Duration::seconds((3_600 + paced(rng.below(5 * 86_400))).min(age) as i64),
            None => created + Duration::seconds(rng.below(age.min(3 * 86_400)) as i64),
        };
        let updated = updated.max(first_response.unwrap_or(created));
        let number = base_number + id as i64;
        let tags = *rng.pick(&TAGS);
        let id = id as i64;
        out.tickets.push(vec![
            id.into(),
            number.into(),
            subject.clone().into(),
            requester.into(),
            organization.into(),
            channel.into(),
            status.into(),
            priority.into(),
            category.into(),
            team.into(),
            assignee.into(),
            tags.into(),
            created.into(),
            updated.into(),
            first_response.into(),
            closing.map(|_| updated).into(),
        ])?;
        let mut public_text = description.clone();
        let mut message = |author: Option<i64>, kind: &str, visibility: &str, body: String, at: DateTime<Utc>| {
            let html = markdown::render(&body);
            let row = vec![
                ids.message.into(),
                id.into(),
                author.into(),
                kind.into(),
                visibility.into(),
                channel.into(),
                body.into(),
                html.into(),
                at.into(),
            ];
            ids.message += 1;
            out.messages.push(row)
        };
        message(Some(requester), "customer", "public", description, created)?;
        let mut count = 1;
        let mut notes = String::new();
        if noted {
            let note = format!("Internal: checked the account, see the {} runbook.", text::subject(&mut rng));
            notes.push_str(&note);
            message(assignee, "agent", "internal", note, created + Duration::minutes(2))?;
            count += 1;
        }
        if let Some(at) = first_response {
            let reply = text::reply(&mut rng);
            public_text.push('\n');
            public_text.push_str(&reply);
            message(assignee, "agent", "public", reply, at)?;
            count += 1;
        }
        let mut event = |field: &str, old: Option<String>, new: Option<String>, at: DateTime<Utc>| {
            let actor = if field == "created" { Some(requester) } else { assignee };
            let row = vec![ids.event.into(), id.into(), actor.into(), at.into(), field.into(), old.into(), new.into()];
            ids.event += 1;
            out.events.push(row)
        };
        event("created", None, Some(format!("{}-{number}", self.prefix)), created)?;
        if let Some(name) = closing {
            event("status", Some("Open".into()), Some(name.clone()), updated)?;
        }
        let people = search::person_text(&format!("Customer {:04}", customer.n), &customer_email(customer.n));
        out.search.push(vec![
            id.into(),
            subject.into(),
            format!("{people}\n{public_text}").into(),
            Value::from(notes),
        ])?;
        Ok(Written { messages: count, open })
    }
}
