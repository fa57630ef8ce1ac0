//! Live-event fan-out benchmark: many `/events` subscribers on one `docket serve` process while
//! tickets are created at a steady rate. Reports the latency from commit to event received
//! (p50 / p90 / p99 / max over every delivery) and the server's memory per subscriber.
//!
//! `cargo bench -p server --bench live_fanout` (release build, SQLite with synchronous=FULL).
//! Settings: LIVE_BENCH_SUBSCRIBERS (1000), LIVE_BENCH_RATE tickets/s (10), LIVE_BENCH_SECONDS (20).
//! Latency is measured from just before each create request is sent, so it includes the request
//! and the durable commit as well as the fan-out: an upper bound on commit-to-event.

use reqwest::{Client, StatusCode};
use std::{
    collections::HashMap,
    net::TcpListener,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

const PASSWORD: &str = "docket-demo-password";
const STAFF: [&str; 5] = [
    "agent@example.com",
    "admin@example.com",
    "sam.rivera@example.com",
    "priya.natarajan@example.com",
    "jordan.lee@example.com",
];
/// Customers who subscribe but must hear nothing: the tickets are another customer's.
const OTHERS: [&str; 5] = [
    "customer@example.com",
    "wile@acme.example",
    "hank@globex.example",
    "frank@globex.example",
    "peter@initech.example",
];
/// The customer whose tickets are created (in no organization, so only staff may see them).
const REQUESTER: &str = "lee@fastmail.example";

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The soft limit on open files (each subscriber holds a socket here and one in the server).
fn open_file_limit() -> u64 {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap_or_default();
    limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|v| v.parse().ok())
        .unwrap_or(u64::MAX)
}

