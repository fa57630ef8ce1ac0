//! The database side of ticket authorization: the facts about a ticket that `policy` decides on,
//! each staff member's reach (their teams' scopes), and loading a ticket only for an actor who
//! may see it. Ticket commands and queries, attachments, presence and the live stream all ask
//! here; every list of tickets narrows itself with `reach_condition`.

use crate::{
    entities::{organization, team, team_member, ticket},
    error::DomainError,
    policy::{Actor, Reach, TicketAction, TicketFacts, can_on_ticket, reach_of},
};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};

/// The facts about a ticket that authorization looks at.
pub async fn facts(db: &impl ConnectionTrait, row: &ticket::Model) -> Result<TicketFacts, DomainError> {
    let organization_shares = match row.organization_id {
        Some(id) => organization::Entity::find_by_id(id).one(db).await?.is_some_and(|o| o.shares_tickets),
        None => false,
    };
    Ok(TicketFacts {
        ticket_id: row.id,
        requester_id: row.requester_id,
        organization_id: row.organization_id,
        organization_shares,
    })
}

/// The staff member whose teams may narrow what they reach: agents and managers, not admins.
fn narrowable(actor: &Actor) -> Option<i64> {
    match actor {
        Actor::User(p) if p.role.is_staff() && p.role != crate::Role::Admin => Some(p.user_id),
        _ => None,
    }
}

/// Which tickets `actor` reaches: their teams and those teams' scopes decide for agents.
pub async fn reach(db: &impl ConnectionTrait, actor: &Actor) -> Result<Reach, DomainError> {
    // Only agents (not admins) can be narrowed: nobody else costs a query.
    let Some(user_id) = narrowable(actor) else { return Ok(Reach::Everything) };
    let theirs = team_member::Entity::find()
        .select_only()
        .column(team_member::Column::TeamId)
        .filter(team_member::Column::UserId.eq(user_id))
        .into_query();
    // One query: their teams with each team's scope (none: nothing narrows them).
    let memberships: Vec<(i64, crate::team_types::TicketScope)> = team::Entity::find()
        .filter(team::Column::Id.in_subquery(theirs))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.ticket_scope))
        .collect();
    Ok(reach_of(actor, &memberships))
}

/// The reach of each of `actors`, in two queries however many there are (`reach` for one).
pub async fn reaches(db: &impl ConnectionTrait, actors: &[Actor]) -> Result<Vec<Reach>, DomainError> {
    let users: Vec<i64> = actors.iter().filter_map(narrowable).collect();
    if users.is_empty() {
        return Ok(vec![Reach::Everything; actors.len()]);
    }
    let links = team_member::Entity::find().filter(team_member::Column::UserId.is_in(users)).all(db).await?;
    let team_ids: std::collections::BTreeSet<i64> = links.iter().map(|l| l.team_id).collect();
    let scopes: std::collections::HashMap<i64, crate::team_types::TicketScope> = match team_ids.is_empty() {
        true => Default::default(),
        false => team::Entity::find()
            .filter(team::Column::Id.is_in(team_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.id, t.ticket_scope))
            .collect(),
    };
    Ok(actors
        .iter()
        .map(|actor| {
            let Some(user_id) = narrowable(actor) else { return Reach::Everything };
            let memberships: Vec<(i64, crate::team_types::TicketScope)> = links
                .iter()
                .filter(|l| l.user_id == user_id)
                .filter_map(|l| scopes.get(&l.team_id).map(|scope| (l.team_id, *scope)))
                .collect();
            reach_of(actor, &memberships)
        })
        .collect())
}

/// The tickets within `reach`, as a condition on `tickets` (`None`: every ticket).
pub fn reach_condition(reach: &Reach) -> Option<Condition> {
    match reach {
        Reach::Everything => None,
        Reach::Teams { user_id, teams } => Some(
            Condition::any()
                .add(ticket::Column::TeamId.is_in(teams.clone()))
                .add(ticket::Column::AssigneeId.eq(*user_id)),
        ),
    }
}

/// Loads a ticket the actor may see. One the actor may not see is "not found", never "forbidden",
/// so that ids reveal nothing.
pub async fn visible_ticket(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> Result<(ticket::Model, TicketFacts), DomainError> {
    let row = ticket::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound)?;
    let facts = facts(db, &row).await?;
    if !can_on_ticket(actor, TicketAction::View, &facts) {
        return Err(if matches!(actor, Actor::Anonymous) {
            DomainError::Unauthenticated
        } else {
            DomainError::NotFound
        });
    }
    if !reach(db, actor).await?.covers(row.team_id, row.assignee_id) {
        return Err(DomainError::NotFound);
    }
    Ok((row, facts))
}
