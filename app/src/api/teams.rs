//! Server functions for teams and their members.

use crate::error::AppError;
use domain::views::TeamView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::teams::{commands, queries},
};

#[server(prefix = "/fn", endpoint = "list_teams")]
pub async fn list_teams() -> Result<Vec<TeamView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::list(&desk.db, &actor).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "create_team")]
pub async fn create_team(name: String, description: Option<String>) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::create(&desk.db, &actor, &name, description.as_deref().unwrap_or_default()).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_team")]
pub async fn update_team(team_id: i64, name: String, description: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::update(&desk.db, &actor, team_id, &name, description.as_deref().unwrap_or_default()).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "add_team_member")]
pub async fn add_team_member(team_id: i64, user_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::add_member(&desk.db, &actor, team_id, user_id).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "remove_team_member")]
pub async fn remove_team_member(team_id: i64, user_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::remove_member(&desk.db, &actor, team_id, user_id).await.map_err(fail)
}

/// Chooses whether a team's agents see every ticket or only their teams' (admins).
#[server(prefix = "/fn", endpoint = "set_team_ticket_scope")]
pub async fn set_team_ticket_scope(team_id: i64, ticket_scope: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let scope = domain::team_types::TicketScope::parse(&ticket_scope)
        .ok_or_else(|| fail(domain::DomainError::field("ticket_scope", "Choose every ticket or only their teams'")))?;
    commands::set_ticket_scope(&desk.db, &actor, team_id, scope).await.map_err(fail)
}

/// The teams the caller runs (every team for admins, their own for managers), and whether they
/// may create teams and choose what a team sees.
#[server(prefix = "/fn", endpoint = "teams_to_run")]
pub async fn teams_to_run() -> Result<(Vec<TeamView>, bool), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::run_by(&desk.db, &actor).await.map_err(fail)
}
