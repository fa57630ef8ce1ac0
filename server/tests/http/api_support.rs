//! Helpers for the REST API tests: tokens made straight through the domain, and requests sent the
//! way a script would (bearer token, JSON, no cookies, no Origin).

use crate::support::TestServer;
use domain::{
    Actor, Principal,
    accounts::queries::find_by_email,
    api_tokens::{ApiScope, commands, commands::NewToken},
    entities::api_token,
};
use reqwest::{Client, Method, StatusCode, multipart};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::Value;

pub async fn actor(server: &TestServer, email: &str) -> Actor {
    let user = find_by_email(&server.db, email).await.expect("query").expect(email);
    Actor::User(Principal { user_id: user.id, role: user.role, organization_id: user.organization_id })
}

/// A live token of `email` with `scope`.
pub async fn token(server: &TestServer, email: &str, scope: ApiScope) -> String {
    let who = actor(server, email).await;
    let input = NewToken { name: format!("{scope:?} test"), scope, expires_in_days: None };
    commands::create(&server.db, &who, input).await.expect("token").secret
}

pub async fn revoked_token(server: &TestServer, email: &str) -> String {
    let who = actor(server, email).await;
    let input = NewToken { name: "revoked".into(), scope: ApiScope::Write, expires_in_days: None };
    let created = commands::create(&server.db, &who, input).await.expect("token");
    commands::revoke(&server.db, &who, created.token.id).await.expect("revoke");
    created.secret
}

pub async fn expired_token(server: &TestServer, email: &str) -> String {
    let who = actor(server, email).await;
    let input = NewToken { name: "expired".into(), scope: ApiScope::Write, expires_in_days: Some(1) };
    let created = commands::create(&server.db, &who, input).await.expect("token");
    let row = api_token::Entity::find()
        .filter(api_token::Column::Id.eq(created.token.id))
        .one(&server.db)
        .await
        .expect("query")
        .expect("row");
    let mut row = row.into_active_model();
    row.expires_at = Set(Some(chrono::Utc::now() - chrono::Duration::minutes(1)));
    row.update(&server.db).await.expect("expire");
    created.secret
}

/// A client like a script's: no cookie store, no redirects followed.
pub fn script(server: &TestServer) -> Client {
    let _ = server;
    Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// Sends an API request and returns its status and JSON body (`Null` for an empty body).
pub async fn send(
    server: &TestServer,
    token: Option<&str>,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = script(server).request(method, server.url(path));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    read(req.send().await.expect("request")).await
}

pub async fn upload(
    server: &TestServer,
    token: Option<&str>,
    path: &str,
    form: multipart::Form,
) -> (StatusCode, Value) {
    let mut req = script(server).post(server.url(path)).multipart(form);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    read(req.send().await.expect("request")).await
}

pub async fn read(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    let text = res.text().await.expect("body");
    let json = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, json)
}

pub fn file(name: &str, bytes: &[u8]) -> multipart::Part {
    multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned())
}

/// The error code of an error body, checking the whole shape on the way.
pub fn error_code(body: &Value) -> String {
    let error = &body["error"];
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "a message: {body}");
    assert!(error["fields"].is_array(), "fields: {body}");
    error["code"].as_str().unwrap_or_default().to_owned()
}
