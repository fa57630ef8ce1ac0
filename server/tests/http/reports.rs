//! Report CSV downloads over HTTP: a chart's rows with its file name, field errors for a bad
//! period or an unknown custom field, "not found" for a chart that does not exist, and the
//! agents an admin allows.

use crate::support::TestServer;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn charts_download_as_csv_for_those_who_may_see_reports() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let res = admin.get(server.url("/reports/export/volume?from=2026-03-01&to=2026-03-03")).send().await.expect("csv");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = res.headers()["content-disposition"].to_str().expect("header").to_owned();
    assert!(disposition.contains("docket-volume-2026-03-01-to-2026-03-03.csv"), "{disposition}");
    let text = res.text().await.expect("body");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "day,created,solved,backlog");
    assert_eq!(lines.len(), 5, "a header, three days and the last line end: {text}");
    assert!(lines[1].starts_with("2026-03-01,"));

    let res = admin.get(server.url("/reports/export/summary?from=2026-03-09&to=2026-03-01")).send().await.expect("bad");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["error"]["fields"][0]["field"], "to");
    // Custom-field terms come from the address too, and a field that does not exist is named.
    let unknown = "/reports/export/summary?fields=field%3A%22No%20such%20field%22%3D1";
    let res = admin.get(server.url(unknown)).send().await.expect("unknown field");
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["error"]["fields"][0]["field"], "fields", "{body}");
    let res = admin.get(server.url("/reports/export/pie")).send().await.expect("unknown");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let agent = server.signed_in("agent@example.com").await;
    let res = agent.get(server.url("/reports/export/summary")).send().await.expect("agent");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let alex = crate::api_support::actor(&server, "agent@example.com").await.principal().expect("alex").user_id;
    let admin_actor = crate::api_support::actor(&server, "admin@example.com").await;
    domain::reports::access::set_allowed_agents(&server.db, &admin_actor, vec![alex]).await.expect("allow");
    let res = agent.get(server.url("/reports/export/summary")).send().await.expect("agent");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.expect("body").starts_with("figure,this period,previous period\r\n"));
}
