//! Saved views: agents name a filter and a sort, keep it for themselves or share it with every
//! agent. Owners (and admins) delete them.

use crate::{
    entities::{saved_view, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    role::Role,
    ticket_filter::{SavedView, Sort, TicketFilter},
    validation::Checks,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub const NAME_MAX_CHARS: usize = 80;
/// Saved views an agent may own.
pub const MAX_PER_OWNER: usize = 50;

/// Saves the current filter under a name. The query is stored in its canonical form.
pub async fn save(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    name: &str,
    query: &str,
    sort: Sort,
    shared: bool,
) -> Result<i64, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let owner = actor.principal().ok_or(DomainError::Unauthenticated)?.user_id;
    let mut checks = Checks::new();
    let name = name.trim();
    if name.is_empty() {
        checks.add("name", "Name the view");
    } else if name.chars().count() > NAME_MAX_CHARS || name.chars().any(char::is_control) {
        checks.add("name", "Use at most 80 characters, no control characters");
    }
    let filter = checks.check("q", TicketFilter::parse(query));
    checks.finish()?;
    let query = filter.map(|f| f.to_query()).unwrap_or_default();
    let txn = crate::db::begin_write(db).await?;
    let db = &*txn;
    let mine = saved_view::Entity::find().filter(saved_view::Column::OwnerId.eq(owner)).all(db).await?;
    if mine.iter().any(|v| v.name.eq_ignore_ascii_case(name)) {
        return Err(DomainError::field("name", "You already have a view with this name"));
    }
    if mine.len() >= MAX_PER_OWNER {
        return Err(DomainError::field("name", "Delete a view first: you have 50"));
    }
    let row = saved_view::ActiveModel {
        owner_id: Set(owner),
        name: Set(name.to_owned()),
        query: Set(query),
        sort: Set(sort.as_str().to_owned()),
        shared: Set(shared),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Deletes a view: its owner may, and admins may delete shared ones. Others get "not found".
pub async fn delete(db: &sea_orm::DatabaseConnection, actor: &Actor, id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let txn = crate::db::begin_write(db).await?;
    let db = &*txn;
    let p = actor.principal().ok_or(DomainError::Unauthenticated)?;
    let row = saved_view::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound)?;
    let visible = row.owner_id == p.user_id || row.shared;
    if !visible {
        return Err(DomainError::NotFound);
    }
    if row.owner_id != p.user_id && p.role != Role::Admin {
        return Err(DomainError::Forbidden);
    }
    saved_view::Entity::delete_by_id(id).exec(db).await?;
    txn.commit().await?;
    Ok(())
}

/// The agent's own views and every shared one, by name.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<SavedView>, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let p = actor.principal().ok_or(DomainError::Unauthenticated)?;
    let rows = saved_view::Entity::find()
        .filter(
            Condition::any().add(saved_view::Column::OwnerId.eq(p.user_id)).add(saved_view::Column::Shared.eq(true)),
        )
        .order_by_asc(saved_view::Column::Name)
        .all(db)
        .await?;
    let owners = crate::accounts::people::people(db, rows.iter().map(|r| r.owner_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| SavedView {
            can_delete: r.owner_id == p.user_id || p.role == Role::Admin,
            owner_name: owners.get(&r.owner_id).map_or_else(|| "Deleted user".into(), |u: &user::Model| u.name.clone()),
            id: r.id,
            name: r.name,
            query: r.query,
            sort: Sort::parse(&r.sort).unwrap_or_default(),
            shared: r.shared,
        })
        .collect())
}
