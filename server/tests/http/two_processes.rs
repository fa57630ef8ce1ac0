//! Scale-out on PostgreSQL: two `docket serve` processes on one database share sessions and live
//! events, so a ticket created through one reaches a stream opened on the other.
//! Skipped (passes trivially with a note) when `TEST_DATABASE_URL` names no PostgreSQL server.

use domain::testing::TestDatabase;
use reqwest::{Client, StatusCode, redirect::Policy};
use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// A `docket serve` child process, killed when dropped.
struct Process {
    child: Child,
    base: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn docket(url: &str, data: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_docket"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("DOCKET_")) {
        cmd.env_remove(key);
    }
    cmd.env("DOCKET_DATABASE_URL", url).env("DOCKET_DATA_DIR", data).env("DOCKET_LOG", "error");
    cmd
}

async fn serve(url: &str, data: &std::path::Path) -> Process {
    let port = TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let child = docket(url, data)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn docket serve");
    let process = Process { child, base: format!("http://127.0.0.1:{port}") };
    let start = Instant::now();
    while !reqwest::get(format!("{}/healthz", process.base)).await.is_ok_and(|r| r.status() == StatusCode::OK) {
        assert!(start.elapsed() < Duration::from_secs(60), "{} never became healthy", process.base);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    process
}

/// Reads the stream until an event's data contains `needle`; panics after 20 s without it.
async fn wait_for(response: &mut reqwest::Response, needle: &str) -> String {
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let chunk = tokio::time::timeout(left, response.chunk())
            .await
            .unwrap_or_else(|_| panic!("no event with {needle} within 20 s; saw:\n{seen}"))
            .expect("read the stream")
            .expect("the stream stays open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
        if seen.lines().any(|line| line.starts_with("data:") && line.contains(needle)) {
            return seen;
        }
    }
}

#[tokio::test]
async fn an_event_committed_on_one_process_reaches_a_stream_on_another() {
    let database = TestDatabase::new().await;
    if !database.is_postgres() {
        crate::support::skip_without(
            "postgres",
            "the scale-out test needs TEST_DATABASE_URL set to a PostgreSQL server",
        );
        return;
    }
    let data = tempfile::tempdir().expect("temp dir");
    let seeded = docket(&database.url, data.path()).arg("demo").output().expect("run docket demo");
    assert!(seeded.status.success(), "demo: {}", String::from_utf8_lossy(&seeded.stderr));
    let first = serve(&database.url, data.path()).await;
    let second = serve(&database.url, data.path()).await;

    // One cookie jar for both: the session lives in the shared database, so it is valid on both.
    let client = Client::builder().cookie_store(true).redirect(Policy::none()).build().expect("client");
    let signed_in = client
        .post(format!("{}/fn/sign_in", first.base))
        .header("accept", "application/json")
        .form(&[("email", "agent@example.com"), ("password", seed::demo::DEMO_PASSWORD)])
        .send()
        .await
        .expect("sign in");
    assert_eq!(signed_in.status(), StatusCode::OK);

    let mut stream = client
        .get(format!("{}/events", second.base))
        .header("accept", "text/event-stream")
        .send()
        .await
        .expect("open the stream on the second process");
    assert_eq!(stream.status(), StatusCode::OK);

    let created = client
        .post(format!("{}/fn/create_ticket", first.base))
        .header("accept", "application/json")
        .form(&[
            ("subject", "Crosses processes"),
            ("body", "Made on the first process"),
            ("requester_email", "customer@example.com"),
        ])
        .send()
        .await
        .expect("create through the first process");
    assert_eq!(created.status(), StatusCode::OK, "{}", created.text().await.unwrap_or_default());
    let id: i64 = created.json().await.expect("the new ticket's id");

    wait_for(&mut stream, &format!("\"kind\":\"created\",\"id\":{id}")).await;
}
