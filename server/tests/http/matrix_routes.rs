//! The authorization matrix's rows for routes: the site's own (downloads, the live stream, the
//! raw mail download, inbound mail, health, the API's documents), called with the caller's
//! session, and every operation of the REST API, called with the caller's token.

use crate::{
    matrix::{Body, Outcome, Row, api, site},
    roles::raw_mail,
    targets::Targets,
};
use reqwest::{Method, StatusCode};
use serde_json::json;

/// Columns: anonymous, owner, colleague, stranger, agent, admin; the link holder's where it is
/// not the visitor's (`Row::link`).
pub fn site_rows(t: &Targets) -> Vec<Row> {
    use Outcome::*;
    let inbound = format!("/inbound/mail/{}", t.intake);
    let mail = raw_mail(&format!("sender{}@customer.test", t.n), "intake@docket.test", &format!("intake-{}", t.n));
    vec![
        site(
            Method::GET,
            "/attachments/{id}",
            format!("/attachments/{}", t.public_file),
            [SignIn, Allowed, Allowed, Hidden, Allowed, Allowed],
        )
        .link(Hidden)
        .case("a file of a public reply"),
        site(
            Method::GET,
            "/attachments/{id}",
            format!("/attachments/{}", t.note_file),
            [SignIn, Hidden, Hidden, Hidden, Allowed, Allowed],
        )
        .link(Hidden)
        .case("a file of an internal note"),
        site(Method::GET, "/events", "/events".into(), [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed])
            .link(Allowed),
        site(
            Method::GET,
            "/reports/export/{chart}",
            "/reports/export/volume?from=2026-01-01&to=2026-01-31".into(),
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        )
        .manager(Allowed),
        // A calendar feed opens by the secret in its address alone, whoever asks.
        site(Method::GET, "/calendar/{file}", t.calendar_feed.clone(), [Allowed; 6]).case("a live feed"),
        site(Method::GET, "/calendar/{file}", format!("/calendar/{}.ics", "0".repeat(48)), [Hidden; 6])
            .case("an unknown feed"),
        site(
            Method::GET,
            "/admin/mail/log/{id}/raw",
            format!("/admin/mail/log/{}/raw", t.rejected_mail),
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        // Mail services authenticate with the mailbox's secret; a session never counts here.
        site(Method::POST, "/inbound/mail/{id}", inbound.clone(), [SignIn; 6])
            .body(Body::Raw(mail.clone()))
            .case("a session, no secret"),
        site(Method::POST, "/inbound/mail/{id}", inbound, [Allowed; 6])
            .body(Body::Raw(mail))
            .bearer(&t.intake_secret)
            .succeeds_with(StatusCode::ACCEPTED)
            .case("the mailbox's secret"),
        // A magic link that does not hold leads everyone to the page that offers a fresh one.
        site(
            Method::GET,
            "/access/{secret}",
            "/access/0123456789abcdef0123456789abcdef0123456789abcdef".into(),
            [Allowed; 6],
        )
        .succeeds_with(StatusCode::SEE_OTHER),
        site(Method::GET, "/login", "/login".into(), [Allowed; 6]).succeeds_with(StatusCode::PERMANENT_REDIRECT),
        site(Method::GET, "/register", "/register".into(), [Allowed; 6]).succeeds_with(StatusCode::PERMANENT_REDIRECT),
        site(Method::GET, "/healthz", "/healthz".into(), [Allowed; 6]),
        site(Method::GET, "/readyz", "/readyz".into(), [Allowed; 6]),
        // The test server has no metrics token and everyone calls from loopback; `metrics::may_read`
        // is tested for the other callers.
        site(Method::GET, "/metrics", "/metrics".into(), [Allowed; 6]).case("from loopback, no metrics token"),
        site(Method::GET, "/sitemap.xml", "/sitemap.xml".into(), [Allowed; 6]),
        site(Method::GET, "/robots.txt", "/robots.txt".into(), [Allowed; 6]),
        site(Method::GET, "/forms.css", "/forms.css".into(), [Allowed; 6]),
        site(Method::GET, "/api/v1/openapi.json", "/api/v1/openapi.json".into(), [Allowed; 6]),
        site(Method::GET, "/api/docs", "/api/docs".into(), [Allowed; 6]),
    ]
}

/// Columns: no token, a never-issued token, a revoked one, an expired one; the owner, the
/// colleague, the stranger; the agent, the Billing agent, a read-only agent token; the admin's
/// admin token, the admin's write token. The knowledge base's rows (`matrix_kb`) come first, the
/// ticket's deletion last.
pub fn api_rows(t: &Targets) -> Vec<Row> {
    use Outcome::*;
    let n = t.n;
    let ticket = format!("/api/v1/tickets/{}", t.ticket);
    let messages = format!("{ticket}/messages");
    let mut rows = crate::matrix_kb::api_rows(t);
    rows.extend([
        api(
            Method::GET,
            "/api/v1/tickets",
            "/api/v1/tickets?status=unsolved".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::POST,
            "/api/v1/tickets",
            "/api/v1/tickets".into(),
            Some(json!({ "subject": "Mine", "body": "text", "requester_email": format!("api{n}@example.com") })),
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Allowed, Allowed, Allowed, Denied, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/tickets/{id}",
            ticket.clone(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Hidden, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::PATCH,
            "/api/v1/tickets/{id}",
            ticket.clone(),
            Some(json!({ "priority_id": t.priority })),
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Hidden, Allowed, Allowed, Denied, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/tickets/{id}/messages",
            messages.clone(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Hidden, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::POST,
            "/api/v1/tickets/{id}/messages",
            messages.clone(),
            Some(json!({ "body": "A reply" })),
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Hidden, Allowed, Allowed, Denied, Allowed, Allowed],
        )
        .case("a reply"),
        api(
            Method::POST,
            "/api/v1/tickets/{id}/messages",
            messages,
            Some(json!({ "body": "A note", "visibility": "internal" })),
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Hidden, Allowed, Allowed, Denied, Allowed, Allowed],
        )
        .case("an internal note"),
        api(
            Method::POST,
            "/api/v1/tickets/{id}/attachments",
            format!("{ticket}/attachments"),
            None,
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Hidden, Allowed, Allowed, Denied, Allowed, Allowed],
        )
        .body(Body::Multipart(Vec::new(), vec![("file", "more.txt", b"more".as_slice())])),
        api(
            Method::GET,
            "/api/v1/attachments/{id}",
            format!("/api/v1/attachments/{}", t.public_file),
            None,
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Hidden, Allowed, Allowed, Allowed, Allowed, Allowed],
        )
        .link(Hidden)
        .case("a file of a public reply"),
        api(
            Method::GET,
            "/api/v1/attachments/{id}",
            format!("/api/v1/attachments/{}", t.note_file),
            None,
            [SignIn, SignIn, SignIn, SignIn, Hidden, Hidden, Hidden, Allowed, Allowed, Allowed, Allowed, Allowed],
        )
        .link(Hidden)
        .case("a file of an internal note"),
        api(
            Method::GET,
            "/api/v1/users",
            "/api/v1/users?role=agent".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/users/{id}",
            format!("/api/v1/users/{}", t.listed_user),
            None,
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::POST,
            "/api/v1/users",
            "/api/v1/users".into(),
            Some(
                json!({ "name": "M", "email": format!("api.user{n}@example.com"), "password": "matrix password", "role": "agent" }),
            ),
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Allowed, Denied],
        ),
        api(
            Method::GET,
            "/api/v1/sla/attainment",
            "/api/v1/sla/attainment?from=2026-01-01&to=2026-12-31".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/audit-entries",
            "/api/v1/audit-entries?action=team&target_kind=team".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/sla/at-risk",
            "/api/v1/sla/at-risk".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/organizations",
            "/api/v1/organizations".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/organizations/{id}",
            format!("/api/v1/organizations/{}", t.organization),
            None,
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::POST,
            "/api/v1/organizations",
            "/api/v1/organizations".into(),
            Some(json!({ "name": format!("API organization {n}"), "domains": [format!("api{n}.example")] })),
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Allowed, Denied],
        ),
        api(
            Method::PATCH,
            "/api/v1/organizations/{id}",
            format!("/api/v1/organizations/{}", t.organization),
            Some(json!({ "shares_tickets": true })),
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Allowed, Denied],
        ),
        api(
            Method::GET,
            "/api/v1/statuses",
            "/api/v1/statuses".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/priorities",
            "/api/v1/priorities".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/categories",
            "/api/v1/categories".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/custom_fields",
            "/api/v1/custom_fields".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::GET,
            "/api/v1/teams",
            "/api/v1/teams".into(),
            None,
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        api(
            Method::POST,
            "/api/v1/teams",
            "/api/v1/teams".into(),
            Some(json!({ "name": format!("API team {n}") })),
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Allowed, Denied],
        ),
        api(
            Method::DELETE,
            "/api/v1/tickets/{id}",
            ticket,
            None,
            [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Allowed, Denied],
        ),
    ]);
    rows
}
