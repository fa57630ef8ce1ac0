//! Statuses: admins add them to a category, rename, reorder, deactivate and delete them. Every
//! category keeps at least one active status, and a status that tickets use is only ever
//! deactivated, never deleted. A status keeps its category for life: tickets in it would
//! otherwise change meaning.

use super::{
    types::{STATUS_NAME_MAX_CHARS, parse_label},
    unique::{TAKEN, map_unique, taken},
};
use crate::{
    audit,
    entities::{status, ticket},
    error::DomainError,
    policy::{Action, Actor, authorize},
    ticket_types::StatusCategory,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};
use serde_json::json;

/// A status's editable fields.
#[derive(Debug, Clone)]
pub struct StatusInput {
    pub name: String,
    pub position: i32,
    pub active: bool,
}

async fn check_name(db: &impl ConnectionTrait, name: &str, except: Option<i64>) -> Result<String, DomainError> {
    let name = parse_label(name, STATUS_NAME_MAX_CHARS).map_err(|m| DomainError::field("name", &m))?;
    let all = status::Entity::find().all(db).await?;
    if taken(all.iter().map(|s| (s.id, s.name.as_str())), &name, except) {
        return Err(DomainError::field("name", TAKEN));
    }
    Ok(name)
}

/// Whether another active status of the same category remains without `row`.
async fn another_active(db: &impl ConnectionTrait, row: &status::Model) -> Result<bool, DomainError> {
    let others = status::Entity::find()
        .filter(status::Column::Category.eq(row.category))
        .filter(status::Column::Active.eq(true))
        .filter(status::Column::Id.ne(row.id))
        .count(db)
        .await?;
    Ok(others > 0)
}

fn last_active_message(row: &status::Model) -> String {
    format!("“{}” is the last active {} status; every category needs one", row.name, row.category.as_str())
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    name: &str,
    category: StatusCategory,
    position: i32,
) -> Result<i64, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let name = check_name(&txn, name, None).await?;
    let row = status::ActiveModel {
        name: Set(name.clone()),
        category: Set(category),
        position: Set(position),
        active: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(map_unique)?;
    let detail = json!({ "name": name, "category": category.as_str(), "position": position });
    audit::record(&txn, actor, "status.create", ("status", Some(row.id)), detail).await?;
    super::cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    status_id: i64,
    input: StatusInput,
) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = status::Entity::find_by_id(status_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    let name = check_name(&txn, &input.name, Some(row.id)).await?;
    if row.active && !input.active && !another_active(&txn, &row).await? {
        return Err(DomainError::field("active", &last_active_message(&row)));
    }
    let detail = json!({
        "old": { "name": row.name, "position": row.position, "active": row.active },
        "new": { "name": name, "position": input.position, "active": input.active },
    });
    let mut changes = row.into_active_model();
    changes.name = Set(name);
    changes.position = Set(input.position);
    changes.active = Set(input.active);
    changes.update(&txn).await.map_err(map_unique)?;
    audit::record(&txn, actor, "status.update", ("status", Some(status_id)), detail).await?;
    super::cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete(db: &DatabaseConnection, actor: &Actor, status_id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = status::Entity::find_by_id(status_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    let used = ticket::Entity::find().filter(ticket::Column::StatusId.eq(row.id)).count(&txn).await?;
    if used > 0 {
        return Err(DomainError::Conflict(format!(
            "{used} ticket(s) have the status “{}”; deactivate it instead of deleting it",
            row.name
        )));
    }
    if row.active && !another_active(&txn, &row).await? {
        return Err(DomainError::Conflict(last_active_message(&row)));
    }
    status::Entity::delete_by_id(row.id).exec(&txn).await?;
    let detail = json!({ "name": row.name, "category": row.category });
    audit::record(&txn, actor, "status.delete", ("status", Some(status_id)), detail).await?;
    super::cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}
