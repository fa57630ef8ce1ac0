//! Following a single-use link: signing in by a link, setting a password from a reset, a claim
//! or an invitation, and confirming an address. Each spends its token in the transaction that
//! acts on it, so a link works exactly once even when two tabs race; a page shows first what the
//! link is for (`inspect`) and acts only on the person's click, so mail scanners that fetch links
//! spend nothing.

use super::{
    TokenPurpose,
    tokens::{self, Lookup},
};
use crate::{
    accounts::{password, queries},
    audit,
    entities::{access_token, user},
    error::DomainError,
    policy::Actor,
    sessions,
    validation::check_password,
    views::UserView,
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set};
use serde_json::json;

/// What the page of a link that no longer works says, whatever the reason: it reveals nothing.
pub const LINK_GONE: &str = "This link has expired or has already been used. Ask for a new one below.";

/// A single-use link that still works, as its page shows it before the person acts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    pub purpose: TokenPurpose,
    pub name: String,
    pub email: String,
}

/// The link's person and purpose while it works; `None` when it does not (for any reason).
pub async fn inspect(
    db: &impl ConnectionTrait,
    purposes: &[TokenPurpose],
    secret: &str,
) -> Result<Option<Inspected>, DomainError> {
    let Some(row) = tokens::look_up(db, purposes, secret, crate::clock::now()).await?.valid() else {
        return Ok(None);
    };
    let person = active_person(db, &row).await?;
    Ok(person.map(|p| Inspected { purpose: row.purpose, name: p.name, email: p.email }))
}

async fn active_person(
    db: &impl ConnectionTrait,
    row: &access_token::Model,
) -> Result<Option<user::Model>, DomainError> {
    Ok(user::Entity::find_by_id(row.user_id).one(db).await?.filter(|u| u.active))
}

/// Spends the link in `txn` and returns its token and person, or `LINK_GONE`.
async fn spend(
    txn: &impl ConnectionTrait,
    purposes: &[TokenPurpose],
    secret: &str,
    now: DateTime<Utc>,
) -> Result<(access_token::Model, user::Model), DomainError> {
    let gone = || DomainError::InvalidTransition(LINK_GONE.to_owned());
    let Lookup::Valid(row) = tokens::look_up(txn, purposes, secret, now).await? else { return Err(gone()) };
    let person = active_person(txn, &row).await?.ok_or_else(gone)?;
    if !tokens::spend(txn, row.id, now).await? {
        return Err(gone());
    }
    Ok((row, person))
}

/// Someone signed in by a link, and where they land.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: UserView,
    /// The ticket the link was asked for from (an expired magic link's page).
    pub landing_ticket_id: Option<i64>,
}

/// Signs in with a sign-in link. Following it proves the address.
pub async fn sign_in_with_link(db: &DatabaseConnection, secret: &str) -> Result<SignedIn, DomainError> {
    let now = crate::clock::now();
    let txn = crate::db::begin_write(db).await?;
    let (row, person) = spend(&*txn, &[TokenPurpose::SignIn], secret, now).await?;
    let mut active = person.into_active_model();
    active.last_sign_in_at = Set(Some(now));
    prove_address(&*txn, &mut active, now).await?;
    let person = active.update(&*txn).await?;
    audit::record(
        &*txn,
        &Actor::User(queries::principal_of(&person)),
        "user.sign_in_link",
        ("user", Some(person.id)),
        json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(SignedIn { user: queries::view_of(db, person).await?, landing_ticket_id: row.ticket_id })
}

/// Sets a password from a reset, claim or invitation link. The person's other sessions end and
/// their other outstanding sign-in and reset links stop working; following the link proves the
/// address. The caller signs them in.
pub async fn set_password(db: &DatabaseConnection, secret: &str, new_password: &str) -> Result<UserView, DomainError> {
    check_password(new_password).map_err(|m| DomainError::field("password", m))?;
    let hash = password::hash(new_password.to_owned()).await?;
    let now = crate::clock::now();
    let purposes = [TokenPurpose::PasswordReset, TokenPurpose::Claim, TokenPurpose::Invitation];
    let txn = crate::db::begin_write(db).await?;
    let (row, person) = spend(&*txn, &purposes, secret, now).await?;
    let user_id = person.id;
    let mut active = person.into_active_model();
    active.password_hash = Set(Some(hash));
    active.last_sign_in_at = Set(Some(now));
    active.updated_at = Set(now);
    prove_address(&*txn, &mut active, now).await?;
    let person = active.update(&*txn).await?;
    sessions::delete_for_user(&*txn, user_id, None).await?;
    let others = [TokenPurpose::SignIn, TokenPurpose::PasswordReset, TokenPurpose::Claim, TokenPurpose::Invitation];
    tokens::revoke(&*txn, user_id, &others, now).await?;
    let action = match row.purpose {
        TokenPurpose::Claim => "user.claim",
        TokenPurpose::Invitation => "user.accept_invitation",
        _ => "user.password_reset",
    };
    audit::record(&*txn, &Actor::User(queries::principal_of(&person)), action, ("user", Some(user_id)), json!({}))
        .await?;
    txn.commit().await?;
    queries::view_of(db, person).await
}

/// Confirms a self-made account's address: from now on it sees its organization's shared tickets.
pub async fn verify_email(db: &DatabaseConnection, secret: &str) -> Result<UserView, DomainError> {
    let now = crate::clock::now();
    let txn = crate::db::begin_write(db).await?;
    let (_, person) = spend(&*txn, &[TokenPurpose::VerifyEmail], secret, now).await?;
    let mut active = person.into_active_model();
    prove_address(&*txn, &mut active, now).await?;
    active.updated_at = Set(now);
    let person = active.update(&*txn).await?;
    audit::record(
        &*txn,
        &Actor::User(queries::principal_of(&person)),
        "user.verify_email",
        ("user", Some(person.id)),
        json!({}),
    )
    .await?;
    txn.commit().await?;
    queries::view_of(db, person).await
}

/// Marks the address proved (once) and, for a customer without an organization, joins the one
/// whose domain the address is at: only proved addresses join an organization by domain.
async fn prove_address(
    txn: &impl ConnectionTrait,
    person: &mut user::ActiveModel,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if person.email_verified_at.as_ref().is_some() {
        return Ok(());
    }
    person.email_verified_at = Set(Some(now));
    let is_customer = *person.role.as_ref() == crate::role::Role::Customer;
    if is_customer && person.organization_id.as_ref().is_none() {
        let email = crate::validation::Email::parse(person.email.as_ref()).map_err(|_| DomainError::Internal)?;
        person.organization_id = Set(crate::organizations::domains::organization_for(txn, &email).await?);
    }
    Ok(())
}
