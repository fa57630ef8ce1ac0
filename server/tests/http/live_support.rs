//! Reading a Server-Sent Events stream in tests: one event at a time, failing on a stall.

use reqwest::{Client, Response, StatusCode};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub id: Option<String>,
    pub event: String,
    pub data: serde_json::Value,
}

pub struct EventStream {
    response: Response,
    buffer: String,
}

impl EventStream {
    /// Opens `/events` with `client`, resuming after `last_event_id` when given.
    pub async fn open(client: &Client, base: &str, last_event_id: Option<&str>) -> EventStream {
        let mut request = client.get(format!("{base}/events")).header("accept", "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.expect("open the stream");
        assert_eq!(response.status(), StatusCode::OK, "the stream opens");
        let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert!(kind.starts_with("text/event-stream"), "{kind}");
        EventStream { response, buffer: String::new() }
    }

    /// The next event (keep-alive comments skipped); panics when none comes for 20 s.
    pub async fn next(&mut self) -> Received {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(event) = parse(&block) {
                    return event;
                }
                continue;
            }
            let chunk = tokio::time::timeout(Duration::from_secs(20), self.response.chunk())
                .await
                .expect("an event within 20 s")
                .expect("read the stream")
                .expect("the stream stays open");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Events up to and including the first one `is_last` accepts.
    pub async fn until(&mut self, is_last: impl Fn(&Received) -> bool) -> Vec<Received> {
        let mut seen = Vec::new();
        loop {
            let event = self.next().await;
            let done = is_last(&event);
            seen.push(event);
            if done {
                return seen;
            }
        }
    }
}

fn parse(block: &str) -> Option<Received> {
    let (mut id, mut event, mut data) = (None, String::from("message"), String::new());
    for line in block.lines() {
        if let Some(value) = line.strip_prefix("id:") {
            id = Some(value.trim().to_owned());
        } else if let Some(value) = line.strip_prefix("event:") {
            event = value.trim().to_owned();
        } else if let Some(value) = line.strip_prefix("data:") {
            data.push_str(value.trim());
        }
    }
    if data.is_empty() {
        return None;
    }
    Some(Received { id, event, data: serde_json::from_str(&data).expect("JSON data") })
}

/// A ticket event as (kind, ticket id).
pub fn ticket_event(event: &Received) -> (String, i64) {
    assert_eq!(event.event, "ticket");
    (event.data["kind"].as_str().unwrap_or_default().to_owned(), event.data["id"].as_i64().unwrap_or_default())
}
