//! Categories: admins add, rename and deactivate them. A deactivated category stays on the
//! tickets that have it but is no longer offered.

use super::{
    types::{CATEGORY_NAME_MAX_CHARS, parse_label},
    unique::{TAKEN, map_unique, taken},
};
use crate::{
    audit,
    entities::category,
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set};
use serde_json::json;

async fn check_name(db: &impl ConnectionTrait, name: &str, except: Option<i64>) -> Result<String, DomainError> {
    let name = parse_label(name, CATEGORY_NAME_MAX_CHARS).map_err(|m| DomainError::field("name", &m))?;
    let all = category::Entity::find().all(db).await?;
    if taken(all.iter().map(|c| (c.id, c.name.as_str())), &name, except) {
        return Err(DomainError::field("name", TAKEN));
    }
    Ok(name)
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, name: &str) -> Result<i64, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let name = check_name(&txn, name, None).await?;
    let row = category::ActiveModel { name: Set(name.clone()), active: Set(true), ..Default::default() }
        .insert(&txn)
        .await
        .map_err(map_unique)?;
    audit::record(&txn, actor, "category.create", ("category", Some(row.id)), json!({ "name": name })).await?;
    super::cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i64,
    name: &str,
    active: bool,
) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = category::Entity::find_by_id(category_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    let name = check_name(&txn, name, Some(row.id)).await?;
    let detail = json!({
        "old": { "name": row.name, "active": row.active },
        "new": { "name": name, "active": active },
    });
    let mut changes = row.into_active_model();
    changes.name = Set(name);
    changes.active = Set(active);
    changes.update(&txn).await.map_err(map_unique)?;
    audit::record(&txn, actor, "category.update", ("category", Some(category_id)), detail).await?;
    super::cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}
