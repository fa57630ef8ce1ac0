//! Tickets through the router: the authorization matrix over every ticket server function, notes
//! that never reach customers, and the ticket pages.

use crate::support::{TestServer, call_json};
use reqwest::{Client, StatusCode};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Who {
    Anonymous,
    /// The requester (Acme, which shares tickets).
    Owner,
    /// Another customer of Acme.
    Colleague,
    /// A customer of Globex.
    Stranger,
    Agent,
    Admin,
}

pub(crate) const EVERYONE: [Who; 6] =
    [Who::Anonymous, Who::Owner, Who::Colleague, Who::Stranger, Who::Agent, Who::Admin];

pub(crate) async fn client(server: &TestServer, who: Who) -> Client {
    match who {
        Who::Anonymous => server.client(),
        Who::Owner => server.signed_in("customer@example.com").await,
        Who::Colleague => server.signed_in("wile@acme.example").await,
        Who::Stranger => server.signed_in("hank@globex.example").await,
        Who::Agent => server.signed_in("agent@example.com").await,
        Who::Admin => server.signed_in("admin@example.com").await,
    }
}

pub(crate) async fn open_ticket(server: &TestServer, owner: &Client, subject: &str) -> String {
    let (status, id) =
        call_json(owner, server, "create_ticket", &[("subject", subject), ("body", "The printer is on fire")]).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    id.as_i64().expect("id").to_string()
}

/// The status each caller must get; anything else is a failure.
fn expected(function: &str, who: Who) -> StatusCode {
    use Who::*;
    let (ok, forbidden_for_customers) = match function {
        "get_ticket" | "add_message" | "solve_ticket" => (matches!(who, Owner | Colleague | Agent | Admin), false),
        "add_note" | "update_ticket" | "assign_to_me" => (matches!(who, Agent | Admin), true),
        "queue_tickets" | "queue_counts" => (matches!(who, Agent | Admin), true),
        "my_requests" => (matches!(who, Owner | Colleague | Stranger), true),
        "load_ticket_options" | "create_ticket" => (who != Anonymous, false),
        other => panic!("no expectation for {other}"),
    };
    match who {
        _ if ok => StatusCode::OK,
        Anonymous => StatusCode::UNAUTHORIZED,
        // Tickets a customer may not see do not exist for them.
        Stranger if !matches!(function, "queue_tickets" | "queue_counts" | "my_requests") => StatusCode::NOT_FOUND,
        _ if forbidden_for_customers => StatusCode::FORBIDDEN,
        _ => StatusCode::NOT_FOUND,
    }
}

#[tokio::test]
async fn every_ticket_function_against_every_caller() {
    let server = TestServer::start().await;
    let owner = client(&server, Who::Owner).await;
    let mut failures = Vec::new();
    let mut checked = 0;
    for who in EVERYONE {
        let caller = client(&server, who).await;
        let ticket = open_ticket(&server, &owner, &format!("Matrix {who:?}")).await;
        let calls: Vec<(&str, &str, Vec<(&str, &str)>)> = vec![
            ("get_ticket", "get_ticket", vec![("id", &ticket)]),
            ("add_message", "add_message", vec![("ticket_id", &ticket), ("body", "A reply")]),
            ("add_note", "add_message", vec![("ticket_id", &ticket), ("visibility", "internal"), ("body", "A note")]),
            ("update_ticket", "update_ticket", vec![("ticket_id", &ticket), ("priority_id", "3")]),
            ("assign_to_me", "assign_to_me", vec![("ticket_id", &ticket)]),
            ("queue_tickets", "queue_tickets", vec![("queue", "all_open")]),
            ("queue_counts", "queue_counts", vec![]),
            ("my_requests", "my_requests", vec![]),
            ("load_ticket_options", "load_ticket_options", vec![]),
            ("solve_ticket", "solve_ticket", vec![("ticket_id", &ticket)]),
            (
                "create_ticket",
                "create_ticket",
                vec![("subject", "Mine"), ("body", "text"), ("requester_email", "x@example.com")],
            ),
        ];
        for (label, function, form) in calls {
            let (status, body) = call_json(&caller, &server, function, &form).await;
            checked += 1;
            let want = expected(label, who);
            if status != want {
                failures.push(format!("{who:?} {label}: got {status}, want {want}: {body}"));
            }
        }
    }
    assert!(failures.is_empty(), "unexpected results:\n{}", failures.join("\n"));
    assert_eq!(checked, 66);
}

#[tokio::test]
async fn internal_notes_never_reach_customers() {
    let server = TestServer::start().await;
    let owner = client(&server, Who::Owner).await;
    let colleague = client(&server, Who::Colleague).await;
    let agent = client(&server, Who::Agent).await;
    let ticket = open_ticket(&server, &owner, "Secret test").await;
    let note = [("ticket_id", ticket.as_str()), ("visibility", "internal"), ("body", "SECRET-NOTE-TEXT")];
    assert_eq!(call_json(&agent, &server, "add_message", &note).await.0, StatusCode::OK);
    let reply = [("ticket_id", ticket.as_str()), ("body", "Public answer")];
    assert_eq!(call_json(&agent, &server, "add_message", &reply).await.0, StatusCode::OK);
    for customer in [&owner, &colleague] {
        let (_, view) = call_json(customer, &server, "get_ticket", &[("id", &ticket)]).await;
        let text = view.to_string();
        assert!(text.contains("Public answer"), "{text}");
        assert!(!text.contains("SECRET-NOTE-TEXT"), "a note leaked: {text}");
        let page = customer.get(server.url(&format!("/portal/tickets/{ticket}"))).send().await.expect("page");
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.expect("html");
        assert!(html.contains("Public answer") && !html.contains("SECRET-NOTE-TEXT"));
    }
    let (_, view) = call_json(&agent, &server, "get_ticket", &[("id", &ticket)]).await;
    assert!(view.to_string().contains("SECRET-NOTE-TEXT"));
}

#[tokio::test]
async fn ticket_pages_answer_by_role() {
    let server = TestServer::start().await;
    let owner = client(&server, Who::Owner).await;
    let ticket = open_ticket(&server, &owner, "Pages test <b>bold</b>").await;
    let base = server.base.clone();
    let get = |client: Client, path: String| {
        let url = format!("{base}{path}");
        async move {
            let res = client.get(url).header("accept", "text/html").send().await.expect("get");
            let status = res.status();
            (status, res.text().await.expect("body"))
        }
    };
    let (status, html) = get(owner.clone(), format!("/portal/tickets/{ticket}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Pages test &lt;b&gt;bold&lt;/b&gt;") || html.contains("Pages test &lt;b>bold&lt;/b>"),
        "escaped subject"
    );
    let (status, html) = get(client(&server, Who::Stranger).await, format!("/portal/tickets/{ticket}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
    let (status, html) = get(client(&server, Who::Agent).await, format!("/agent/tickets/{ticket}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Assign to me") && html.contains("Other requests"));
    let (status, html) = get(client(&server, Who::Agent).await, "/agent?queue=unassigned".into()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Pages test"));
    let (status, _) = get(client(&server, Who::Agent).await, "/agent/tickets/not-a-number".into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(server.client(), format!("/portal/tickets/{ticket}")).await;
    assert_eq!(status, StatusCode::FOUND);
}
