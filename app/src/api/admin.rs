//! Server functions for the admin's user management: the directory, invitations, reset links
//! and deactivation.

use crate::error::AppError;
use domain::views::{Page, UserView};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{
        DomainError, Role,
        accounts::{commands, invitations, queries},
    },
};

#[server(prefix = "/fn", endpoint = "list_users")]
pub async fn list_users(
    role: Option<String>,
    query: Option<String>,
    after: Option<i64>,
    organization_id: Option<i64>,
) -> Result<Page<UserView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let role = role.as_deref().filter(|r| !r.is_empty()).and_then(Role::parse);
    let filter = queries::UserFilter { role, query, organization_id, after_id: after };
    queries::list(&desk.db, &actor, filter).await.map_err(fail)
}

/// Invites a person by name, email and role: they get a link to choose their own password.
#[server(prefix = "/fn", endpoint = "invite_user")]
pub async fn invite_user(name: String, email: String, role: String) -> Result<UserView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let role = Role::parse(&role).ok_or_else(|| fail(DomainError::field("role", "Choose a role")))?;
    invitations::invite(&desk.db, &actor, invitations::Invite { name, email, role, organization_id: None })
        .await
        .map_err(fail)
}

/// Sends a pending invitation again, with a new link.
#[server(prefix = "/fn", endpoint = "resend_invitation")]
pub async fn resend_invitation(user_id: i64) -> Result<UserView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    invitations::resend(&desk.db, &actor, user_id).await.map_err(fail)
}

/// Withdraws a pending invitation: its link stops working and the account is deactivated.
#[server(prefix = "/fn", endpoint = "withdraw_invitation")]
pub async fn withdraw_invitation(user_id: i64) -> Result<UserView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    invitations::withdraw(&desk.db, &actor, user_id).await.map_err(fail)
}

/// Mails a person a link to choose a new password.
#[server(prefix = "/fn", endpoint = "send_password_reset")]
pub async fn send_password_reset(user_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    invitations::send_password_reset(&desk.db, &actor, user_id).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "set_user_active")]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<UserView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::set_active(&desk.db, &actor, user_id, active).await.map_err(fail)
}
