//! W1–W5, W7–W9: the desk the closed-loop connections work on, and the next request of each
//! connection, drawn from its own deterministic random stream.

use anyhow::{Context, bail};
use reqwest::{Client, Response};
use serde_json::json;
use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use crate::{args::Workload, help::HelpCenter};
use seed::bench::{self, Rng};

/// The slowest answer that still counts as one (then it is a transport error).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Bench customers are `customer0000@bench.example` … `customer4999@bench.example`.
const CUSTOMERS: u64 = bench::CUSTOMERS as u64;
const PRODUCTS: [&str; 6] =
    ["VPN client", "invoice export", "mobile app", "single sign-on", "backup job", "printer queue"];
const PROBLEMS: [&str; 5] =
    ["fails after the update", "is slow today", "shows an error", "stopped working", "times out"];
const SENTENCES: [&str; 6] = [
    "We noticed this first thing in the morning when the team tried to start work.",
    "It happens on every machine we tried, both on the office network and from home.",
    "Restarting the application helps for a few minutes, then the problem comes back.",
    "Our finance department depends on this for the month-end close, so it is urgent for us.",
    "Attached is what we see on screen; nothing changed on our side as far as we know.",
    "Could you please have a look and tell us whether there is a workaround in the meantime?",
];

/// What every connection shares: the server, the signed-in agents and the API token.
pub struct Desk {
    pub base: String,
    pub token: String,
    /// One client per signed-in agent; connection `i` uses client `i mod n`.
    pub staff: Vec<Client>,
    /// One client per signed-in bench customer (W8), used the same way.
    pub customers: Vec<Client>,
    /// No session: the help center's readers (W9).
    pub anonymous: Client,
    /// The help center's public addresses (W9).
    pub help: Option<HelpCenter>,
    pub api: Client,
    /// Seeded tickets have ids 1..=tickets.
    pub tickets: usize,
    /// Tickets that are not solved, for W5's replies.
    pub unsolved: Vec<i64>,
    /// Numbers new tickets.
    sequence: AtomicU64,
    /// Cycles through the search keywords.
    keywords: AtomicU64,
}

/// A request that did not end in a 2xx answer: what was asked and what came back.
pub type Failure = String;

/// What kind of request a mixed workload sent (W9's pages), so latencies are told apart; empty
/// for the others.
pub type Kind = &'static str;

impl Desk {
    pub fn new(base: String, token: String, staff: Vec<Client>, tickets: usize, unsolved: Vec<i64>) -> Desk {
        Desk {
            base,
            token,
            staff,
            customers: Vec::new(),
            anonymous: Client::new(),
            help: None,
            api: Client::new(),
            tickets,
            unsolved,
            sequence: AtomicU64::new(0),
            keywords: AtomicU64::new(0),
        }
    }
}

/// The ids of up to `limit` tickets that are not solved, fetched once through the API.
pub async fn unsolved_ids(base: &str, token: &str, limit: usize) -> anyhow::Result<Vec<i64>> {
    let api = Client::new();
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    while ids.len() < limit {
        let mut query = vec![("status", "unsolved".to_owned())];
        query.extend(cursor.take().map(|c| ("cursor", c)));
        let res = api.get(format!("{base}/api/v1/tickets")).bearer_auth(token).query(&query).send().await?;
        if !res.status().is_success() {
            bail!("GET /api/v1/tickets?status=unsolved: {}", res.status());
        }
        let page: serde_json::Value = res.json().await.context("the ticket list is not JSON")?;
        let items = page["items"].as_array().cloned().unwrap_or_default();
        ids.extend(items.iter().filter_map(|t| t["id"].as_i64()));
        match page["next_cursor"].as_str() {
            Some(next) if !items.is_empty() => cursor = Some(next.to_owned()),
            _ => break,
        }
    }
    ids.truncate(limit);
    Ok(ids)
}

/// How many tickets the open queue page lists (it should show a full page of 25).
pub async fn queue_rows(desk: &Desk) -> anyhow::Result<usize> {
    let client = desk.staff.first().context("no agent signed in")?;
    let page = client.get(format!("{}/agent?queue=all_open", desk.base)).send().await?.text().await?;
    Ok(page.matches("href=\"/agent/tickets/").count())
}

/// One closed-loop connection: sends its next request when the previous one has been answered.
pub struct Connection {
    desk: Arc<Desk>,
    workload: Workload,
    rng: Rng,
    staff: Client,
    customer: Option<Client>,
}

impl Connection {
    pub fn new(desk: Arc<Desk>, workload: Workload, index: usize, run: usize) -> Connection {
        let staff = desk.staff[index % desk.staff.len()].clone();
        let customer = (!desk.customers.is_empty()).then(|| desk.customers[index % desk.customers.len()].clone());
        // One stream per workload, connection and run: the same triple always draws the same numbers.
        let rng = Rng::new(((workload as u64 + 1) << 40) ^ ((index as u64) << 20) ^ run as u64);
        Connection { desk, workload, rng, staff, customer }
    }

    pub async fn next(&mut self) -> Result<Kind, Failure> {
        match self.workload {
            Workload::W8 => self.suggest().await.map(|()| ""),
            Workload::W9 => self.help_page().await,
            _ => self.desk_request().await.map(|()| ""),
        }
    }

