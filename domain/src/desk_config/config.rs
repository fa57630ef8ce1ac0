//! The desk configuration a command or query works with: statuses, priorities, categories, teams
//! and the ticket prefix, read once per command or query (from the in-memory copy while it is
//! current) and turned into views.

use super::cache;
use crate::{
    entities::{category, priority, setting, status, team},
    error::DomainError,
    ticket_types::{OptionView, StatusCategory, StatusView},
};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

pub const DEFAULT_PREFIX: &str = "DKT";

static COPIES: cache::Copies<Config> = cache::Copies::new();

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
        let version = cache::version(db).await?;
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
            .map(|s| StatusView { id: s.id, name: s.name.clone(), category: s.category })
            .ok_or(DomainError::Internal)
    }

    /// The first active status of a category (by position).
    pub fn first_status(&self, category: StatusCategory) -> Result<i64, DomainError> {
        self.statuses.iter().find(|s| s.active && s.category == category).map(|s| s.id).ok_or_else(|| {
            DomainError::InvalidTransition(format!("No active {} status is configured", category.as_str()))
        })
    }

    pub fn status_ids(&self, pred: impl Fn(StatusCategory) -> bool) -> Vec<i64> {
        self.statuses.iter().filter(|s| pred(s.category)).map(|s| s.id).collect()
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
