//! Search, saved views, bulk changes and attachments through the router: what each caller finds,
//! downloads that are safe, and uploads that are refused (who may call what is in the
//! authorization matrix).

use crate::{
    support::{TestServer, call_json},
    tickets::{Who, client, open_ticket},
};
use reqwest::{Client, StatusCode, multipart};

fn file(name: &str, bytes: &[u8]) -> multipart::Part {
    multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned())
}

/// Posts a multipart form to a server function the way the hydrated app does.
async fn post_multipart(
    client: &Client,
    server: &TestServer,
    name: &str,
    form: multipart::Form,
) -> (StatusCode, serde_json::Value) {
    let res = client
        .post(server.url(&format!("/fn/{name}")))
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("request");
    let status = res.status();
    let text = res.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
}

fn attachment_ids(ticket: &serde_json::Value) -> Vec<i64> {
    ticket["timeline"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("Message"))
        .flat_map(|m| m["attachments"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a["id"].as_i64())
        .collect()
}

#[tokio::test]
async fn attachments_download_safely_and_bad_uploads_are_refused() {
    let server = TestServer::start().await;
    let owner = client(&server, Who::Owner).await;
    let png = b"\x89PNG\r\n\x1a\n0000".to_vec();
    let form = multipart::Form::new()
        .text("subject", "Screenshot of the error")
        .text("body", "Attached")
        .part("attachments", file("shot <1>.png", &png))
        .part("attachments", file("page.html", b"<script>alert(1)</script>"));
    let (status, id) = post_multipart(&owner, &server, "create_ticket_with_files", form).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let ticket = id.as_i64().unwrap().to_string();
    let (_, view) = call_json(&owner, &server, "get_ticket", &[("id", &ticket)]).await;
    let ids = attachment_ids(&view);
    assert_eq!(ids.len(), 2);

    let res = owner.get(server.url(&format!("/attachments/{}", ids[0]))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "image/png");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"shot <1>.png\""));
    assert!(h["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), png.as_slice());
    let inline = owner.get(server.url(&format!("/attachments/{}?inline=1", ids[0]))).send().await.unwrap();
    assert!(inline.headers()["content-disposition"].to_str().unwrap().starts_with("inline"));
    // A page-like file is only ever bytes to download, never inline.
    let html = owner.get(server.url(&format!("/attachments/{}?inline=1", ids[1]))).send().await.unwrap();
    assert_eq!(html.headers()["content-type"], "application/octet-stream");
    assert!(html.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));

    for bad in ["abc", "-1", "99999999999999999999", "0"] {
        let res = owner.get(server.url(&format!("/attachments/{bad}"))).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{bad}");
    }

    // An empty file, a file over the limit, and a body that is not multipart.
    let empty = multipart::Form::new().text("subject", "x").text("body", "y").part("attachments", file("e.txt", b""));
    let (status, body) = post_multipart(&owner, &server, "create_ticket_with_files", empty).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "attachments");
    let big = vec![0u8; 25 * 1024 * 1024 + 1];
    let form = multipart::Form::new().text("subject", "x").text("body", "y").part("attachments", file("big.bin", &big));
    let (status, body) = post_multipart(&owner, &server, "create_ticket_with_files", form).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(body["code"], "too_large");
    let res = owner
        .post(server.url("/fn/create_ticket_with_files"))
        .header("accept", "application/json")
        .form(&[("subject", "x"), ("body", "y")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = owner
        .post(server.url("/fn/add_message_with_files"))
        .header("content-type", "multipart/form-data")
        .body("junk")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // Nothing was opened by the refused uploads.
    let (_, mine) = call_json(&owner, &server, "my_requests", &[]).await;
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn search_finds_message_words_and_hides_notes() {
    let server = TestServer::start().await;
    let owner = client(&server, Who::Owner).await;
    let agent = client(&server, Who::Agent).await;
    let ticket = open_ticket(&server, &owner, "Login trouble").await;
    let (status, _) = call_json(
        &agent,
        &server,
        "add_message",
        &[("ticket_id", &ticket), ("visibility", "internal"), ("body", "kerberoswombat issue")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["items"].as_array().unwrap().iter().map(|t| t["id"].to_string()).collect()
    };
    let (_, found) = call_json(&agent, &server, "search_tickets", &[("q", "kerberoswombat")]).await;
    assert_eq!(ids(&found), [ticket.clone()]);
    let (_, found) = call_json(&owner, &server, "search_tickets", &[("q", "kerberoswombat")]).await;
    assert!(ids(&found).is_empty());
    let (_, found) = call_json(&owner, &server, "search_tickets", &[("q", "fire")]).await;
    assert_eq!(ids(&found), [ticket.clone()]);
    let (status, body) = call_json(&agent, &server, "search_tickets", &[("q", "\"unclosed")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "q");

    // Bulk: sparse indexes from checkboxes, one change for all.
    let second = open_ticket(&server, &owner, "Second").await;
    let (status, body) = call_json(
        &agent,
        &server,
        "bulk_update_tickets",
        &[("ticket_ids[0]", &ticket), ("ticket_ids[3]", &second), ("priority_id", "4")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["changed"], 2);
    let (status, _) = call_json(&agent, &server, "bulk_update_tickets", &[("priority_id", "4")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // The search pages render with JavaScript off, results included.
    let page = agent.get(server.url("/agent?q=kerberoswombat")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Login trouble"), "agent search page lists the ticket");
    let page = owner.get(server.url("/portal?q=kerberoswombat")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("Login trouble") && page.contains("None of your requests match"));
}