    async fn desk_request(&mut self) -> Result<(), Failure> {
        match self.workload {
            Workload::W1 => self.create().await,
            Workload::W2 => self.queue().await,
            Workload::W3 => self.search().await,
            Workload::W4 => self.ticket().await,
            Workload::W5 => match self.rng.below(100) {
                0..60 => self.ticket().await,
                60..80 => self.queue().await,
                80..90 => self.search().await,
                90..95 => self.reply().await,
                _ => self.create().await,
            },
            Workload::W6 => Err("w6 is not a closed-loop workload".into()),
            Workload::W7 => self.page("/agent?queue=all_open&sort=due".to_owned()).await,
            Workload::W8 | Workload::W9 => Err("not a desk request".into()),
        }
    }

    /// W8: the suggestions the new-request form asks for after a pause in a customer's typing.
    async fn suggest(&mut self) -> Result<(), Failure> {
        let Some(customer) = self.customer.clone() else {
            return Err("no customer signed in".into());
        };
        let (subject, body) = crate::help::typed_request(&mut self.rng);
        let url = format!("{}/fn/suggest_answers", self.desk.base);
        let form = [("subject", subject), ("body", body)];
        let sent = customer.post(&url).header("accept", "application/json").form(&form).timeout(REQUEST_TIMEOUT).send();
        answered("POST /fn/suggest_answers", sent.await).await
    }

    /// W9: a help center page, without an account.
    async fn help_page(&mut self) -> Result<Kind, Failure> {
        let Some(help) = &self.desk.help else {
            return Err("the help center's addresses were not read".into());
        };
        let (kind, path) = help.next_page(&mut self.rng);
        let sent = self.desk.anonymous.get(format!("{}{path}", self.desk.base)).timeout(REQUEST_TIMEOUT).send().await;
        answered(&format!("GET {path}"), sent).await.map(|()| kind)
    }

    /// W1: a ticket opened through the API for one of the bench customers.
    async fn create(&mut self) -> Result<(), Failure> {
        let n = self.desk.sequence.fetch_add(1, Ordering::Relaxed);
        let subject = format!("Load {n}: {} {}", self.rng.pick(&PRODUCTS), self.rng.pick(&PROBLEMS));
        let body: Vec<&str> = (0..2 + self.rng.below(4)).map(|_| *self.rng.pick(&SENTENCES)).collect();
        let customer = self.rng.below(CUSTOMERS);
        let body = json!({
            "subject": subject,
            "body": body.join(" "),
            "requester_email": bench::customer_email(customer as usize),
        });
        let url = format!("{}/api/v1/tickets", self.desk.base);
        let sent = self.desk.api.post(&url).bearer_auth(&self.desk.token).json(&body).timeout(REQUEST_TIMEOUT).send();
        answered("POST /api/v1/tickets", sent.await).await
    }

    /// W2: the first page of the open queue.
    async fn queue(&mut self) -> Result<(), Failure> {
        self.page("/agent?queue=all_open".to_owned()).await
    }

    /// W3: a search for one of the 100 seeded keywords, each in about 1% of tickets.
    async fn search(&mut self) -> Result<(), Failure> {
        let k = self.desk.keywords.fetch_add(1, Ordering::Relaxed) as usize % bench::KEYWORDS;
        self.page(format!("/agent?q={}", bench::keyword(k))).await
    }

    /// W4: a seeded ticket with its thread, any of them equally likely.
    async fn ticket(&mut self) -> Result<(), Failure> {
        let id = 1 + self.rng.below(self.desk.tickets as u64);
        self.page(format!("/agent/tickets/{id}")).await
    }

    /// An agent's public reply through the API on a ticket that is not solved.
    async fn reply(&mut self) -> Result<(), Failure> {
        if self.desk.unsolved.is_empty() {
            return Err("no unsolved ticket to reply to".into());
        }
        let id = *self.rng.pick(&self.desk.unsolved);
        let body = json!({ "body": self.rng.pick(&SENTENCES).to_owned(), "visibility": "public" });
        let url = format!("{}/api/v1/tickets/{id}/messages", self.desk.base);
        let sent = self.desk.api.post(&url).bearer_auth(&self.desk.token).json(&body).timeout(REQUEST_TIMEOUT).send();
        answered(&format!("POST /api/v1/tickets/{id}/messages"), sent.await).await
    }

    async fn page(&self, path: String) -> Result<(), Failure> {
        let sent = self.staff.get(format!("{}{path}", self.desk.base)).timeout(REQUEST_TIMEOUT).send().await;
        answered(&format!("GET {path}"), sent).await
    }
}

/// Reads the whole answer (its time counts); anything but a 2xx is a failure.
async fn answered(what: &str, sent: Result<Response, reqwest::Error>) -> Result<(), Failure> {
    let res = sent.map_err(|e| format!("{what}: {}", chain(&e)))?;
    let status = res.status();
    let body = res.bytes().await.map_err(|e| format!("{what}: {status}, body unreadable: {}", chain(&e)))?;
    if status.is_success() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&body);
    let text: String = text.chars().take(500).collect();
    Err(format!("{what}: {status}: {text}"))
}

/// An error with its causes, which is where reqwest says what really went wrong.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
