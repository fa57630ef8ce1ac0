//! W6: live-event fan-out. Many subscribers on GET /events (staff, and customers who must hear
//! nothing) while a customer opens tickets at 10 a second. Latency runs from just before each
//! create request is sent to the event's arrival, so it includes the request and the durable
//! commit as well as the fan-out: an upper bound on commit-to-event.

use anyhow::Context;
use reqwest::{Client, StatusCode};
use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};
use tokio::sync::{Barrier, watch};

use crate::{memory, server::signed_in, stats::Latency};

/// Customers who subscribe but must hear nothing: the tickets are another customer's.
const OTHERS: [&str; 5] = [
    "customer@example.com",
    "wile@acme.example",
    "hank@globex.example",
    "frank@globex.example",
    "peter@initech.example",
];
/// The customer who opens the tickets (in no organization, so only staff may see them).
const REQUESTER: &str = "lee@fastmail.example";
const RATE_PER_SECOND: u64 = 10;
/// How long after the last ticket the subscribers may still be waiting for its events.
const GRACE: Duration = Duration::from_secs(10);

/// The signed-in subscribers (staff first) and the requester.
pub struct LiveClients {
    /// Each client with whether it is staff.
    subscribers: Vec<(bool, Client)>,
    requester: Client,
}

impl LiveClients {
    pub async fn sign_in(base: &str, staff: &[Client]) -> anyhow::Result<LiveClients> {
        let mut subscribers: Vec<(bool, Client)> = staff.iter().map(|c| (true, c.clone())).collect();
        for email in OTHERS {
            subscribers.push((false, signed_in(base, email).await?));
        }
        Ok(LiveClients { subscribers, requester: signed_in(base, REQUESTER).await? })
    }
}

#[derive(Debug, Default)]
pub struct LiveResult {
    pub subscribers: usize,
    pub staff_subscribers: usize,
    /// Create requests sent, and how many failed (a subscriber that could not connect counts too).
    pub created: usize,
    pub errors: usize,
    pub first_error: Option<String>,
    pub deliveries: usize,
    pub latency: Latency,
    pub create_p50: Duration,
    pub create_p99: Duration,
    /// Events a staff subscriber should have had and never got.
    pub missed: usize,
    /// Events that reached customers who may not see the ticket.
    pub leaked: usize,
    pub memory_before_kb: u64,
    pub memory_open_kb: u64,
    pub peak_kb: u64,
}

impl LiveResult {
    pub fn per_subscriber_kb(&self) -> f64 {
        self.memory_open_kb.saturating_sub(self.memory_before_kb) as f64 / self.subscribers.max(1) as f64
    }
}

/// What one subscriber heard: each `created` event's ticket id and arrival time.
struct Heard {
    staff: bool,
    received: Vec<(i64, Instant)>,
    error: Option<String>,
}

