//! Presence on a ticket: agents see who else is viewing and typing; customers take no part and
//! never hear of it.

use crate::{
    live_support::{EventStream, ticket_event},
    support::{TestServer, call_json, error_fields},
    tickets::open_ticket,
};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

async fn beat(client: &Client, server: &TestServer, ticket: &str, state: &str) -> (StatusCode, Value) {
    call_json(client, server, "ticket_presence", &[("ticket_id", ticket), ("state", state)]).await
}

/// Reads presence (no heartbeat) until it equals `expected`; the picture follows the event log,
/// so it may take a moment. Panics with the last answer after 10 s.
async fn until_present(client: &Client, server: &TestServer, ticket: &str, expected: Value) {
    let start = Instant::now();
    loop {
        let (status, body) = call_json(client, server, "ticket_presence", &[("ticket_id", ticket)]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let seen: Vec<Value> = body
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| json!({"name": p["name"], "typing": p["typing"]}))
            .collect();
        if Value::Array(seen.clone()) == expected {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "presence stayed {seen:?}, expected {expected}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn agents_see_each_other_viewing_typing_and_leaving() {
    let server = TestServer::start().await;
    let customer = server.signed_in("customer@example.com").await;
    let ticket = open_ticket(&server, &customer, "Who is here").await;
    let alex = server.signed_in("agent@example.com").await;
    let sam = server.signed_in("sam.rivera@example.com").await;

    let (status, others) = beat(&alex, &server, &ticket, "viewing").await;
    assert_eq!((status, others), (StatusCode::OK, json!([])), "alone at first");
    until_present(&sam, &server, &ticket, json!([{"name": "Alex Agent", "typing": false}])).await;
    until_present(&alex, &server, &ticket, json!([])).await;

    beat(&sam, &server, &ticket, "viewing").await;
    beat(&alex, &server, &ticket, "typing").await;
    until_present(&sam, &server, &ticket, json!([{"name": "Alex Agent", "typing": true}])).await;
    until_present(&alex, &server, &ticket, json!([{"name": "Sam Rivera", "typing": false}])).await;

    // Sending ends the typing at once.
    let (status, _) = call_json(&alex, &server, "add_message", &[("ticket_id", &ticket), ("body", "On it")]).await;
    assert_eq!(status, StatusCode::OK);
    until_present(&sam, &server, &ticket, json!([{"name": "Alex Agent", "typing": false}])).await;

    beat(&alex, &server, &ticket, "left").await;
    until_present(&sam, &server, &ticket, json!([])).await;
}

#[tokio::test]
async fn customers_take_no_part_and_bad_states_are_refused() {
    let server = TestServer::start().await;
    let customer = server.signed_in("customer@example.com").await;
    let ticket = open_ticket(&server, &customer, "Mine").await;
    let (status, _) = beat(&customer, &server, &ticket, "viewing").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a customer's own ticket, but presence is for agents");
    let (status, _) = beat(&server.client(), &server, &ticket, "viewing").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let agent = server.signed_in("agent@example.com").await;
    let (status, body) = beat(&agent, &server, &ticket, "created").await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["state".to_owned()]));
    let (status, _) = beat(&agent, &server, "999999", "viewing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn presence_events_reach_agents_and_never_customers() {
    let server = TestServer::start().await;
    let customer = server.signed_in("customer@example.com").await;
    let ticket = open_ticket(&server, &customer, "Watched").await;
    let id: i64 = ticket.parse().expect("id");
    let mut casey = EventStream::open(&customer, &server.base, None).await;
    let agent = server.signed_in("agent@example.com").await;
    let mut agent_stream =
        EventStream::open(&server.signed_in("sam.rivera@example.com").await, &server.base, None).await;

    beat(&agent, &server, &ticket, "viewing").await;
    beat(&agent, &server, &ticket, "typing").await;
    let (status, _) = call_json(&agent, &server, "add_message", &[("ticket_id", &ticket), ("body", "Hello")]).await;
    assert_eq!(status, StatusCode::OK);

    let heard = agent_stream.until(|e| ticket_event(e) == ("message".to_owned(), id)).await;
    let kinds: Vec<(String, i64)> = heard.iter().map(ticket_event).collect();
    assert_eq!(kinds, [("viewing".to_owned(), id), ("typing".to_owned(), id), ("message".to_owned(), id)]);
    let casey_heard = casey.until(|e| ticket_event(e) == ("message".to_owned(), id)).await;
    // The stream may still deliver the ticket's own "created" (the tailer publishes it after the
    // commit, and on a busy machine after the stream opened); presence must never arrive.
    let kinds: Vec<(String, i64)> = casey_heard.iter().map(ticket_event).filter(|(k, _)| k != "created").collect();
    assert_eq!(kinds, [("message".to_owned(), id)]);
}
