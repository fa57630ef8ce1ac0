//! Reading tokens: one's own list, and the look-up that turns a bearer secret into the user it
//! acts for (nobody, when the token is unknown, revoked, expired or its user deactivated).

use super::{
    scope::{ApiScope, TokenView},
    secret,
};
use crate::{
    accounts::queries::active_principal,
    entities::api_token,
    error::DomainError,
    policy::{Action, Actor, Principal, authorize},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr};

/// `last_used_at` is written at most this often per token, so reads do not each cost a write.
const TOUCH_EVERY_SECS: i64 = 60;

pub(crate) fn view_of(row: api_token::Model, now: DateTime<Utc>) -> TokenView {
    TokenView {
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        scope: row.scope,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        expired: row.expires_at.is_some_and(|at| at <= now),
        expires_at: row.expires_at,
    }
}

/// The acting user's tokens that are not revoked, newest first (expired ones included, marked).
pub async fn mine(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<TokenView>, DomainError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let principal = actor.principal().ok_or(DomainError::Unauthenticated)?;
    let now = crate::clock::now();
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(principal.user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| view_of(row, now))
        .collect())
}

/// Who an API request acts as, and how far its token reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authenticated {
    pub principal: Principal,
    pub scope: ApiScope,
    pub token_id: i64,
}

impl Authenticated {
    pub fn actor(&self) -> Actor {
        Actor::User(self.principal)
    }
}

/// The token behind a bearer secret, if it is live and its user active. Every refusal is the
/// same `None`, so a caller learns nothing about why.
pub async fn authenticate(
    db: &sea_orm::DatabaseConnection,
    bearer: &str,
) -> Result<Option<Authenticated>, DomainError> {
    if !secret::well_formed(bearer) {
        return Ok(None);
    }
    let hash = secret::hash(bearer);
    let Some(row) = api_token::Entity::find().filter(api_token::Column::TokenHash.eq(hash)).one(db).await? else {
        return Ok(None);
    };
    let now = crate::clock::now();
    if row.revoked_at.is_some() || row.expires_at.is_some_and(|at| at <= now) {
        return Ok(None);
    }
    let Some((principal, _)) = active_principal(db, row.user_id).await? else {
        return Ok(None);
    };
    let cutoff = now - Duration::seconds(TOUCH_EVERY_SECS);
    if row.last_used_at.is_none_or(|at| at < cutoff) {
        // Conditional, so that of a burst of requests only the first writes: on SQLite every
        // commit that changes rows can fail another connection's open transaction.
        let touch = api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(Some(now)))
            .filter(api_token::Column::Id.eq(row.id))
            .filter(
                Condition::any()
                    .add(api_token::Column::LastUsedAt.is_null())
                    .add(api_token::Column::LastUsedAt.lt(cutoff)),
            );
        crate::db::write(db, |txn| Box::pin(async move { Ok::<_, DomainError>(touch.exec(txn).await.map(drop)?) }))
            .await?;
    }
    Ok(Some(Authenticated { principal, scope: row.scope, token_id: row.id }))
}
