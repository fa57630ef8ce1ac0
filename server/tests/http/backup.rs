//! `docket backup` and `docket restore` through the binary: a serving desk's archive restores
//! to the same rows in every table and the same stored files; an occupied target, a damaged
//! archive and a PostgreSQL desk are refused with one clear line, and nothing is lost.

use crate::support::TestServer;
use domain::attachments::upload::Upload;
use sea_orm::{ConnectionTrait, Database, DbBackend, FromQueryResult, JsonValue, Statement};
use std::{
    collections::BTreeMap,
    path::Path,
    process::{Command, Output},
};

fn docket(args: &[&str], database_url: &str, data_dir: &Path) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_docket"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("DOCKET_")) {
        cmd.env_remove(key);
    }
    cmd.args(args)
        .args(["--database-url", database_url, "--data-dir"])
        .arg(data_dir)
        .args(["--log", "warn"])
        .output()
        .expect("run docket")
}

fn refused(out: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "should fail: {stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("docket:")).collect();
    assert_eq!(lines.len(), 1, "one clear line, got:\n{stderr}");
    assert!(lines[0].contains(expected), "{stderr}");
}

/// Every row of every table, as sorted JSON text per table.
async fn rows(database_url: &str) -> BTreeMap<String, Vec<String>> {
    let db = Database::connect(format!("{database_url}?mode=ro")).await.expect("open");
    let sql = |text: String| Statement::from_string(DbBackend::Sqlite, text);
    let tables = db
        .query_all_raw(sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'".into()))
        .await
        .expect("tables");
    let mut all = BTreeMap::new();
    for table in tables {
        let name: String = table.try_get_by_index(0).expect("name");
        let found =
            JsonValue::find_by_statement(sql(format!("SELECT * FROM \"{name}\""))).all(&db).await.expect("rows");
        let mut found: Vec<String> = found.iter().map(JsonValue::to_string).collect();
        found.sort();
        all.insert(name, found);
    }
    db.close().await.ok();
    all
}

/// Every stored file: its path in the store and its bytes' hash.
fn stored(store: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut folders = vec![store.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read store").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let name = path.strip_prefix(store).expect("inside").to_string_lossy().into_owned();
                found.insert(name, domain::digest::sha256_hex(&std::fs::read(&path).expect("read")));
            }
        }
    }
    found
}

#[tokio::test]
async fn a_serving_desk_round_trips() {
    let server = TestServer::start().await;
    let out_dir = tempfile::tempdir().expect("temp");
    let archive = out_dir.path().join("desk.tar.gz");
    let archive_text = archive.to_str().expect("utf-8");
    if server.database_url().starts_with("postgres") {
        let out = docket(&["backup", archive_text], server.database_url(), server.data_dir());
        return refused(&out, "pg_dump");
    }
    let upload = Upload { file_name: "invoice.pdf".into(), bytes: b"%PDF-1.4 backed up".to_vec() };
    server.files().store(vec![upload]).await.expect("a stored file");

    // The server keeps serving (and holding its connections) while the copy is taken.
    let out = docket(&["backup", archive_text], server.database_url(), server.data_dir());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("backed up to") && said.contains("tickets"), "{said}");
    assert!(server.client().get(server.url("/healthz")).send().await.expect("still serving").status().is_success());

    let restored = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}", restored.path().join("restored.db").display());
    let data = restored.path().join("data");
    let out = docket(&["restore", archive_text], &url, &data);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(rows(&url).await, rows(server.database_url()).await, "every row of every table");
    let files = stored(&server.data_dir().join("files"));
    assert!(!files.is_empty());
    assert_eq!(stored(&data.join("files")), files, "every stored file");

    // A second restore onto the restored desk needs --replace, and keeps what was there.
    refused(&docket(&["restore", archive_text], &url, &data), "--replace");
    let out = docket(&["restore", archive_text, "--replace"], &url, &data);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let kept = std::fs::read_dir(restored.path()).expect("list").flatten();
    assert!(kept.map(|e| e.file_name().to_string_lossy().into_owned()).any(|n| n.contains(".before-restore-")));

    // A damaged archive is refused before the desk is touched.
    let bytes = std::fs::read(&archive).expect("archive");
    let damaged = out_dir.path().join("damaged.tar.gz");
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).expect("write");
    let before = rows(&url).await;
    let out = docket(&["restore", damaged.to_str().expect("utf-8"), "--replace"], &url, &data);
    refused(&out, "damaged");
    assert_eq!(rows(&url).await, before, "the desk is as it was");
}
