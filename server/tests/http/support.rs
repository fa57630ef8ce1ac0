//! A running test server and clients that keep cookies, plus helpers to call server functions.

use domain::{Actor, email::mailboxes, email_types::MailboxInput, entities::outbox, testing::TestDatabase};
use reqwest::{Client, Response, StatusCode, redirect::Policy};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use server::{args::CommonArgs, args::LogFormat, config::Config, startup};
use std::{future::Future, net::SocketAddr, pin::Pin};

pub struct TestServer {
    pub base: String,
    pub db: sea_orm::DatabaseConnection,
    _database: TestDatabase,
    _data: tempfile::TempDir,
}

/// A database of its own for one test: a copy of the migrated demo desk, built once per run.
pub async fn demo_database() -> TestDatabase {
    TestDatabase::from_template("demo", build_demo).await
}

fn build_demo(db: &sea_orm::DatabaseConnection) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
    Box::pin(async move {
        <migrations::Migrator as migrations::MigratorTrait>::up(db, None).await.expect("migrate");
        seed::demo::seed(db).await.expect("seed");
        seed::demo_kb::seed(db).await.expect("seed the knowledge base");
    })
}

impl TestServer {
    /// A server with the demo data seeded.
    pub async fn start() -> TestServer {
        let database = demo_database().await;
        let data = tempfile::tempdir().expect("temp dir");
        let common = CommonArgs {
            database_url: database.url.clone(),
            data_dir: data.path().to_path_buf(),
            log_format: LogFormat::Human,
            log: "warn".into(),
        };
        let config = Config::new(&common, None).expect("config");
        let db = startup::open_database(&config).await.expect("database");
        let files = domain::attachments::store::FileStore::new(data.path().join("files"), 25 * 1024 * 1024);
        startup::seed_demo(&db, false, Some(&files)).await.expect("demo data");
        let (router, _store) = startup::build_app(&config, db.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.ok();
        });
        TestServer { base: format!("http://{addr}"), db, _database: database, _data: data }
    }

    /// The database the server runs on.
    pub fn database_url(&self) -> &str {
        &self._database.url
    }

    /// The server's data directory (the file store is its `files/`).
    pub fn data_dir(&self) -> &std::path::Path {
        self._data.path()
    }

    /// The server's file store (attachments and article files), to put files in directly.
    pub fn files(&self) -> domain::attachments::store::FileStore {
        domain::attachments::store::FileStore::new(self._data.path().join("files"), 25 * 1024 * 1024)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A browser-like client: keeps cookies, does not follow redirects, and gives up on a
    /// response that stalls (a failure to look at, rather than a test run that never ends).
    pub fn client(&self) -> Client {
        let stall = std::time::Duration::from_secs(30);
        Client::builder().cookie_store(true).redirect(Policy::none()).timeout(stall).build().expect("client")
    }

    /// A client signed in as `email` with the demo password.
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = self.client();
        let res = call(&client, self, "sign_in", &[("email", email), ("password", seed::demo::DEMO_PASSWORD)]).await;
        assert_eq!(res.status(), StatusCode::OK, "sign in as {email}");
        client
    }
}

/// Calls a server function the way the hydrated app does (form-encoded POST, JSON back).
pub async fn call(client: &Client, server: &TestServer, name: &str, form: &[(&str, &str)]) -> Response {
    client
        .post(server.url(&format!("/fn/{name}")))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .expect("request")
}

/// Calls a server function and returns its status and JSON body.
pub async fn call_json(
    client: &Client,
    server: &TestServer,
    name: &str,
    form: &[(&str, &str)],
) -> (StatusCode, serde_json::Value) {
    let res = call(client, server, name, form).await;
    let status = res.status();
    let text = res.text().await.expect("body");
    let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
    (status, json)
}

/// The field names of a validation error body.
pub fn error_fields(body: &serde_json::Value) -> Vec<String> {
    body["fields"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["field"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

pub async fn user_count(db: &sea_orm::DatabaseConnection) -> u64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    domain::entities::user::Entity::find().count(db).await.expect("count")
}

pub async fn user_id(db: &sea_orm::DatabaseConnection, email: &str) -> i64 {
    domain::accounts::queries::find_by_email(db, email).await.expect("query").expect("user").id
}

/// Says that a test is skipped because `service` is not configured, or fails it when this run
/// requires that service: `DOCKET_TEST_REQUIRE_SERVICES` is a comma-separated list (`mail`,
/// `postgres`) that scripts/test-all sets, so that a missing server never passes silently there.
pub fn skip_without(service: &str, why: &str) {
    let required = std::env::var("DOCKET_TEST_REQUIRE_SERVICES").unwrap_or_default();
    assert!(
        !required.split(',').any(|s| s.trim() == service),
        "{why}, but DOCKET_TEST_REQUIRE_SERVICES requires {service}"
    );
    eprintln!("skipped: {why}");
}

/// A mailbox that can send, so that account mail is queued.
pub async fn sending_mailbox(server: &TestServer) {
    let input = MailboxInput {
        name: "Support".into(),
        address: "support@docket.test".into(),
        inbound: "http".into(),
        smtp_host: "127.0.0.1".into(),
        smtp_port: "9".into(),
        smtp_security: "none".into(),
        active: true,
        ..Default::default()
    };
    mailboxes::create(&server.db, &Actor::System, input).await.expect("mailbox");
}

/// The secret after `path` in the newest mail queued for `recipient`.
pub async fn mailed_secret(server: &TestServer, recipient: &str, path: &str) -> String {
    domain::jobs::registry::run_due_now(&server.db).await.expect("jobs");
    let mail = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(recipient))
        .order_by_desc(outbox::Column::Id)
        .one(&server.db)
        .await
        .expect("query")
        .expect("a mail");
    let parsed = mail_parser::MessageParser::default().parse(mail.payload.as_bytes()).expect("mail");
    let text = parsed.body_text(0).expect("text").into_owned();
    let at = text.find(path).expect("the link") + path.len();
    text[at..].chars().take_while(char::is_ascii_hexdigit).collect()
}
