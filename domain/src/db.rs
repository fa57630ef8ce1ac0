//! Opening the database: SQLite with explicit durability settings, or PostgreSQL.

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};
use std::time::Duration;

/// How long a SQLite writer waits for the lock before giving up.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connects to `url`. SQLite files are created if missing and always run with WAL,
/// `synchronous=FULL` (a commit is on disk when acknowledged), foreign keys on and a busy timeout.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
        });
    if url.starts_with("sqlite:") {
        options.max_connections(8).min_connections(1);
    } else {
        options.max_connections(16).min_connections(1);
    }
    Database::connect(options).await
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`) and so waits its turn under the busy timeout: a deferred transaction that reads
/// first fails at its first write, without waiting, whenever another connection is writing.
/// PostgreSQL begins as usual.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let options =
        TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
    db.begin_with_options(options).await
}

/// True when the database answers a trivial query (for health checks).
pub async fn ping(db: &DatabaseConnection) -> bool {
    let backend = db.get_database_backend();
    db.query_one_raw(Statement::from_string(backend, "SELECT 1")).await.is_ok()
}

/// The SQLite settings actually in force on one pooled connection, for tests and diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteSettings {
    pub journal_mode: String,
    pub synchronous: i64,
    pub foreign_keys: i64,
    pub busy_timeout_ms: i64,
}

pub async fn sqlite_settings(db: &DatabaseConnection) -> Result<Option<SqliteSettings>, DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(None);
    }
    async fn pragma<T: sea_orm::TryGetable>(db: &DatabaseConnection, name: &str) -> Result<T, DbErr> {
        let row = db
            .query_one_raw(Statement::from_string(DbBackend::Sqlite, format!("PRAGMA {name}")))
            .await?
            .ok_or_else(|| DbErr::Custom(format!("PRAGMA {name} returned nothing")))?;
        row.try_get_by_index(0)
    }
    Ok(Some(SqliteSettings {
        journal_mode: pragma(db, "journal_mode").await?,
        synchronous: pragma(db, "synchronous").await?,
        foreign_keys: pragma(db, "foreign_keys").await?,
        busy_timeout_ms: pragma(db, "busy_timeout").await?,
    }))
}
