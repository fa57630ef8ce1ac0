//! The article search index: SQLite FTS5 (title, summary, body, tags) or a PostgreSQL tsvector
//! weighted A (title), B (summary, tags) and C (body), both stemming English words (articles
//! are prose; tickets are searched word for word), written in the article's transaction.

use crate::error::DomainError;
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

async fn exec(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<(), DomainError> {
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?;
    Ok(())
}

/// Writes (or replaces) an article's document.
pub async fn index_article(
    db: &impl ConnectionTrait,
    article_id: i64,
    title: &str,
    summary: &str,
    body_text: &str,
    tags: &[String],
) -> Result<(), DomainError> {
    let tags = tags.join(" ");
    match db.get_database_backend() {
        DbBackend::Postgres => {
            exec(
                db,
                "INSERT INTO kb_search (article_id, doc) VALUES ($1, \
                 setweight(to_tsvector('english', $2), 'A') || setweight(to_tsvector('english', $3), 'B') \
                 || setweight(to_tsvector('english', $4), 'C') || setweight(to_tsvector('english', $5), 'B')) \
                 ON CONFLICT (article_id) DO UPDATE SET doc = EXCLUDED.doc",
                vec![article_id.into(), title.into(), summary.into(), body_text.into(), tags.into()],
            )
            .await
        }
        _ => {
            forget(db, article_id).await?;
            exec(
                db,
                "INSERT INTO kb_search (rowid, title, summary, body, tags) VALUES (?, ?, ?, ?, ?)",
                vec![article_id.into(), title.into(), summary.into(), body_text.into(), tags.into()],
            )
            .await
        }
    }
}

/// Removes an article's document (SQLite's FTS table has no foreign key to cascade from).
pub async fn forget(db: &impl ConnectionTrait, article_id: i64) -> Result<(), DomainError> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => "DELETE FROM kb_search WHERE article_id = $1",
        _ => "DELETE FROM kb_search WHERE rowid = ?",
    };
    exec(db, sql, vec![article_id.into()]).await
}
