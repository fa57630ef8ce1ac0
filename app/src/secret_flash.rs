//! A secret shown once after a plain form post (a new API token, a calendar feed address): the
//! redirect cannot carry it (a URL would leak it to history and logs), so it waits in the
//! server-side session. The page the redirect names reads it (a page may load its data more
//! than once while rendering, so reading does not consume it); any other read drops it, as do
//! five minutes.

use crate::{
    error::AppError,
    ssr::{self, session_error},
};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

const FLASH_SECONDS: i64 = 300;

#[derive(Serialize, Deserialize)]
struct Flash<T> {
    value: T,
    at: chrono::DateTime<chrono::Utc>,
}

/// Keeps `value` under `key` for the redirected page.
pub async fn keep<T: Serialize>(key: &str, value: T) -> Result<(), AppError> {
    let session = ssr::session().await?;
    session.insert(key, Flash { value, at: chrono::Utc::now() }).await.map_err(session_error)
}

/// The kept value, while fresh and when `wanted` accepts it (the page is the one the redirect
/// named); otherwise it is dropped.
pub async fn read<T: Serialize + DeserializeOwned>(
    key: &str,
    wanted: impl FnOnce(&T) -> bool,
) -> Result<Option<T>, AppError> {
    let session = ssr::session().await?;
    // One kept in another shape (by an earlier version) reads as nothing and is dropped.
    match session.get::<Flash<T>>(key).await {
        Ok(None) => return Ok(None),
        Ok(Some(flash)) => {
            let fresh = flash.at > chrono::Utc::now() - chrono::Duration::seconds(FLASH_SECONDS);
            if fresh && wanted(&flash.value) {
                return Ok(Some(flash.value));
            }
        }
        Err(_) => {}
    }
    session.remove_value(key).await.map_err(session_error)?;
    Ok(None)
}
