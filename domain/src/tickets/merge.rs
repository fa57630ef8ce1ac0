//! Merging a ticket into another, in one transaction: the source's messages move to the target
//! with their authors and times, both get a public system line, the source closes with a
//! `merged_into` link to the target, its followers follow the target, and both histories say so.
//!
//! Only tickets that exactly the same customers can read are merged (`policy::same_audience`):
//! the same requester, or both shared with the same organization that both requesters belong to.
//! So the source's requester sees nothing new on the target, and the target's customers see only
//! messages they could already read on the source.

use super::{
    followers, links,
    writing::{Changed, event, message},
};
use crate::{
    accounts::people::people,
    desk_config::Config,
    entities::{attachment, ticket, ticket_link, ticket_message},
    error::DomainError,
    link_types::{LinkKind, parse_reference},
    live,
    policy::{Actor, Audience, TicketAction, can_on_ticket, same_audience},
    reactions::{self, Happened, TicketEvent},
    ticket_access,
    ticket_types::{Channel, StatusCategory, Visibility},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, Set, sea_query::Expr,
};

async fn audience(db: &impl ConnectionTrait, row: &ticket::Model) -> Result<Audience, DomainError> {
    let ticket = ticket_access::facts(db, row).await?;
    let people = people(db, [row.requester_id].into()).await?;
    let requester_organization_id = people.get(&row.requester_id).and_then(|u| u.organization_id);
    Ok(Audience { ticket, requester_organization_id })
}

/// Merges the ticket `source_id` into the one with `target_reference`; returns the target.
/// Nothing happens unless the caller `confirmed` it, since a merge cannot be undone; an
/// unconfirmed merge that would succeed is refused with a `confirm` field error.
pub async fn merge(
    db: &DatabaseConnection,
    actor: &Actor,
    source_id: i64,
    target_reference: &str,
    confirmed: bool,
) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let (source, source_facts) = ticket_access::visible_ticket(&txn, actor, source_id).await?;
    if !can_on_ticket(actor, TicketAction::Merge, &source_facts) {
        return Err(DomainError::Forbidden);
    }
    let number = parse_reference(target_reference, &config.prefix).map_err(|m| DomainError::field("target", m))?;
    links::lock(&txn).await?;
    let (source_ref, target_ref) = (config.reference(source.number), config.reference(number));
    let target = ticket::Entity::find().filter(ticket::Column::Number.eq(number)).one(&txn).await?;
    // One beyond the agent's reach is as absent as one that does not exist.
    let target = match target {
        Some(t) if ticket_access::reach(&txn, actor).await?.covers(t.team_id, t.assignee_id) => t,
        _ => return Err(DomainError::field("target", &format!("There is no ticket {target_ref}"))),
    };
    if target.id == source.id {
        return Err(DomainError::field("target", "A ticket cannot be merged into itself"));
    }
    let closed = |row: &ticket::Model| config.status(row.status_id).map(|s| s.category == StatusCategory::Closed);
    if closed(&source)? {
        return Err(DomainError::InvalidTransition("This ticket is closed and cannot be merged".into()));
    }
    if closed(&target)? {
        return Err(DomainError::field("target", &format!("{target_ref} is closed; merge into an open ticket")));
    }
    if !same_audience(&audience(&txn, &source).await?, &audience(&txn, &target).await?) {
        let message = format!(
            "{target_ref} is seen by other customers than this ticket, so merging would show them a \
             conversation they cannot read now. Link the tickets as duplicates instead."
        );
        return Err(DomainError::field("target", &message));
    }
    let children = links::open_children(&txn, &config, source.id).await?;
    if !children.is_empty() {
        let message = format!("This ticket has open child tickets ({}); solve them first", children.join(", "));
        return Err(DomainError::field("target", &message));
    }
    if !confirmed {
        let message = format!("Confirm the merge: it closes {source_ref} and cannot be undone");
        return Err(DomainError::field("confirm", &message));
    }
    let now = crate::clock::now();

    ticket_message::Entity::update_many()
        .col_expr(ticket_message::Column::TicketId, Expr::value(target.id))
        .filter(ticket_message::Column::TicketId.eq(source.id))
        .exec(&txn)
        .await?;
    // Files go with their messages, so downloads are authorized by the ticket they now belong to.
    attachment::Entity::update_many()
        .col_expr(attachment::Column::TicketId, Expr::value(target.id))
        .filter(attachment::Column::TicketId.eq(source.id))
        .exec(&txn)
        .await?;
    let on_target = format!("{source_ref} was merged into this request. Its messages now appear in this conversation.");
    message(&txn, target.id, &Actor::System, Visibility::Public, Channel::Web, on_target, now).await?;
    let on_source = format!("This request was merged into {target_ref}. The conversation continues there.");
    message(&txn, source.id, &Actor::System, Visibility::Public, Channel::Web, on_source, now).await?;

    let pair = Condition::any()
        .add(
            Condition::all()
                .add(ticket_link::Column::TicketId.eq(source.id))
                .add(ticket_link::Column::OtherTicketId.eq(target.id)),
        )
        .add(
            Condition::all()
                .add(ticket_link::Column::TicketId.eq(target.id))
                .add(ticket_link::Column::OtherTicketId.eq(source.id)),
        );
    ticket_link::Entity::delete_many().filter(pair).exec(&txn).await?;
    ticket_link::ActiveModel {
        ticket_id: Set(source.id),
        other_ticket_id: Set(target.id),
        kind: Set(LinkKind::MergedInto),
        created_by: Set(actor.principal().map(|p| p.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for follower in followers::of_ticket(&txn, source.id).await? {
        followers::add_quietly(&txn, target.id, follower, now).await?;
    }

    let from = config.status(source.status_id)?;
    let to = config.status(config.first_status(StatusCategory::Closed)?)?;
    event(&txn, source.id, actor, now, "merged_into", None, Some(target_ref.clone())).await?;
    event(&txn, source.id, actor, now, "status", Some(from.name), Some(to.name)).await?;
    event(&txn, target.id, actor, now, "merged", None, Some(source_ref)).await?;
    let source_id = source.id;
    let target_facts = ticket_access::facts(&txn, &target).await?;
    let solved_at = source.solved_at.unwrap_or(now);
    let from_category = from.category;
    let mut closing = source.into_active_model();
    closing.status_id = Set(to.id);
    closing.solved_at = Set(Some(solved_at));
    closing.updated_at = Set(now);
    let closed = closing.update(&txn).await?;
    let target_id = target.id;
    let mut touched = target.into_active_model();
    touched.updated_at = Set(now);
    let touched = touched.update(&txn).await?;
    // The moved messages are searched under the ticket they now belong to.
    crate::search::reindex(&txn, source_id).await?;
    crate::search::reindex(&txn, target_id).await?;
    let source_happened = Happened::new(&closed, source_facts, actor, now)
        .with(TicketEvent::MergedInto { into: target_id })
        .with(TicketEvent::StatusChanged { from: from_category, to: StatusCategory::Closed });
    reactions::emit(&txn, &source_happened).await?;
    let target_happened =
        Happened::new(&touched, target_facts, actor, now).with(TicketEvent::MergedFrom { from: source_id });
    reactions::emit(&txn, &target_happened).await?;
    live::commit(txn).await?;
    Ok(Changed { id: target_id, reference: target_ref })
}
