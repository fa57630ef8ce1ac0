//! Priorities: admins add, rename, rank, deactivate them and choose the default. There is always
//! exactly one default, and it is active. Priorities are never deleted: tickets keep theirs.

use super::{
    types::{PRIORITY_NAME_MAX_CHARS, parse_label},
    unique::{TAKEN, map_unique, taken},
};
use crate::{
    audit,
    entities::priority,
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
    sea_query::Expr,
};
use serde_json::json;

#[derive(Debug, Clone)]
pub struct PriorityInput {
    pub name: String,
    pub rank: i32,
    pub is_default: bool,
    pub active: bool,
}

async fn check(
    db: &impl ConnectionTrait,
    input: &PriorityInput,
    current: Option<&priority::Model>,
) -> Result<String, DomainError> {
    let name = parse_label(&input.name, PRIORITY_NAME_MAX_CHARS).map_err(|m| DomainError::field("name", &m))?;
    let all = priority::Entity::find().all(db).await?;
    if taken(all.iter().map(|p| (p.id, p.name.as_str())), &name, current.map(|p| p.id)) {
        return Err(DomainError::field("name", TAKEN));
    }
    if input.is_default && !input.active {
        return Err(DomainError::field("active", "The default priority must be active"));
    }
    if current.is_some_and(|p| p.is_default) && !input.is_default {
        return Err(DomainError::field("is_default", "Make another priority the default instead"));
    }
    Ok(name)
}

/// Makes `id` the only default.
async fn clear_other_defaults(db: &impl ConnectionTrait, id: i64) -> Result<(), DomainError> {
    priority::Entity::update_many()
        .col_expr(priority::Column::IsDefault, Expr::value(false))
        .filter(priority::Column::Id.ne(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, input: PriorityInput) -> Result<i64, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let name = check(&txn, &input, None).await?;
    let row = priority::ActiveModel {
        name: Set(name.clone()),
        rank: Set(input.rank),
        is_default: Set(input.is_default),
        active: Set(input.active),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(map_unique)?;
    if input.is_default {
        clear_other_defaults(&txn, row.id).await?;
    }
    let detail = json!({ "name": name, "rank": input.rank, "is_default": input.is_default, "active": input.active });
    audit::record(&txn, actor, "priority.create", ("priority", Some(row.id)), detail).await?;
    super::cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    priority_id: i64,
    input: PriorityInput,
) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = priority::Entity::find_by_id(priority_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    let name = check(&txn, &input, Some(&row)).await?;
    let detail = json!({
        "old": { "name": row.name, "rank": row.rank, "is_default": row.is_default, "active": row.active },
        "new": { "name": name, "rank": input.rank, "is_default": input.is_default, "active": input.active },
    });
    let mut changes = row.into_active_model();
    changes.name = Set(name);
    changes.rank = Set(input.rank);
    changes.is_default = Set(input.is_default);
    changes.active = Set(input.active);
    changes.update(&txn).await.map_err(map_unique)?;
    if input.is_default {
        clear_other_defaults(&txn, priority_id).await?;
    }
    audit::record(&txn, actor, "priority.update", ("priority", Some(priority_id)), detail).await?;
    super::cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}
