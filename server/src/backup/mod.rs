//! `docket backup FILE`: a consistent copy of a desk's SQLite database, taken while the server
//! goes on serving (`VACUUM INTO` reads one snapshot; writers are not stopped), and of its file
//! store, in one gzipped tar archive led by a manifest. `restore` puts an archive back.
//! PostgreSQL desks are backed up with `pg_dump` and a copy of the file store (README).

pub mod manifest;
pub mod restore;

use anyhow::{Context, bail};
use manifest::{DATABASE, FILES, FORMAT, MANIFEST, Manifest};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use std::{
    fs::File,
    io::{BufWriter, Read},
    path::{Path, PathBuf},
};

/// What a backup or restore handled.
#[derive(Debug, Clone)]
pub struct Summary {
    pub manifest: Manifest,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let m = &self.manifest;
        write!(
            f,
            "{} tickets, {} files ({} bytes), schema {}, made {} by docket {}",
            m.tickets, m.files, m.file_bytes, m.schema, m.created_at, m.docket_version
        )
    }
}

/// The SQLite file of `database_url`, or a clear refusal for PostgreSQL.
pub(crate) fn sqlite_file(database_url: &str, command: &str) -> anyhow::Result<PathBuf> {
    match crate::config::sqlite_path(database_url) {
        Some(path) => Ok(path),
        None => bail!(
            "docket {command} handles SQLite desks; for PostgreSQL use pg_dump (and pg_restore) and copy the data \
             directory's files/ folder, as the README's Backups section shows"
        ),
    }
}

pub async fn backup(database_url: &str, data_dir: &Path, archive: &Path) -> anyhow::Result<Summary> {
    sqlite_file(database_url, "backup")?;
    let folder = archive.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let work = tempfile::Builder::new()
        .prefix(".docket-backup-")
        .tempdir_in(folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    let copy = work.path().join(DATABASE);
    let db = domain::db::connect(database_url).await.context("cannot open the database")?;
    let path = copy.to_str().context("the archive's folder is not valid UTF-8")?;
    // One read transaction: the copy is the database as of one commit, whatever is written meanwhile.
    db.execute_unprepared(&format!("VACUUM INTO '{}'", path.replace('\'', "''")))
        .await
        .context("cannot copy the database")?;
    db.close().await.ok();
    let facts = facts_of(&copy).await?;
    let store = data_dir.join("files");
    let archive = archive.to_path_buf();
    tokio::task::spawn_blocking(move || write_archive(&copy, &store, &archive, facts))
        .await
        .context("the backup stopped")?
}

/// What the manifest says about a database copy, read without changing it.
pub(crate) struct Facts {
    pub schema: String,
    pub tickets: i64,
}

/// Opens a database copy read-only and as a file nothing else changes (no journal mode is set,
/// no WAL index is made, nothing is written).
pub(crate) async fn open_read_only(path: &Path) -> anyhow::Result<DatabaseConnection> {
    let url = format!("sqlite://{}?mode=ro&immutable=true", path.display());
    Database::connect(url).await.with_context(|| format!("cannot open {}", path.display()))
}

pub(crate) async fn facts_of(path: &Path) -> anyhow::Result<Facts> {
    let db = open_read_only(path).await?;
    let one = |sql: &str| Statement::from_string(DbBackend::Sqlite, sql.to_owned());
    let check = db.query_one_raw(one("PRAGMA integrity_check")).await?.context("no integrity answer")?;
    let verdict: String = check.try_get_by_index(0)?;
    if verdict != "ok" {
        bail!("the database copy is damaged: {verdict}");
    }
    let schema = db.query_one_raw(one("SELECT version FROM seaql_migrations ORDER BY version DESC LIMIT 1")).await?;
    let schema = match schema {
        Some(row) => row.try_get_by_index::<String>(0)?,
        None => bail!("the database has no Docket schema"),
    };
    let tickets = db.query_one_raw(one("SELECT COUNT(*) FROM tickets")).await?.context("no ticket count")?;
    let tickets: i64 = tickets.try_get_by_index(0)?;
    db.close().await.ok();
    Ok(Facts { schema, tickets })
}

pub(crate) fn sha256_of_file(path: &Path) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    File::open(path)?.read_to_end(&mut bytes)?;
    Ok(domain::digest::sha256_hex(&bytes))
}

/// Every stored file as (its path inside the store, its path on disk); upload temporaries left
/// by a crash (`.upload-…`) are not files of the desk.
fn store_files(store: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    if !store.is_dir() {
        return Ok(found);
    }
    let mut folders = vec![store.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).with_context(|| format!("cannot read {}", folder.display()))? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                folders.push(path);
            } else if let Ok(relative) = path.strip_prefix(store)
                && let Some(name) = relative.to_str().map(|n| n.replace('\\', "/"))
                && manifest::is_store_path(&name)
            {
                found.push((name, path));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn write_archive(copy: &Path, store: &Path, archive: &Path, facts: Facts) -> anyhow::Result<Summary> {
    let files = store_files(store)?;
    let mut file_bytes = 0;
    for (_, path) in &files {
        file_bytes += std::fs::metadata(path)?.len();
    }
    let manifest = Manifest {
        format: FORMAT,
        docket_version: env!("CARGO_PKG_VERSION").to_owned(),
        created_at: domain::clock::now(),
        schema: facts.schema,
        tickets: facts.tickets,
        files: files.len() as u64,
        file_bytes,
        database_sha256: sha256_of_file(copy)?,
    };
    let partial = archive.with_file_name(format!(
        ".{}.partial",
        archive.file_name().and_then(|n| n.to_str()).context("the archive needs a file name")?
    ));
    let out = File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let gzip = flate2::write::GzEncoder::new(BufWriter::new(out), flate2::Compression::fast());
    let mut tar = tar::Builder::new(gzip);
    let text = serde_json::to_vec_pretty(&manifest)?;
    let mut header = tar::Header::new_gnu();
    header.set_size(text.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(u64::try_from(manifest.created_at.timestamp()).unwrap_or(0));
    tar.append_data(&mut header, MANIFEST, text.as_slice())?;
    tar.append_path_with_name(copy, DATABASE)?;
    for (name, path) in &files {
        tar.append_path_with_name(path, format!("{FILES}/{name}"))
            .with_context(|| format!("cannot add {}", path.display()))?;
    }
    let out = tar.into_inner()?.finish()?.into_inner().map_err(|e| e.into_error())?;
    out.sync_all()?;
    std::fs::rename(&partial, archive).with_context(|| format!("cannot write {}", archive.display()))?;
    Ok(Summary { manifest })
}
