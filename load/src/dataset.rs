//! The data set under test: a folder (temporary, or `--data` kept between runs), a database
//! seeded by `docket bench seed` (SQLite in the folder, or a docket_bench_* database on the
//! `--postgres` server), the API token the seed wrote, and the commands that run `docket` on it.

use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use crate::{
    args::{Routing, Settings},
    memory,
    report::Routed,
};

/// The file that says what the folder holds, so a kept folder is reseeded only when it must be.
const MARKER: &str = "docket-load.seeded";

pub struct DataSet {
    pub dir: PathBuf,
    _temp: Option<tempfile::TempDir>,
    pub database_url: String,
    /// The PostgreSQL server and the database made on it, when the data set lives there.
    pub postgres: Option<(String, String)>,
    pub tickets: usize,
    pub articles: usize,
    pub token: String,
    /// How long seeding took; none when a kept data set was reused.
    pub seeded_in: Option<Duration>,
    drop_database: bool,
}

impl DataSet {
    pub async fn prepare(settings: &Settings) -> anyhow::Result<DataSet> {
        let (dir, temp) = match &settings.data {
            Some(dir) => {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
                (dir.canonicalize().with_context(|| format!("cannot resolve {}", dir.display()))?, None)
            }
            None => {
                let temp =
                    tempfile::Builder::new().prefix("docket-load-").tempdir().context("cannot make a temp dir")?;
                (temp.path().to_path_buf(), Some(temp))
            }
        };
        let (database_url, postgres) = match &settings.postgres {
            Some(server) => {
                let name = match settings.data {
                    Some(_) => format!("docket_bench_{}", settings.tickets),
                    None => format!("docket_bench_{}_{}", settings.tickets, std::process::id()),
                };
                (database_in(server, &name), Some((server.clone(), name)))
            }
            None => (format!("sqlite://{}", dir.join("docket.db").display()), None),
        };
        let mut data = DataSet {
            dir,
            _temp: temp,
            database_url,
            postgres,
            tickets: settings.tickets,
            articles: settings.articles,
            token: String::new(),
            seeded_in: None,
            drop_database: settings.data.is_none(),
        };
        let mut marker =
            format!("tickets={}\narticles={}\ndatabase={}\n", data.tickets, data.articles, data.database_url);
        if let Some(routing) = settings.routing {
            marker.push_str(&format!(
                "routing={} rules, {} agents, manual teams: {}\n",
                routing.rules, routing.agents, routing.manual
            ));
        }
        let kept = std::fs::read_to_string(data.dir.join(MARKER)).ok();
        let token = std::fs::read_to_string(data.token_file()).ok();
        match (kept, token) {
            (Some(kept), Some(token)) if kept == marker && !token.trim().is_empty() => {
                eprintln!("docket-load: reusing the data set in {}", data.dir.display());
                data.token = token.trim().to_owned();
            }
            _ => {
                data.reset().await?;
                let started = Instant::now();
                data.seed(&settings.docket)?;
                if let Some(routing) = settings.routing {
                    data.add_routing(&settings.docket, routing)?;
                }
                data.seeded_in = Some(started.elapsed());
                std::fs::write(data.dir.join(MARKER), marker).context("cannot write the data set marker")?;
                data.token = std::fs::read_to_string(data.token_file())
                    .context("bench seed wrote no token file")?
                    .trim()
                    .to_owned();
            }
        }
        Ok(data)
    }

    fn token_file(&self) -> PathBuf {
        self.dir.join("token")
    }

    /// Attachments and other files of the server.
    fn files_dir(&self) -> PathBuf {
        self.dir.join("files")
    }

