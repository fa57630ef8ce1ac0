//! Changing accounts: sign-up, sign-in, password change, and admin user management.

use super::{password, queries, throttle::SignInThrottle};
use crate::{
    audit,
    entities::{organization, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    role::Role,
    sessions,
    validation::{Checks, Email, check_password, parse_name},
    views::UserView,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set, SqlErr,
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

/// A new customer signs themselves up. Their organization is the one whose domain matches.
pub async fn sign_up(db: &DatabaseConnection, actor: &Actor, input: SignUp) -> Result<UserView, DomainError> {
    authorize(actor, Action::SignUp)?;
    let valid = validate(&input.name, &input.email, &input.password)?;
    let organization_id = organization_for(db, &valid.email).await?;
    insert(db, actor, valid, input.password, Role::Customer, organization_id, "user.sign_up").await
}

/// An admin creates a user of any role.
pub async fn create_user(db: &DatabaseConnection, actor: &Actor, input: NewUser) -> Result<UserView, DomainError> {
    authorize(actor, Action::ManageUsers)?;
    let valid = validate(&input.name, &input.email, &input.password)?;
    if let Some(org) = input.organization_id
        && organization::Entity::find_by_id(org).one(db).await?.is_none()
    {
        return Err(DomainError::field("organization_id", "Choose an existing organization"));
    }
    insert(db, actor, valid, input.password, input.role, input.organization_id, "user.create").await
}

async fn insert(
    db: &DatabaseConnection,
    actor: &Actor,
    valid: Valid,
    password: String,
    role: Role,
    organization_id: Option<i64>,
    audit_action: &str,
) -> Result<UserView, DomainError> {
    if queries::find_by_email(db, valid.email.as_str()).await?.is_some() {
        return Err(DomainError::field("email", DUPLICATE_EMAIL));
    }
    let hash = password::hash(password).await?;
    let txn = crate::db::begin_write(db).await?;
    let model = new_user_row(valid.email.into_string(), valid.name, Some(hash), role, organization_id)
        .insert(&txn)
        .await
        .map_err(map_unique)?;
    let acting = match actor {
        Actor::Anonymous => Actor::User(queries::principal_of(&model)),
        other => *other,
    };
    audit::record(&txn, &acting, audit_action, ("user", Some(model.id)), json!({ "role": role.as_str() })).await?;
    txn.commit().await?;
    queries::view_of(db, model).await
}

/// Checks an email and password. Every failure is the same `BadCredentials`, after the same work.
pub async fn sign_in(
    db: &DatabaseConnection,
    throttle: &SignInThrottle,
    email: &str,
    password: &str,
    address: Option<IpAddr>,
) -> Result<UserView, DomainError> {
    let email = email.trim().to_lowercase();
    throttle.attempt(&email, address)?;
    let found = queries::find_by_email(db, &email).await?;
    let stored = found.as_ref().filter(|u| u.active).and_then(|u| u.password_hash.clone());
    if !password::verify(password.to_owned(), stored).await {
        return Err(DomainError::BadCredentials);
    }
    let Some(model) = found else {
        return Err(DomainError::BadCredentials);
    };
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
pub(crate) async fn find_or_create_customer(
    db: &impl sea_orm::ConnectionTrait,
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
    let organization_id = organization_for(db, email).await?;
    let model = new_user_row(email.as_str().to_owned(), name, None, Role::Customer, organization_id)
        .insert(db)
        .await
        .map_err(map_unique)?;
    audit::record(db, actor, "user.create_customer", ("user", Some(model.id)), json!({})).await?;
    Ok(model)
}

/// A new user row, stamped now.
fn new_user_row(
    email: String,
    name: String,
    password_hash: Option<String>,
    role: Role,
    organization_id: Option<i64>,
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
        ..Default::default()
    }
}

/// The organization whose domain is this email's domain.
async fn organization_for(db: &impl sea_orm::ConnectionTrait, email: &Email) -> Result<Option<i64>, DomainError> {
    let Some((_, domain)) = email.as_str().rsplit_once('@') else { return Ok(None) };
    Ok(organization::Entity::find().filter(organization::Column::Domain.eq(domain)).one(db).await?.map(|o| o.id))
}
