//! Sign-up, sign-in, sessions and passwords through the real router.

use crate::support::{TestServer, call, call_json, error_fields, mailed_secret, sending_mailbox, user_count};
use reqwest::StatusCode;

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("docket_session="))
        .map(str::to_owned)
}

#[tokio::test]
async fn sign_up_signs_in_a_customer_who_joins_an_organization_once_the_address_is_proved() {
    let server = TestServer::start().await;
    sending_mailbox(&server).await;
    let client = server.client();
    let res = call(
        &client,
        &server,
        "sign_up",
        &[("name", "Nia New"), ("email", "Nia@Acme.example"), ("password", "a long enough pw")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["location"], "/portal");
    let cookie = session_cookie(&res).expect("session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http must not set Secure: {cookie}");
    let (status, me) = call_json(&client, &server, "current_user", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["email"], "nia@acme.example", "stored lower-cased");
    assert_eq!(me["role"], "customer");
    assert_eq!(me["email_verified"], false);
    assert_eq!(me["organization_name"], serde_json::Value::Null, "an unproved address joins nothing");
    let secret = mailed_secret(&server, "nia@acme.example", "/verify/").await;
    let res = call(&client, &server, "verify_email", &[("token", &secret)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["location"], "/portal?verified=1");
    let (_, me) = call_json(&client, &server, "current_user", &[]).await;
    assert_eq!(me["email_verified"], true);
    assert_eq!(me["organization_name"], "Acme Corporation", "joined by email domain once proved");
}

#[tokio::test]
async fn bad_sign_up_reports_every_field_and_saves_nothing() {
    let server = TestServer::start().await;
    let before = user_count(&server.db).await;
    let client = server.client();
    let (status, body) =
        call_json(&client, &server, "sign_up", &[("name", " "), ("email", "not-an-email"), ("password", "short")])
            .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "validation");
    assert_eq!(error_fields(&body), ["name", "email", "password"]);
    let (status, body) = call_json(
        &client,
        &server,
        "sign_up",
        &[("name", "Dup"), ("email", "customer@example.com"), ("password", "long enough password")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["message"], "An account with this email already exists");
    let (status, _) = call_json(&client, &server, "sign_up", &[("email", "x@y.example")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "missing fields are a bad request, not a crash");
    assert_eq!(user_count(&server.db).await, before);
}

#[tokio::test]
async fn failed_sign_ins_look_the_same_whatever_the_cause() {
    let server = TestServer::start().await;
    let client = server.client();
    let wrong_password =
        call_json(&client, &server, "sign_in", &[("email", "agent@example.com"), ("password", "wrong password!")])
            .await;
    let unknown_email =
        call_json(&client, &server, "sign_in", &[("email", "nobody@example.com"), ("password", "wrong password!")])
            .await;
    assert_eq!(wrong_password.0, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_password, unknown_email);
    assert_eq!(wrong_password.1["message"], "Email or password is incorrect");
}

#[tokio::test]
async fn sign_in_rotates_the_session_id_and_sign_out_ends_it() {
    let server = TestServer::start().await;
    let client = server.client();
    let form = [("email", "agent@example.com"), ("password", seed::demo::DEMO_PASSWORD)];
    let first = session_cookie(&call(&client, &server, "sign_in", &form).await).expect("cookie");
    let second = session_cookie(&call(&client, &server, "sign_in", &form).await).expect("cookie");
    assert_ne!(first.split(';').next(), second.split(';').next(), "a new id at every sign-in");
    let res = call(&client, &server, "sign_out", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, me) = call_json(&client, &server, "current_user", &[]).await;
    assert!(me.is_null(), "signed out: {me}");
}

#[tokio::test]
async fn an_active_session_slides_its_expiry_once_an_hour() {
    use domain::entities::session;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
    let server = TestServer::start().await;
    let client = server.signed_in("agent@example.com").await;
    let agent = crate::workflow_support::actor(&server.db, "agent@example.com").await;
    let user_id = agent.principal().expect("user").user_id;
    let row = || session::Entity::find().filter(session::Column::UserId.eq(user_id)).one(&server.db);
    // As if signed in 13 days ago and last active two hours ago: one day left.
    let stored = row().await.expect("query").expect("session");
    let mut data: serde_json::Value = serde_json::from_str(&stored.data).expect("json");
    data["touched_at"] = serde_json::json!(chrono::Utc::now().timestamp() - 7200);
    let almost = chrono::Utc::now() + chrono::Duration::days(1);
    let mut old = stored.into_active_model();
    old.data = Set(data.to_string());
    old.expires_at = Set(almost);
    old.update(&server.db).await.expect("age the session");

    let res = client.get(server.url("/agent")).send().await.expect("page");
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = session_cookie(&res).expect("the cookie is sent again with a fresh lifetime");
    assert!(cookie.contains("Max-Age=1209600"), "{cookie}");
    let moved = row().await.expect("query").expect("session").expires_at;
    assert!(moved > almost + chrono::Duration::days(12), "the expiry moved: {moved}");
    let res = client.get(server.url("/agent")).send().await.expect("page");
    assert!(session_cookie(&res).is_none(), "not again within the hour");
    assert_eq!(row().await.expect("query").expect("session").expires_at, moved);
}

#[tokio::test]
async fn repeated_failures_are_throttled() {
    let server = TestServer::start().await;
    let client = server.client();
    let form = [("email", "admin@example.com"), ("password", "guess guess guess")];
    let mut statuses = Vec::new();
    for _ in 0..11 {
        statuses.push(call_json(&client, &server, "sign_in", &form).await);
    }
    assert!(statuses[..10].iter().all(|(s, _)| *s == StatusCode::UNAUTHORIZED));
    assert_eq!(statuses[10].0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(statuses[10].1["code"], "rate_limited");
    let right = [("email", "admin@example.com"), ("password", seed::demo::DEMO_PASSWORD)];
    assert_eq!(
        call(&client, &server, "sign_in", &right).await.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
}

#[tokio::test]
async fn password_change_checks_the_old_one_and_ends_other_sessions() {
    let server = TestServer::start().await;
    let laptop = server.signed_in("customer@example.com").await;
    let phone = server.signed_in("customer@example.com").await;
    let (status, body) = call_json(
        &laptop,
        &server,
        "change_password",
        &[("current_password", "not it at all"), ("new_password", "brand new password")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["current_password"]);
    let form = [("current_password", seed::demo::DEMO_PASSWORD), ("new_password", "brand new password")];
    assert_eq!(call(&laptop, &server, "change_password", &form).await.status(), StatusCode::OK);
    let (_, me) = call_json(&laptop, &server, "current_user", &[]).await;
    assert_eq!(me["email"], "customer@example.com", "this session stays");
    let (_, me) = call_json(&phone, &server, "current_user", &[]).await;
    assert!(me.is_null(), "the other session ended: {me}");
    let fresh = server.client();
    let old = [("email", "customer@example.com"), ("password", seed::demo::DEMO_PASSWORD)];
    assert_eq!(call(&fresh, &server, "sign_in", &old).await.status(), StatusCode::UNAUTHORIZED);
    let new = [("email", "customer@example.com"), ("password", "brand new password")];
    assert_eq!(call(&fresh, &server, "sign_in", &new).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn plain_form_posts_redirect_back_with_the_error_or_on_to_home() {
    let server = TestServer::start().await;
    let client = server.client();
    let post = |form: Vec<(&'static str, &'static str)>| {
        client
            .post(server.url("/fn/sign_in"))
            .header("accept", "text/html")
            .header("referer", server.url("/signin?next=%2Fadmin"))
            .form(&form)
            .send()
    };
    let res = post(vec![("email", "admin@example.com"), ("password", "nope nope nope"), ("next", "/admin")])
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(location.contains("/signin") && location.contains("__err="), "{location}");
    let res = post(vec![("email", "admin@example.com"), ("password", seed::demo::DEMO_PASSWORD), ("next", "/admin")])
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()["location"], "/admin");
    let res =
        post(vec![("email", "admin@example.com"), ("password", seed::demo::DEMO_PASSWORD), ("next", "//evil.example")])
            .await
            .expect("post");
    assert_eq!(res.headers()["location"], "/agent", "no open redirect");
}
