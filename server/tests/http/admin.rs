//! The admin's user and team management through server functions.

use crate::support::{TestServer, call, call_json, error_fields, user_id};
use reqwest::StatusCode;

#[tokio::test]
async fn admin_creates_deactivates_and_reactivates_an_agent() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (status, created) = call_json(
        &admin,
        &server,
        "create_user",
        &[("name", "Nova Agent"), ("email", "nova@example.com"), ("role", "agent"), ("password", "starting password")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!(created["role"], "agent");
    let nova = server.client();
    let form = [("email", "nova@example.com"), ("password", "starting password")];
    assert_eq!(call(&nova, &server, "sign_in", &form).await.status(), StatusCode::OK);

    let id = created["id"].as_i64().expect("id").to_string();
    let (status, _) = call_json(&admin, &server, "set_user_active", &[("user_id", &id), ("active", "false")]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, me) = call_json(&nova, &server, "current_user", &[]).await;
    assert!(me.is_null(), "a deactivated user's session ends: {me}");
    assert_eq!(call(&server.client(), &server, "sign_in", &form).await.status(), StatusCode::UNAUTHORIZED);

    let (status, _) = call_json(&admin, &server, "set_user_active", &[("user_id", &id), ("active", "true")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(call(&server.client(), &server, "sign_in", &form).await.status(), StatusCode::OK);
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
    assert_eq!(items.len(), 4);
    assert!(items.iter().all(|u| u["role"] == "agent"));
    let (_, page) = call_json(&admin, &server, "list_users", &[("query", "ACME")]).await;
    assert_eq!(page["items"].as_array().expect("items").len(), 2, "emails at acme.example");
    let (_, page) = call_json(&admin, &server, "list_users", &[("query", "%")]).await;
    assert!(page["items"].as_array().expect("items").is_empty(), "wildcards are literal, not patterns");
}
