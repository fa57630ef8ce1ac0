//! Making and revoking one's own API tokens. Both are audited; the secret never is.

use super::{
    queries::view_of,
    scope::{ApiScope, CreatedToken},
    secret,
};
use crate::{
    audit,
    entities::api_token,
    error::DomainError,
    policy::{Action, Actor, authorize, token_permits},
    validation::Checks,
};
use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;

pub const NAME_MAX_CHARS: usize = 80;
/// Unrevoked tokens one user may hold: plenty for scripts, a bound on rows.
pub const MAX_TOKENS: u64 = 50;
pub const MAX_EXPIRY_DAYS: u32 = 3650;

/// A token to make: a name to recognise it by, its scope, and days until it expires.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: String,
    pub scope: ApiScope,
    pub expires_in_days: Option<u32>,
}

fn check_name(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    if name.is_empty() {
        Err("Name the token, for example after the script that uses it")
    } else if name.chars().count() > NAME_MAX_CHARS {
        Err("Use at most 80 characters")
    } else if name.chars().any(char::is_control) {
        Err("Remove control characters")
    } else {
        Ok(name.to_owned())
    }
}

/// Makes a token for the acting user. Only admins get the admin scope.
pub async fn create(db: &DatabaseConnection, actor: &Actor, input: NewToken) -> Result<CreatedToken, DomainError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let principal = actor.principal().ok_or(DomainError::Unauthenticated)?;
    let mut checks = Checks::new();
    let name = checks.check("name", check_name(&input.name));
    if !token_permits(principal.role, input.scope, input.scope) {
        checks.add("scope", "Only admins may make admin tokens");
    }
    if input.expires_in_days.is_some_and(|d| d == 0 || d > MAX_EXPIRY_DAYS) {
        checks.add("expires_in_days", "Choose between 1 and 3650 days, or no expiry");
    }
    checks.finish()?;
    let Some(name) = name else { return Err(DomainError::Internal) };
    let txn = crate::db::begin_write(db).await?;
    let held = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(principal.user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .count(&txn)
        .await?;
    if held >= MAX_TOKENS {
        return Err(DomainError::field("name", "You have 50 tokens; revoke one you no longer use first"));
    }
    let now = crate::clock::now();
    let secret = secret::generate();
    let expires_at = input.expires_in_days.map(|d| now + Duration::days(i64::from(d)));
    let row = api_token::ActiveModel {
        user_id: Set(principal.user_id),
        name: Set(name.clone()),
        prefix: Set(secret::display_prefix(&secret)),
        token_hash: Set(secret::hash(&secret)),
        scope: Set(input.scope),
        created_at: Set(now),
        last_used_at: Set(None),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = json!({ "name": name, "scope": input.scope.as_str(), "prefix": row.prefix, "expires_at": expires_at });
    audit::record(&txn, actor, "api_token.create", ("api_token", Some(row.id)), detail).await?;
    txn.commit().await?;
    Ok(CreatedToken { token: view_of(row, now), secret })
}

/// Revokes one of the acting user's tokens; it stops working at once. Someone else's token, or
/// one already revoked, is not found.
pub async fn revoke(db: &DatabaseConnection, actor: &Actor, token_id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let principal = actor.principal().ok_or(DomainError::Unauthenticated)?;
    let txn = crate::db::begin_write(db).await?;
    let row = api_token::Entity::find_by_id(token_id)
        .filter(api_token::Column::UserId.eq(principal.user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let detail = json!({ "name": row.name, "prefix": row.prefix });
    let mut active = row.into_active_model();
    active.revoked_at = Set(Some(crate::clock::now()));
    active.update(&txn).await?;
    audit::record(&txn, actor, "api_token.revoke", ("api_token", Some(token_id)), detail).await?;
    txn.commit().await?;
    Ok(())
}
