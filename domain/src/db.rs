//! Opening the database (SQLite with explicit durability settings, or PostgreSQL) and the one
//! write path: `begin_write`, which on SQLite lets one transaction of this process write at a
//! time, so that no write of Docket's ever meets `SQLITE_BUSY` from another of its own.

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};
use std::{
    collections::HashMap,
    future::Future,
    ops::Deref,
    path::PathBuf,
    pin::Pin,
    sync::{Arc, LazyLock, Mutex},
    time::Duration,
};
use tokio::sync::{Mutex as TurnLock, OwnedMutexGuard, watch};

/// How long a SQLite writer waits for the lock before giving up.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connects to `url`. SQLite files are created if missing and always run with WAL,
/// `synchronous=FULL` (a commit is on disk when acknowledged), foreign keys on and a busy timeout.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, None).await
}

/// `connect` with one connection only: for migrations, whose statements on SQLite must all see
/// each other's schema changes (a second pooled connection can still hold a read snapshot from
/// before the last one, and then finds an index that was just dropped).
pub async fn connect_single(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, Some(1)).await
}

async fn connect_with(url: &str, connections: Option<u32>) -> Result<DatabaseConnection, DbErr> {
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
    let most = connections.unwrap_or(if url.starts_with("sqlite:") { 8 } else { 16 });
    options.max_connections(most).min_connections(1);
    Database::connect(options).await
}

/// A transaction that writes. On SQLite it holds this process's write turn for its database
/// until it commits, rolls back or is dropped; it reads and writes like the transaction it wraps.
pub struct WriteTxn {
    // Declared first so that it is dropped (rolled back) before the turn is given up.
    txn: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Deref for WriteTxn {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

impl WriteTxn {
    /// Commits, then tells this process's waiters (live tailers, the job runner) that it did.
    /// The write of a keyed API request first marks its claim applied, in this transaction.
    pub async fn commit(self) -> Result<(), DbErr> {
        crate::api_tokens::idempotency::stamp_running(&self.txn).await?;
        self.txn.commit().await?;
        COMMITTED.send_modify(|n| *n = n.wrapping_add(1));
        Ok(())
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

/// A write transaction reads and writes as the transaction it wraps, so `&txn` goes wherever a
/// connection does.
#[async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}

/// Bumped after every commit of a write transaction of this process.
static COMMITTED: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);

/// Changes after each commit of a write transaction of this process.
pub fn committed() -> watch::Receiver<u64> {
    COMMITTED.subscribe()
}

/// Each SQLite file's write turn, shared by every connection pool of this process that opens it.
static TURNS: LazyLock<Mutex<HashMap<PathBuf, Arc<TurnLock<()>>>>> = LazyLock::new(Mutex::default);

fn turn_of(db: &DatabaseConnection) -> Option<Arc<TurnLock<()>>> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return None;
    }
    let file = db.get_sqlite_connection_pool().connect_options().get_filename().to_path_buf();
    let mut turns = TURNS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    Some(turns.entry(file).or_default().clone())
}

/// Begins a transaction that will write: the one way Docket writes.
///
/// On SQLite it first waits for this process's write turn on the file (fairly, with no time
/// limit), then takes the database's write lock at once (`BEGIN IMMEDIATE`), so it never meets a
/// writer of this process and never fails half-way as a deferred transaction does when it reads
/// first and another connection writes meanwhile. Only another process (a CLI command beside the
/// server) can make it wait on the lock, within the busy timeout. PostgreSQL begins as usual:
/// row locks and `SKIP LOCKED` let its writers run side by side.
pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
    let turn = match turn_of(db) {
        Some(lock) => Some(lock.lock_owned().await),
        None => None,
    };
    let options =
        TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
    let txn = db.begin_with_options(options).await?;
    Ok(WriteTxn { txn, _turn: turn })
}

/// The work of one write, given its transaction.
pub type WriteWork<'t, T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send + 't>>;

/// Runs `work` in a write transaction of its own (`begin_write`) and commits it: how a single
/// statement writes, so that it too waits for its turn instead of meeting a busy database.
pub async fn write<T, E, F>(db: &DatabaseConnection, work: F) -> Result<T, E>
where
    E: From<DbErr>,
    F: for<'t> FnOnce(&'t DatabaseTransaction) -> WriteWork<'t, T, E>,
{
    let txn = begin_write(db).await?;
    let value = work(&txn).await?;
    txn.commit().await?;
    Ok(value)
}

/// True when the database answers a trivial query (for health checks).
pub async fn ping(db: &DatabaseConnection) -> bool {
    let backend = db.get_database_backend();
    db.query_one_raw(Statement::from_string(backend, "SELECT 1")).await.is_ok()
}

/// Whether a write can begin within `wait`: this process's write turn and, on SQLite, the file's
/// write lock are taken, then given back at once (for readiness checks).
pub async fn writer_ready(db: &DatabaseConnection, wait: Duration) -> bool {
    match tokio::time::timeout(wait, begin_write(db)).await {
        Ok(Ok(txn)) => txn.rollback().await.is_ok(),
        _ => false,
    }
}

/// The connection pool's use: connections open, of those idle, and the most it may open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolUse {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

pub fn pool_use(db: &DatabaseConnection) -> PoolUse {
    fn of<D: sea_orm::sqlx::Database>(pool: &sea_orm::sqlx::Pool<D>) -> PoolUse {
        PoolUse {
            open: pool.size(),
            idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            max: pool.options().get_max_connections(),
        }
    }
    match db.get_database_backend() {
        DbBackend::Sqlite => of(db.get_sqlite_connection_pool()),
        DbBackend::Postgres => of(db.get_postgres_connection_pool()),
        _ => PoolUse::default(),
    }
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
