//! A tower-sessions store over the database (SQLite or PostgreSQL) through the domain's
//! session rows, and the job that deletes expired sessions (and long-expired mailed links).

use app::ssr::USER_ID_KEY;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use std::time::Duration;
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{Error, Result},
};

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        DbSessionStore { db }
    }

    /// Deletes expired sessions now and then, for as long as the server runs.
    pub fn spawn_cleanup(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let db = self.db.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                match domain::sessions::delete_expired(&db).await {
                    Ok(0) => {}
                    Ok(n) => tracing::debug!(deleted = n, "expired sessions removed"),
                    Err(err) => tracing::warn!(error = %err, "expired session cleanup failed"),
                }
                match domain::access::tokens::delete_stale(&db).await {
                    Ok(0) => {}
                    Ok(n) => tracing::debug!(deleted = n, "long-expired access links removed"),
                    Err(err) => tracing::warn!(error = %err, "access link cleanup failed"),
                }
            }
        })
    }
}

fn backend(err: impl std::fmt::Display) -> Error {
    Error::Backend(err.to_string())
}

fn parts(record: &Record) -> Result<(String, DateTime<Utc>, Option<i64>)> {
    let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
    let expires = DateTime::<Utc>::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .ok_or_else(|| Error::Encode("expiry out of range".into()))?;
    let user_id = record.data.get(USER_ID_KEY).and_then(serde_json::Value::as_i64);
    Ok((data, expires, user_id))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        loop {
            let (data, expires, user_id) = parts(record)?;
            let id = record.id.to_string();
            if domain::sessions::create(&self.db, &id, data, expires, user_id).await.map_err(backend)? {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let (data, expires, user_id) = parts(record)?;
        domain::sessions::save(&self.db, &record.id.to_string(), data, expires, user_id).await.map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some(row) = domain::sessions::load(&self.db, &id.to_string()).await.map_err(backend)? else {
            return Ok(None);
        };
        let data = serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(row.expires_at.timestamp())
            .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        domain::sessions::delete(&self.db, &id.to_string()).await.map_err(backend)
    }
}
