//! The live stream: who hears of what, resuming after a drop, and refusal of visitors.

use crate::{
    live_support::{EventStream, Received, ticket_event},
    support::TestServer,
    workflow_support::actor,
};
use domain::{
    ticket_types::Visibility,
    tickets::commands::{self, NewTicket},
};
use reqwest::StatusCode;

async fn open_ticket(server: &TestServer, email: &str, subject: &str) -> i64 {
    let input = NewTicket { subject: subject.into(), body: "Details".into(), ..Default::default() };
    commands::create(&server.db, &actor(&server.db, email).await, input).await.expect("create").id
}

async fn write(server: &TestServer, ticket: i64, visibility: Visibility, body: &str) {
    let agent = actor(&server.db, "agent@example.com").await;
    commands::add_message(&server.db, &agent, ticket, visibility, body).await.expect("message");
}

fn kinds(events: &[Received]) -> Vec<(String, i64)> {
    events.iter().map(ticket_event).collect()
}

fn created(id: i64) -> (String, i64) {
    ("created".into(), id)
}

#[tokio::test]
async fn each_user_hears_only_of_what_they_may_see_and_customers_never_of_notes() {
    let server = TestServer::start().await;
    let mut casey = EventStream::open(&server.signed_in("customer@example.com").await, &server.base, None).await;
    // Wile is in Casey's organization, which shares its tickets; Hank is in another one.
    let mut wile = EventStream::open(&server.signed_in("wile@acme.example").await, &server.base, None).await;
    let mut hank = EventStream::open(&server.signed_in("hank@globex.example").await, &server.base, None).await;
    let mut agent = EventStream::open(&server.signed_in("agent@example.com").await, &server.base, None).await;

    let ticket = open_ticket(&server, "customer@example.com", "Printer on fire").await;
    write(&server, ticket, Visibility::Internal, "Customer seems upset; escalate").await;
    write(&server, ticket, Visibility::Public, "We are on it").await;
    let hanks = open_ticket(&server, "hank@globex.example", "Globex only").await;
    // Each customer's own last ticket marks the end of what they could have heard.
    let casey_end = open_ticket(&server, "customer@example.com", "Casey's marker").await;
    let wile_end = open_ticket(&server, "wile@acme.example", "Wile's marker").await;
    let hank_end = open_ticket(&server, "hank@globex.example", "Hank's marker").await;

    let is = |id: i64| move |e: &Received| ticket_event(e) == created(id);
    let message = ("message".to_owned(), ticket);
    assert_eq!(kinds(&casey.until(is(casey_end)).await), vec![created(ticket), message.clone(), created(casey_end)]);
    assert_eq!(
        kinds(&wile.until(is(wile_end)).await),
        vec![created(ticket), message.clone(), created(casey_end), created(wile_end)]
    );
    assert_eq!(kinds(&hank.until(is(hank_end)).await), vec![created(hanks), created(hank_end)]);
    let everything = kinds(&agent.until(is(hank_end)).await);
    assert_eq!(
        everything,
        vec![
            created(ticket),
            ("note".into(), ticket),
            message,
            created(hanks),
            created(casey_end),
            created(wile_end),
            created(hank_end)
        ]
    );
}

#[tokio::test]
async fn events_carry_ids_only() {
    let server = TestServer::start().await;
    let agent_id = crate::support::user_id(&server.db, "agent@example.com").await;
    let mut casey = EventStream::open(&server.signed_in("customer@example.com").await, &server.base, None).await;
    let ticket = open_ticket(&server, "customer@example.com", "Secret subject words").await;
    write(&server, ticket, Visibility::Public, "Secret reply words").await;
    let events = casey.until(|e| ticket_event(e).0 == "message").await;
    let reply = events.last().expect("the reply");
    assert_eq!(reply.data, serde_json::json!({"topic": "ticket", "kind": "message", "id": ticket, "actor": agent_id}));
    assert!(reply.id.as_deref().is_some_and(|id| id.parse::<i64>().is_ok()), "numbered for resuming");
}

#[tokio::test]
async fn a_reconnecting_browser_gets_what_it_missed_or_is_told_to_refetch() {
    let server = TestServer::start().await;
    let casey = server.signed_in("customer@example.com").await;
    let mut first = EventStream::open(&casey, &server.base, None).await;
    let ticket = open_ticket(&server, "customer@example.com", "Before the drop").await;
    let seen = first.next().await;
    assert_eq!(ticket_event(&seen), created(ticket));
    drop(first);

    write(&server, ticket, Visibility::Public, "Sent while away").await;
    write(&server, ticket, Visibility::Internal, "A note while away").await;
    write(&server, ticket, Visibility::Public, "Sent while away, again").await;
    let marker = open_ticket(&server, "customer@example.com", "After the drop").await;

    let mut resumed = EventStream::open(&casey, &server.base, seen.id.as_deref()).await;
    let missed = kinds(&resumed.until(|e| ticket_event(e) == created(marker)).await);
    assert_eq!(missed, vec![("message".into(), ticket), ("message".into(), ticket), created(marker)]);

    let mut too_old = EventStream::open(&casey, &server.base, Some("-1")).await;
    assert_eq!(too_old.next().await.event, "reset", "older than the replay buffer");
}

#[tokio::test]
async fn visitors_get_no_stream() {
    let server = TestServer::start().await;
    let res = server.client().get(server.url("/events")).send().await.expect("request");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["error"]["code"], "unauthenticated");
}
