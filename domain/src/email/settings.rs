//! The email channel's desk-wide settings: the reply-token signing key (made on first use) and
//! the public address of the desk that links in mail point to (set by the server at start);
//! `MailSettings` keeps both, with the mail templates, in memory per configuration version.

use super::{templates, token::TokenKey};
use crate::{
    desk_config::{Config, cache},
    email_types::{MailEvent, TemplateView},
    entities::setting,
    error::DomainError,
};
use rand::RngCore;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, sea_query::OnConflict};

const TOKEN_KEY: &str = "mail_token_key";
const PUBLIC_URL: &str = "public_url";

/// What every outgoing notice needs besides its ticket. Saving a template or the public URL
/// replaces the configuration version, so a copy is never used after either changes; the key
/// never changes once made.
#[derive(Clone)]
pub struct MailSettings {
    pub token_key: TokenKey,
    pub public_url: String,
    templates: Vec<TemplateView>,
}

impl MailSettings {
    pub fn template(&self, event: MailEvent) -> Result<&TemplateView, DomainError> {
        self.templates.iter().find(|t| t.event == event).ok_or(DomainError::Internal)
    }
}

static COPIES: cache::Copies<MailSettings> = cache::Copies::new();

/// The mail settings at `config`'s version: the in-memory copy, or read (and kept) once.
pub(crate) async fn load(db: &impl ConnectionTrait, config: &Config) -> Result<MailSettings, DomainError> {
    if let Some(copy) = config.version.and_then(|v| COPIES.get(v)) {
        return Ok(copy);
    }
    let settings = MailSettings {
        token_key: token_key(db).await?,
        public_url: public_url(db).await?,
        templates: templates::all(db).await?,
    };
    if let Some(version) = config.version {
        COPIES.put(version, &settings);
    }
    Ok(settings)
}

/// The signing key; the first caller makes one (a racing second insert is ignored, and both
/// then read the row that won).
pub async fn token_key(db: &impl ConnectionTrait) -> Result<TokenKey, DomainError> {
    if let Some(row) = setting::Entity::find_by_id(TOKEN_KEY.to_owned()).one(db).await? {
        return Ok(TokenKey::new(row.value.into_bytes()));
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let value: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let row = setting::ActiveModel {
        key: Set(TOKEN_KEY.to_owned()),
        value: Set(value),
        updated_at: Set(crate::clock::now()),
    };
    setting::Entity::insert(row).on_conflict_do_nothing_on([setting::Column::Key]).exec(db).await?;
    let row = setting::Entity::find_by_id(TOKEN_KEY.to_owned()).one(db).await?.ok_or(DomainError::Internal)?;
    Ok(TokenKey::new(row.value.into_bytes()))
}

/// Where the desk is reached, without a trailing slash (`http://127.0.0.1:3000` until set).
pub async fn public_url(db: &impl ConnectionTrait) -> Result<String, DomainError> {
    let row = setting::Entity::find_by_id(PUBLIC_URL.to_owned()).one(db).await?;
    Ok(row.map_or_else(|| "http://127.0.0.1:3000".to_owned(), |r| r.value))
}

/// Saves the public URL; an unchanged one writes nothing, so a restart keeps every process's
/// in-memory configuration.
pub async fn set_public_url(db: &DatabaseConnection, url: &str) -> Result<(), DomainError> {
    let url = url.trim_end_matches('/');
    if public_url(db).await? == url {
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    let row = setting::ActiveModel {
        key: Set(PUBLIC_URL.to_owned()),
        value: Set(url.to_owned()),
        updated_at: Set(crate::clock::now()),
    };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(&txn)
        .await?;
    cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}
