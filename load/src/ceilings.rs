//! The ceilings Docket's write throughput is compared with, measured on the same disk in the
//! same run: raw fsync latency and rate, and raw SQLite single-row commits in series.

use anyhow::Context;
use sea_orm::sqlx::{
    ConnectOptions, Connection, Executor,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
};
use std::{
    fs::OpenOptions,
    io::{Seek, SeekFrom, Write},
    path::Path,
    time::{Duration, Instant},
};

use crate::stats::Latency;

/// The fsync loop cycles through this many 4 KB blocks, so the file stays small.
const BLOCKS: u64 = 256;

#[derive(Debug, Clone, Copy, Default)]
pub struct Fsync {
    pub per_second: f64,
    pub latency: Latency,
}

/// Writes 4 KB and `sync_data`s it, over and over for `duration`, in a file inside `dir`.
pub fn fsync(dir: &Path, duration: Duration) -> anyhow::Result<Fsync> {
    let path = dir.join("docket-load-fsync.tmp");
    let mut file = OpenOptions::new().create(true).truncate(true).read(true).write(true).open(&path)?;
    let block = [0x5a_u8; 4096];
    for _ in 0..BLOCKS {
        file.write_all(&block)?;
    }
    file.sync_all()?;
    let mut latencies = Vec::new();
    let started = Instant::now();
    let mut n = 0;
    while started.elapsed() < duration {
        let at = Instant::now();
        file.seek(SeekFrom::Start((n % BLOCKS) * 4096))?;
        file.write_all(&block)?;
        file.sync_data()?;
        latencies.push(at.elapsed());
        n += 1;
    }
    let elapsed = started.elapsed().as_secs_f64();
    drop(file);
    std::fs::remove_file(&path).ok();
    Ok(Fsync { per_second: latencies.len() as f64 / elapsed, latency: Latency::of(&mut latencies) })
}

/// Single-row INSERT commits per second, in series on one connection, WAL mode, with SQLite's
/// `synchronous` at FULL (as Docket runs) or NORMAL.
pub async fn sqlite_inserts(dir: &Path, full: bool, duration: Duration) -> anyhow::Result<f64> {
    let path = dir.join(format!("docket-load-ceiling-{}.db", if full { "full" } else { "normal" }));
    let synchronous = if full { SqliteSynchronous::Full } else { SqliteSynchronous::Normal };
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(synchronous);
    let mut db = options.connect().await.context("cannot open the ceiling's SQLite file")?;
    db.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").await?;
    let started = Instant::now();
    let mut n = 0_u64;
    while started.elapsed() < duration {
        sea_orm::sqlx::query("INSERT INTO rows (body) VALUES (?)")
            .bind("a row about the size of a short ticket subject")
            .execute(&mut db)
            .await?;
        n += 1;
    }
    let elapsed = started.elapsed().as_secs_f64();
    db.close().await.ok();
    for suffix in ["", "-wal", "-shm"] {
        std::fs::remove_file(format!("{}{suffix}", path.display())).ok();
    }
    Ok(n as f64 / elapsed)
}
