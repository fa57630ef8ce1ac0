//! Changing accounts: sign-up, sign-in, password change, and admin user management.

use super::{password, queries, throttle::SignInThrottle};
use crate::{
    access::{self, TokenPurpose, mail::AccountMail, requests, throttle::LinkThrottle, tokens},
    audit,
    email_types::MailEvent,
    entities::{organization, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    role::Role,
    sessions,
    validation::{Checks, Email, check_password, parse_name},
    views::UserView,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set, SqlErr,
};
use serde_json::json;
use std::net::IpAddr;

const DUPLICATE_EMAIL: &str = "An account with this email already exists";

/// A customer's own sign-up.
#[derive(Debug, Clone)]
pub struct SignUp {
    pub name: String,
    pub email: String,
    pub password: String,
}

/// A user created by an admin (or by the CLI and demo seed, acting as the system).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: Role,
    pub organization_id: Option<i64>,
}

struct Valid {
    name: String,
    email: Email,
}

fn validate(name: &str, email: &str, password: &str) -> Result<Valid, DomainError> {
    let mut checks = Checks::new();
    let name = checks.check("name", parse_name(name));
    let email = checks.check("email", Email::parse(email));
    checks.check("password", check_password(password));
    checks.finish()?;
    match (name, email) {
        (Some(name), Some(email)) => Ok(Valid { name, email }),
        _ => Err(DomainError::Internal),
    }
}

fn map_unique(err: DbErr) -> DomainError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => DomainError::field("email", DUPLICATE_EMAIL),
        _ => err.into(),
    }
}

/// What signing up did.
#[derive(Debug, Clone)]
pub enum SignedUp {
    /// A new account, signed in at once but unverified until the link mailed to it is followed:
    /// until then it sees only the tickets it opens itself.
    Created(UserView),
    /// The address belongs to someone Docket already knows (they wrote in, or an agent opened a
    /// ticket for them) who has no password: instead of a second account, a link to claim theirs
    /// was mailed to the address. Nobody is signed in.
    ClaimMailed,
}

/// A customer signs themselves up (see `SignedUp`). Mail goes out at most as often as the link
/// throttle allows per address and client.
pub async fn sign_up(
    db: &DatabaseConnection,
    actor: &Actor,
    throttle: &LinkThrottle,
    input: SignUp,
    client: Option<IpAddr>,
) -> Result<SignedUp, DomainError> {
    authorize(actor, Action::SignUp)?;
    let valid = validate(&input.name, &input.email, &input.password)?;
    if let Some(known) = queries::find_by_email(db, valid.email.as_str()).await? {
        if known.password_hash.is_some() || known.role.is_staff() || !known.active {
            return Err(DomainError::field("email", DUPLICATE_EMAIL));
        }
        throttle.request(valid.email.as_str(), client)?;
        let now = crate::clock::now();
        let txn = crate::db::begin_write(db).await?;
        mail_link(&*txn, &known, TokenPurpose::Claim, MailEvent::AccountClaim, now).await?;
        audit::record(&*txn, &Actor::System, "user.claim_mailed", ("user", Some(known.id)), json!({})).await?;
        txn.commit().await?;
        return Ok(SignedUp::ClaimMailed);
    }
    throttle.request(valid.email.as_str(), client)?;
    let hash = password::hash(input.password).await?;
    let now = crate::clock::now();
    let txn = crate::db::begin_write(db).await?;
    // No organization yet: the address joins one by its domain once it is proved.
    let model = new_user_row(valid.email.into_string(), valid.name, Some(hash), Role::Customer, None, None)
        .insert(&txn)
        .await
        .map_err(map_unique)?;
    let acting = Actor::User(queries::principal_of(&model));
    audit::record(&txn, &acting, "user.sign_up", ("user", Some(model.id)), json!({ "role": Role::Customer.as_str() }))
        .await?;
    mail_link(&*txn, &model, TokenPurpose::VerifyEmail, MailEvent::EmailVerification, now).await?;
    txn.commit().await?;
    Ok(SignedUp::Created(queries::view_of(db, model).await?))
}

