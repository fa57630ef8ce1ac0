//! Shared reads for ticket commands and queries: the small configuration tables, the facts that
//! authorization needs, and turning rows into views.

use crate::{
    entities::{category, organization, priority, setting, status, team, ticket, user},
    error::DomainError,
    policy::{Actor, TicketAction, TicketFacts, can_on_ticket},
    role::Role,
    ticket_types::{OptionView, StatusCategory, StatusView, TicketSummary},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};

pub const DEFAULT_PREFIX: &str = "DKT";

static COPIES: super::config_cache::Copies<Config> = super::config_cache::Copies::new();

/// The statuses, priorities, categories and teams, loaded once per command or query.
#[derive(Clone)]
pub struct Config {
    pub statuses: Vec<status::Model>,
    pub priorities: Vec<priority::Model>,
    pub categories: Vec<category::Model>,
    pub teams: Vec<team::Model>,
    pub prefix: String,
    /// The configuration version this copy was read at (`None` without a version row).
    pub version: Option<i64>,
}

impl Config {
    /// The current configuration: the in-memory copy while its version is current.
    pub async fn load(db: &impl ConnectionTrait) -> Result<Config, DomainError> {
        let version = super::config_cache::version(db).await?;
        if let Some(copy) = version.and_then(|v| COPIES.get(v)) {
            return Ok(copy);
        }
        let config = Config { version, ..Self::read(db).await? };
        if let Some(version) = version {
            COPIES.put(version, &config);
        }
        Ok(config)
    }

    async fn read(db: &impl ConnectionTrait) -> Result<Config, DomainError> {
        let prefix = setting::Entity::find_by_id("ticket_prefix".to_owned())
            .one(db)
            .await?
            .and_then(|s| serde_json::from_str::<String>(&s.value).ok())
            .unwrap_or_else(|| DEFAULT_PREFIX.to_owned());
        Ok(Config {
            statuses: status::Entity::find().order_by_asc(status::Column::Position).all(db).await?,
            priorities: priority::Entity::find().order_by_asc(priority::Column::Rank).all(db).await?,
            categories: category::Entity::find().order_by_asc(category::Column::Name).all(db).await?,
            teams: team::Entity::find().order_by_asc(team::Column::Name).all(db).await?,
            prefix,
            version: None,
        })
    }

    pub fn reference(&self, number: i64) -> String {
        format!("{}-{number}", self.prefix)
    }

    pub fn status(&self, id: i64) -> Result<StatusView, DomainError> {
        self.statuses
            .iter()
            .find(|s| s.id == id)
            .map(|s| StatusView {
                id: s.id,
                name: s.name.clone(),
                category: StatusCategory::parse(&s.category).unwrap_or(StatusCategory::Open),
            })
            .ok_or(DomainError::Internal)
    }

    /// The first active status of a category (by position).
    pub fn first_status(&self, category: StatusCategory) -> Result<i64, DomainError> {
        self.statuses.iter().find(|s| s.active && s.category == category.as_str()).map(|s| s.id).ok_or_else(|| {
            DomainError::InvalidTransition(format!("No active {} status is configured", category.as_str()))
        })
    }

    pub fn status_ids(&self, pred: impl Fn(StatusCategory) -> bool) -> Vec<i64> {
        self.statuses.iter().filter(|s| StatusCategory::parse(&s.category).is_some_and(&pred)).map(|s| s.id).collect()
    }

    pub fn default_priority(&self) -> Result<i64, DomainError> {
        self.priorities
            .iter()
            .find(|p| p.is_default && p.active)
            .or_else(|| self.priorities.iter().find(|p| p.active))
            .map(|p| p.id)
            .ok_or(DomainError::Internal)
    }

    pub fn priority(&self, id: i64) -> OptionView {
        let name = self.priorities.iter().find(|p| p.id == id).map_or_else(|| "Unknown".into(), |p| p.name.clone());
        OptionView { id, name }
    }

    pub fn category(&self, id: Option<i64>) -> Option<OptionView> {
        let id = id?;
        self.categories.iter().find(|c| c.id == id).map(|c| OptionView { id, name: c.name.clone() })
    }

    pub fn team(&self, id: Option<i64>) -> Option<OptionView> {
        let id = id?;
        self.teams.iter().find(|t| t.id == id).map(|t| OptionView { id, name: t.name.clone() })
    }
}

/// The facts about a ticket that authorization looks at.
pub async fn facts(db: &impl ConnectionTrait, row: &ticket::Model) -> Result<TicketFacts, DomainError> {
    let organization_shares = match row.organization_id {
        Some(id) => organization::Entity::find_by_id(id).one(db).await?.is_some_and(|o| o.shares_tickets),
        None => false,
    };
    Ok(TicketFacts { requester_id: row.requester_id, organization_id: row.organization_id, organization_shares })
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
    Ok((row, facts))
}

/// Names (and roles) of users by id.
pub async fn people(db: &impl ConnectionTrait, ids: HashSet<i64>) -> Result<HashMap<i64, user::Model>, DomainError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u)).collect())
}

pub fn person(people: &HashMap<i64, user::Model>, id: i64) -> OptionView {
    OptionView { id, name: people.get(&id).map_or_else(|| "Deleted user".into(), |u| u.name.clone()) }
}

pub fn role_of(people: &HashMap<i64, user::Model>, id: Option<i64>) -> Role {
    id.and_then(|id| people.get(&id)).and_then(|u| Role::parse(&u.role)).unwrap_or(Role::Customer)
}

/// Summaries of ticket rows, with one query for all the people they name.
pub async fn summaries(
    db: &impl ConnectionTrait,
    config: &Config,
    rows: Vec<ticket::Model>,
) -> Result<Vec<TicketSummary>, DomainError> {
    let ids = rows.iter().flat_map(|t| [Some(t.requester_id), t.assignee_id]).flatten().collect();
    let people = people(db, ids).await?;
    rows.into_iter().map(|t| summary_of(config, &people, t)).collect()
}

/// The summary of one row, with its people already loaded.
pub fn summary_of(
    config: &Config,
    people: &HashMap<i64, user::Model>,
    t: ticket::Model,
) -> Result<TicketSummary, DomainError> {
    Ok(TicketSummary {
        id: t.id,
        reference: config.reference(t.number),
        subject: t.subject,
        status: config.status(t.status_id)?,
        priority: config.priority(t.priority_id),
        requester: person(people, t.requester_id),
        assignee: t.assignee_id.map(|id| person(people, id)),
        team: config.team(t.team_id),
        updated_at: t.updated_at,
    })
}
