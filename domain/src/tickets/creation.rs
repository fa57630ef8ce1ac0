//! Opening a ticket: checks and reads first (`prepare`), then the writes in one transaction
//! (`write`): the requester (made a customer if new), the number, the ticket, its description
//! with attachments, its search document, the history event and the live event. `create` commits
//! on its own; `create_queued` shares a commit with other writes (group commit).

use super::{
    lifecycle::Side,
    markdown,
    writing::{Changed, HistoryLine, NewTicket, check_body, check_subject, insert_message, side},
};
use crate::{
    accounts,
    attachments::{self, store::StoredFile},
    custom_fields::{
        self,
        catalog::Fields,
        input::form_name,
        types::{FieldDefinition, FieldValue, Filler},
    },
    desk_config::Config,
    entities::{ticket, user},
    error::DomainError,
    group_commit::GroupCommit,
    live,
    policy::{Action, Actor, authorize},
    reactions::{self, Happened, TicketEvent},
    routing, search, ticket_access,
    ticket_types::{Channel, StatusCategory, Visibility},
    validation::{Checks, Email},
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityTrait, Set, Statement,
};

/// Opens a ticket in a transaction of its own.
pub async fn create(db: &DatabaseConnection, actor: &Actor, input: NewTicket) -> Result<Changed, DomainError> {
    let ready = prepare(db, actor, input).await?;
    let txn = crate::db::begin_write(db).await?;
    let changed = write(&txn, *actor, ready).await?.changed;
    live::commit(txn).await?;
    Ok(changed)
}

/// Opens a ticket in the next shared transaction of `writes`: the same checks, rows and events
/// as `create`, acknowledged when the shared commit is durable.
pub async fn create_queued(writes: &GroupCommit, actor: &Actor, input: NewTicket) -> Result<Changed, DomainError> {
    let ready = prepare(writes.db(), actor, input).await?;
    let actor = *actor;
    writes.run(move |txn| Box::pin(async move { Ok(write(txn, actor, ready).await?.changed) })).await
}

/// A ticket just opened: its row and its first message.
pub struct Opened {
    pub changed: Changed,
    pub ticket: ticket::Model,
    pub message_id: i64,
}

/// Opens a ticket inside the caller's transaction (mail ingest, whose log row shares it).
pub async fn create_in(txn: &DatabaseTransaction, actor: &Actor, input: NewTicket) -> Result<Opened, DomainError> {
    let ready = prepare(txn, actor, input).await?;
    write(txn, *actor, ready).await
}

/// A checked request, with everything the writes need.
struct Ready {
    subject: String,
    body: String,
    body_html: String,
    requester_email: Option<Email>,
    requester_name: Option<String>,
    channel: Channel,
    category_id: Option<i64>,
    priority_id: i64,
    status_id: i64,
    prefix: String,
    staff: bool,
    attachments: Vec<StoredFile>,
    quiet: bool,
    team_id: Option<i64>,
    /// When it was asked for (a queued write may run a moment later).
    at: chrono::DateTime<Utc>,
    /// The mailbox it came through (name and address, lower-cased).
    mailbox: Option<(String, String)>,
    /// The team and category were chosen by the person asking (a customer's category, fields
    /// an agent set), not defaults (a mailbox's): routing rules keep them.
    chosen: bool,
    /// An agent chose the priority.
    priority_chosen: bool,
    /// Custom-field values, checked.
    fields: Vec<(FieldDefinition, FieldValue)>,
    config: Config,
}

impl Ready {
    /// What routing reads of the request.
    fn as_request<'a>(&'a self, requester: &'a user::Model) -> routing::creation::Request<'a> {
        routing::creation::Request {
            subject: &self.subject,
            body: &self.body,
            channel: self.channel,
            organization_id: requester.organization_id,
            mailbox: self.mailbox.clone(),
            team_id: self.team_id,
            category_id: self.category_id,
            priority_id: self.priority_id,
            chosen: self.chosen,
            priority_chosen: self.priority_chosen,
            custom: self.fields.iter().map(|(field, value)| (field.id, value.clone())).collect(),
        }
    }
}

async fn prepare(db: &impl ConnectionTrait, actor: &Actor, input: NewTicket) -> Result<Ready, DomainError> {
    authorize(actor, Action::CreateTicket)?;
    let config = Config::load(db).await?;
    let staff = side(actor) == Side::Staff;
    let mut checks = Checks::new();
    let subject = checks.check("subject", check_subject(&input.subject));
    let body = checks.check("body", check_body(&input.body));
    if let Some(id) = input.category_id
        && !config.categories.iter().any(|c| c.id == id && c.active)
    {
        checks.add("category_id", "Choose one of the categories");
    }
    let priority_id = match input.priority_id {
        Some(id) if staff && config.priorities.iter().any(|p| p.id == id && p.active) => Some(id),
        Some(_) if staff => {
            checks.add("priority_id", "Choose one of the priorities");
            None
        }
        _ => None,
    };
    let fields = custom_field_values(db, &input, staff, &mut checks).await?;
    let requester_email = if staff {
        checks.check("requester_email", Email::parse(input.requester_email.as_deref().unwrap_or_default()))
    } else {
        None
    };
    checks.finish()?;
    let (Some(subject), Some(body)) = (subject, body) else { return Err(DomainError::Internal) };
    if requester_email.is_none() && !matches!(actor, Actor::User(_)) {
        return Err(DomainError::field("requester_email", "Name the customer who asked"));
    }
    Ok(Ready {
        body_html: input.body_html.unwrap_or_else(|| markdown::render(&body)),
        subject,
        body,
        requester_email,
        requester_name: input.requester_name,
        channel: input.channel.unwrap_or(if staff { Channel::Phone } else { Channel::Web }),
        category_id: input.category_id,
        priority_id: priority_id.map_or_else(|| config.default_priority(), Ok)?,
        status_id: config.first_status(StatusCategory::New)?,
        prefix: config.prefix.clone(),
        staff,
        attachments: input.attachments,
        quiet: input.quiet,
        team_id: input.team_id.filter(|id| config.teams.iter().any(|t| t.id == *id)),
        at: crate::clock::now(),
        mailbox: input.mailbox,
        chosen: input.channel != Some(Channel::Email),
        priority_chosen: priority_id.is_some(),
        fields,
        config,
    })
}

