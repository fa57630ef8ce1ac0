//! Reading users: the signed-in principal, one user, the directory.

use crate::{
    entities::{organization, user},
    error::DomainError,
    policy::{Action, Actor, Principal, authorize},
    role::Role,
    views::{Page, UserView},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 50;

pub(crate) fn to_view(model: user::Model, organization_name: Option<String>) -> UserView {
    UserView {
        id: model.id,
        role: model.role,
        email: model.email,
        name: model.name,
        organization_id: model.organization_id,
        organization_name,
        active: model.active,
        created_at: model.created_at,
        last_sign_in_at: model.last_sign_in_at,
        email_verified: model.email_verified_at.is_some(),
        has_password: model.password_hash.is_some(),
        link_ticket_id: None,
        availability: model.availability,
        sees_reports: false,
    }
}

/// The person as authorization sees them. Their organization's shared tickets open to them only
/// once they have proved their address.
pub fn principal_of(model: &user::Model) -> Principal {
    let organization_id = model.organization_id.filter(|_| model.email_verified_at.is_some());
    Principal { user_id: model.id, role: model.role, organization_id }
}

/// The session's user, if they still exist and are active; otherwise nobody.
pub async fn active_principal(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Option<(Principal, UserView)>, DomainError> {
    let Some(model) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    if !model.active {
        return Ok(None);
    }
    let principal = principal_of(&model);
    Ok(Some((principal, view_of(db, model).await?)))
}

/// The read model of a user row, with their organization's name.
pub(crate) async fn view_of(db: &impl ConnectionTrait, model: user::Model) -> Result<UserView, DomainError> {
    let org = match model.organization_id {
        Some(id) => organization::Entity::find_by_id(id).one(db).await?.map(|o| o.name),
        None => None,
    };
    Ok(to_view(model, org))
}

/// Who a web session acts as: its user while still active, limited to one ticket when the
/// session was opened by that ticket's magic link (`link_token`) and only while the link still
/// holds. `None` when the session is over (user gone or deactivated, link expired or revoked).
pub async fn session_actor(
    db: &impl ConnectionTrait,
    user_id: i64,
    link_token: Option<i64>,
) -> Result<Option<(Actor, UserView)>, DomainError> {
    let Some((principal, mut view)) = active_principal(db, user_id).await? else { return Ok(None) };
    let Some(token_id) = link_token else { return Ok(Some((Actor::User(principal), view))) };
    match crate::access::links::still_open(db, token_id, user_id).await? {
        Some(ticket_id) => {
            view.link_ticket_id = Some(ticket_id);
            Ok(Some((Actor::Link { principal, ticket_id }, view)))
        }
        None => Ok(None),
    }
}

/// Filters for the user directory.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub role: Option<Role>,
    /// Case-insensitive part of the name or email.
    pub query: Option<String>,
    /// Only the members of this organization.
    pub organization_id: Option<i64>,
    /// Show only users with an id above this (keyset pagination).
    pub after_id: Option<i64>,
}

pub async fn list(db: &impl ConnectionTrait, actor: &Actor, filter: UserFilter) -> Result<Page<UserView>, DomainError> {
    authorize(actor, Action::ViewDirectory)?;
    let mut select = user::Entity::find().order_by_asc(user::Column::Id).limit(PAGE_SIZE + 1);
    if let Some(org) = filter.organization_id {
        select = select.filter(user::Column::OrganizationId.eq(org));
    }
    if let Some(role) = filter.role {
        select = select.filter(user::Column::Role.eq(role));
    }
    if let Some(q) = filter.query.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        // The user's text is matched literally: LIKE's wildcards are escaped.
        let escaped = q.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let pattern = || LikeExpr::new(format!("%{escaped}%")).escape('\\');
        select = select.filter(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(user::Column::Name))).like(pattern()))
                .add(Expr::col(user::Column::Email).like(pattern())),
        );
    }
    if let Some(after) = filter.after_id {
        select = select.filter(user::Column::Id.gt(after));
    }
    let mut rows = select.all(db).await?;
    let next_cursor = if rows.len() as u64 > PAGE_SIZE {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|u| u.id.to_string())
    } else {
        None
    };
    let org_ids: Vec<i64> = rows.iter().filter_map(|u| u.organization_id).collect();
    let orgs: HashMap<i64, String> = if org_ids.is_empty() {
        HashMap::new()
    } else {
        organization::Entity::find()
            .filter(organization::Column::Id.is_in(org_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect()
    };
    let items = rows
        .into_iter()
        .map(|u| {
            let org = u.organization_id.and_then(|id| orgs.get(&id).cloned());
            to_view(u, org)
        })
        .collect();
    Ok(Page { items, next_cursor })
}

/// One user of the directory.
pub async fn get(db: &impl ConnectionTrait, actor: &Actor, user_id: i64) -> Result<UserView, DomainError> {
    authorize(actor, Action::ViewDirectory)?;
    let model = user::Entity::find_by_id(user_id).one(db).await?.ok_or(DomainError::NotFound)?;
    view_of(db, model).await
}

pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<user::Model>, DomainError> {
    Ok(user::Entity::find().filter(user::Column::Email.eq(email.trim().to_lowercase())).one(db).await?)
}
