//! The admin's user and team management through server functions.

use crate::support::{TestServer, call, call_json, error_fields, mailed_secret, sending_mailbox, user_id};
use reqwest::StatusCode;

#[tokio::test]
async fn an_invited_agent_chooses_a_password_and_can_be_deactivated_and_reactivated() {
    let server = TestServer::start().await;
    sending_mailbox(&server).await;
    let admin = server.signed_in("admin@example.com").await;
    let invite = [("name", "Nova Agent"), ("email", "nova@example.com"), ("role", "agent")];
    let (status, created) = call_json(&admin, &server, "invite_user", &invite).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!((created["role"].as_str(), created["has_password"].as_bool()), (Some("agent"), Some(false)));
    let (status, body) = call_json(&admin, &server, "invite_user", &invite).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["email".to_owned()]));
    let id = created["id"].as_i64().expect("id").to_string();

    // Sent again, the first link stops working and the new one lets them in.
    let first = mailed_secret(&server, "nova@example.com", "/password/set/").await;
    let (status, _) = call_json(&admin, &server, "resend_invitation", &[("user_id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    let second = mailed_secret(&server, "nova@example.com", "/password/set/").await;
    assert_ne!(first, second);
    let nova = server.client();
    let (status, body) =
        call_json(&nova, &server, "set_password_with_link", &[("token", &first), ("password", "nova's own password")])
            .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_transition")));
    let res =
        call(&nova, &server, "set_password_with_link", &[("token", &second), ("password", "nova's own password")])
            .await;
    assert_eq!((res.status(), res.headers()["location"].to_str().ok()), (StatusCode::OK, Some("/agent")));
    let (_, me) = call_json(&nova, &server, "current_user", &[]).await;
    assert_eq!((me["role"].as_str(), me["email_verified"].as_bool()), (Some("agent"), Some(true)));
    let (status, body) = call_json(&admin, &server, "withdraw_invitation", &[("user_id", &id)]).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_transition")),
        "accepted"
    );

    let form = [("email", "nova@example.com"), ("password", "nova's own password")];
    let (status, _) = call_json(&admin, &server, "set_user_active", &[("user_id", &id), ("active", "false")]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, me) = call_json(&nova, &server, "current_user", &[]).await;
    assert!(me.is_null(), "a deactivated user's session ends: {me}");
    assert_eq!(call(&server.client(), &server, "sign_in", &form).await.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = call_json(&admin, &server, "send_password_reset", &[("user_id", &id)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "no reset link for a deactivated account");

    let (status, _) = call_json(&admin, &server, "set_user_active", &[("user_id", &id), ("active", "true")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(call(&server.client(), &server, "sign_in", &form).await.status(), StatusCode::OK);
    let (status, _) = call_json(&admin, &server, "send_password_reset", &[("user_id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(mailed_secret(&server, "nova@example.com", "/password/set/").await, second, "a fresh reset link");
}

#[tokio::test]
async fn a_withdrawn_invitation_lets_nobody_in() {
    let server = TestServer::start().await;
    sending_mailbox(&server).await;
    let admin = server.signed_in("admin@example.com").await;
    let invite = [("name", "Wren Admin"), ("email", "wren@example.com"), ("role", "admin")];
    let (status, created) = call_json(&admin, &server, "invite_user", &invite).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let id = created["id"].as_i64().expect("id").to_string();
    let secret = mailed_secret(&server, "wren@example.com", "/password/set/").await;
    let (status, withdrawn) = call_json(&admin, &server, "withdraw_invitation", &[("user_id", &id)]).await;
    assert_eq!((status, withdrawn["active"].as_bool()), (StatusCode::OK, Some(false)));
    let (status, _) = call_json(
        &server.client(),
        &server,
        "set_password_with_link",
        &[("token", &secret), ("password", "wren's own password")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let customer = user_id(&server.db, "customer@example.com").await.to_string();
    let (status, _) = call_json(&admin, &server, "withdraw_invitation", &[("user_id", &customer)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "nobody invited the demo customer");
    let (status, body) =
        call_json(&admin, &server, "invite_user", &[("name", ""), ("email", "nope"), ("role", "wizard")]).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["role".to_owned()]));
}

#[tokio::test]
async fn admin_cannot_lock_themselves_out() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let id = user_id(&server.db, "admin@example.com").await.to_string();
    let (status, body) = call_json(&admin, &server, "set_user_active", &[("user_id", &id), ("active", "false")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid_transition");
    let (status, _) =
        call_json(&admin, &server, "set_user_active", &[("user_id", "999999"), ("active", "false")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn teams_are_created_renamed_and_staffed() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (status, id) =
        call_json(&admin, &server, "create_team", &[("name", "Night shift"), ("description", "22:00-06:00")]).await;
    assert_eq!(status, StatusCode::OK);
    let team = id.as_i64().expect("team id").to_string();
    let (status, body) = call_json(&admin, &server, "create_team", &[("name", "Support")]).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["name".to_owned()]));
    let (status, body) = call_json(&admin, &server, "create_team", &[("name", "   ")]).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["name".to_owned()]));

    let agent = user_id(&server.db, "agent@example.com").await.to_string();
    let customer = user_id(&server.db, "customer@example.com").await.to_string();
    assert_eq!(
        call(&admin, &server, "add_team_member", &[("team_id", &team), ("user_id", &agent)]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        call(&admin, &server, "add_team_member", &[("team_id", &team), ("user_id", &agent)]).await.status(),
        StatusCode::OK,
        "idempotent"
    );
    let (status, body) =
        call_json(&admin, &server, "add_team_member", &[("team_id", &team), ("user_id", &customer)]).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["user_id".to_owned()]));
    let (status, _) =
        call_json(&admin, &server, "update_team", &[("team_id", &team), ("name", "Nights"), ("description", "")]).await;
    assert_eq!(status, StatusCode::OK);

    let (_, teams) = call_json(&admin, &server, "list_teams", &[]).await;
    let nights = teams.as_array().expect("list").iter().find(|t| t["name"] == "Nights").expect("renamed team");
    assert_eq!(nights["members"][0]["email"], "agent@example.com");

    let agent_client = server.signed_in("agent@example.com").await;
    let (_, mine) = call_json(&agent_client, &server, "my_teams", &[]).await;
    assert!(mine.as_array().expect("list").iter().any(|t| t["name"] == "Nights"));

    assert_eq!(
        call(&admin, &server, "remove_team_member", &[("team_id", &team), ("user_id", &agent)]).await.status(),
        StatusCode::OK
    );
    let (status, _) =
        call_json(&admin, &server, "remove_team_member", &[("team_id", &team), ("user_id", &agent)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_directory_filters_and_pages() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (_, page) = call_json(&admin, &server, "list_users", &[("role", "agent")]).await;
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len(), 6, "five agents and one invited");
    assert!(items.iter().all(|u| u["role"] == "agent"));
    let (_, page) = call_json(&admin, &server, "list_users", &[("query", "ACME")]).await;
    assert_eq!(page["items"].as_array().expect("items").len(), 2, "emails at acme.example");
    let (_, page) = call_json(&admin, &server, "list_users", &[("query", "%")]).await;
    assert!(page["items"].as_array().expect("items").is_empty(), "wildcards are literal, not patterns");
}

#[tokio::test]
async fn organizations_are_made_on_the_pages_and_through_the_api_and_verified_people_at_their_domains_join() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let form = [("name", "Umbrella"), ("domains", "umbrella.example\nfastmail.example"), ("shares_tickets", "on")];
    let res = call(&admin, &server, "create_organization", &form).await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let id = find_organization(&admin, &server, "Umbrella").await;
    let (_, org) = call_json(&admin, &server, "get_organization", &[("organization_id", &id)]).await;
    assert_eq!(org["domains"], serde_json::json!(["fastmail.example", "umbrella.example"]));
    assert_eq!((org["members"].as_u64(), org["shares_tickets"].as_bool()), (Some(1), Some(true)), "Lee joined: {org}");

    // The page, with JavaScript off, as the form's redirect lands on it.
    let html = admin
        .get(server.url(&format!("/admin/organizations/{id}?created=1&joined=1")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Organization created. 1 person joined by their address."), "{html}");
    assert!(html.contains("lee@fastmail.example") && html.contains("Save organization"));

    let bad = [("organization_id", id.as_str()), ("name", "Umbrella"), ("domains", "gmail.com")];
    let (status, body) = call_json(&admin, &server, "update_organization", &bad).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["domains".to_owned()]));
    let (status, body) = call_json(
        &admin,
        &server,
        "add_organization_member",
        &[("organization_id", &id), ("email", "agent@example.com")],
    )
    .await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["email".to_owned()]));

    // The API: create with a domain another organization has, then right; change one field.
    let token = crate::api_support::token(&server, "admin@example.com", domain::api_tokens::ApiScope::Admin).await;
    let post = |body: serde_json::Value| {
        crate::api_support::send(&server, Some(&token), reqwest::Method::POST, "/api/v1/organizations", Some(body))
    };
    let (status, body) = post(serde_json::json!({ "name": "Hooli", "domains": ["acme.example"] })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["message"].is_string() && body["error"]["fields"][0]["field"] == "domains", "{body}");
    let (status, body) = post(serde_json::json!({ "name": "Hooli", "domains": ["@Hooli.example"] })).await;
    assert_eq!((status, &body["domains"]), (StatusCode::CREATED, &serde_json::json!(["hooli.example"])), "{body}");
    let path = format!("/api/v1/organizations/{}", body["id"]);
    let patch = serde_json::json!({ "shares_tickets": true });
    let (status, body) =
        crate::api_support::send(&server, Some(&token), reqwest::Method::PATCH, &path, Some(patch)).await;
    assert_eq!((status, &body["shares_tickets"], &body["name"]), (StatusCode::OK, &true.into(), &"Hooli".into()));
}

async fn find_organization(client: &reqwest::Client, server: &TestServer, name: &str) -> String {
    let (_, list) = call_json(client, server, "list_organizations", &[]).await;
    let found = list.as_array().expect("list").iter().find(|o| o["name"] == name).map(|o| o["id"].to_string());
    found.unwrap_or_else(|| panic!("{name} in {list}"))
}
