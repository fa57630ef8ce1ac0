//! `POST /inbound/mail/{mailbox}` (inbound mail services) and the admins' raw download of a
//! logged message: secrets, statuses, and who may read what.

use crate::support::{TestServer, user_id};
use domain::{Actor, Principal, Role, email::mailboxes, email_types::MailboxInput};
use reqwest::StatusCode;

fn admin(id: i64) -> Actor {
    Actor::User(Principal { user_id: id, role: Role::Admin, organization_id: None })
}

pub(crate) async fn http_mailbox(server: &TestServer, inbound: &str) -> (i64, String) {
    let actor = admin(user_id(&server.db, "admin@example.com").await);
    let input = MailboxInput {
        name: "Web hook mail".into(),
        address: format!("{inbound}-hook@acme.test"),
        inbound: inbound.into(),
        smtp_security: "none".into(),
        active: true,
        ..Default::default()
    };
    let view = mailboxes::create(&server.db, &actor, input).await.expect("mailbox");
    let secret = mailboxes::new_http_secret(&server.db, &actor, view.id).await.expect("secret");
    (view.id, secret)
}

const RAW: &str = "From: Ola <ola@customer.test>\r\nTo: hook@acme.test\r\nSubject: Via a mail service\r\nMessage-ID: <svc-1@customer.test>\r\n\r\nPosted by an inbound mail service.\r\n";

#[tokio::test]
async fn takes_raw_mail_with_the_mailbox_secret_only() {
    let server = TestServer::start().await;
    let (id, secret) = http_mailbox(&server, "http").await;
    let client = server.client();
    let url = server.url(&format!("/inbound/mail/{id}"));
    let post = |auth: Option<String>, body: &'static str| {
        let mut req = client.post(&url).header("Origin", "https://mail-service.example").body(body);
        if let Some(auth) = auth {
            req = req.header("Authorization", auth);
        }
        req.send()
    };
    assert_eq!(post(None, RAW).await.expect("send").status(), StatusCode::UNAUTHORIZED);
    assert_eq!(post(Some("Bearer wrong".into()), RAW).await.expect("send").status(), StatusCode::UNAUTHORIZED);
    assert_eq!(post(Some(format!("Bearer {secret}")), "").await.expect("send").status(), StatusCode::BAD_REQUEST);
    let res = post(Some(format!("Bearer {secret}")), RAW).await.expect("send");
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["outcome"], "ticket");
    let again = post(Some(format!("Bearer {secret}")), RAW).await.expect("send");
    let body: serde_json::Value = again.json().await.expect("json");
    assert_eq!(body["outcome"], "duplicate", "the same Message-ID is not posted twice");

    let wrong_door = server.url(&format!("/inbound/mail/{}", id + 1000));
    let res = client.post(wrong_door).header("Authorization", format!("Bearer {secret}")).body(RAW).send().await;
    assert_eq!(res.expect("send").status(), StatusCode::UNAUTHORIZED);
    let (listener_id, listener_secret) = http_mailbox(&server, "smtp").await;
    let res = client
        .post(server.url(&format!("/inbound/mail/{listener_id}")))
        .header("Authorization", format!("Bearer {listener_secret}"))
        .body(RAW)
        .send()
        .await
        .expect("send");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "only mailboxes set to HTTP take mail here");
}

#[tokio::test]
async fn only_admins_download_a_logged_raw_message() {
    let server = TestServer::start().await;
    let (id, secret) = http_mailbox(&server, "http").await;
    let res = server
        .client()
        .post(server.url(&format!("/inbound/mail/{id}")))
        .header("Authorization", format!("Bearer {secret}"))
        .body(RAW)
        .send()
        .await
        .expect("send");
    let entry = res.json::<serde_json::Value>().await.expect("json")["entry_id"].as_i64().expect("entry");
    let path = format!("/admin/mail/log/{entry}/raw");
    let admin = server.signed_in("admin@example.com").await;
    let res = admin.get(server.url(&path)).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(res.headers()["content-disposition"].to_str().expect("ascii").starts_with("attachment"));
    assert_eq!(res.text().await.expect("body"), RAW);
    for email in ["agent@example.com", "customer@example.com"] {
        let res = server.signed_in(email).await.get(server.url(&path)).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email}");
    }
    let res = server.client().get(server.url(&path)).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
