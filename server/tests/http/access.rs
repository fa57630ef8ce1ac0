//! Customer access over HTTP: a magic link opens its ticket in a fresh browser and nothing else,
//! until it is revoked; link requests answer alike for every address and are throttled; a reset
//! link works once and ends the other sessions; only failed sign-ins count against the throttle.

use crate::support::{TestServer, call, call_json, mailed_secret, sending_mailbox, user_id};
use domain::{entities::ticket, tickets::commands};
use reqwest::{Client, StatusCode};
use sea_orm::EntityTrait;

async fn get(client: &Client, server: &TestServer, path: &str) -> (StatusCode, String, String) {
    let res = client.get(server.url(path)).header("accept", "text/html").send().await.expect("get");
    let status = res.status();
    let location = res.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned();
    (status, location, res.text().await.expect("body"))
}

#[tokio::test]
async fn a_magic_link_opens_its_ticket_only_until_it_is_revoked() {
    let server = TestServer::start().await;
    let owner = user_id(&server.db, "customer@example.com").await;
    let customer = crate::workflow_support::actor(&server.db, "customer@example.com").await;
    let mut mine = Vec::new();
    for subject in ["Printer on fire", "Another matter"] {
        let input = commands::NewTicket { subject: subject.into(), body: "Help".into(), ..Default::default() };
        let id = commands::create(&server.db, &customer, input).await.expect("ticket").id;
        mine.push(ticket::Entity::find_by_id(id).one(&server.db).await.expect("q").expect("row"));
    }
    let (first, second) = (&mine[0], &mine[1]);
    let url = domain::access::links::issue(&server.db, "", first.id, owner, domain::clock::now()).await.expect("link");

    let browser = server.client();
    let (status, location, _) = get(&browser, &server, &url).await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, format!("/portal/tickets/{}", first.id).as_str()));
    let (_, me) = call_json(&browser, &server, "current_user", &[]).await;
    assert_eq!((me["email"].as_str(), me["link_ticket_id"].as_i64()), (Some("customer@example.com"), Some(first.id)));
    let id = first.id.to_string();
    assert_eq!(call(&browser, &server, "get_ticket", &[("id", &id)]).await.status(), StatusCode::OK);
    let other = second.id.to_string();
    assert_eq!(call(&browser, &server, "get_ticket", &[("id", &other)]).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(call(&browser, &server, "my_requests", &[]).await.status(), StatusCode::UNAUTHORIZED);
    let (status, _, page) = get(&browser, &server, &format!("/portal/tickets/{}", first.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("from a link in our email") && page.contains(&first.subject), "the ticket, with the banner");
    let (status, location, _) = get(&browser, &server, "/portal").await;
    assert_eq!((status, location.as_str()), (StatusCode::FOUND, "/signin?next=%2Fportal"), "the rest asks to sign in");

    let agent = server.signed_in("agent@example.com").await;
    let (status, revoked) = call_json(&agent, &server, "revoke_ticket_links", &[("user_id", &owner.to_string())]).await;
    assert_eq!((status, revoked.as_u64()), (StatusCode::OK, Some(1)));
    assert_eq!(
        call(&browser, &server, "get_ticket", &[("id", &id)]).await.status(),
        StatusCode::UNAUTHORIZED,
        "the page it opened is closed"
    );
    let (status, location, _) = get(&server.client(), &server, &url).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/link/expired?t="), "{location}");
    let (status, _, page) = get(&server.client(), &server, &location).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("This link no longer works") && !page.contains(&first.subject), "it reveals nothing");
    let (status, location, _) = get(&server.client(), &server, "/access/not-a-link").await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/link/expired"));
}

#[tokio::test]
async fn link_requests_answer_alike_for_every_address_and_are_throttled() {
    let server = TestServer::start().await;
    let ask = |email: &'static str| {
        let client = server.client();
        let server = &server;
        async move {
            let res = call(&client, server, "request_password_reset", &[("email", email)]).await;
            (res.status(), res.text().await.expect("body"))
        }
    };
    for _ in 0..5 {
        let known = ask("customer@example.com").await;
        let unknown = ask("nobody@unknown.example").await;
        assert_eq!(known.0, StatusCode::OK);
        assert_eq!(known, unknown, "identical answers");
    }
    let (known, _) = ask("customer@example.com").await;
    let (unknown, _) = ask("nobody@unknown.example").await;
    assert_eq!((known, unknown), (StatusCode::TOO_MANY_REQUESTS, StatusCode::TOO_MANY_REQUESTS));
    let (status, body) =
        call_json(&server.client(), &server, "request_sign_in_link", &[("email", "not an address")]).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("email")));
}

#[tokio::test]
async fn a_reset_link_works_once_and_ends_the_other_sessions() {
    let server = TestServer::start().await;
    sending_mailbox(&server).await;
    let phone = server.signed_in("customer@example.com").await;
    let laptop = server.client();
    let res = call(&laptop, &server, "request_password_reset", &[("email", "customer@example.com")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let secret = mailed_secret(&server, "customer@example.com", "/password/set/").await;
    let (status, _, page) = get(&laptop, &server, &format!("/password/set/{secret}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Choose a new password"), "the page shows the form and spends nothing");
    let form = [("token", secret.as_str()), ("password", "a fresh long password")];
    assert_eq!(call(&laptop, &server, "set_password_with_link", &form).await.status(), StatusCode::OK);
    let (_, me) = call_json(&laptop, &server, "current_user", &[]).await;
    assert_eq!(me["email"], "customer@example.com", "signed in by the reset");
    let (_, gone) = call_json(&phone, &server, "current_user", &[]).await;
    assert!(gone.is_null(), "the other session ended");
    let (status, body) = call_json(&server.client(), &server, "set_password_with_link", &form).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_transition")));
    let (status, _, page) = get(&server.client(), &server, &format!("/password/set/{secret}")).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("This link no longer works"));
}

#[tokio::test]
async fn only_failed_sign_ins_count_and_old_names_lead_to_the_right_pages() {
    let server = TestServer::start().await;
    let right = [("email", "agent@example.com"), ("password", seed::demo::DEMO_PASSWORD)];
    for _ in 0..15 {
        assert_eq!(call(&server.client(), &server, "sign_in", &right).await.status(), StatusCode::OK);
    }
    for (old, new) in [("/login", "/signin"), ("/register", "/signup")] {
        let (status, location, _) = get(&server.client(), &server, old).await;
        assert_eq!((status, location.as_str()), (StatusCode::PERMANENT_REDIRECT, new));
    }
}