/// Issues a single-use link of `purpose` for `person` and mails it, in `txn`.
pub(crate) async fn mail_link(
    txn: &impl ConnectionTrait,
    person: &user::Model,
    purpose: TokenPurpose,
    event: MailEvent,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    mail_link_with(txn, person, purpose, event, now, Vec::new()).await
}

/// `mail_link`, with more placeholders for the mail's template.
pub(crate) async fn mail_link_with(
    txn: &impl ConnectionTrait,
    person: &user::Model,
    purpose: TokenPurpose,
    event: MailEvent,
    now: DateTime<Utc>,
    extra: Vec<(&'static str, String)>,
) -> Result<(), DomainError> {
    let lifetime = purpose.lifetime();
    let secret = tokens::issue(txn, purpose, person.id, None, lifetime, now).await?;
    let mail = AccountMail { event, to: person, path: requests::path_of(purpose, &secret), lifetime, extra };
    access::mail::send(txn, mail, now).await?;
    Ok(())
}

/// A signed-in customer whose address is not confirmed yet asks for the link again; for an
/// address already confirmed there is nothing to do.
pub async fn resend_verification(
    db: &DatabaseConnection,
    actor: &Actor,
    throttle: &LinkThrottle,
    client: Option<IpAddr>,
) -> Result<(), DomainError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let principal = actor.principal().ok_or(DomainError::Unauthenticated)?;
    let model = user::Entity::find_by_id(principal.user_id).one(db).await?.ok_or(DomainError::NotFound)?;
    if model.email_verified_at.is_some() {
        return Ok(());
    }
    throttle.request(&model.email, client)?;
    let txn = crate::db::begin_write(db).await?;
    mail_link(&*txn, &model, TokenPurpose::VerifyEmail, MailEvent::EmailVerification, crate::clock::now()).await?;
    txn.commit().await?;
    Ok(())
}

/// An admin creates a user of any role. An admin vouches for the address: it counts as proved.
pub async fn create_user(db: &DatabaseConnection, actor: &Actor, input: NewUser) -> Result<UserView, DomainError> {
    authorize(actor, Action::ManageUsers)?;
    let valid = validate(&input.name, &input.email, &input.password)?;
    if let Some(org) = input.organization_id
        && organization::Entity::find_by_id(org).one(db).await?.is_none()
    {
        return Err(DomainError::field("organization_id", "Choose an existing organization"));
    }
    if queries::find_by_email(db, valid.email.as_str()).await?.is_some() {
        return Err(DomainError::field("email", DUPLICATE_EMAIL));
    }
    let hash = password::hash(input.password).await?;
    let now = crate::clock::now();
    let txn = crate::db::begin_write(db).await?;
    let model =
        new_user_row(valid.email.into_string(), valid.name, Some(hash), input.role, input.organization_id, Some(now))
            .insert(&txn)
            .await
            .map_err(map_unique)?;
    audit::record(&txn, actor, "user.create", ("user", Some(model.id)), json!({ "role": input.role.as_str() })).await?;
    txn.commit().await?;
    queries::view_of(db, model).await
}

/// Checks an email and password. Every failure is the same `BadCredentials`, after the same work;
/// only failures count against the throttle, and a success clears the account's.
pub async fn sign_in(
    db: &DatabaseConnection,
    throttle: &SignInThrottle,
    email: &str,
    password: &str,
    address: Option<IpAddr>,
) -> Result<UserView, DomainError> {
    let email = email.trim().to_lowercase();
    let attempt = throttle.attempt(&email, address)?;
    let found = queries::find_by_email(db, &email).await?;
    let stored = found.as_ref().filter(|u| u.active).and_then(|u| u.password_hash.clone());
    let (true, Some(model)) = (password::verify(password.to_owned(), stored).await, found) else {
        attempt.failed();
        return Err(DomainError::BadCredentials);
    };
    attempt.succeeded();
    let mut active = model.into_active_model();
    active.last_sign_in_at = Set(Some(crate::clock::now()));
    let model = crate::db::write(db, |txn| Box::pin(async move { active.update(txn).await })).await?;
    queries::view_of(db, model).await
}

