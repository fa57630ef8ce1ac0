//! The ticket reference prefix (`DKT` in `DKT-1042`), kept as a JSON string under the setting
//! `ticket_prefix`. Changing it changes how every ticket is referred to from then on; numbers
//! stay the same.

use super::{config::Config, types::parse_prefix};
use crate::{
    audit,
    entities::setting,
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{DatabaseConnection, EntityTrait, Set, sea_query::OnConflict};
use serde_json::json;

pub const SETTING: &str = "ticket_prefix";

/// Sets the prefix; returns it as stored.
pub async fn set(db: &DatabaseConnection, actor: &Actor, input: &str) -> Result<String, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let prefix = parse_prefix(input).map_err(|m| DomainError::field("ticket_prefix", m))?;
    let txn = crate::db::begin_write(db).await?;
    let old = Config::load(&txn).await?.prefix;
    let value = serde_json::to_string(&prefix).map_err(|_| DomainError::Internal)?;
    let row =
        setting::ActiveModel { key: Set(SETTING.to_owned()), value: Set(value), updated_at: Set(crate::clock::now()) };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    audit::record(&txn, actor, "settings.ticket_prefix", ("setting", None), json!({ "old": old, "new": prefix }))
        .await?;
    super::cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(prefix)
}
