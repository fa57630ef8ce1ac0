//! Reading one's notifications: the unread count for the bell and the list, newest first, in
//! pages.

use super::types::{NotificationKind, NotificationView};
use crate::{
    accounts::people::{people, person},
    desk_config::Config,
    entities::{notification, ticket},
    error::DomainError,
    policy::{Action, Actor, authorize, can},
    views::Page,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 25;

fn me(actor: &Actor) -> Result<i64, DomainError> {
    authorize(actor, Action::UseNotifications)?;
    actor.principal().map(|p| p.user_id).ok_or(DomainError::Forbidden)
}

/// The caller's notifications, on tickets within their reach (a team's scope may have narrowed
/// it since).
async fn mine(db: &impl ConnectionTrait, actor: &Actor) -> Result<Select<notification::Entity>, DomainError> {
    let me = me(actor)?;
    let select = notification::Entity::find().filter(notification::Column::UserId.eq(me));
    Ok(match crate::ticket_access::reach_condition(&crate::ticket_access::reach(db, actor).await?) {
        None => select,
        Some(within) => {
            select.filter(notification::Column::TicketId.in_subquery(
                ticket::Entity::find().select_only().column(ticket::Column::Id).filter(within).into_query(),
            ))
        }
    })
}

pub async fn unread_count(db: &impl ConnectionTrait, actor: &Actor) -> Result<u64, DomainError> {
    Ok(mine(db, actor).await?.filter(notification::Column::ReadAt.is_null()).count(db).await?)
}

/// The unread count for callers who get notifications; `None` for everyone else, so that every
/// page can ask without being refused.
pub async fn badge(db: &impl ConnectionTrait, actor: &Actor) -> Result<Option<u64>, DomainError> {
    if actor.principal().is_some() && can(actor, Action::UseNotifications) {
        unread_count(db, actor).await.map(Some)
    } else {
        Ok(None)
    }
}

/// One page of the caller's notifications, newest first; `before` is the cursor of the page
/// before (the id of its last notification).
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    before: Option<i64>,
) -> Result<Page<NotificationView>, DomainError> {
    let mut select = mine(db, actor).await?;
    if let Some(before) = before {
        select = select.filter(notification::Column::Id.lt(before));
    }
    let mut rows = select.order_by_desc(notification::Column::Id).limit(PAGE_SIZE + 1).all(db).await?;
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let next_cursor = more.then(|| rows.last().map(|n| n.id.to_string())).flatten();
    let config = Config::load(db).await?;
    let ticket_ids: Vec<i64> = rows.iter().map(|n| n.ticket_id).collect();
    let tickets: HashMap<i64, ticket::Model> = if ticket_ids.is_empty() {
        HashMap::new()
    } else {
        ticket::Entity::find()
            .filter(ticket::Column::Id.is_in(ticket_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect()
    };
    let people = people(db, rows.iter().filter_map(|n| n.actor_id).collect()).await?;
    let items = rows
        .into_iter()
        .filter_map(|n| {
            let ticket = tickets.get(&n.ticket_id)?;
            Some(NotificationView {
                id: n.id,
                kind: NotificationKind::parse(&n.kind)?,
                ticket_id: n.ticket_id,
                ticket_reference: config.reference(ticket.number),
                ticket_subject: ticket.subject.clone(),
                actor_name: n.actor_id.map_or_else(|| "Docket".into(), |id| person(&people, id).name),
                created_at: n.created_at,
                read: n.read_at.is_some(),
            })
        })
        .collect();
    Ok(Page { items, next_cursor })
}
