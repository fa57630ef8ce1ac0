//! Reading a ticket's links and followers. Agents get all of them; customers get only the
//! ticket their request was merged into, and only when they may read it.

use super::{followers, links};
use crate::{
    accounts::people::{people, person},
    desk_config::Config,
    entities::{ticket, ticket_link},
    error::DomainError,
    link_types::{LinkKind, LinkView, LinkedTicket, Relation, TicketRelations},
    policy::{Actor, TicketAction, can_on_ticket},
    ticket_access,
};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

fn linked(config: &Config, row: &ticket::Model) -> Result<LinkedTicket, DomainError> {
    Ok(LinkedTicket {
        id: row.id,
        reference: config.reference(row.number),
        subject: row.subject.clone(),
        status: config.status(row.status_id)?,
    })
}

pub async fn get(db: &impl ConnectionTrait, actor: &Actor, ticket_id: i64) -> Result<TicketRelations, DomainError> {
    let (row, facts) = ticket_access::visible_ticket(db, actor, ticket_id).await?;
    let config = Config::load(db).await?;
    let stored = ticket_link::Entity::find()
        .filter(
            Condition::any()
                .add(ticket_link::Column::TicketId.eq(row.id))
                .add(ticket_link::Column::OtherTicketId.eq(row.id)),
        )
        .all(db)
        .await?;
    let other_ids: Vec<i64> =
        stored.iter().map(|l| if l.ticket_id == row.id { l.other_ticket_id } else { l.ticket_id }).collect();
    let reach = ticket_access::reach(db, actor).await?;
    // Linked tickets beyond the agent's reach are left out, as if unlinked.
    let others: HashMap<i64, ticket::Model> = if other_ids.is_empty() {
        HashMap::new()
    } else {
        ticket::Entity::find()
            .filter(ticket::Column::Id.is_in(other_ids))
            .all(db)
            .await?
            .into_iter()
            .filter(|t| reach.covers(t.team_id, t.assignee_id))
            .map(|t| (t.id, t))
            .collect()
    };
    let merged_into = match stored.iter().find(|l| l.ticket_id == row.id && l.kind == LinkKind::MergedInto) {
        Some(link) => match others.get(&link.other_ticket_id) {
            Some(target) if can_on_ticket(actor, TicketAction::View, &ticket_access::facts(db, target).await?) => {
                Some(linked(&config, target)?)
            }
            _ => None,
        },
        None => None,
    };
    if !can_on_ticket(actor, TicketAction::Link, &facts) {
        return Ok(TicketRelations { merged_into, ..Default::default() });
    }
    let mut views = Vec::with_capacity(stored.len());
    for link in &stored {
        let relation = links::relation_for(link, row.id);
        let other_id = if link.ticket_id == row.id { link.other_ticket_id } else { link.ticket_id };
        if let Some(other) = others.get(&other_id) {
            views.push(LinkView { id: link.id, relation, ticket: linked(&config, other)? });
        }
    }
    let order = |r: Relation| Relation::ALL.iter().position(|x| *x == r).unwrap_or(usize::MAX);
    views.sort_by_key(|v| (order(v.relation), others.get(&v.ticket.id).map_or(0, |t| t.number)));
    let open_children = views.iter().filter(|v| v.relation == Relation::Child && v.ticket.status.category.is_active());
    let open_children = open_children.count();
    let (followers, following) = if can_on_ticket(actor, TicketAction::Follow, &facts) {
        let ids = followers::of_ticket(db, row.id).await?;
        let people = people(db, ids.iter().copied().collect()).await?;
        let me = actor.principal().map(|p| p.user_id);
        let following = me.is_some_and(|me| ids.contains(&me));
        (ids.into_iter().map(|id| person(&people, id)).collect(), following)
    } else {
        (Vec::new(), false)
    };
    let can_override_children = can_on_ticket(actor, TicketAction::OverrideChildRule, &facts);
    Ok(TicketRelations { links: views, followers, following, merged_into, open_children, can_override_children })
}
