//! Reading teams with their members.

use crate::{
    entities::{team, team_member, user},
    error::DomainError,
    policy::{Action, Actor, authorize, can},
    views::{MemberView, TeamView},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<TeamView>, DomainError> {
    authorize(actor, Action::ViewDirectory)?;
    let teams = team::Entity::find().order_by_asc(team::Column::Name).all(db).await?;
    let links = team_member::Entity::find().all(db).await?;
    let user_ids: Vec<i64> = links.iter().map(|l| l.user_id).collect();
    let users: HashMap<i64, user::Model> = if user_ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(user_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect()
    };
    let mut members: HashMap<i64, Vec<MemberView>> = HashMap::new();
    for link in links {
        if let Some(u) = users.get(&link.user_id) {
            members.entry(link.team_id).or_default().push(MemberView {
                user_id: u.id,
                name: u.name.clone(),
                email: u.email.clone(),
                active: u.active,
            });
        }
    }
    Ok(teams
        .into_iter()
        .map(|t| {
            let mut list = members.remove(&t.id).unwrap_or_default();
            list.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
            TeamView {
                id: t.id,
                name: t.name,
                description: t.description,
                ticket_scope: t.ticket_scope,
                tier: t.tier,
                members: list,
            }
        })
        .collect())
}

/// The teams a user belongs to.
pub async fn of_user(db: &impl ConnectionTrait, actor: &Actor, user_id: i64) -> Result<Vec<TeamView>, DomainError> {
    let all = list(db, actor).await?;
    Ok(all.into_iter().filter(|t| t.members.iter().any(|m| m.user_id == user_id)).collect())
}

/// The teams `actor` runs (every team for admins, their own for managers), and whether they may
/// also create teams and choose which tickets a team sees.
pub async fn run_by(db: &impl ConnectionTrait, actor: &Actor) -> Result<(Vec<TeamView>, bool), DomainError> {
    authorize(actor, Action::LeadTeams)?;
    if can(actor, Action::ManageTeams) {
        return Ok((list(db, actor).await?, true));
    }
    let me = actor.principal().map_or(0, |p| p.user_id);
    Ok((of_user(db, actor, me).await?, false))
}
