//! Tickets through the router: notes that never reach customers, and the ticket pages (who may
//! call each ticket server function is in the authorization matrix).

use crate::support::{TestServer, call_json};
use reqwest::{Client, StatusCode};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Who {
    /// The requester (Acme, which shares tickets).
    Owner,
    /// Another customer of Acme.
    Colleague,
    /// A customer of Globex.
    Stranger,
    Agent,
}

pub(crate) async fn client(server: &TestServer, who: Who) -> Client {
    match who {
        Who::Owner => server.signed_in("customer@example.com").await,
        Who::Colleague => server.signed_in("wile@acme.example").await,
        Who::Stranger => server.signed_in("hank@globex.example").await,
        Who::Agent => server.signed_in("agent@example.com").await,
    }
}

pub(crate) async fn open_ticket(server: &TestServer, owner: &Client, subject: &str) -> String {
    let (status, id) =
        call_json(owner, server, "create_ticket", &[("subject", subject), ("body", "The printer is on fire")]).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    id.as_i64().expect("id").to_string()
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
