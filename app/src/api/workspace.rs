//! Server functions for the agent workspace.

use crate::error::AppError;
use domain::views::TeamView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{Action, DomainError, authorize, teams::queries},
};

/// The teams the signed-in agent belongs to, with their colleagues.
#[server(prefix = "/fn", endpoint = "my_teams")]
pub async fn my_teams() -> Result<Vec<TeamView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    authorize(&actor, Action::UseAgentWorkspace).map_err(fail)?;
    let user_id = actor.principal().map(|p| p.user_id).ok_or_else(|| fail(DomainError::Unauthenticated))?;
    queries::of_user(&desk.db, &actor, user_id).await.map_err(fail)
}
