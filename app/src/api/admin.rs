//! Server functions for the admin's user management.

use crate::error::AppError;
use domain::views::{Page, UserView};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{
        DomainError, Role,
        accounts::{NewUser, commands, queries},
    },
};

#[server(prefix = "/fn", endpoint = "list_users")]
pub async fn list_users(
    role: Option<String>,
    query: Option<String>,
    after: Option<i64>,
) -> Result<Page<UserView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let role = role.as_deref().filter(|r| !r.is_empty()).and_then(Role::parse);
    queries::list(&desk.db, &actor, queries::UserFilter { role, query, after_id: after }).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "create_user")]
pub async fn create_user(name: String, email: String, role: String, password: String) -> Result<UserView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let role = Role::parse(&role).ok_or_else(|| fail(DomainError::field("role", "Choose a role")))?;
    commands::create_user(&desk.db, &actor, NewUser { name, email, password, role, organization_id: None })
        .await
        .map_err(fail)
}

#[server(prefix = "/fn", endpoint = "set_user_active")]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<UserView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::set_active(&desk.db, &actor, user_id, active).await.map_err(fail)
}
