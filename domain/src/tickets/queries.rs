//! Reading tickets: a customer's requests, the agents' queues with their counts, one ticket
//! with its timeline, and the options that ticket forms offer.

use super::{deliveries, lookup};
use crate::{
    accounts::people::{people, person, role_of},
    desk_config::Config,
    entities::{team_member, ticket, ticket_event, ticket_message, user},
    error::DomainError,
    policy::{Action, Actor, TicketAction, authorize, can_on_ticket},
    role::Role,
    ticket_access,
    ticket_types::{
        EventView, MessageView, OptionView, Queue, StatusCategory, TicketOptions, TicketSummary, TicketView,
        TimelineEntry, Visibility,
    },
    views::Page,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: u64 = 25;
/// How many of the requester's other tickets a ticket page shows.
pub const OTHER_TICKETS: u64 = 10;

/// Where the next page starts: after this (updated_at, id), newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub updated_at: DateTime<Utc>,
    pub id: i64,
}

impl Cursor {
    /// `updated-at-nanos.id`, safe in a URL.
    pub fn encode(&self) -> String {
        format!("{}.{}", super::filtering::nanos(self.updated_at), self.id)
    }

    pub fn decode(text: &str) -> Option<Cursor> {
        let (nanos, id) = text.split_once('.')?;
        Some(Cursor { updated_at: DateTime::from_timestamp_nanos(nanos.parse().ok()?), id: id.parse().ok()? })
    }
}

fn page_of(select: Select<ticket::Entity>, after: Option<Cursor>) -> Select<ticket::Entity> {
    let select =
        match after {
            Some(c) => select.filter(Condition::any().add(ticket::Column::UpdatedAt.lt(c.updated_at)).add(
                Condition::all().add(ticket::Column::UpdatedAt.eq(c.updated_at)).add(ticket::Column::Id.lt(c.id)),
            )),
            None => select,
        };
    select.order_by_desc(ticket::Column::UpdatedAt).order_by_desc(ticket::Column::Id).limit(PAGE_SIZE + 1)
}

async fn finish(
    db: &impl ConnectionTrait,
    config: &Config,
    mut rows: Vec<ticket::Model>,
    staff: bool,
) -> Result<Page<TicketSummary>, DomainError> {
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let next = more.then(|| rows.last().map(|t| Cursor { updated_at: t.updated_at, id: t.id }.encode())).flatten();
    let mut items = lookup::summaries(db, config, rows).await?;
    // Staff lists show the fields admins put in lists; customers' never do.
    if staff {
        crate::custom_fields::columns::fill(db, &mut items).await?;
    }
    Ok(Page { items, next_cursor: next })
}

/// The requests a customer may see: their own, and their organization's when it shares them.
pub async fn for_customer(
    db: &impl ConnectionTrait,
    actor: &Actor,
    after: Option<Cursor>,
) -> Result<Page<TicketSummary>, DomainError> {
    authorize(actor, Action::UsePortal)?;
    let principal = actor.principal().ok_or(DomainError::Unauthenticated)?;
    let config = Config::load(db).await?;
    let mut scope = Condition::any().add(ticket::Column::RequesterId.eq(principal.user_id));
    if let Some(org) = principal.organization_id {
        let shares =
            crate::entities::organization::Entity::find_by_id(org).one(db).await?.is_some_and(|o| o.shares_tickets);
        if shares {
            scope = scope.add(ticket::Column::OrganizationId.eq(org));
        }
    }
    let rows = page_of(ticket::Entity::find().filter(scope), after).all(db).await?;
    finish(db, &config, rows, false).await
}

async fn queue_filter(
    db: &impl ConnectionTrait,
    config: &Config,
    user_id: i64,
    queue: Queue,
) -> Result<Condition, DomainError> {
    let active = config.status_ids(StatusCategory::is_active);
    Ok(match queue {
        Queue::MyOpen => {
            Condition::all().add(ticket::Column::AssigneeId.eq(user_id)).add(ticket::Column::StatusId.is_in(active))
        }
        Queue::Unassigned => {
            Condition::all().add(ticket::Column::AssigneeId.is_null()).add(ticket::Column::StatusId.is_in(active))
        }
        Queue::MyTeams => {
            let teams: Vec<i64> = team_member::Entity::find()
                .filter(team_member::Column::UserId.eq(user_id))
                .all(db)
                .await?
                .into_iter()
                .map(|m| m.team_id)
                .collect();
            Condition::all().add(ticket::Column::TeamId.is_in(teams)).add(ticket::Column::StatusId.is_in(active))
        }
        Queue::AllOpen => Condition::all().add(ticket::Column::StatusId.is_in(active)),
        Queue::Pending => {
            Condition::all().add(ticket::Column::StatusId.is_in(config.status_ids(|c| c == StatusCategory::Pending)))
        }
        Queue::RecentlySolved => Condition::all()
            .add(ticket::Column::StatusId.is_in(config.status_ids(|c| c == StatusCategory::Solved)))
            .add(ticket::Column::SolvedAt.gt(crate::clock::now() - chrono::Duration::days(7))),
    })
}