/// Runs W6 on a freshly started server (`server_pid` serves `base`), so its memory before the
/// subscribers is not inflated by earlier workloads or by password hashing.
pub async fn run(
    base: &str,
    server_pid: u32,
    database: memory::Database,
    clients: &LiveClients,
    subscribers: usize,
    duration: Duration,
) -> anyhow::Result<LiveResult> {
    // Warm the server (a page render, the stream handler) before the baseline.
    clients.requester.get(format!("{base}/portal")).send().await.context("warm-up page")?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut result = LiveResult { subscribers, memory_before_kb: memory::rss_kb(server_pid), ..LiveResult::default() };
    let peak = memory::PeakSampler::start(server_pid, database);

    let delivered = Arc::new(AtomicUsize::new(0));
    let (stop, stopped) = watch::channel(false);
    let deadline = Instant::now() + duration + GRACE + Duration::from_secs(60);
    let opened = Arc::new(Barrier::new(subscribers + 1));
    let mut tasks = Vec::with_capacity(subscribers);
    for n in 0..subscribers {
        let (staff, client) = clients.subscribers[n % clients.subscribers.len()].clone();
        result.staff_subscribers += usize::from(staff);
        let listen = Listen {
            base: base.to_owned(),
            opened: opened.clone(),
            stopped: stopped.clone(),
            delivered: delivered.clone(),
        };
        tasks.push(tokio::spawn(subscribe(client, staff, listen, deadline)));
    }
    opened.wait().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    result.memory_open_kb = memory::rss_kb(server_pid);

    let sent: Arc<Mutex<HashMap<i64, Instant>>> = Arc::default();
    let mut ticker = tokio::time::interval(Duration::from_millis(1000 / RATE_PER_SECOND));
    let mut creates = Vec::new();
    let total = (RATE_PER_SECOND as f64 * duration.as_secs_f64()).round().max(1.0) as usize;
    for n in 0..total {
        ticker.tick().await;
        let (client, url, sent) = (clients.requester.clone(), format!("{base}/fn/create_ticket"), sent.clone());
        creates.push(tokio::spawn(async move {
            let at = Instant::now();
            let form = [("subject", format!("Fan-out {n}")), ("body", "Live benchmark ticket".to_owned())];
            let res = client.post(url).header("accept", "application/json").form(&form).send().await;
            let res = res.map_err(|e| format!("POST /fn/create_ticket: {e}"))?;
            let status = res.status();
            let text = res.text().await.unwrap_or_default();
            let id: i64 = match (status, text.trim().parse()) {
                (StatusCode::OK, Ok(id)) => id,
                _ => {
                    return Err(format!(
                        "POST /fn/create_ticket: {status}: {}",
                        text.chars().take(500).collect::<String>()
                    ));
                }
            };
            sent.lock().map_err(|_| "lock".to_owned())?.insert(id, at);
            Ok(at.elapsed())
        }));
    }
    let mut create_times = Vec::new();
    for create in creates {
        result.created += 1;
        match create.await.map_err(|e| e.to_string()).and_then(|r| r) {
            Ok(took) => create_times.push(took),
            Err(failure) => {
                result.errors += 1;
                result.first_error.get_or_insert(failure);
            }
        }
    }
    let sent = sent.lock().map_err(|_| anyhow::anyhow!("a create task panicked"))?.clone();
    let expected = result.staff_subscribers * sent.len();
    let waited = Instant::now();
    while delivered.load(Ordering::Relaxed) < expected && waited.elapsed() < GRACE {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.send(true).ok();

    let mut latencies = Vec::new();
    for task in tasks {
        let heard = task.await.context("a subscriber task panicked")?;
        if let Some(error) = heard.error {
            result.errors += 1;
            result.first_error.get_or_insert(error);
        }
        if !heard.staff {
            result.leaked += heard.received.len();
            continue;
        }
        let mine: Vec<_> =
            heard.received.iter().filter_map(|(id, at)| Some(at.saturating_duration_since(*sent.get(id)?))).collect();
        result.missed += sent.len().saturating_sub(mine.len());
        latencies.extend(mine);
    }
    result.deliveries = latencies.len();
    result.latency = Latency::of(&mut latencies);
    let create = Latency::of(&mut create_times);
    (result.create_p50, result.create_p99) = (create.p50, create.p99);
    result.peak_kb = peak.finish();
    Ok(result)
}

/// What a subscriber shares with the others.
struct Listen {
    base: String,
    opened: Arc<Barrier>,
    stopped: watch::Receiver<bool>,
    delivered: Arc<AtomicUsize>,
}

/// Opens the stream, then notes when each `created` event arrives, until told to stop.
async fn subscribe(client: Client, staff: bool, mut listen: Listen, deadline: Instant) -> Heard {
    let mut heard = Heard { staff, received: Vec::new(), error: None };
    let request = client.get(format!("{}/events", listen.base)).header("accept", "text/event-stream").send();
    let mut response = match tokio::time::timeout(Duration::from_secs(30), request).await {
        Ok(Ok(res)) if res.status() == StatusCode::OK => res,
        Ok(Ok(res)) => {
            heard.error = Some(format!("GET /events: {}", res.status()));
            listen.opened.wait().await;
            return heard;
        }
        Ok(Err(err)) => {
            heard.error = Some(format!("GET /events: {err}"));
            listen.opened.wait().await;
            return heard;
        }
        Err(_) => {
            heard.error = Some("GET /events: no answer within 30 s".into());
            listen.opened.wait().await;
            return heard;
        }
    };
    listen.opened.wait().await;
    let mut buffer = String::new();
    loop {
        let chunk = tokio::select! {
            chunk = response.chunk() => chunk,
            _ = listen.stopped.changed() => return heard,
            () = tokio::time::sleep_until(deadline.into()) => return heard,
        };
        let chunk = match chunk {
            Ok(Some(chunk)) => chunk,
            Ok(None) => {
                heard.error = Some("GET /events: the stream ended early".into());
                return heard;
            }
            Err(err) => {
                heard.error = Some(format!("GET /events: {err}"));
                return heard;
            }
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
                    heard.received.push((id, at));
                    if staff {
                        listen.delivered.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }
    }
}