/// The custom-field values of a new request: a customer fills their category's form (its
/// required fields must be there), staff any active field. Inputs of other fields are left
/// out: the form holds every category's fields and shows the chosen one's, so the others come
/// along. Field errors go under `field_<id>`.
async fn custom_field_values(
    db: &impl ConnectionTrait,
    input: &NewTicket,
    staff: bool,
    checks: &mut Checks,
) -> Result<Vec<(FieldDefinition, FieldValue)>, DomainError> {
    let catalog = Fields::load(db).await?;
    let offered: Vec<&FieldDefinition> =
        if staff { catalog.active().collect() } else { catalog.form(input.category_id) };
    let filler = (!staff).then_some(Filler::Customer);
    let read = custom_fields::input::read_all(&offered, &input.fields, filler, form_name, checks);
    Ok(read.into_iter().filter_map(|(field, value)| value.map(|v| (field.clone(), v))).collect())
}

async fn write(txn: &DatabaseTransaction, actor: Actor, ready: Ready) -> Result<Opened, DomainError> {
    let now = ready.at;
    let requester: user::Model = match (&actor, &ready.requester_email) {
        (_, Some(email)) => {
            accounts::commands::find_or_create_customer(txn, &actor, email, ready.requester_name.as_deref()).await?
        }
        (Actor::User(p), None) => {
            user::Entity::find_by_id(p.user_id).one(txn).await?.ok_or(DomainError::Unauthenticated)?
        }
        _ => return Err(DomainError::field("requester_email", "Name the customer who asked")),
    };
    let routed = routing::creation::route_new(txn, &ready.config, &ready.as_request(&requester)).await?;
    // An agent kept to their teams' tickets files what they log under one of their teams, so
    // that it stays within their reach.
    let team_id = match (routed.team_id, ticket_access::reach(txn, &actor).await?) {
        (None, crate::policy::Reach::Teams { teams, .. }) => teams.first().copied(),
        (team_id, _) => team_id,
    };
    let decision = routing::creation::choose_agent(txn, &ready.config, team_id, &routed, now).await?;
    let number = next_number(txn).await?;
    let reference = format!("{}-{number}", ready.prefix);
    let row = ticket::ActiveModel {
        number: Set(number),
        subject: Set(ready.subject),
        requester_id: Set(requester.id),
        organization_id: Set(requester.organization_id),
        channel: Set(ready.channel),
        status_id: Set(ready.status_id),
        priority_id: Set(routed.priority_id),
        category_id: Set(routed.category_id),
        team_id: Set(team_id),
        assignee_id: Set(decision.as_ref().and_then(routing::creation::Chosen::assignee)),
        tags: Set(serde_json::to_string(&routed.tags).map_err(|_| DomainError::Internal)?),
        required_skills: Set(serde_json::to_string(&routed.skills).map_err(|_| DomainError::Internal)?),
        created_at: Set(now),
        updated_at: Set(now),
        first_response_at: Set(None),
        solved_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    crate::api_tokens::idempotency::made(crate::api_tokens::idempotency::Resource::Ticket(row.id));
    // The description is the requester's words, whoever typed them in.
    let author = if ready.staff { actor_for(&requester) } else { actor };
    search::index_ticket(txn, row.id, &row.subject, &requester.name, &requester.email, &ready.body).await?;
    let message_id =
        insert_message(txn, row.id, &author, Visibility::Public, ready.channel, ready.body, ready.body_html, now)
            .await?;
    let fields: Vec<(&FieldDefinition, FieldValue)> = ready.fields.iter().map(|(f, v)| (f, v.clone())).collect();
    custom_fields::values::insert_all(txn, row.id, &fields).await?;
    let uploader = actor.principal().map(|p| p.user_id);
    attachments::records::attach(txn, row.id, message_id, uploader, &ready.attachments, now).await?;
    let created = vec![HistoryLine::new(&actor, "created", reference.clone())];
    let assigned = routing::creation::explain(txn, &routed, &row, decision, created, now).await?;
    let facts = ticket_access::facts(txn, &row).await?;
    // Staff log calls and mail ingest acknowledges on its own: only web requests are acknowledged here.
    let created = TicketEvent::Created {
        channel: ready.channel,
        first_message_id: message_id,
        quiet: ready.staff || ready.quiet,
    };
    let mut happened = Happened::new(&row, facts, &actor, now).with(created);
    if let Some(to) = assigned {
        happened = happened.with(TicketEvent::Assigned { from: None, to: Some(to) });
    }
    reactions::emit(txn, &happened).await?;
    Ok(Opened { changed: Changed { id: row.id, reference }, ticket: row, message_id })
}

/// Takes the next ticket number atomically (a row lock on PostgreSQL, the write lock on SQLite).
async fn next_number(txn: &DatabaseTransaction) -> Result<i64, DomainError> {
    let backend = txn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value",
        _ => "UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value",
    };
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, ["ticket_number".into()]))
        .await?
        .ok_or(DomainError::Internal)?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

fn actor_for(user: &user::Model) -> Actor {
    Actor::User(crate::accounts::queries::principal_of(user))
}
