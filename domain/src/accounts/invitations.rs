//! Invitations and admin-sent resets: an admin adds a person by name, email and role, and they
//! get a link to choose their own password (the admin never sets or sees one); invitations can be
//! sent again or withdrawn, and expire after 7 days. Admins also send anyone a password-reset link.

use super::{commands::mail_link_with, queries};
use crate::{
    access::{TokenPurpose, tokens},
    audit,
    email_types::MailEvent,
    entities::{access_token, organization, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    role::Role,
    validation::{Checks, Email, parse_name},
    views::UserView,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};
use serde_json::json;

/// Who an admin invites.
#[derive(Debug, Clone)]
pub struct Invite {
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organization_id: Option<i64>,
}

/// Adds the person without a password and mails them the invitation.
pub async fn invite(db: &DatabaseConnection, actor: &Actor, input: Invite) -> Result<UserView, DomainError> {
    authorize(actor, Action::ManageUsers)?;
    let mut checks = Checks::new();
    let name = checks.check("name", parse_name(&input.name));
    let email = checks.check("email", Email::parse(&input.email));
    checks.finish()?;
    let (Some(name), Some(email)) = (name, email) else { return Err(DomainError::Internal) };
    if queries::find_by_email(db, email.as_str()).await?.is_some() {
        return Err(DomainError::field("email", "An account with this email already exists"));
    }
    if let Some(org) = input.organization_id
        && organization::Entity::find_by_id(org).one(db).await?.is_none()
    {
        return Err(DomainError::field("organization_id", "Choose an existing organization"));
    }
    let txn = crate::db::begin_write(db).await?;
    let row = super::commands::new_user_row(email.into_string(), name, None, input.role, input.organization_id, None)
        .insert(&*txn)
        .await?;
    send_invitation(&*txn, actor, &row).await?;
    audit::record(&*txn, actor, "user.invite", ("user", Some(row.id)), json!({ "role": input.role.as_str() })).await?;
    txn.commit().await?;
    queries::view_of(db, row).await
}

/// A person invited and not yet in: active, without a password, and sent an invitation (a
/// customer known from their mail has no password either, but was never invited).
async fn pending(txn: &impl ConnectionTrait, row: &user::Model) -> Result<bool, DomainError> {
    if !row.active || row.password_hash.is_some() {
        return Ok(false);
    }
    let invited = access_token::Entity::find()
        .filter(access_token::Column::UserId.eq(row.id))
        .filter(access_token::Column::Purpose.eq(TokenPurpose::Invitation))
        .count(txn)
        .await?;
    Ok(invited > 0)
}

async fn send_invitation(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    person: &user::Model,
) -> Result<(), DomainError> {
    let inviter = match actor.principal() {
        Some(p) => user::Entity::find_by_id(p.user_id).one(txn).await?.map(|u| u.name),
        None => None,
    };
    let extra = vec![
        ("inviter.name", inviter.unwrap_or_else(|| "The desk's admin".to_owned())),
        ("role", role_phrase(person.role).to_owned()),
    ];
    mail_link_with(txn, person, TokenPurpose::Invitation, MailEvent::Invitation, crate::clock::now(), extra).await
}

/// The role as the invitation's sentence says it: "… invited you to Acme Support as an agent."
fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::Customer => "a customer",
        Role::Agent => "an agent",
        Role::Manager => "a manager",
        Role::Admin => "an admin",
    }
}

/// Sends a pending invitation again with a new link; the old link stops working.
pub async fn resend(db: &DatabaseConnection, actor: &Actor, user_id: i64) -> Result<UserView, DomainError> {
    authorize(actor, Action::ManageUsers)?;
    let txn = crate::db::begin_write(db).await?;
    let row = user::Entity::find_by_id(user_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if !pending(&*txn, &row).await? {
        return Err(DomainError::InvalidTransition("This person has already set a password".into()));
    }
    tokens::revoke(&*txn, user_id, &[TokenPurpose::Invitation], crate::clock::now()).await?;
    send_invitation(&*txn, actor, &row).await?;
    audit::record(&*txn, actor, "user.invite_again", ("user", Some(user_id)), json!({})).await?;
    txn.commit().await?;
    queries::view_of(db, row).await
}

/// Withdraws a pending invitation: its link stops working and the account is deactivated.
pub async fn withdraw(db: &DatabaseConnection, actor: &Actor, user_id: i64) -> Result<UserView, DomainError> {
    authorize(actor, Action::ManageUsers)?;
    let now = crate::clock::now();
    let txn = crate::db::begin_write(db).await?;
    let row = user::Entity::find_by_id(user_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if !pending(&*txn, &row).await? {
        return Err(DomainError::InvalidTransition("Only an invitation nobody has accepted can be withdrawn".into()));
    }
    tokens::revoke(&*txn, user_id, &[TokenPurpose::Invitation], now).await?;
    let mut active = row.into_active_model();
    active.active = Set(false);
    active.updated_at = Set(now);
    let row = active.update(&*txn).await?;
    audit::record(&*txn, actor, "user.invitation_withdrawn", ("user", Some(user_id)), json!({})).await?;
    txn.commit().await?;
    queries::view_of(db, row).await
}

/// An admin mails anyone a link to choose a new password (nothing changes until they do).
pub async fn send_password_reset(db: &DatabaseConnection, actor: &Actor, user_id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::ManageUsers)?;
    let txn = crate::db::begin_write(db).await?;
    let row = user::Entity::find_by_id(user_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if !row.active {
        return Err(DomainError::InvalidTransition("Reactivate the account first".into()));
    }
    let now = crate::clock::now();
    mail_link_with(&*txn, &row, TokenPurpose::PasswordReset, MailEvent::PasswordReset, now, Vec::new()).await?;
    audit::record(&*txn, actor, "user.password_reset_sent", ("user", Some(user_id)), json!({})).await?;
    txn.commit().await?;
    Ok(())
}
