//! The routing settings page: the rules in order with what each sets, each team's strategy and
//! queue, each agent's status, capacity, skills and load, and the distribution report (tickets
//! Docket assigned each agent in the last `PERIOD_DAYS` days).

use super::{
    assign::{active_statuses, loads, online, skills_of},
    types::{AgentRoutingView, CategorySkillsView, RoutingRuleView, RoutingSettingsView, TeamRoutingView},
};
use crate::{
    desk_config::Config,
    entities::{assignment, routing_rule, team_member, ticket, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

pub const PERIOD_DAYS: u32 = 30;

fn summary(config: &Config, r: &routing_rule::Model, tags: &[String], skills: &[String]) -> String {
    let mut parts = Vec::new();
    if let Some(t) = config.team(r.set_team_id) {
        parts.push(format!("team {}", t.name));
    }
    if let Some(c) = config.category(r.set_category_id) {
        parts.push(format!("category {}", c.name));
    }
    if let Some(p) = r.set_priority_id {
        parts.push(format!("priority {}", config.priority(p).name));
    }
    if !tags.is_empty() {
        parts.push(format!("tags {}", tags.join(", ")));
    }
    if !skills.is_empty() {
        parts.push(format!("needs {}", skills.join(", ")));
    }
    parts.join("; ")
}

pub async fn rules(db: &impl ConnectionTrait, config: &Config) -> Result<Vec<RoutingRuleView>, DomainError> {
    let rows = routing_rule::Entity::find()
        .order_by_asc(routing_rule::Column::Position)
        .order_by_asc(routing_rule::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let tags = skills_of(&r.add_tags);
            let skills = skills_of(&r.required_skills);
            RoutingRuleView {
                summary: summary(config, &r, &tags, &skills),
                id: r.id,
                name: r.name,
                position: r.position,
                active: r.active,
                on_change: r.on_change,
                conditions: r.conditions,
                team_id: r.set_team_id,
                category_id: r.set_category_id,
                priority_id: r.set_priority_id,
                tags,
                skills,
            }
        })
        .collect())
}

/// Unassigned new and open tickets per team.
async fn waiting(db: &impl ConnectionTrait, config: &Config) -> Result<HashMap<i64, u64>, DomainError> {
    let rows: Vec<(Option<i64>, i64)> = ticket::Entity::find()
        .select_only()
        .column(ticket::Column::TeamId)
        .column_as(ticket::Column::Id.count(), "n")
        .filter(ticket::Column::AssigneeId.is_null())
        .filter(ticket::Column::TeamId.is_not_null())
        .filter(ticket::Column::StatusId.is_in(active_statuses(config)))
        .group_by(ticket::Column::TeamId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(team, n)| Some((team?, u64::try_from(n).unwrap_or(0)))).collect())
}

pub async fn settings(db: &impl ConnectionTrait, actor: &Actor) -> Result<RoutingSettingsView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let config = Config::load(db).await?;
    let now = crate::clock::now();
    let waiting = waiting(db, &config).await?;
    let teams = config
        .teams
        .iter()
        .map(|t| TeamRoutingView {
            id: t.id,
            name: t.name.clone(),
            strategy: t.assignment,
            waiting: waiting.get(&t.id).copied().unwrap_or(0),
        })
        .collect();
    let staff: Vec<user::Model> = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|u| u.role.is_staff())
        .collect();
    let ids: Vec<i64> = staff.iter().map(|u| u.id).collect();
    let open = loads(db, &config, &ids).await?;
    let since = now - chrono::Duration::days(i64::from(PERIOD_DAYS));
    let assigned: Vec<(i64, i64)> = assignment::Entity::find()
        .select_only()
        .column(assignment::Column::UserId)
        .column_as(assignment::Column::Id.count(), "n")
        .filter(assignment::Column::At.gte(since))
        .group_by(assignment::Column::UserId)
        .into_tuple()
        .all(db)
        .await?;
    let assigned: HashMap<i64, u64> = assigned.into_iter().map(|(u, n)| (u, u64::try_from(n).unwrap_or(0))).collect();
    let mut teams_of: HashMap<i64, Vec<String>> = HashMap::new();
    for m in team_member::Entity::find().all(db).await? {
        if let Some(t) = config.team(Some(m.team_id)) {
            teams_of.entry(m.user_id).or_default().push(t.name);
        }
    }
    let agents = staff
        .into_iter()
        .map(|u| AgentRoutingView {
            online: online(u.seen_at, now),
            capacity: u.ticket_capacity.and_then(|c| u32::try_from(c).ok()),
            skills: skills_of(&u.skills),
            open: open.get(&u.id).copied().unwrap_or(0),
            assigned: assigned.get(&u.id).copied().unwrap_or(0),
            teams: teams_of.remove(&u.id).unwrap_or_default(),
            availability: u.availability,
            id: u.id,
            name: u.name,
        })
        .collect();
    let categories = config
        .categories
        .iter()
        .filter(|c| c.active)
        .map(|c| CategorySkillsView { id: c.id, name: c.name.clone(), skills: skills_of(&c.skills) })
        .collect();
    let priorities = config
        .priorities
        .iter()
        .filter(|p| p.active)
        .map(|p| crate::ticket_types::OptionView { id: p.id, name: p.name.clone() })
        .collect();
    Ok(RoutingSettingsView {
        rules: rules(db, &config).await?,
        teams,
        agents,
        categories,
        priorities,
        period_days: PERIOD_DAYS,
    })
}

/// How many tickets Docket assigned each agent in a team since `since` (tests and the report).
pub async fn distribution(
    db: &impl ConnectionTrait,
    team_id: i64,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<HashMap<i64, u64>, DomainError> {
    let mut out = HashMap::new();
    let rows = assignment::Entity::find()
        .filter(assignment::Column::TeamId.eq(team_id))
        .filter(assignment::Column::At.gte(since))
        .all(db)
        .await?;
    for r in rows {
        *out.entry(r.user_id).or_insert(0) += 1;
    }
    Ok(out)
}

/// The caller's own availability (the top bar).
pub async fn mine(db: &impl ConnectionTrait, actor: &Actor) -> Result<super::types::Availability, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let me = actor.principal().ok_or(DomainError::Unauthenticated)?.user_id;
    let row = user::Entity::find_by_id(me).one(db).await?.ok_or(DomainError::Unauthenticated)?;
    Ok(row.availability)
}

/// Tickets waiting in a team's queue (tests).
pub async fn waiting_in(db: &impl ConnectionTrait, config: &Config, team_id: i64) -> Result<u64, DomainError> {
    Ok(ticket::Entity::find()
        .filter(ticket::Column::TeamId.eq(team_id))
        .filter(ticket::Column::AssigneeId.is_null())
        .filter(ticket::Column::StatusId.is_in(active_statuses(config)))
        .count(db)
        .await?)
}