/// `filter`, narrowed to the tickets `actor` reaches.
async fn within_reach(db: &impl ConnectionTrait, actor: &Actor, filter: Condition) -> Result<Condition, DomainError> {
    Ok(match ticket_access::reach_condition(&ticket_access::reach(db, actor).await?) {
        Some(within) => filter.add(within),
        None => filter,
    })
}

pub async fn queue(
    db: &impl ConnectionTrait,
    actor: &Actor,
    queue: Queue,
    after: Option<Cursor>,
) -> Result<Page<TicketSummary>, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let user_id = actor.principal().map_or(0, |p| p.user_id);
    let config = Config::load(db).await?;
    let filter = within_reach(db, actor, queue_filter(db, &config, user_id, queue).await?).await?;
    let rows = page_of(ticket::Entity::find().filter(filter), after).all(db).await?;
    finish(db, &config, rows, true).await
}

/// A queue in order of the next SLA due time (tickets without one last).
pub async fn queue_by_due(
    db: &impl ConnectionTrait,
    actor: &Actor,
    queue: Queue,
    after: Option<super::due_order::DueCursor>,
) -> Result<Page<TicketSummary>, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let user_id = actor.principal().map_or(0, |p| p.user_id);
    let config = Config::load(db).await?;
    let filter = within_reach(db, actor, queue_filter(db, &config, user_id, queue).await?).await?;
    let (rows, next) = super::due_order::page(db, ticket::Entity::find().filter(filter), after, PAGE_SIZE).await?;
    let mut items = lookup::summaries(db, &config, rows).await?;
    crate::custom_fields::columns::fill(db, &mut items).await?;
    Ok(Page { items, next_cursor: next.map(super::due_order::DueCursor::encode) })
}

/// Every queue with the number of tickets in it.
pub async fn queue_counts(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<(Queue, u64)>, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let user_id = actor.principal().map_or(0, |p| p.user_id);
    let config = Config::load(db).await?;
    let mut counts = Vec::with_capacity(Queue::ALL.len());
    let reach = ticket_access::reach_condition(&ticket_access::reach(db, actor).await?);
    for queue in Queue::ALL {
        let mut filter = queue_filter(db, &config, user_id, queue).await?;
        if let Some(within) = reach.clone() {
            filter = filter.add(within);
        }
        counts.push((queue, ticket::Entity::find().filter(filter).count(db).await?));
    }
    Ok(counts)
}

