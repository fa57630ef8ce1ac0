//! Links between tickets: agents add them by reference and remove them, and each change is
//! written to the history of both tickets. A ticket is never linked to itself, two tickets share
//! at most one link, a ticket has at most one parent, and parents never form a loop.

use super::writing::{Changed, event};
use crate::{
    desk_config::Config,
    entities::{ticket, ticket_link},
    error::DomainError,
    link_types::{LinkKind, Relation, parse_reference},
    live,
    policy::{Actor, TicketAction, can_on_ticket},
    reactions::{Happened, TicketEvent},
    ticket_access,
    ticket_types::StatusCategory,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend,
    EntityTrait, QueryFilter, Set, Statement,
};
use std::collections::HashSet;

/// The PostgreSQL advisory lock that serializes link changes, so that two concurrent changes
/// cannot together make a loop of parents. SQLite serializes writers by itself.
const LINKS_LOCK: i64 = 0x646b_745f_6c6e_6b73;

/// Takes the links lock for the rest of the transaction.
pub(super) async fn lock(txn: &DatabaseTransaction) -> Result<(), DomainError> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [LINKS_LOCK.into()],
        ))
        .await?;
    }
    Ok(())
}

/// The link between two tickets, in either direction, if there is one.
pub(super) async fn between(
    db: &impl ConnectionTrait,
    a: i64,
    b: i64,
) -> Result<Option<ticket_link::Model>, DomainError> {
    let forward =
        Condition::all().add(ticket_link::Column::TicketId.eq(a)).add(ticket_link::Column::OtherTicketId.eq(b));
    let backward =
        Condition::all().add(ticket_link::Column::TicketId.eq(b)).add(ticket_link::Column::OtherTicketId.eq(a));
    Ok(ticket_link::Entity::find().filter(Condition::any().add(forward).add(backward)).one(db).await?)
}

/// The relation a stored link has for `ticket_id`.
pub(super) fn relation_for(link: &ticket_link::Model, ticket_id: i64) -> Relation {
    let kind = link.kind;
    Relation::of_stored(kind, link.ticket_id == ticket_id)
}

async fn parent_of(db: &impl ConnectionTrait, child: i64) -> Result<Option<i64>, DomainError> {
    Ok(ticket_link::Entity::find()
        .filter(ticket_link::Column::TicketId.eq(child))
        .filter(ticket_link::Column::Kind.eq(LinkKind::ChildOf))
        .one(db)
        .await?
        .map(|l| l.other_ticket_id))
}

/// Refuses a second parent for `child`, and a parent that is already below `child`.
async fn check_parent(
    db: &impl ConnectionTrait,
    config: &Config,
    child: &ticket::Model,
    parent: &ticket::Model,
) -> Result<(), DomainError> {
    let child_ref = config.reference(child.number);
    if let Some(current) = parent_of(db, child.id).await? {
        let current = ticket::Entity::find_by_id(current).one(db).await?.ok_or(DomainError::Internal)?;
        let message = format!("{child_ref} already has a parent, {}", config.reference(current.number));
        return Err(DomainError::field("reference", &message));
    }
    let mut seen = HashSet::new();
    let mut above = Some(parent.id);
    while let Some(id) = above {
        if id == child.id {
            let message =
                format!("{} is already below {child_ref}; the link would make a loop", config.reference(parent.number));
            return Err(DomainError::field("reference", &message));
        }
        if !seen.insert(id) {
            break;
        }
        above = parent_of(db, id).await?;
    }
    Ok(())
}

async fn linkable(txn: &DatabaseTransaction, actor: &Actor, ticket_id: i64) -> Result<ticket::Model, DomainError> {
    let (row, facts) = ticket_access::visible_ticket(txn, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::Link, &facts) {
        return Err(DomainError::Forbidden);
    }
    Ok(row)
}

/// Records on both tickets that their links changed (`added` or removed).
async fn announce(
    txn: &DatabaseTransaction,
    actor: &Actor,
    tickets: [&ticket::Model; 2],
    added: bool,
) -> Result<(), DomainError> {
    let now = crate::clock::now();
    for (row, other) in [(tickets[0], tickets[1]), (tickets[1], tickets[0])] {
        let event =
            if added { TicketEvent::Linked { other: other.id } } else { TicketEvent::Unlinked { other: other.id } };
        let happened = Happened::new(row, ticket_access::facts(txn, row).await?, actor, now).with(event);
        crate::reactions::emit(txn, &happened).await?;
    }
    Ok(())
}

