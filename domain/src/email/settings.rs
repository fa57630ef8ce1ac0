//! The email channel's desk-wide settings: the reply-token signing key (made on first use) and
//! the public address of the desk that links in mail point to (set by the server at start).

use super::token::TokenKey;
use crate::{entities::setting, error::DomainError};
use rand::RngCore;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, sea_query::OnConflict};

const TOKEN_KEY: &str = "mail_token_key";
const PUBLIC_URL: &str = "public_url";

/// The signing key; the first caller makes one (a racing second insert is ignored, and both
/// then read the row that won).
pub async fn token_key(db: &impl ConnectionTrait) -> Result<TokenKey, DomainError> {
    if let Some(row) = setting::Entity::find_by_id(TOKEN_KEY.to_owned()).one(db).await? {
        return Ok(TokenKey::new(row.value.into_bytes()));
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let value: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let row =
        setting::ActiveModel { key: Set(TOKEN_KEY.to_owned()), value: Set(value), updated_at: Set(chrono::Utc::now()) };
    setting::Entity::insert(row).on_conflict_do_nothing_on([setting::Column::Key]).exec(db).await?;
    let row = setting::Entity::find_by_id(TOKEN_KEY.to_owned()).one(db).await?.ok_or(DomainError::Internal)?;
    Ok(TokenKey::new(row.value.into_bytes()))
}

/// Where the desk is reached, without a trailing slash (`http://127.0.0.1:3000` until set).
pub async fn public_url(db: &impl ConnectionTrait) -> Result<String, DomainError> {
    let row = setting::Entity::find_by_id(PUBLIC_URL.to_owned()).one(db).await?;
    Ok(row.map_or_else(|| "http://127.0.0.1:3000".to_owned(), |r| r.value))
}

pub async fn set_public_url(db: &impl ConnectionTrait, url: &str) -> Result<(), DomainError> {
    let row = setting::ActiveModel {
        key: Set(PUBLIC_URL.to_owned()),
        value: Set(url.trim_end_matches('/').to_owned()),
        updated_at: Set(chrono::Utc::now()),
    };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}
