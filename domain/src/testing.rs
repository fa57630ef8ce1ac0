//! Test support: an empty, isolated database per test, on SQLite or on the PostgreSQL
//! server named by `TEST_DATABASE_URL`; or a copy of a template database that a test process
//! builds once (migrated and seeded), so that each test starts in milliseconds.

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use std::{
    future::Future,
    pin::Pin,
    sync::{Arc, Mutex},
};
use tokio::sync::OnceCell;

/// Fills an empty database with what a template holds (migrations, demo data).
pub type BuildTemplate = for<'a> fn(&'a DatabaseConnection) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// A built template: a SQLite file's bytes, or a PostgreSQL database to copy.
enum Template {
    Sqlite(Vec<u8>),
    Postgres(String),
}

/// The templates of this process by name, each built once.
static TEMPLATES: Mutex<Vec<(&'static str, Arc<OnceCell<Template>>)>> = Mutex::new(Vec::new());

/// A fresh database that lives as long as this value (SQLite) or the test cluster (PostgreSQL).
pub struct TestDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    pub async fn new() -> TestDatabase {
        match server_url() {
            Some(server) => Self::postgres(&server, None).await,
            None => Self::sqlite(),
        }
    }

    /// A fresh database that starts as a copy of the template `name`. The first call in a
    /// process builds the template with `build` on an empty database; later calls copy it (a
    /// file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL). Every caller of one
    /// name must pass the same `build`.
    pub async fn from_template(name: &'static str, build: BuildTemplate) -> TestDatabase {
        let cell = {
            let mut templates = TEMPLATES.lock().expect("templates");
            match templates.iter().find(|(n, _)| *n == name) {
                Some((_, cell)) => cell.clone(),
                None => {
                    let cell = Arc::new(OnceCell::new());
                    templates.push((name, cell.clone()));
                    cell
                }
            }
        };
        let test = match cell.get_or_init(|| build_template(build)).await {
            Template::Sqlite(bytes) => {
                let test = Self::sqlite();
                let path = test.url.trim_start_matches("sqlite://");
                std::fs::write(path, bytes).expect("copy the template database");
                test
            }
            Template::Postgres(template) => {
                let server = server_url().expect("TEST_DATABASE_URL");
                Self::postgres(&server, Some(template.as_str())).await
            }
        };
        // Copies share the template's configuration version, and the in-memory configuration
        // is cached by version: each copy gets a version of its own.
        let db = crate::db::connect(&test.url).await.expect("connect to the copy");
        let txn = crate::db::begin_write(&db).await.expect("begin");
        crate::desk_config::cache::changed(&*txn).await.expect("a version of its own");
        txn.commit().await.expect("commit");
        db.close().await.ok();
        test
    }

    pub fn sqlite() -> TestDatabase {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        TestDatabase { url, _dir: Some(dir) }
    }

    async fn postgres(server: &str, template: Option<&str>) -> TestDatabase {
        let admin = Database::connect(server).await.expect("connect to TEST_DATABASE_URL");
        let name = format!("docket_test_{}", uuid::Uuid::new_v4().simple());
        let create = match template {
            Some(template) => format!("CREATE DATABASE {name} TEMPLATE {template}"),
            None => format!("CREATE DATABASE {name}"),
        };
        // Copies of one template may not start while another session holds it; retry briefly.
        let mut attempt = 0;
        loop {
            match admin.execute_raw(Statement::from_string(DbBackend::Postgres, create.clone())).await {
                Ok(_) => break,
                Err(err) if attempt < 50 && err.to_string().contains("being accessed by other users") => {
                    attempt += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
                Err(err) => panic!("create test database: {err}"),
            }
        }
        admin.close().await.ok();
        let base = server.rsplit_once('/').map_or(server, |(base, _)| base);
        TestDatabase { url: format!("{base}/{name}"), _dir: None }
    }

    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }
}

fn server_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL").ok().filter(|url| !url.is_empty())
}

async fn build_template(build: BuildTemplate) -> Template {
    let test = TestDatabase::new().await;
    let db = crate::db::connect(&test.url).await.expect("connect to the template database");
    build(&db).await;
    if test.is_postgres() {
        db.close().await.ok();
        let name = test.url.rsplit_once('/').map(|(_, name)| name.to_owned()).expect("database name");
        return Template::Postgres(name);
    }
    // One consistent file, without the write-ahead log beside it.
    let copy = tempfile::tempdir().expect("temp dir");
    let path = copy.path().join("template.db");
    let vacuum = format!("VACUUM INTO '{}'", path.display().to_string().replace('\'', "''"));
    db.execute_raw(Statement::from_string(DbBackend::Sqlite, vacuum)).await.expect("copy the template");
    db.close().await.ok();
    Template::Sqlite(std::fs::read(&path).expect("read the template"))
}