struct Server {
    child: Child,
    base: String,
    data: Option<tempfile::TempDir>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn docket(data: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_docket"));
    cmd.env("DOCKET_DATABASE_URL", format!("sqlite://{}/bench.db", data.display()))
        .env("DOCKET_DATA_DIR", data.join("files"))
        .env("DOCKET_LOG", "error");
    cmd
}

/// Seeds the demo desk in a fresh data directory.
fn seeded() -> tempfile::TempDir {
    let data = tempfile::tempdir().expect("temp dir");
    let seeded = docket(data.path()).arg("demo").output().expect("run docket demo");
    assert!(seeded.status.success(), "{}", String::from_utf8_lossy(&seeded.stderr));
    data
}

/// Serves `data` on `port` and waits until it answers.
async fn serve(data: tempfile::TempDir, port: u16) -> Server {
    let child = docket(data.path())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn docket serve");
    let server = Server { child, base: format!("http://127.0.0.1:{port}"), data: Some(data) };
    let start = Instant::now();
    while !reqwest::get(format!("{}/healthz", server.base)).await.is_ok_and(|r| r.status() == StatusCode::OK) {
        assert!(start.elapsed() < Duration::from_secs(60), "the server never became healthy");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server
}

/// Stops the server and hands back its data directory.
fn stop(mut server: Server) -> tempfile::TempDir {
    server.child.kill().ok();
    server.child.wait().ok();
    server.data.take().expect("data")
}

/// The server's resident memory now and at its peak, in KB.
fn memory_kb(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

async fn signed_in(base: &str, email: &str) -> Client {
    let client = Client::builder().cookie_store(true).build().expect("client");
    let res = client
        .post(format!("{base}/fn/sign_in"))
        .header("accept", "application/json")
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.status(), StatusCode::OK, "sign in as {email}");
    client
}

/// One subscriber: opens the stream, then notes when each `created` event arrives.
async fn subscribe(
    client: Client,
    base: String,
    until: Instant,
    opened: Arc<tokio::sync::Barrier>,
) -> Vec<(i64, Instant)> {
    let mut response = client
        .get(format!("{base}/events"))
        .header("accept", "text/event-stream")
        .send()
        .await
        .expect("open the stream");
    assert_eq!(response.status(), StatusCode::OK);
    opened.wait().await;
    let mut received = Vec::new();
    let mut buffer = String::new();
    loop {
        let left = until.saturating_duration_since(Instant::now());
        let chunk = match tokio::time::timeout(left, response.chunk()).await {
            Ok(Ok(Some(chunk))) => chunk,
            _ => return received,
        };
        let at = Instant::now();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            for data in block.lines().filter_map(|l| l.strip_prefix("data:")) {
                if let Ok(event) = serde_json::from_str::<serde_json::Value>(data.trim())
                    && event["kind"] == "created"
                    && let Some(id) = event["id"].as_i64()
                {
                    received.push((id, at));
                }
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let subscribers = setting("LIVE_BENCH_SUBSCRIBERS", 1000) as usize;
    if open_file_limit() < subscribers as u64 + 256 {
        eprintln!("live_fanout: raise the open-file limit first, e.g. `ulimit -n {}`", subscribers + 1024);
        std::process::exit(2);
    }
    let rate = setting("LIVE_BENCH_RATE", 10).max(1);
    let seconds = setting("LIVE_BENCH_SECONDS", 20);
    let port = TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    // Sign in on a first process: password hashing takes memory the allocator keeps, which would
    // hide what the subscribers cost. Sessions live in the database, so they hold on the second.
    let first = serve(seeded(), port).await;
    let base = first.base.clone();
    let mut clients = Vec::new();
    for email in STAFF.iter().chain(OTHERS.iter()) {
        clients.push((STAFF.contains(email), signed_in(&base, email).await));
    }
    let requester = signed_in(&base, REQUESTER).await;
    let server = serve(stop(first), port).await;
    // Warm the server (a page render, the stream handler) before the baseline.
    requester.get(format!("{base}/portal")).send().await.ok();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (before_kb, _) = memory_kb(server.child.id());

    let until = Instant::now() + Duration::from_secs(seconds + 15);
    let opened = Arc::new(tokio::sync::Barrier::new(subscribers + 1));
    let mut tasks = Vec::new();
    let mut staff_subscribers = 0;
    for n in 0..subscribers {
        let (staff, client) = &clients[n % clients.len()];
        staff_subscribers += usize::from(*staff);
        tasks.push(tokio::spawn(subscribe(client.clone(), base.clone(), until, opened.clone())));
    }
    opened.wait().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (open_kb, _) = memory_kb(server.child.id());

    let sent: Arc<Mutex<HashMap<i64, Instant>>> = Arc::default();
    let mut ticker = tokio::time::interval(Duration::from_millis(1000 / rate));
    let mut creates = Vec::new();
    let mut create_times = Vec::new();
    for n in 0..rate * seconds {
        ticker.tick().await;
        let (client, base, sent) = (requester.clone(), base.clone(), sent.clone());
        creates.push(tokio::spawn(async move {
            let at = Instant::now();
            let res = client
                .post(format!("{base}/fn/create_ticket"))
                .header("accept", "application/json")
                .form(&[("subject", format!("Fan-out {n}")), ("body", "Benchmark ticket".to_owned())])
                .send()
                .await
                .expect("create");
            assert_eq!(res.status(), StatusCode::OK);
            let id: i64 = res.json().await.expect("id");
            sent.lock().expect("lock").insert(id, at);
            at.elapsed()
        }));
    }
    for create in creates {
        create_times.push(create.await.expect("create task"));
    }
    let (_, peak_kb) = memory_kb(server.child.id());

    // Subscribers read until the deadline, well after the last ticket was created.
    let sent = sent.lock().expect("lock").clone();
    let mut latencies = Vec::new();
    let mut leaked = 0;
    let mut missing = 0;
    for (n, task) in tasks.into_iter().enumerate() {
        let staff = clients[n % clients.len()].0;
        let received = task.await.expect("subscriber");
        if !staff {
            leaked += received.len();
            continue;
        }
        missing += sent.len().saturating_sub(received.len());
        for (id, at) in received {
            if let Some(start) = sent.get(&id) {
                latencies.push(at.saturating_duration_since(*start));
            }
        }
    }
    latencies.sort_unstable();
    create_times.sort_unstable();
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!("live fan-out: {subscribers} subscribers ({staff_subscribers} staff), {} tickets at {rate}/s", sent.len());
    println!(
        "  commit-to-event over {} deliveries: p50 {}  p90 {}  p99 {}  max {}",
        latencies.len(),
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 90.0)),
        ms(percentile(&latencies, 99.0)),
        ms(latencies.last().copied().unwrap_or_default())
    );
    println!(
        "  create request (durable): p50 {}  p99 {}",
        ms(percentile(&create_times, 50.0)),
        ms(percentile(&create_times, 99.0))
    );
    let per_subscriber = open_kb.saturating_sub(before_kb) as f64 / subscribers.max(1) as f64;
    println!(
        "  server memory: {before_kb} KB before, {open_kb} KB with the subscribers open ({per_subscriber:.1} KB each), peak {peak_kb} KB"
    );
    println!("  missed deliveries: {missing}; events that reached customers who may not see them: {leaked}");
    assert_eq!(leaked, 0, "a customer heard of another customer's ticket");
}
