//! What operators watch: `/readyz` and `/metrics` of a running server, read the way a probe and
//! a Prometheus scraper read them.

use crate::{mail_inbound::http_mailbox, support::TestServer};
use chrono::Duration;
use domain::{
    email_types::{DeliveryState, MailEvent},
    entities::outbox,
};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// The value of the sample written exactly as `series` (name and labels), if any.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.trim().parse().ok())
}

async fn scrape(server: &TestServer) -> String {
    let res = server.client().get(server.url("/metrics")).send().await.expect("metrics");
    assert_eq!(res.status(), StatusCode::OK);
    let kind = res.headers()["content-type"].to_str().expect("type").to_owned();
    assert!(kind.starts_with("application/openmetrics-text"), "{kind}");
    let text = res.text().await.expect("text");
    assert!(text.ends_with("# EOF\n"), "a whole exposition");
    text
}

fn waiting_mail(created: chrono::DateTime<chrono::Utc>) -> outbox::ActiveModel {
    outbox::ActiveModel {
        kind: Set("email".into()),
        event: Set(MailEvent::AgentReply),
        sender: Set("support@docket.test".into()),
        recipient: Set("someone@customer.test".into()),
        message_id: Set(format!("waiting-{}@docket.test", created.timestamp_millis())),
        payload: Set("Subject: waiting\r\n\r\nbody\r\n".into()),
        automatic: Set(false),
        state: Set(DeliveryState::Queued),
        attempts: Set(0),
        next_attempt_at: Set(created),
        created_at: Set(created),
        ..Default::default()
    }
}

#[tokio::test]
async fn ready_and_measured() {
    let server = TestServer::start().await;
    let res = server.client().get(server.url("/readyz")).send().await.expect("readyz");
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body, serde_json::json!({"status": "ready", "database": "ok", "migrations": "applied", "writer": "ok"}));

    let before = scrape(&server).await;
    let waiting = sample(&before, r#"docket_queue_waiting{queue="outbox"}"#).expect("outbox depth");
    // The request above was counted under its route, with its status, and timed.
    assert!(sample(&before, r#"docket_http_requests_total{method="GET",route="/readyz",status="200"}"#) >= Some(1.0));
    assert!(
        sample(&before, r#"docket_http_request_duration_seconds_count{method="GET",route="/readyz"}"#) >= Some(1.0)
    );
    for series in
        ["docket_live_subscribers", "docket_db_pool_connections", "docket_db_pool_max", "docket_jobs_scheduled"]
    {
        assert!(sample(&before, series).is_some(), "{series} in\n{before}");
    }

    let an_hour_ago = domain::clock::now() - Duration::hours(1);
    waiting_mail(an_hour_ago).insert(&server.db).await.expect("outbox row");
    let (mailbox, secret) = http_mailbox(&server, "http").await;
    let raw = "From: Metrics <metrics@customer.test>\r\nTo: hook@acme.test\r\nSubject: Counted\r\nMessage-ID: <metrics-1@customer.test>\r\n\r\nCount me.\r\n";
    let res = server
        .client()
        .post(server.url(&format!("/inbound/mail/{mailbox}")))
        .header("Authorization", format!("Bearer {secret}"))
        .body(raw)
        .send()
        .await
        .expect("inbound");
    assert_eq!(res.status(), StatusCode::ACCEPTED);

    let after = scrape(&server).await;
    // The new ticket's notification mail may be queued too: at least the old one more.
    assert!(sample(&after, r#"docket_queue_waiting{queue="outbox"}"#) >= Some(waiting + 1.0), "{after}");
    assert!(sample(&after, r#"docket_queue_oldest_age_seconds{queue="outbox"}"#) >= Some(3600.0), "{after}");
    assert!(sample(&after, r#"docket_mail_ingested_total{outcome="ticket"}"#) >= Some(1.0), "{after}");
    assert!(sample(&after, r#"docket_mail_ingested_total{outcome="quarantined"}"#).is_some(), "every outcome shows");
    assert!(sample(&after, r#"docket_http_requests_total{method="GET",route="/metrics",status="200"}"#) >= Some(1.0));
}

#[tokio::test]
async fn audit_verify_reports_the_first_broken_link() {
    let server = TestServer::start().await;
    let verify = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_docket"));
        for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("DOCKET_")) {
            cmd.env_remove(key);
        }
        cmd.args(["audit", "verify", "--database-url", server.database_url(), "--data-dir"])
            .arg(server.data_dir())
            .output()
            .expect("run")
    };
    let out = verify();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("audit log intact"));

    // Someone with the database's keys switches the guard off and edits an entry.
    let backend = server.db.get_database_backend();
    let bypass = if backend == sea_orm::DbBackend::Postgres {
        "ALTER TABLE audit_log DISABLE TRIGGER USER"
    } else {
        "DROP TRIGGER audit_log_no_update"
    };
    server.db.execute_unprepared(bypass).await.expect("bypass");
    server.db.execute_unprepared("UPDATE audit_log SET actor_user_id = 1 WHERE seq = 4").await.expect("tamper");
    let out = verify();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("audit log broken at entry 4") && stderr.contains("the 3 entries before it hold"),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_audit_log_over_the_api() {
    use crate::api_support::{send, token};
    use domain::api_tokens::ApiScope;
    use reqwest::Method;
    let server = TestServer::start().await;
    let admin = token(&server, "admin@example.com", ApiScope::Read).await;
    let (status, body) =
        send(&server, Some(&admin), Method::GET, "/api/v1/audit-entries?actor=system&target_kind=team", None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items = body["items"].as_array().expect("items");
    assert!(!items.is_empty() && items.iter().all(|e| e["target_kind"] == "team" && e["actor_id"].is_null()));
    assert!(items[0]["detail"].is_object() && items[0]["hash"].as_str().is_some_and(|h| h.len() == 64));

    let (status, body) =
        send(&server, Some(&admin), Method::GET, "/api/v1/audit-entries?actor=nobody&target_id=3", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        body["error"]["fields"].as_array().expect("fields").iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!(fields, ["actor", "target_kind"], "{body}");
    let (status, body) = send(&server, Some(&admin), Method::GET, "/api/v1/audit-entries?from=yesterday", None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_request")), "{body}");
}

#[tokio::test]
async fn the_audit_page_filters_without_javascript() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let page = |path: &'static str| {
        let admin = admin.clone();
        let url = server.url(path);
        async move {
            let res = admin.get(url).send().await.expect("page");
            (res.status(), res.text().await.expect("html"))
        }
    };
    let (status, html) = page("/admin/audit?actor=system&action=team").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Audit log</h1>") && html.contains("team.create"), "{html}");
    assert!(!html.contains("<code>user."), "only the team family");
    let (status, html) = page("/admin/audit?actor=nobody&to=2026-01-01&from=2026-02-01").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the page says the filter does not hold");
    assert!(html.contains("Enter an email address, or system"), "{html}");
    assert!(html.contains("The last day comes before the first"));
    assert!(html.contains(r#"value="nobody""#), "what was typed stays");
    let (_, html) = page("/admin/audit?actor=someone.else@example.com").await;
    assert!(html.contains("No entries match these filters."));
}
