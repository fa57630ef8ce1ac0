//! Helpers for the mail admin tests: a full mailbox form, calls with owned values, pages, plain
//! form posts, and the stored mailbox row.

use crate::support::{TestServer, call_json};
use domain::entities::mailbox;
use reqwest::{Client, StatusCode};
use sea_orm::EntityTrait;

/// A mailbox form: an IMAP mailbox with every field, and `changes` on top.
pub fn form(changes: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> = [
        ("name", "Support"),
        ("address", "help@example.com"),
        ("inbound", "imap"),
        ("imap_host", "imap.example.com"),
        ("imap_port", "993"),
        ("imap_tls", "on"),
        ("imap_username", "help"),
        ("imap_password", "imap-pass-1"),
        ("imap_folder", ""),
        ("smtp_host", "smtp.example.com"),
        ("smtp_port", "465"),
        ("smtp_security", "tls"),
        ("smtp_username", "help"),
        ("smtp_password", "smtp-pass-1"),
        ("team_id", ""),
        ("category_id", ""),
        ("reject_unknown", "on"),
        ("active", "on"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect();
    for (key, value) in changes {
        match fields.iter_mut().find(|(k, _)| k == key) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push((key, (*value).to_owned())),
        }
    }
    fields
}

pub async fn send(
    client: &Client,
    server: &TestServer,
    name: &str,
    form: &[(&str, String)],
) -> (StatusCode, serde_json::Value) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call_json(client, server, name, &form).await
}

pub async fn page(client: &Client, server: &TestServer, path: &str) -> (StatusCode, String) {
    let res = client.get(server.url(path)).header("accept", "text/html").send().await.expect("get");
    let status = res.status();
    (status, res.text().await.expect("body"))
}

/// A plain HTML form post (JavaScript off) from `from`; returns where it sends the browser.
pub async fn post_without_js(
    client: &Client,
    server: &TestServer,
    name: &str,
    from: &str,
    form: &[(&str, &str)],
) -> String {
    let res = client
        .post(server.url(&format!("/fn/{name}")))
        .header("accept", "text/html")
        .header("referer", server.url(from))
        .form(form)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FOUND, "{name}");
    res.headers()["location"].to_str().expect("ascii").trim_start_matches(&server.base).to_owned()
}

pub async fn stored(server: &TestServer, id: i64) -> mailbox::Model {
    mailbox::Entity::find_by_id(id).one(&server.db).await.expect("query").expect("mailbox")
}
