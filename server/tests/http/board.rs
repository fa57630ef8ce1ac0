//! The Kanban board: who may load it, its columns per grouping, filtering, and moving a card
//! through the same command (and history) as any change.

use crate::{
    support::{TestServer, call_json, error_fields},
    tickets::open_ticket,
};
use reqwest::{Client, StatusCode};
use serde_json::Value;

async fn board(client: &Client, server: &TestServer, group: &str, q: &str) -> (StatusCode, Value) {
    call_json(client, server, "load_board", &[("q", q), ("group", group)]).await
}

fn column<'a>(board: &'a Value, title: &str) -> &'a Value {
    board["columns"].as_array().expect("columns").iter().find(|c| c["title"] == title).expect(title)
}

fn titles(board: &Value) -> Vec<String> {
    board["columns"].as_array().expect("columns").iter().map(|c| c["title"].as_str().unwrap_or("").to_owned()).collect()
}

fn card_ids(column: &Value) -> Vec<i64> {
    column["cards"].as_array().expect("cards").iter().filter_map(|c| c["id"].as_i64()).collect()
}

#[tokio::test]
async fn only_staff_load_the_board_and_bad_input_is_a_field_error() {
    let server = TestServer::start().await;
    let (status, _) = board(&server.client(), &server, "status", "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = board(&server.signed_in("customer@example.com").await, &server, "status", "").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for email in ["agent@example.com", "admin@example.com"] {
        let (status, body) = board(&server.signed_in(email).await, &server, "", "").await;
        assert_eq!(status, StatusCode::OK, "{email}: {body}");
        assert_eq!(body["group"], "Status", "status is the default grouping");
    }
    let agent = server.signed_in("agent@example.com").await;
    let (status, body) = board(&agent, &server, "team", "").await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["group".to_owned()]));
    let (status, body) = board(&agent, &server, "status", "priority:nonsense").await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["q".to_owned()]));
}

#[tokio::test]
async fn columns_follow_the_grouping_and_the_filter() {
    let server = TestServer::start().await;
    let customer = server.signed_in("customer@example.com").await;
    let mut made = Vec::new();
    for subject in ["Board one", "Board two", "Board three"] {
        made.push(open_ticket(&server, &customer, subject).await.parse::<i64>().expect("id"));
    }
    let agent = server.signed_in("agent@example.com").await;
    let first = made[0].to_string();
    let (status, _) = call_json(&agent, &server, "assign_to_me", &[("ticket_id", &first)]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, by_status) = board(&agent, &server, "status", "").await;
    let statuses = titles(&by_status);
    assert!(statuses.contains(&"Open".to_owned()) && statuses.contains(&"Solved".to_owned()), "{statuses:?}");
    assert!(!statuses.contains(&"Closed".to_owned()), "closed tickets stay off the board: {statuses:?}");
    for column in by_status["columns"].as_array().expect("columns") {
        let cards = column["cards"].as_array().expect("cards");
        assert!(cards.len() as u64 <= column["total"].as_u64().expect("total"));
        assert!(cards.len() <= 50);
        for card in cards {
            assert_eq!(card["status"]["name"], column["title"], "each card sits in its status's column");
        }
    }
    // The assigned ticket changed last, so it leads: cards are in order of their last change.
    assert_eq!(card_ids(column(&by_status, "New")), [made[0], made[2], made[1]]);

    let (_, by_assignee) = board(&agent, &server, "assignee", "").await;
    assert_eq!(by_assignee["columns"][0]["title"], "Unassigned");
    assert_eq!(by_assignee["columns"][0]["value"], "none");
    assert_eq!(card_ids(&by_assignee["columns"][0]), [made[2], made[1]]);
    assert_eq!(card_ids(column(&by_assignee, "Alex Agent")), [made[0]]);
    for column in by_assignee["columns"].as_array().expect("columns") {
        for card in column["cards"].as_array().expect("cards") {
            let category = card["status"]["category"].as_str().unwrap_or_default();
            assert!(!["Solved", "Closed"].contains(&category), "assignee boards show unsolved work: {card}");
            let holder = card["assignee"]["name"].as_str().unwrap_or("Unassigned");
            assert_eq!(holder, column["title"].as_str().unwrap_or_default());
        }
    }

    let (_, by_priority) = board(&agent, &server, "priority", "").await;
    assert_eq!(titles(&by_priority).first().map(String::as_str), Some("Urgent"), "most urgent first");
    let (_, filtered) = board(&agent, &server, "status", "two").await;
    assert_eq!(card_ids(column(&filtered, "New")), [made[1]], "the filter's words narrow the board");

    let (_, nothing) = board(&agent, &server, "status", "\"no ticket says this\"").await;
    let totals: u64 = nothing["columns"].as_array().expect("columns").iter().filter_map(|c| c["total"].as_u64()).sum();
    assert_eq!(totals, 0);
}

