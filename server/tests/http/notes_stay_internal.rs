//! Internal notes never leave the agent side through HTTP: the REST message list of a customer's
//! token, the customer's ticket page and the customer's server function leave them out, while
//! the agent's list has them.

use crate::{
    api_support::{send, token},
    support::{TestServer, call_json},
};
use domain::api_tokens::ApiScope;
use reqwest::{Method, StatusCode};
use serde_json::json;

const NOTE: &str = "Internal: the customer is on the old VPN client, do not mention the refund";

#[tokio::test]
async fn a_note_is_in_the_agents_lists_only() {
    let server = TestServer::start().await;
    let customer = token(&server, "customer@example.com", ApiScope::Write).await;
    let agent = token(&server, "agent@example.com", ApiScope::Write).await;
    let (status, created) = send(
        &server,
        Some(&customer),
        Method::POST,
        "/api/v1/tickets",
        Some(json!({ "subject": "VPN drops", "body": "Every hour" })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().expect("id");
    let messages = format!("/api/v1/tickets/{id}/messages");
    let (status, _) =
        send(&server, Some(&agent), Method::POST, &messages, Some(json!({ "body": NOTE, "visibility": "internal" })))
            .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) =
        send(&server, Some(&agent), Method::POST, &messages, Some(json!({ "body": "We are on it" }))).await;
    assert_eq!(status, StatusCode::CREATED);

    let bodies = |list: &serde_json::Value| -> Vec<String> {
        let items = list["items"].as_array().expect("items");
        items.iter().map(|m| m["body_html"].as_str().unwrap_or_default().to_owned()).collect()
    };
    let (_, theirs) = send(&server, Some(&customer), Method::GET, &messages, None).await;
    assert_eq!(bodies(&theirs).len(), 2, "the request and the reply: {theirs}");
    assert!(!theirs.to_string().contains("old VPN client"), "the note reached the customer's API list");
    let (_, ours) = send(&server, Some(&agent), Method::GET, &messages, None).await;
    assert!(bodies(&ours).iter().any(|b| b.contains("old VPN client")), "the agent sees the note: {ours}");

    let browser = server.signed_in("customer@example.com").await;
    let page = browser.get(server.url(&format!("/portal/tickets/{id}"))).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(
        html.contains("We are on it") && !html.contains("old VPN client"),
        "the portal page shows replies, never notes"
    );
    let (status, body) = call_json(&browser, &server, "get_ticket", &[("id", &id.to_string())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!body.to_string().contains("old VPN client"), "the customer's server function leaves the note out");
}