    /// `docket` with this data set and nothing from the caller's DOCKET_* settings.
    pub fn docket(&self, docket: &Path) -> Command {
        let mut cmd = Command::new(docket);
        for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("DOCKET_")) {
            cmd.env_remove(key);
        }
        cmd.env("DOCKET_DATABASE_URL", &self.database_url)
            .env("DOCKET_DATA_DIR", self.files_dir())
            .env("DOCKET_LOG", "error")
            .current_dir(&self.dir);
        cmd
    }

    /// Empties the data set: a fresh PostgreSQL database, or no SQLite files.
    async fn reset(&self) -> anyhow::Result<()> {
        std::fs::remove_file(self.dir.join(MARKER)).ok();
        std::fs::remove_file(self.token_file()).ok();
        if self.files_dir().exists() {
            std::fs::remove_dir_all(self.files_dir()).context("cannot empty the files folder")?;
        }
        match &self.postgres {
            Some((server, name)) => {
                let admin = Database::connect(server.as_str()).await.context("cannot connect to --postgres")?;
                for sql in [format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"), format!("CREATE DATABASE {name}")] {
                    admin
                        .execute_raw(Statement::from_string(DbBackend::Postgres, sql.clone()))
                        .await
                        .with_context(|| format!("PostgreSQL: {sql}"))?;
                }
                admin.close().await.ok();
            }
            None => {
                for file in ["docket.db", "docket.db-wal", "docket.db-shm"] {
                    std::fs::remove_file(self.dir.join(file)).ok();
                }
            }
        }
        Ok(())
    }

    fn seed(&self, docket: &Path) -> anyhow::Result<()> {
        eprintln!(
            "docket-load: seeding {} tickets and {} articles into {}",
            self.tickets, self.articles, self.database_url
        );
        let (tickets, articles) = (self.tickets.to_string(), self.articles.to_string());
        let mut cmd = self.docket(docket);
        cmd.args(["bench", "seed", "--tickets", &tickets, "--articles", &articles, "--token-file"])
            .arg(self.token_file());
        run(cmd, docket, "docket bench seed")
    }

    fn add_routing(&self, docket: &Path, routing: Routing) -> anyhow::Result<()> {
        let (rules, agents) = (routing.rules.to_string(), routing.agents.to_string());
        let mut cmd = self.docket(docket);
        cmd.args(["bench", "routing", "--rules", &rules, "--agents", &agents])
            .args(routing.manual.then_some("--manual"));
        run(cmd, docket, "docket bench routing")
    }

    /// Which processes hold the database: none (SQLite), or the PostgreSQL cluster whose postmaster
    /// is the parent of this connection's backend (every `postgres` process when it is not local).
    pub async fn memory_scope(&self) -> memory::Database {
        if self.postgres.is_none() {
            return memory::Database::Embedded;
        }
        let backend = async {
            let db = Database::connect(self.database_url.as_str()).await.ok()?;
            let sql = "SELECT pg_backend_pid()";
            let row = db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql)).await.ok()??;
            let pid = row.try_get_by_index::<i32>(0).ok();
            let postmaster = memory::postmaster_of(u32::try_from(pid?).ok()?);
            db.close().await.ok();
            postmaster
        };
        backend.await.map_or(memory::Database::AnyPostgres, memory::Database::Cluster)
    }

    /// The size of the database on disk, in bytes.
    pub async fn size_bytes(&self) -> u64 {
        match &self.postgres {
            Some((server, name)) => {
                let size = async {
                    let admin = Database::connect(server.as_str()).await.ok()?;
                    let sql = format!("SELECT pg_database_size('{name}')");
                    let row = admin.query_one_raw(Statement::from_string(DbBackend::Postgres, sql)).await.ok()??;
                    admin.close().await.ok();
                    row.try_get_by_index::<i64>(0).ok()
                };
                size.await.unwrap_or(0).max(0) as u64
            }
            None => ["docket.db", "docket.db-wal"]
                .iter()
                .filter_map(|f| std::fs::metadata(self.dir.join(f)).ok())
                .map(|m| m.len())
                .sum(),
        }
    }

    /// Drops a PostgreSQL database made for this run only (a temp folder's goes with the folder).
    pub async fn clean_up(self) {
        if let (true, Some((server, name))) = (self.drop_database, &self.postgres)
            && let Ok(admin) = Database::connect(server.as_str()).await
        {
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            admin.execute_raw(Statement::from_string(DbBackend::Postgres, sql)).await.ok();
            admin.close().await.ok();
        }
    }
}

/// Runs a `docket` command to its end, its output on stderr; `what` names it in the error.
fn run(mut cmd: Command, docket: &Path, what: &str) -> anyhow::Result<()> {
    let status = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::from(std::io::stderr()))
        .status()
        .with_context(|| format!("cannot run {}", docket.display()))?;
    if !status.success() {
        bail!("`{what}` failed ({status})");
    }
    Ok(())
}

/// How many tickets the load created (their subjects start "Load "), and how many of them routing
/// filed with a team and assigned.
pub async fn routed(data: &DataSet, routing: Routing) -> anyhow::Result<Routed> {
    let db = Database::connect(data.database_url.as_str()).await.context("cannot connect to the data set")?;
    let sql = "SELECT COUNT(*), COUNT(team_id), COUNT(assignee_id) FROM tickets WHERE subject LIKE 'Load %'";
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .context("counting the load's tickets")?
        .context("no count")?;
    db.close().await.ok();
    Ok(Routed {
        rules: routing.rules,
        agents: routing.agents,
        manual: routing.manual,
        created: row.try_get_by_index(0)?,
        with_team: row.try_get_by_index(1)?,
        assigned: row.try_get_by_index(2)?,
    })
}

/// The URL of database `name` on the server of `server` (its path and query replaced).
pub fn database_in(server: &str, name: &str) -> String {
    let (address, query) = server.split_once('?').map_or((server, None), |(a, q)| (a, Some(q)));
    let scheme_end = address.find("://").map_or(0, |i| i + 3);
    let host_end = address[scheme_end..].find('/').map_or(address.len(), |i| scheme_end + i);
    let mut url = format!("{}/{name}", &address[..host_end]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::database_in;

    #[test]
    fn the_bench_database_replaces_the_path() {
        assert_eq!(
            database_in("postgres://postgres@127.0.0.1:55433/postgres", "b"),
            "postgres://postgres@127.0.0.1:55433/b"
        );
        assert_eq!(database_in("postgres://u:p@h", "b"), "postgres://u:p@h/b");
        assert_eq!(
            database_in("postgres://h/x?sslmode=disable", "b"),
            "postgres://h/x?sslmode=disable".replace("/x", "/b")
        );
    }
}
