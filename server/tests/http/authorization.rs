//! The authorization matrix: every server function, called by every kind of caller, with
//! only the expected successes.

use crate::support::{TestServer, call_json, user_id};
use reqwest::StatusCode;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Customer,
    Agent,
    Admin,
}

const EVERYONE: [Who; 4] = [Who::Anonymous, Who::Customer, Who::Agent, Who::Admin];

/// Who may call each function; everyone else must be refused (401 anonymous, 403 signed in).
fn allowed(function: &str) -> &'static [Who] {
    match function {
        "current_user" | "sign_in" | "sign_out" => &EVERYONE,
        "sign_up" => &[Who::Anonymous],
        "change_password" => &[Who::Customer, Who::Agent, Who::Admin],
        "my_teams" | "list_users" | "list_teams" => &[Who::Agent, Who::Admin],
        _ => &[Who::Admin],
    }
}

#[tokio::test]
async fn every_server_function_against_every_role() {
    let server = TestServer::start().await;
    let agent_id = user_id(&server.db, "sam.rivera@example.com").await.to_string();
    let target_id = user_id(&server.db, "lee@fastmail.example").await.to_string();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (n, who) in EVERYONE.into_iter().enumerate() {
        let client = match who {
            Who::Anonymous => server.client(),
            Who::Customer => server.signed_in("customer@example.com").await,
            Who::Agent => server.signed_in("agent@example.com").await,
            Who::Admin => server.signed_in("admin@example.com").await,
        };
        let email = format!("matrix{n}@example.com");
        let team = format!("Matrix team {n}");
        let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
            ("current_user", vec![]),
            ("list_users", vec![]),
            ("list_teams", vec![]),
            ("my_teams", vec![]),
            ("create_user", vec![("name", "M"), ("email", &email), ("role", "agent"), ("password", "matrix password")]),
            ("set_user_active", vec![("user_id", &target_id), ("active", "true")]),
            ("create_team", vec![("name", &team)]),
            ("update_team", vec![("team_id", "1"), ("name", "Support"), ("description", "x")]),
            ("add_team_member", vec![("team_id", "1"), ("user_id", &agent_id)]),
            ("remove_team_member", vec![("team_id", "3"), ("user_id", &agent_id)]),
            ("change_password", vec![("current_password", "wrong wrong wrong"), ("new_password", "matrix password 2")]),
            ("set_auto_close_days", vec![("auto_close_days", "7")]),
            // Last: a successful sign-up signs the caller in.
            ("sign_up", vec![("name", "M"), ("email", &email), ("password", "matrix password")]),
        ];
        for (function, form) in calls {
            let (status, body) = call_json(&client, &server, function, &form).await;
            checked += 1;
            let may = allowed(function).contains(&who);
            let ok = if may {
                // change_password with a wrong current password is a validation error, not a refusal.
                status.is_success() || status == StatusCode::UNPROCESSABLE_ENTITY
            } else if who == Who::Anonymous {
                status == StatusCode::UNAUTHORIZED
            } else {
                status == StatusCode::FORBIDDEN
            };
            if !ok {
                failures.push(format!("{who:?} {function}: {status} {body}"));
            }
        }
    }
    assert!(failures.is_empty(), "unexpected results:\n{}", failures.join("\n"));
    assert_eq!(checked, 52);
}

#[tokio::test]
async fn server_functions_are_all_post() {
    let paths: Vec<(String, String)> =
        server_fn::axum::server_fn_paths().map(|(path, method)| (path.to_owned(), method.to_string())).collect();
    assert!(paths.len() >= 24, "{paths:?}");
    for (path, method) in paths {
        assert_eq!(method, "POST", "{path} must not use a GET encoding");
        assert!(path.starts_with("/fn/"), "{path}");
    }
}