/// A signed-in user changes their password; their other sessions end.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: &Actor,
    current: &str,
    new: &str,
    keep_session: Option<&str>,
) -> Result<(), DomainError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let principal = actor.principal().ok_or(DomainError::Unauthenticated)?;
    let model = user::Entity::find_by_id(principal.user_id).one(db).await?.ok_or(DomainError::NotFound)?;
    let mut checks = Checks::new();
    if !password::verify(current.to_owned(), model.password_hash.clone()).await {
        checks.add("current_password", "This is not your current password");
    }
    checks.check("new_password", check_password(new));
    if current == new {
        checks.add("new_password", "Choose a password different from the current one");
    }
    checks.finish()?;
    let hash = password::hash(new.to_owned()).await?;
    let txn = crate::db::begin_write(db).await?;
    let mut active = model.into_active_model();
    active.password_hash = Set(Some(hash));
    active.updated_at = Set(crate::clock::now());
    active.update(&txn).await?;
    sessions::delete_for_user(&txn, principal.user_id, keep_session).await?;
    audit::record(&txn, actor, "user.password_change", ("user", Some(principal.user_id)), json!({})).await?;
    txn.commit().await?;
    Ok(())
}

/// An admin deactivates or reactivates a user. A deactivated user's sessions end at once.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i64,
    active: bool,
) -> Result<UserView, DomainError> {
    authorize(actor, Action::ManageUsers)?;
    if !active && actor.principal().is_some_and(|p| p.user_id == user_id) {
        return Err(DomainError::InvalidTransition("You cannot deactivate your own account".into()));
    }
    let txn = crate::db::begin_write(db).await?;
    let model = user::Entity::find_by_id(user_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    let changed = model.active != active;
    let mut row = model.into_active_model();
    row.active = Set(active);
    row.updated_at = Set(crate::clock::now());
    let model = row.update(&txn).await?;
    if !active {
        sessions::delete_for_user(&txn, user_id, None).await?;
    }
    if changed {
        let action = if active { "user.reactivate" } else { "user.deactivate" };
        audit::record(&txn, actor, action, ("user", Some(user_id)), json!({})).await?;
    }
    txn.commit().await?;
    queries::view_of(db, model).await
}

/// The user with this email, or a new customer without a password (someone who wrote in or
/// phoned). Their organization is the one whose domain matches.
pub async fn find_or_create_customer(
    db: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    email: &Email,
    name: Option<&str>,
) -> Result<user::Model, DomainError> {
    if let Some(found) = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(db).await? {
        return Ok(found);
    }
    let name = match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => parse_name(n).map_err(|m| DomainError::field("requester_name", m))?,
        None => email.as_str().split('@').next().unwrap_or_default().to_owned(),
    };
    let organization_id = crate::organizations::domains::organization_for(db, email).await?;
    let model = new_user_row(email.as_str().to_owned(), name, None, Role::Customer, organization_id, None)
        .insert(db)
        .await
        .map_err(map_unique)?;
    audit::record(db, actor, "user.create_customer", ("user", Some(model.id)), json!({})).await?;
    Ok(model)
}

/// A new user row, stamped now.
pub(crate) fn new_user_row(
    email: String,
    name: String,
    password_hash: Option<String>,
    role: Role,
    organization_id: Option<i64>,
    email_verified_at: Option<DateTime<Utc>>,
) -> user::ActiveModel {
    let now = crate::clock::now();
    user::ActiveModel {
        email: Set(email),
        name: Set(name),
        password_hash: Set(password_hash),
        role: Set(role),
        organization_id: Set(organization_id),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        last_sign_in_at: Set(None),
        email_verified_at: Set(email_verified_at),
        ..Default::default()
    }
}
