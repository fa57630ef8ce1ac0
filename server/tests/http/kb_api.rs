//! The knowledge base's REST API on the demo desk: search with highlights, what each audience
//! may read (agents-only articles never reach customers, and nothing reaches a request without
//! a token), and writing: 201 with field errors as 422, edit conflicts as 409, votes.

use crate::{
    api_support::{error_code, read, script, send, token},
    support::TestServer,
};
use domain::api_tokens::ApiScope;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn items(body: &Value) -> &Vec<Value> {
    body["items"].as_array().expect("items")
}

fn titles(body: &Value) -> Vec<&str> {
    items(body).iter().filter_map(|a| a["title"].as_str()).collect()
}

#[tokio::test]
async fn readers_search_with_highlights_and_never_see_other_audiences() {
    let server = TestServer::start().await;
    let customer = token(&server, "customer@example.com", ApiScope::Read).await;
    let agent = token(&server, "agent@example.com", ApiScope::Read).await;

    let (status, found) = send(&server, Some(&customer), Method::GET, "/api/v1/articles?q=vpn", None).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert!(titles(&found).contains(&"VPN keeps disconnecting"), "{found}");
    assert!(!titles(&found).contains(&"Escalating VPN tickets to Engineering"), "agents only: {found}");
    let hit = &items(&found)[0];
    let marked: Vec<&str> = hit["highlights"]["title"]
        .as_array()
        .expect("title pieces")
        .iter()
        .filter(|p| p["hit"] == true)
        .filter_map(|p| p["text"].as_str())
        .collect();
    assert!(marked.iter().any(|t| t.eq_ignore_ascii_case("vpn")), "{hit}");
    assert!(hit["highlights"]["snippet"].is_array() && hit["stats"].is_null(), "{hit}");
    assert_eq!(hit["url"], "/help/troubleshooting/vpn-keeps-disconnecting");
    let (_, vpn) = send(&server, Some(&customer), Method::GET, &format!("/api/v1/articles/{}", hit["id"]), None).await;
    let files: Vec<(bool, &str)> = vpn["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| (f["is_image"] == true, f["url"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(files.len(), 2, "the demo's screenshot and checklist: {vpn}");
    assert!(files[0].0 && files[0].1.starts_with("/help/files/") && files[0].1.ends_with("/vpn-client-about.png"));

    let (_, staff) = send(&server, Some(&agent), Method::GET, "/api/v1/articles?q=vpn", None).await;
    let internal = items(&staff).iter().find(|a| a["title"] == "Escalating VPN tickets to Engineering");
    let internal = internal.expect("staff find the agents' article")["id"].as_i64().expect("id");

    let (status, list) = send(&server, Some(&customer), Method::GET, "/api/v1/articles", None).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert!(items(&list).iter().all(|a| a["state"] == "published" && a["visibility"] != "agents"), "{list}");
    assert_eq!(list["total"].as_u64(), Some(items(&list).len() as u64));
    let (_, all) = send(&server, Some(&agent), Method::GET, "/api/v1/articles?state=draft", None).await;
    assert_eq!(titles(&all), ["Two-factor sign-in"], "staff filter by state");

    let article = format!("/api/v1/articles/{internal}");
    let (status, body) = send(&server, Some(&customer), Method::GET, &article, None).await;
    assert_eq!((status, error_code(&body)), (StatusCode::NOT_FOUND, "not_found".into()));
    let (status, read_by_agent) = send(&server, Some(&agent), Method::GET, &article, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(read_by_agent["body"].is_null(), "Alex does not write: no Markdown");
    assert!(read_by_agent["stats"]["views"].is_u64() && read_by_agent["revision"].is_i64(), "{read_by_agent}");

    for path in ["/api/v1/articles?q=vpn", "/api/v1/articles", article.as_str(), "/api/v1/kb/categories"] {
        let (status, body) = send(&server, None, Method::GET, path, None).await;
        assert_eq!((status, error_code(&body)), (StatusCode::UNAUTHORIZED, "unauthenticated".into()), "{path}");
    }
    let (status, body) = send(&server, Some(&customer), Method::GET, "/api/v1/articles?q=status:open", None).await;
    assert_eq!((status, error_code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "validation".into()));
}

#[tokio::test]
async fn writers_create_and_edit_articles_without_overwriting_each_other() {
    let server = TestServer::start().await;
    let sam = token(&server, "sam.rivera@example.com", ApiScope::Write).await;
    let alex = token(&server, "agent@example.com", ApiScope::Write).await;
    let customer = token(&server, "customer@example.com", ApiScope::Write).await;
    let (_, categories) = send(&server, Some(&sam), Method::GET, "/api/v1/kb/categories", None).await;
    let troubleshooting = items(&categories).iter().find(|c| c["slug"] == "troubleshooting").expect("category");
    let category = troubleshooting["id"].as_i64().expect("id");

    let new = json!({ "title": "VPN after sleep", "category_id": category, "body": "Reconnect.", "tags": ["vpn"] });
    let (status, body) = send(&server, Some(&alex), Method::POST, "/api/v1/articles", Some(new.clone())).await;
    assert_eq!((status, error_code(&body)), (StatusCode::FORBIDDEN, "forbidden".into()), "Alex may not write");
    let invalid = json!({ "title": " ", "category_id": category, "state": "published" });
    let (status, body) = send(&server, Some(&sam), Method::POST, "/api/v1/articles", Some(invalid)).await;
    assert_eq!((status, error_code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "validation".into()), "{body}");
    let fields: Vec<&str> =
        body["error"]["fields"].as_array().expect("fields").iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!(fields, ["title", "body"], "{body}");

    let res = script(&server).post(server.url("/api/v1/articles")).bearer_auth(&sam).json(&new).send().await;
    let location = res.as_ref().ok().and_then(|r| r.headers().get("location")).and_then(|l| l.to_str().ok());
    let location = location.expect("a Location").to_owned();
    let (status, created) = read(res.expect("request")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(location, format!("/api/v1/articles/{}", created["id"]));
    assert_eq!((created["state"].as_str(), created["body"].as_str()), (Some("draft"), Some("Reconnect.")));
    assert_eq!(created["url"], "/help/troubleshooting/vpn-after-sleep");
    let opened = created["revision"].as_i64().expect("revision");

    let (status, body) = send(&server, Some(&customer), Method::GET, &location, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a draft is the staff's: {body}");
    let edit = json!({ "summary": "Mine", "base_revision": opened });
    let (status, saved) = send(&server, Some(&sam), Method::PATCH, &location, Some(edit)).await;
    assert_eq!((status, saved["summary"].as_str()), (StatusCode::OK, Some("Mine")), "{saved}");
    assert_ne!(saved["revision"].as_i64(), Some(opened));
    let stale = json!({ "summary": "Theirs", "base_revision": opened });
    let (status, body) = send(&server, Some(&sam), Method::PATCH, &location, Some(stale)).await;
    assert_eq!((status, error_code(&body)), (StatusCode::CONFLICT, "conflict".into()), "{body}");
    let publish = json!({ "state": "published", "base_revision": saved["revision"] });
    let (status, published) = send(&server, Some(&sam), Method::PATCH, &location, Some(publish)).await;
    assert_eq!(status, StatusCode::OK, "{published}");
    assert!(published["published_at"].is_string() && published["summary"] == "Mine", "{published}");

    let (status, read_by_customer) = send(&server, Some(&customer), Method::GET, &location, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(read_by_customer["body"].is_null() && read_by_customer["stats"].is_null(), "{read_by_customer}");
    assert!(read_by_customer["html"].as_str().is_some_and(|h| h.contains("Reconnect.")));
    let votes = format!("{location}/votes");
    let vote = json!({ "helpful": true, "comment": "It worked" });
    let (status, body) = send(&server, Some(&customer), Method::POST, &votes, Some(vote)).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let long = json!({ "helpful": false, "comment": "x".repeat(2001) });
    let (status, body) = send(&server, Some(&customer), Method::POST, &votes, Some(long)).await;
    assert_eq!((status, error_code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "validation".into()));
    let (_, counted) = send(&server, Some(&sam), Method::GET, &location, None).await;
    assert_eq!((counted["stats"]["helpful_yes"].as_u64(), counted["stats"]["helpful_no"].as_u64()), (Some(1), Some(0)));

    let (status, body) =
        send(&server, Some(&sam), Method::DELETE, &format!("/api/v1/kb/categories/{category}"), None).await;
    assert_eq!((status, error_code(&body)), (StatusCode::CONFLICT, "conflict".into()), "it holds articles");
}
