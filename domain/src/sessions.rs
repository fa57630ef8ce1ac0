//! Storage of web sessions: the rows behind the server's tower-sessions store.

use crate::entities::session;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set, sea_query::OnConflict,
};

/// A stored session: its JSON data and when it expires.
pub struct StoredSession {
    pub data: String,
    pub expires_at: DateTime<Utc>,
}

/// Loads a session that has not expired.
pub async fn load(db: &impl ConnectionTrait, id: &str) -> Result<Option<StoredSession>, DbErr> {
    Ok(session::Entity::find_by_id(id.to_owned())
        .filter(session::Column::ExpiresAt.gt(crate::clock::now()))
        .one(db)
        .await?
        .map(|row| StoredSession { data: row.data, expires_at: row.expires_at }))
}

/// Inserts or replaces a session.
pub async fn save(
    db: &DatabaseConnection,
    id: &str,
    data: String,
    expires_at: DateTime<Utc>,
    user_id: Option<i64>,
) -> Result<(), DbErr> {
    let row = session::ActiveModel {
        id: Set(id.to_owned()),
        data: Set(data),
        expires_at: Set(expires_at),
        user_id: Set(user_id),
    };
    let upsert = session::Entity::insert(row).on_conflict(
        OnConflict::column(session::Column::Id)
            .update_columns([session::Column::Data, session::Column::ExpiresAt, session::Column::UserId])
            .to_owned(),
    );
    crate::db::write(db, |txn| Box::pin(async move { upsert.exec_without_returning(txn).await.map(drop) })).await
}

/// Inserts a session only if the id is free; false when it was taken.
pub async fn create(
    db: &DatabaseConnection,
    id: &str,
    data: String,
    expires_at: DateTime<Utc>,
    user_id: Option<i64>,
) -> Result<bool, DbErr> {
    let row = session::ActiveModel {
        id: Set(id.to_owned()),
        data: Set(data),
        expires_at: Set(expires_at),
        user_id: Set(user_id),
    };
    let insert =
        session::Entity::insert(row).on_conflict(OnConflict::column(session::Column::Id).do_nothing().to_owned());
    let inserted =
        crate::db::write(db, |txn| Box::pin(async move { insert.exec_without_returning(txn).await })).await?;
    Ok(inserted == 1)
}

pub async fn delete(db: &DatabaseConnection, id: &str) -> Result<(), DbErr> {
    let delete = session::Entity::delete_by_id(id.to_owned());
    crate::db::write(db, |txn| Box::pin(async move { delete.exec(txn).await.map(drop) })).await
}

/// Ends every session of a user, except `keep` (the one making the change) when given.
pub async fn delete_for_user(db: &impl ConnectionTrait, user_id: i64, keep: Option<&str>) -> Result<u64, DbErr> {
    let mut delete = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        delete = delete.filter(session::Column::Id.ne(keep));
    }
    Ok(delete.exec(db).await?.rows_affected)
}

pub async fn delete_expired(db: &DatabaseConnection) -> Result<u64, DbErr> {
    let expired = session::Entity::delete_many().filter(session::Column::ExpiresAt.lte(crate::clock::now()));
    crate::db::write(db, |txn| Box::pin(async move { Ok(expired.exec(txn).await?.rows_affected) })).await
}