#[tokio::test]
async fn moving_a_card_changes_the_field_with_history() {
    let server = TestServer::start().await;
    let customer = server.signed_in("customer@example.com").await;
    let ticket: i64 = open_ticket(&server, &customer, "Move me").await.parse().expect("id");
    let agent = server.signed_in("agent@example.com").await;
    let (_, before) = board(&agent, &server, "status", "").await;
    assert_eq!(card_ids(column(&before, "New")), [ticket]);
    let pending = column(&before, "Pending")["value"].as_str().expect("value").to_owned();

    let id = ticket.to_string();
    let (status, result) =
        call_json(&agent, &server, "bulk_update_tickets", &[("ticket_ids[0]", &id), ("status_id", &pending)]).await;
    assert_eq!((status, result["changed"].as_u64()), (StatusCode::OK, Some(1)), "{result}");

    let (_, after) = board(&agent, &server, "status", "").await;
    assert!(card_ids(column(&after, "Pending")).contains(&ticket), "the card is in its new column");
    assert!(card_ids(column(&after, "New")).is_empty(), "and left the old one");
    assert_eq!(column(&after, "Pending")["total"], column(&before, "Pending")["total"].as_u64().expect("total") + 1);

    let (_, view) = call_json(&agent, &server, "get_ticket", &[("id", &id)]).await;
    let history = view["timeline"].to_string();
    assert!(history.contains("Pending"), "the move is in the ticket's history: {history}");
}

#[tokio::test]
async fn without_javascript_the_board_renders_and_its_move_form_works() {
    let server = TestServer::start().await;
    let customer = server.signed_in("customer@example.com").await;
    let ticket = open_ticket(&server, &customer, "Plain <b>HTML</b> card").await;
    let agent = server.signed_in("agent@example.com").await;
    let page = agent.get(server.url("/agent/board?group=priority")).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("Plain &lt;b&gt;HTML&lt;/b&gt; card"), "the subject is escaped");
    assert!(html.contains(&format!("name=\"ticket_ids[0]\" value=\"{ticket}\"")), "a move form per card");
    assert!(html.contains("name=\"priority_id\""), "the move form sets the grouped field");

    let (_, board) = call_json(&agent, &server, "load_board", &[("q", ""), ("group", "priority")]).await;
    let urgent = column(&board, "Urgent")["value"].as_str().expect("value").to_owned();
    let moved = agent
        .post(server.url("/fn/bulk_update_tickets"))
        .header("accept", "text/html")
        .header("referer", server.url("/agent/board?group=priority"))
        .form(&[("ticket_ids[0]", ticket.as_str()), ("priority_id", urgent.as_str())])
        .send()
        .await
        .expect("post the form");
    assert_eq!(moved.status(), StatusCode::FOUND, "a plain form post goes back to the board");
    let back = moved.headers()["location"].to_str().expect("ascii");
    assert!(back.contains("/agent/board?group=priority") && !back.contains("__err="), "{back}");
    let (_, board) = call_json(&agent, &server, "load_board", &[("q", ""), ("group", "priority")]).await;
    assert_eq!(card_ids(column(&board, "Urgent")), [ticket.parse::<i64>().expect("id")]);
}
