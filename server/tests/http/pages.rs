//! Pages rendered on the server: statuses, redirects and what each role is shown.

use crate::support::TestServer;
use reqwest::StatusCode;

async fn get(client: &reqwest::Client, server: &TestServer, path: &str) -> (StatusCode, String, Option<String>) {
    let res = client.get(server.url(path)).header("accept", "text/html").send().await.expect("get");
    let status = res.status();
    let location = res.headers().get("location").and_then(|l| l.to_str().ok()).map(str::to_owned);
    (status, res.text().await.expect("body"), location)
}

#[tokio::test]
async fn visitors_see_the_landing_page_and_are_sent_to_sign_in() {
    let server = TestServer::start().await;
    let client = server.client();
    let (status, body, _) = get(&client, &server, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Create an account") && body.contains("/signin"));
    for path in ["/agent", "/agent/board", "/admin/users", "/portal", "/account"] {
        let (status, _, location) = get(&client, &server, path).await;
        assert_eq!(status, StatusCode::FOUND, "{path}");
        let expected = format!("/signin?next={}", path.replace('/', "%2F"));
        assert_eq!(location.as_deref(), Some(expected.as_str()), "{path}");
    }
}

#[tokio::test]
async fn each_role_reaches_its_own_area_and_no_other() {
    let server = TestServer::start().await;
    // (email, path, expected status)
    let table = [
        ("customer@example.com", "/portal", StatusCode::OK),
        ("customer@example.com", "/account", StatusCode::OK),
        ("customer@example.com", "/agent", StatusCode::FORBIDDEN),
        ("customer@example.com", "/agent/board", StatusCode::FORBIDDEN),
        ("customer@example.com", "/admin", StatusCode::FORBIDDEN),
        ("customer@example.com", "/admin/users", StatusCode::FORBIDDEN),
        ("customer@example.com", "/admin/teams", StatusCode::FORBIDDEN),
        ("agent@example.com", "/agent", StatusCode::OK),
        ("agent@example.com", "/agent/board", StatusCode::OK),
        ("agent@example.com", "/portal", StatusCode::FORBIDDEN),
        ("agent@example.com", "/admin", StatusCode::FORBIDDEN),
        ("agent@example.com", "/admin/users", StatusCode::FORBIDDEN),
        ("agent@example.com", "/admin/organizations", StatusCode::FORBIDDEN),
        ("agent@example.com", "/admin/organizations/1", StatusCode::FORBIDDEN),
        ("customer@example.com", "/admin/organizations/1", StatusCode::FORBIDDEN),
        ("admin@example.com", "/agent", StatusCode::OK),
        ("admin@example.com", "/admin", StatusCode::OK),
        ("admin@example.com", "/admin/users", StatusCode::OK),
        ("admin@example.com", "/admin/teams", StatusCode::OK),
        ("admin@example.com", "/admin/organizations", StatusCode::OK),
        ("robin.reyes@example.com", "/agent", StatusCode::OK),
        ("robin.reyes@example.com", "/admin/teams", StatusCode::OK),
        ("robin.reyes@example.com", "/admin", StatusCode::FORBIDDEN),
        ("robin.reyes@example.com", "/admin/users", StatusCode::FORBIDDEN),
        ("robin.reyes@example.com", "/admin/organizations", StatusCode::FORBIDDEN),
        ("admin@example.com", "/admin/organizations/1", StatusCode::OK),
        ("admin@example.com", "/admin/sla", StatusCode::OK),
        ("admin@example.com", "/admin/routing", StatusCode::OK),
        ("admin@example.com", "/admin/fields", StatusCode::OK),
        ("admin@example.com", "/admin/satisfaction", StatusCode::OK),
        ("admin@example.com", "/reports", StatusCode::OK),
        ("robin.reyes@example.com", "/reports", StatusCode::OK),
        ("customer@example.com", "/reports", StatusCode::FORBIDDEN),
        ("agent@example.com", "/admin/satisfaction", StatusCode::FORBIDDEN),
        ("customer@example.com", "/admin/satisfaction", StatusCode::FORBIDDEN),
        ("agent@example.com", "/admin/fields", StatusCode::FORBIDDEN),
        ("customer@example.com", "/admin/fields", StatusCode::FORBIDDEN),
        ("admin@example.com", "/admin/automations", StatusCode::OK),
        ("agent@example.com", "/agent/macros", StatusCode::OK),
        ("customer@example.com", "/agent/macros", StatusCode::FORBIDDEN),
        ("agent@example.com", "/admin/automations", StatusCode::FORBIDDEN),
        ("customer@example.com", "/admin/automations", StatusCode::FORBIDDEN),
        ("agent@example.com", "/admin/routing", StatusCode::FORBIDDEN),
        ("robin.reyes@example.com", "/admin/routing", StatusCode::FORBIDDEN),
        ("customer@example.com", "/admin/routing", StatusCode::FORBIDDEN),
        ("agent@example.com", "/agent/at-risk", StatusCode::OK),
        ("customer@example.com", "/agent/at-risk", StatusCode::FORBIDDEN),
        ("agent@example.com", "/agent/calendar?span=week&date=2026-12-07", StatusCode::OK),
        ("robin.reyes@example.com", "/agent/calendar", StatusCode::OK),
        ("customer@example.com", "/agent/calendar", StatusCode::FORBIDDEN),
        ("admin@example.com", "/admin/business-hours", StatusCode::OK),
        ("agent@example.com", "/admin/sla", StatusCode::FORBIDDEN),
        ("agent@example.com", "/admin/business-hours", StatusCode::FORBIDDEN),
        ("robin.reyes@example.com", "/admin/sla", StatusCode::FORBIDDEN),
        ("customer@example.com", "/admin/business-hours", StatusCode::FORBIDDEN),
        ("admin@example.com", "/admin/audit", StatusCode::OK),
        ("agent@example.com", "/admin/audit", StatusCode::FORBIDDEN),
        ("robin.reyes@example.com", "/admin/audit", StatusCode::FORBIDDEN),
        ("customer@example.com", "/admin/audit", StatusCode::FORBIDDEN),
    ];
    for (email, path, expected) in table {
        let client = server.signed_in(email).await;
        let (status, body, _) = get(&client, &server, path).await;
        assert_eq!(status, expected, "{email} {path}");
        if expected == StatusCode::FORBIDDEN {
            assert!(body.contains("Access denied"), "{email} {path}");
        }
    }
    let robin = server.signed_in("robin.reyes@example.com").await;
    let (_, body, _) = get(&robin, &server, "/admin/teams").await;
    assert!(body.contains("<h2>Support</h2>") && !body.contains("<h2>Billing</h2>"), "only the manager's team");
    assert!(!body.contains("Create a team") && !body.contains("name=\"ticket_scope\""), "no team making, no scope");
    let admin = server.signed_in("admin@example.com").await;
    let (_, body, _) = get(&admin, &server, "/admin/teams").await;
    assert!(
        body.contains("<h2>Billing</h2>") && body.contains("Create a team") && body.contains("name=\"ticket_scope\"")
    );
    let (_, body, _) = get(&admin, &server, "/admin/users?role=agent").await;
    assert!(body.contains("agent@example.com") && !body.contains("customer@example.com"));
    let agent = server.signed_in("agent@example.com").await;
    let (_, body, _) = get(&agent, &server, "/agent").await;
    assert!(body.contains("Support") && body.contains("Sam Rivera"), "the agent's team and colleagues");
    let (status, _, location) = get(&agent, &server, "/").await;
    assert_eq!((status, location.as_deref()), (StatusCode::FOUND, Some("/agent")));
}

#[tokio::test]
async fn unknown_routes_are_404_pages_and_health_is_checked() {
    let server = TestServer::start().await;
    let (status, body, _) = get(&server.client(), &server, "/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found"));
    // A rating link that does not hold reveals nothing and points to signing in.
    let (status, body, _) = get(&server.client(), &server, "/rate/not-a-rating-link?rating=5").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("This rating link does not work"), "{body}");
    let res = server.client().get(server.url("/healthz")).send().await.expect("healthz");
    assert_eq!(res.status(), StatusCode::OK);
    let json: serde_json::Value = res.json().await.expect("json");
    assert_eq!(json["database"], "ok");
}

#[tokio::test]
async fn user_text_is_escaped_in_pages() {
    let server = TestServer::start().await;
    let client = server.client();
    let form =
        [("name", "<script>alert(1)</script>"), ("email", "xss@example.com"), ("password", "long enough password")];
    let res = crate::support::call(&client, &server, "sign_up", &form).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, body, _) = get(&client, &server, "/account").await;
    assert!(!body.contains("<script>alert(1)</script>"));
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || body.contains("&lt;script>alert(1)&lt;/script>"));
}
