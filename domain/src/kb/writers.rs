//! Who may write: the policy's answer for the acting person, with the admin's permission read
//! from their account; the admin's list of staff with that permission, and changing it.

use crate::kb::types::WriterView;
use crate::{
    entities::user,
    error::DomainError,
    policy::{Actor, can_write_articles},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Whether the acting person may write articles (false for anyone not signed in).
pub async fn may_write(db: &impl ConnectionTrait, actor: &Actor) -> Result<bool, DomainError> {
    let allowed = match actor {
        Actor::User(p) if p.role.is_staff() => {
            user::Entity::find_by_id(p.user_id).one(db).await?.is_some_and(|u| u.writes_articles)
        }
        _ => false,
    };
    Ok(can_write_articles(actor, allowed))
}

/// `may_write` as a `Result`: visitors are told to sign in, others are refused.
pub async fn authorize_writer(db: &impl ConnectionTrait, actor: &Actor) -> Result<(), DomainError> {
    if may_write(db, actor).await? {
        return Ok(());
    }
    match actor {
        Actor::Anonymous | Actor::Link { .. } => Err(DomainError::Unauthenticated),
        _ => Err(DomainError::Forbidden),
    }
}

/// Lets a member of staff write and publish articles, or takes that away (admins; audited).
/// Admins always write; customers never do.
pub async fn allow(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    user_id: i64,
    allowed: bool,
) -> Result<(), DomainError> {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    crate::policy::authorize(actor, crate::policy::Action::ManageUsers)?;
    let txn = crate::db::begin_write(db).await?;
    let row = user::Entity::find_by_id(user_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if !row.role.is_staff() {
        return Err(DomainError::field("writes_articles", "Only agents and managers can be allowed to write articles"));
    }
    if row.writes_articles == allowed {
        return Ok(());
    }
    let mut active = row.into_active_model();
    active.writes_articles = Set(allowed);
    active.update(&*txn).await?;
    crate::audit::record(
        &*txn,
        actor,
        "kb.writer_changed",
        ("user", Some(user_id)),
        serde_json::json!({"writes_articles": allowed}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Every active member of staff and whether they write articles, by name (admins). Admins are
/// listed as always writing.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<WriterView>, DomainError> {
    crate::policy::authorize(actor, crate::policy::Action::ManageUsers)?;
    let staff = user::Entity::find()
        .filter(user::Column::Role.is_in(crate::Role::STAFF))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?;
    Ok(staff
        .into_iter()
        .map(|u| WriterView {
            user_id: u.id,
            name: u.name,
            email: u.email,
            always: u.role == crate::Role::Admin,
            writes: u.writes_articles || u.role == crate::Role::Admin,
        })
        .collect())
}
