//! The PostgreSQL ceiling: pgbench running one single-row INSERT per transaction into a small
//! table of the bench database, with 1 and with 16 clients.

use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use std::{path::PathBuf, process::Command};

/// pgbench from PostgreSQL's own folder (the newest version), or from PATH.
pub fn find() -> Option<PathBuf> {
    let mut installed: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let e = e.ok()?;
            let version = e.file_name().to_str()?.parse().ok()?;
            Some((version, e.path().join("bin/pgbench")))
        })
        .filter(|(_, p)| p.is_file())
        .collect();
    installed.sort();
    installed.pop().map(|(_, p)| p).or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path).map(|d| d.join("pgbench")).find(|p| p.is_file())
    })
}

/// Transactions per second of `clients` clients on `threads` threads for `seconds`.
pub async fn inserts(
    pgbench: &std::path::Path,
    database_url: &str,
    dir: &std::path::Path,
    clients: u32,
    threads: u32,
    seconds: u32,
) -> anyhow::Result<f64> {
    let db = Database::connect(database_url).await.context("cannot connect to the bench database")?;
    let create = "CREATE TABLE IF NOT EXISTS docket_load_ceiling (id bigserial PRIMARY KEY, body text NOT NULL)";
    db.execute_raw(Statement::from_string(DbBackend::Postgres, create)).await?;
    db.close().await.ok();
    let script = dir.join("docket-load-pgbench.sql");
    std::fs::write(
        &script,
        "INSERT INTO docket_load_ceiling (body) VALUES ('a row about the size of a short subject');\n",
    )?;
    let (pgbench, url) = (pgbench.to_owned(), database_url.to_owned());
    let output = tokio::task::spawn_blocking(move || {
        Command::new(&pgbench)
            .args(["-n", "-f"])
            .arg(&script)
            .args(["-c", &clients.to_string(), "-j", &threads.to_string(), "-T", &seconds.to_string()])
            .arg(&url)
            .output()
            .with_context(|| format!("cannot run {}", pgbench.display()))
    })
    .await??;
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("pgbench failed ({}): {}{}", output.status, text, String::from_utf8_lossy(&output.stderr));
    }
    tps(&text).with_context(|| format!("no tps in pgbench's output: {text}"))
}

/// Drops the ceiling's table so a kept data set stays as seeded.
pub async fn clean_up(database_url: &str) {
    if let Ok(db) = Database::connect(database_url).await {
        let drop = "DROP TABLE IF EXISTS docket_load_ceiling";
        db.execute_raw(Statement::from_string(DbBackend::Postgres, drop)).await.ok();
        db.close().await.ok();
    }
}

/// The `tps = 1234.5 (without initial connection time)` line of pgbench's report.
fn tps(report: &str) -> Option<f64> {
    report
        .lines()
        .filter_map(|l| l.trim().strip_prefix("tps = "))
        .find_map(|rest| rest.split_whitespace().next()?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::tps;

    #[test]
    fn reads_the_tps_line() {
        let report = "latency average = 1.2 ms\ntps = 812.345678 (without initial connection time)\n";
        assert_eq!(tps(report), Some(812.345678));
        assert_eq!(tps("nothing"), None);
    }
}