/// One ticket with its conversation and history. Customers get public messages and status
/// changes only.
pub async fn get(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> Result<TicketView, DomainError> {
    let (row, facts) = ticket_access::visible_ticket(db, actor, id).await?;
    let sees_notes = can_on_ticket(actor, TicketAction::SeeNotes, &facts);
    let config = Config::load(db).await?;
    let mut messages = ticket_message::Entity::find().filter(ticket_message::Column::TicketId.eq(row.id));
    if !sees_notes {
        messages = messages.filter(ticket_message::Column::Visibility.eq(Visibility::Public));
    }
    let messages = messages.order_by_asc(ticket_message::Column::Id).all(db).await?;
    let mut events = ticket_event::Entity::find().filter(ticket_event::Column::TicketId.eq(row.id));
    if !sees_notes {
        events = events.filter(ticket_event::Column::Field.is_in(["created", "status"]));
    }
    let events = events.order_by_asc(ticket_event::Column::Id).all(db).await?;
    let ids = messages
        .iter()
        .filter_map(|m| m.author_id)
        .chain(events.iter().filter_map(|e| e.actor_id))
        .chain([row.requester_id])
        .chain(row.assignee_id)
        .collect();
    let people = people(db, ids).await?;
    let mut files = crate::attachments::records::by_message(db, messages.iter().map(|m| m.id).collect()).await?;
    let mut deliveries = if sees_notes {
        deliveries::deliveries(db, &messages.iter().map(|m| m.id).collect::<Vec<_>>()).await?
    } else {
        Default::default()
    };
    let mut timeline: Vec<(DateTime<Utc>, TimelineEntry)> = Vec::with_capacity(messages.len() + events.len());
    for m in messages {
        timeline.push((
            m.created_at,
            TimelineEntry::Message(MessageView {
                id: m.id,
                author_name: m.author_id.map_or_else(|| "Docket".into(), |id| person(&people, id).name),
                author_role: role_of(&people, m.author_id),
                visibility: m.visibility,
                channel: m.channel,
                body_html: m.body_html,
                attachments: files.remove(&m.id).unwrap_or_default(),
                deliveries: deliveries.remove(&m.id).unwrap_or_default(),
                created_at: m.created_at,
                outside_sender: m.outside_sender,
            }),
        ));
    }
    for e in events {
        timeline.push((
            e.at,
            TimelineEntry::Event(EventView {
                id: e.id,
                actor_name: e.actor_id.map_or_else(|| "Docket".into(), |id| person(&people, id).name),
                field: e.field,
                old_value: e.old_value,
                new_value: e.new_value,
                at: e.at,
            }),
        ));
    }
    // Stable: at equal times the message (written first) stays before its events.
    timeline.sort_by_key(|(at, _)| *at);
    let requester = people.get(&row.requester_id);
    let organization = match row.organization_id {
        Some(id) => crate::entities::organization::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| OptionView { id: o.id, name: o.name }),
        None => None,
    };
    // Tags are the agents' own labels.
    let tags: Vec<String> = if sees_notes { serde_json::from_str(&row.tags).unwrap_or_default() } else { Vec::new() };
    let channel = row.channel;
    let category = config.category(row.category_id);
    let (created_at, first_response_at, solved_at) = (row.created_at, row.first_response_at, row.solved_at);
    let requester_email = requester.map(|u| u.email.clone()).unwrap_or_default();
    let other_tickets = if sees_notes {
        let mine =
            Condition::all().add(ticket::Column::RequesterId.eq(row.requester_id)).add(ticket::Column::Id.ne(row.id));
        let others = ticket::Entity::find()
            .filter(within_reach(db, actor, mine).await?)
            .order_by_desc(ticket::Column::UpdatedAt)
            .limit(OTHER_TICKETS)
            .all(db)
            .await?;
        lookup::summaries(db, &config, others).await?
    } else {
        Vec::new()
    };
    let sla = if sees_notes { crate::sla::queries::for_ticket(db, &row).await? } else { None };
    let editable = can_on_ticket(actor, TicketAction::Edit, &facts);
    let fields = crate::custom_fields::queries::view_of(db, &row, sees_notes, editable).await?;
    let requester = actor.principal().is_some_and(|p| p.user_id == row.requester_id);
    let csat = if sees_notes || requester { crate::csat::surveys::view_of(db, row.id).await? } else { None };
    let time = if sees_notes { Some(crate::time_tracking::queries::view_of(db, actor, &row).await?) } else { None };
    let due_on = if sees_notes { row.due_on } else { None };
    // The people of this ticket are loaded already.
    let summary = lookup::summary_of(&config, &people, row)?;
    Ok(TicketView {
        summary,
        channel,
        category,
        organization,
        requester_email,
        tags,
        created_at,
        first_response_at,
        solved_at,
        timeline: timeline.into_iter().map(|(_, e)| e).collect(),
        other_tickets,
        sla,
        fields,
        time,
        csat,
        due_on,
    })
}

pub async fn options(db: &impl ConnectionTrait, actor: &Actor) -> Result<TicketOptions, DomainError> {
    authorize(actor, Action::CreateTicket)?;
    let config = Config::load(db).await?;
    let categories =
        config.categories.iter().filter(|c| c.active).map(|c| OptionView { id: c.id, name: c.name.clone() }).collect();
    if !actor.role().is_some_and(Role::is_staff) {
        return Ok(TicketOptions { statuses: vec![], priorities: vec![], categories, teams: vec![], agents: vec![] });
    }
    let agents = user::Entity::find()
        .filter(user::Column::Role.is_in(Role::STAFF))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|u| OptionView { id: u.id, name: u.name })
        .collect();
    Ok(TicketOptions {
        statuses: config.statuses.iter().filter(|s| s.active).map(|s| config.status(s.id)).collect::<Result<_, _>>()?,
        priorities: config
            .priorities
            .iter()
            .filter(|p| p.active)
            .map(|p| OptionView { id: p.id, name: p.name.clone() })
            .collect(),
        categories,
        teams: config.teams.iter().map(|t| OptionView { id: t.id, name: t.name.clone() }).collect(),
        agents,
    })
}