/// Links the ticket to the one with `reference`, as `relation` says the other one is to it.
pub async fn add(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    relation: Relation,
    reference: &str,
) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let row = linkable(&txn, actor, ticket_id).await?;
    if !Relation::ADDABLE.contains(&relation) {
        return Err(DomainError::field("relation", "Choose how the tickets are related"));
    }
    let number = parse_reference(reference, &config.prefix).map_err(|m| DomainError::field("reference", m))?;
    lock(&txn).await?;
    let other = ticket::Entity::find().filter(ticket::Column::Number.eq(number)).one(&txn).await?;
    // One beyond the agent's reach is as absent as one that does not exist.
    let other = match other {
        Some(t) if crate::ticket_access::reach(&txn, actor).await?.covers(t.team_id, t.assignee_id) => t,
        _ => return Err(DomainError::field("reference", &format!("There is no ticket {}", config.reference(number)))),
    };
    if other.id == row.id {
        return Err(DomainError::field("reference", "A ticket cannot be linked to itself"));
    }
    let (this_ref, other_ref) = (config.reference(row.number), config.reference(other.number));
    if let Some(existing) = between(&txn, row.id, other.id).await? {
        let message = format!("This ticket is already {} {other_ref}", relation_for(&existing, row.id).label());
        return Err(DomainError::field("reference", &message));
    }
    let (kind, screen_first) = relation.stored();
    let (first, second) = if screen_first { (&row, &other) } else { (&other, &row) };
    if kind == LinkKind::ChildOf {
        check_parent(&txn, &config, first, second).await?;
    }
    let now = crate::clock::now();
    ticket_link::ActiveModel {
        ticket_id: Set(first.id),
        other_ticket_id: Set(second.id),
        kind: Set(kind),
        created_by: Set(actor.principal().map(|p| p.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mine = format!("{} {other_ref}", relation.label());
    let theirs = format!("{} {this_ref}", relation.inverse().label());
    event(&txn, row.id, actor, now, "link", None, Some(mine)).await?;
    event(&txn, other.id, actor, now, "link", None, Some(theirs)).await?;
    announce(&txn, actor, [&row, &other], true).await?;
    live::commit(txn).await?;
    Ok(Changed { id: row.id, reference: this_ref })
}

/// Removes one of the ticket's links. A merge stays.
pub async fn remove(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    link_id: i64,
) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let row = linkable(&txn, actor, ticket_id).await?;
    let link = ticket_link::Entity::find_by_id(link_id)
        .one(&txn)
        .await?
        .filter(|l| l.ticket_id == row.id || l.other_ticket_id == row.id)
        .ok_or(DomainError::NotFound)?;
    if link.kind == LinkKind::MergedInto {
        return Err(DomainError::InvalidTransition("A merge cannot be undone".into()));
    }
    let other_id = if link.ticket_id == row.id { link.other_ticket_id } else { link.ticket_id };
    let other = ticket::Entity::find_by_id(other_id).one(&txn).await?.ok_or(DomainError::Internal)?;
    let relation = relation_for(&link, row.id);
    ticket_link::Entity::delete_by_id(link.id).exec(&txn).await?;
    let now = crate::clock::now();
    let this_ref = config.reference(row.number);
    let mine = format!("{} {}", relation.label(), config.reference(other.number));
    let theirs = format!("{} {this_ref}", relation.inverse().label());
    event(&txn, row.id, actor, now, "link", Some(mine), None).await?;
    event(&txn, other.id, actor, now, "link", Some(theirs), None).await?;
    announce(&txn, actor, [&row, &other], false).await?;
    live::commit(txn).await?;
    Ok(Changed { id: row.id, reference: this_ref })
}

/// The references of a ticket's children that are still new, open or pending, lowest first.
pub(super) async fn open_children(
    db: &impl ConnectionTrait,
    config: &Config,
    parent_id: i64,
) -> Result<Vec<String>, DomainError> {
    let children: Vec<i64> = ticket_link::Entity::find()
        .filter(ticket_link::Column::OtherTicketId.eq(parent_id))
        .filter(ticket_link::Column::Kind.eq(LinkKind::ChildOf))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.ticket_id)
        .collect();
    if children.is_empty() {
        return Ok(Vec::new());
    }
    let active = config.status_ids(StatusCategory::is_active);
    let mut rows = ticket::Entity::find()
        .filter(ticket::Column::Id.is_in(children))
        .filter(ticket::Column::StatusId.is_in(active))
        .all(db)
        .await?;
    rows.sort_by_key(|t| t.number);
    Ok(rows.into_iter().map(|t| config.reference(t.number)).collect())
}
