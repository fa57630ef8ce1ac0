//! The tailer: one task per process that reads new rows of the live-event log and publishes them
//! on the hub. It looks when this process commits an event, when PostgreSQL notifies that any
//! process did, and once a second regardless. It also prunes old rows, which is safe to run in
//! every process at once.

use super::{
    event::LiveEvent,
    hub::{LiveHub, REPLAY_CAPACITY},
    record::{CHANNEL, committed},
};
use crate::entities::live_event;
use sea_orm::{
    ColumnTrait, Condition, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sqlx::postgres::PgListener,
};
use std::{
    collections::BTreeMap,
    time::{Duration, Instant},
};
use tokio::task::JoinHandle;

/// How often the log is read when nothing woke the tailer (another SQLite process, a lost
/// notification).
const POLL: Duration = Duration::from_secs(1);
/// Rows read per query.
const BATCH: u64 = 500;
/// How long a missing id is awaited: on PostgreSQL a transaction that took its id earlier may
/// commit after a later one. Ids of rolled-back transactions never come.
const GAP_WAIT: Duration = Duration::from_secs(10);
/// Larger jumps in ids are not tracked as gaps (a sequence cache, or a restored database).
const MAX_GAP: i64 = 256;
/// Rows older than this are deleted; subscribers away longer refetch everything.
const KEEP: chrono::TimeDelta = chrono::TimeDelta::hours(1);
const PRUNE_EVERY: Duration = Duration::from_secs(300);

/// Starts tailing the log of `db` into `hub`.
pub fn spawn(db: DatabaseConnection, hub: LiveHub) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tailer = loop {
            match Tailer::start(&db, &hub).await {
                Ok(tailer) => break tailer,
                Err(err) => {
                    tracing::warn!(error = %err, "cannot read the live-event log; retrying");
                    tokio::time::sleep(POLL).await;
                }
            }
        };
        let mut woken = committed();
        let mut listener = None;
        let mut pruned = Instant::now();
        loop {
            if listener.is_none() && db.get_database_backend() == DatabaseBackend::Postgres {
                listener = listen(&db).await;
            }
            tokio::select! {
                _ = woken.changed() => {}
                notice = next_notice(&mut listener) => {
                    if let Err(err) = notice {
                        tracing::warn!(error = %err, "lost the PostgreSQL live-event listener; reconnecting");
                        listener = None;
                    }
                }
                _ = tokio::time::sleep(POLL) => {}
            }
            if let Err(err) = tailer.catch_up(&db, &hub).await {
                tracing::warn!(error = %err, "reading the live-event log failed");
            }
            if pruned.elapsed() >= PRUNE_EVERY {
                pruned = Instant::now();
                if let Err(err) = prune(&db).await {
                    tracing::warn!(error = %err, "pruning the live-event log failed");
                }
            }
        }
    })
}

async fn listen(db: &DatabaseConnection) -> Option<PgListener> {
    let pool = db.get_postgres_connection_pool();
    let mut listener =
        PgListener::connect_with(pool).await.map_err(|err| tracing::warn!(error = %err, "LISTEN failed")).ok()?;
    listener.listen(CHANNEL).await.map_err(|err| tracing::warn!(error = %err, "LISTEN failed")).ok()?;
    Some(listener)
}

async fn next_notice(listener: &mut Option<PgListener>) -> Result<(), sea_orm::sqlx::Error> {
    match listener {
        Some(listener) => listener.recv().await.map(|_| ()),
        None => std::future::pending().await,
    }
}

async fn prune(db: &DatabaseConnection) -> Result<u64, DbErr> {
    let before = crate::clock::now() - KEEP;
    let old = live_event::Entity::delete_many().filter(live_event::Column::CreatedAt.lt(before));
    crate::db::write(db, |txn| Box::pin(async move { Ok(old.exec(txn).await?.rows_affected) })).await
}

/// Where the tailer is in the log.
struct Tailer {
    cursor: i64,
    /// Ids below the cursor not seen yet, with when they were first missed.
    gaps: BTreeMap<i64, Instant>,
}

impl Tailer {
    /// Loads the latest rows into the replay buffer and starts after them.
    async fn start(db: &DatabaseConnection, hub: &LiveHub) -> Result<Tailer, DbErr> {
        let mut latest = live_event::Entity::find()
            .order_by_desc(live_event::Column::Id)
            .limit(REPLAY_CAPACITY as u64)
            .all(db)
            .await?;
        latest.reverse();
        let oldest_kept =
            live_event::Entity::find().order_by_asc(live_event::Column::Id).one(db).await?.map_or(0, |row| row.id - 1);
        let cursor = latest.last().map_or(oldest_kept.max(0), |row| row.id);
        let loaded_from = latest.first().map_or(cursor, |row| row.id - 1);
        // Everything after the floor is in the buffer: either all rows still kept, or the last
        // REPLAY_CAPACITY of them.
        let floor = if latest.len() == REPLAY_CAPACITY { loaded_from } else { oldest_kept.max(0) };
        hub.reset_floor(floor);
        for row in latest {
            if let Some(event) = LiveEvent::from_row(row) {
                hub.publish(event);
            }
        }
        Ok(Tailer { cursor, gaps: BTreeMap::new() })
    }

    /// Publishes every row committed since the last look.
    async fn catch_up(&mut self, db: &DatabaseConnection, hub: &LiveHub) -> Result<(), DbErr> {
        self.gaps.retain(|_, since| since.elapsed() < GAP_WAIT);
        loop {
            let mut wanted = Condition::any().add(live_event::Column::Id.gt(self.cursor));
            if !self.gaps.is_empty() {
                wanted = wanted.add(live_event::Column::Id.is_in(self.gaps.keys().copied().collect::<Vec<_>>()));
            }
            let rows = live_event::Entity::find()
                .filter(wanted)
                .order_by_asc(live_event::Column::Id)
                .limit(BATCH)
                .all(db)
                .await?;
            let full = rows.len() as u64 == BATCH;
            for row in rows {
                self.advance(row.id);
                if let Some(event) = LiveEvent::from_row(row) {
                    hub.publish(event);
                }
            }
            if !full {
                return Ok(());
            }
        }
    }

    fn advance(&mut self, id: i64) {
        if id <= self.cursor {
            self.gaps.remove(&id);
            return;
        }
        if id - self.cursor <= MAX_GAP {
            let now = Instant::now();
            for missing in self.cursor + 1..id {
                self.gaps.insert(missing, now);
            }
        }
        self.cursor = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_skipped_by_uncommitted_transactions_are_awaited_then_dropped() {
        let mut tailer = Tailer { cursor: 10, gaps: BTreeMap::new() };
        tailer.advance(11);
        tailer.advance(14);
        assert_eq!(tailer.gaps.keys().copied().collect::<Vec<_>>(), vec![12, 13]);
        tailer.advance(12);
        assert_eq!(tailer.gaps.keys().copied().collect::<Vec<_>>(), vec![13]);
        assert_eq!(tailer.cursor, 14);
        tailer.advance(14 + MAX_GAP + 1);
        assert_eq!(tailer.gaps.len(), 1, "a large jump is not tracked id by id");
    }
}
