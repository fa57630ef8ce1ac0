//! The classifier's one setting: the confidence (percent) at or above which a suggestion applies
//! itself to a new ticket (`None`: never). Stored in `settings`; a change changes the
//! configuration version, so that opening a ticket reads it from memory.

use crate::{
    audit,
    desk_config::cache,
    entities::setting,
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Set, sea_query::OnConflict};
use serde_json::json;

pub const KEY: &str = "classifier_apply_above";

/// The lowest confidence an admin may choose: below it a guess is no better than a coin.
pub const MIN_PERCENT: u8 = 50;

pub async fn apply_above(db: &impl ConnectionTrait) -> Result<Option<u8>, DomainError> {
    let row = setting::Entity::find_by_id(KEY.to_owned()).one(db).await?;
    Ok(row.and_then(|r| serde_json::from_str::<Option<u8>>(&r.value).ok()).flatten())
}

/// A percentage as typed: blank for never, or a whole number from 50 to 100.
pub fn parse_percent(input: &str) -> Result<Option<u8>, &'static str> {
    let text = input.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u8>() {
        Ok(n) if (MIN_PERCENT..=100).contains(&n) => Ok(Some(n)),
        _ => Err("Enter a confidence from 50 to 100, or leave it blank to only suggest"),
    }
}

pub async fn set_apply_above(db: &DatabaseConnection, actor: &Actor, percent: Option<u8>) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let value = serde_json::to_string(&percent).map_err(|_| DomainError::Internal)?;
    let row =
        setting::ActiveModel { key: Set(KEY.to_owned()), value: Set(value), updated_at: Set(crate::clock::now()) };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(&*txn)
        .await?;
    audit::record(&*txn, actor, "classifier.apply_above", ("setting", None), json!({ "percent": percent })).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}
