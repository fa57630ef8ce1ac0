//! Test support: an empty, isolated database per test, on SQLite or on the PostgreSQL
//! server named by `TEST_DATABASE_URL`.

use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

/// A fresh database that lives as long as this value (SQLite) or the test cluster (PostgreSQL).
pub struct TestDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    pub async fn new() -> TestDatabase {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(server) if !server.is_empty() => Self::postgres(&server).await,
            _ => Self::sqlite(),
        }
    }

    pub fn sqlite() -> TestDatabase {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        TestDatabase { url, _dir: Some(dir) }
    }

    async fn postgres(server: &str) -> TestDatabase {
        let admin = Database::connect(server).await.expect("connect to TEST_DATABASE_URL");
        let name = format!("docket_test_{}", uuid::Uuid::new_v4().simple());
        admin
            .execute_raw(Statement::from_string(DbBackend::Postgres, format!("CREATE DATABASE {name}")))
            .await
            .expect("create test database");
        admin.close().await.ok();
        let base = server.rsplit_once('/').map_or(server, |(base, _)| base);
        TestDatabase { url: format!("{base}/{name}"), _dir: None }
    }

    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }
}
