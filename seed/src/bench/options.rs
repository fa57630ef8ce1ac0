//! What the bench desk's tickets draw from, read through the admin's own queries: the statuses,
//! priorities and categories in use, the teams, and the prefix of ticket references.

use domain::{Actor, DomainError, desk_config, teams, ticket_types::StatusCategory};
use sea_orm::DatabaseConnection;

pub struct DeskOptions {
    /// (id, name, category) of the active statuses, by position.
    statuses: Vec<(i64, String, StatusCategory)>,
    /// The active priorities, by rank.
    pub priorities: Vec<i64>,
    /// The active categories, by name.
    pub categories: Vec<i64>,
    /// Every team, by name.
    pub teams: Vec<i64>,
    pub prefix: String,
}

impl DeskOptions {
    pub async fn load(db: &DatabaseConnection) -> Result<DeskOptions, DomainError> {
        let config = desk_config::queries::load(db, &Actor::System).await?;
        let teams = teams::queries::list(db, &Actor::System).await?;
        Ok(DeskOptions {
            statuses: config.statuses.into_iter().filter(|s| s.active).map(|s| (s.id, s.name, s.category)).collect(),
            priorities: config.priorities.iter().filter(|p| p.active).map(|p| p.id).collect(),
            categories: config.categories.iter().filter(|c| c.active).map(|c| c.id).collect(),
            teams: teams.iter().map(|t| t.id).collect(),
            prefix: config.ticket_prefix,
        })
    }

    /// The first active status of a category (by position) and its name, as a new ticket or a
    /// status change would pick it.
    pub fn first_status(&self, category: StatusCategory) -> Result<(i64, String), DomainError> {
        self.statuses.iter().find(|(_, _, c)| *c == category).map(|(id, name, _)| (*id, name.clone())).ok_or_else(
            || DomainError::InvalidTransition(format!("No active {} status is configured", category.as_str())),
        )
    }
}
