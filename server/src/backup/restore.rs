//! `docket restore FILE`: puts a backup archive back. The archive is read whole into a folder
//! beside the database and checked (manifest, the database copy's hash and integrity) before
//! anything moves; stored files are added to the file store (files are named by their hash, so
//! one already there is the same file); the database goes into place last, by rename. A database
//! already at the target is moved aside, never overwritten, and only with `--replace`.

use super::{
    Summary, facts_of,
    manifest::{DATABASE, FILES, FORMAT, MANIFEST, Manifest, is_store_path},
    sha256_of_file, sqlite_file,
};
use anyhow::{Context, bail};
use std::{
    fs::File,
    io::{BufReader, Read},
    path::{Path, PathBuf},
};

pub async fn restore(database_url: &str, data_dir: &Path, archive: &Path, replace: bool) -> anyhow::Result<Summary> {
    let target = sqlite_file(database_url, "restore")?;
    let occupied = std::fs::metadata(&target).is_ok_and(|m| m.len() > 0);
    if occupied && !replace {
        bail!(
            "{} already holds a database; stop the server, then add --replace to move it aside and restore over it",
            target.display()
        );
    }
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let work = tempfile::Builder::new()
        .prefix(".docket-restore-")
        .tempdir_in(&folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    let (archive, staging, store) = (archive.to_path_buf(), work.path().to_path_buf(), data_dir.join("files"));
    let manifest = tokio::task::spawn_blocking(move || unpack(&archive, &staging, &store))
        .await
        .context("the restore stopped")??;
    let copy = work.path().join(DATABASE);
    if sha256_of_file(&copy)? != manifest.database_sha256 {
        bail!("the archive's database does not match its manifest (damaged archive)");
    }
    let facts = facts_of(&copy).await?;
    if facts.schema != manifest.schema || facts.tickets != manifest.tickets {
        bail!("the archive's database does not match its manifest (damaged archive)");
    }
    if occupied {
        let aside = put_aside(&target)?;
        tracing::info!(moved_to = %aside.display(), "the database that was there is kept");
    }
    std::fs::rename(&copy, &target).with_context(|| format!("cannot put the database at {}", target.display()))?;
    File::open(&folder).and_then(|dir| dir.sync_all()).ok();
    Ok(Summary { manifest })
}

/// Reads the archive: the manifest first, then the database copy into `staging`, then stored
/// files into the store (each written beside its place and renamed in, so none is ever half there).
fn unpack(archive: &Path, staging: &Path, store: &Path) -> anyhow::Result<Manifest> {
    let input = File::open(archive).with_context(|| format!("cannot open {}", archive.display()))?;
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(BufReader::new(input)));
    let mut manifest: Option<Manifest> = None;
    let mut database = false;
    let mut files = 0;
    for entry in tar.entries().context("not a Docket backup (a gzipped tar archive)")? {
        let mut entry = entry.context("the archive is damaged")?;
        let name = entry.path().context("the archive is damaged")?.to_string_lossy().into_owned();
        if name == MANIFEST {
            let mut text = Vec::new();
            entry.read_to_end(&mut text)?;
            let read: Manifest = serde_json::from_slice(&text).context("the archive's manifest cannot be read")?;
            if read.format != FORMAT {
                bail!("the archive has layout {}; this docket reads layout {FORMAT}", read.format);
            }
            manifest = Some(read);
            continue;
        }
        if manifest.is_none() {
            bail!("not a Docket backup: it does not start with {MANIFEST}");
        }
        if name == DATABASE {
            copy_into(&mut entry, &staging.join(DATABASE))?;
            database = true;
        } else if let Some(stored) = name.strip_prefix(&format!("{FILES}/")).filter(|n| is_store_path(n)) {
            let path = store.join(stored);
            if !path.exists() {
                copy_into(&mut entry, &path)?;
            }
            files += 1;
        } else {
            bail!("the archive holds {name:?}, which no Docket backup has");
        }
    }
    let manifest = manifest.context("not a Docket backup: no manifest")?;
    if !database {
        bail!("the archive has no database");
    }
    if files != manifest.files {
        bail!("the archive holds {files} files where its manifest lists {} (damaged archive)", manifest.files);
    }
    Ok(manifest)
}

fn copy_into(entry: &mut impl Read, path: &Path) -> anyhow::Result<()> {
    let folder = path.parent().context("no folder")?;
    std::fs::create_dir_all(folder).with_context(|| format!("cannot create {}", folder.display()))?;
    let partial = folder.join(format!(".restore-{}", std::process::id()));
    let mut out = File::create(&partial).with_context(|| format!("cannot write {}", partial.display()))?;
    std::io::copy(entry, &mut out).context("the archive is damaged")?;
    out.sync_all()?;
    std::fs::rename(&partial, path)?;
    Ok(())
}

/// Moves the database at `target` (with its WAL files) to `<name>.before-restore-<time>`.
fn put_aside(target: &Path) -> anyhow::Result<PathBuf> {
    let stamp = domain::clock::now().format("%Y%m%dT%H%M%SZ");
    let aside = PathBuf::from(format!("{}.before-restore-{stamp}", target.display()));
    std::fs::rename(target, &aside).with_context(|| format!("cannot move {} aside", target.display()))?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        if side.exists() {
            std::fs::rename(&side, format!("{}{suffix}", aside.display()))?;
        }
    }
    Ok(aside)
}
