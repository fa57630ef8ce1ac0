//! The `settings` table: one text value (often JSON) per key, read as a type and replaced
//! whole. Features that keep a desk-wide setting call these instead of writing the upsert again.

use crate::{entities::setting, error::DomainError};
use sea_orm::{ConnectionTrait, EntityTrait, Set, sea_query::OnConflict};
use serde::de::DeserializeOwned;

/// The value under `key` read as `T`; `None` when unset or unreadable (callers default it).
pub async fn read<T: DeserializeOwned>(db: &impl ConnectionTrait, key: &str) -> Result<Option<T>, DomainError> {
    let row = setting::Entity::find_by_id(key.to_owned()).one(db).await?;
    Ok(row.and_then(|r| serde_json::from_str(&r.value).ok()))
}

/// Sets `key` to `value`, inserting or replacing the row, in the caller's transaction.
pub async fn write(db: &impl ConnectionTrait, key: &str, value: String) -> Result<(), DomainError> {
    let row =
        setting::ActiveModel { key: Set(key.to_owned()), value: Set(value), updated_at: Set(crate::clock::now()) };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
