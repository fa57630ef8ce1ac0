//! The authorization matrix of links, merges, followers, notifications and the desk
//! configuration: every one of these server functions, called by every kind of caller, with only
//! the expected successes.

use crate::{
    support::{TestServer, call_json, user_id},
    workflow_support::{actor, latest_notification},
};
use domain::{
    Actor,
    desk_config::statuses,
    link_types::Relation,
    ticket_types::StatusCategory,
    tickets::{commands, links, relations},
};
use reqwest::{Client, StatusCode};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    /// The requester of the tickets.
    Customer,
    /// A customer of another organization.
    Stranger,
    Agent,
    Admin,
}

const EVERYONE: [Who; 5] = [Who::Anonymous, Who::Customer, Who::Stranger, Who::Agent, Who::Admin];

async fn client(server: &TestServer, who: Who) -> Client {
    match who {
        Who::Anonymous => server.client(),
        Who::Customer => server.signed_in("customer@example.com").await,
        Who::Stranger => server.signed_in("hank@globex.example").await,
        Who::Agent => server.signed_in("agent@example.com").await,
        Who::Admin => server.signed_in("admin@example.com").await,
    }
}

/// The status each caller must get; anything else is a failure.
fn expected(function: &str, who: Who) -> StatusCode {
    use Who::*;
    let staff = matches!(who, Agent | Admin);
    let (ok, ticket_scoped) = match function {
        "notification_badge" => (true, false),
        "load_ticket_relations" => (matches!(who, Customer | Agent | Admin), true),
        "add_ticket_link" | "remove_ticket_link" | "merge_ticket" | "follow_ticket" | "unfollow_ticket" => {
            (staff, true)
        }
        "list_notifications" | "mark_notification_read" | "mark_all_notifications_read" => (staff, false),
        "load_desk_config" | "create_status" | "update_status" | "delete_status" | "create_priority"
        | "update_priority" | "create_category" | "update_category" | "set_ticket_prefix" => (who == Admin, false),
        other => panic!("no expectation for {other}"),
    };
    match who {
        _ if ok => StatusCode::OK,
        Anonymous => StatusCode::UNAUTHORIZED,
        // Tickets a customer may not see do not exist for them.
        Stranger if ticket_scoped => StatusCode::NOT_FOUND,
        _ => StatusCode::FORBIDDEN,
    }
}

/// A ticket of the customer's, by the domain; returns its id and reference.
async fn ticket(server: &TestServer, subject: &str) -> (i64, String) {
    let customer = actor(&server.db, "customer@example.com").await;
    let input = commands::NewTicket { subject: subject.into(), body: "Text".into(), ..Default::default() };
    let created = commands::create(&server.db, &customer, input).await.expect("create");
    (created.id, created.reference)
}

#[tokio::test]
async fn every_workflow_function_against_every_caller() {
    let server = TestServer::start().await;
    let agent_id = user_id(&server.db, "agent@example.com").await;
    let admin_id = user_id(&server.db, "admin@example.com").await;
    let mut failures = Vec::new();
    let mut checked = 0;
    for (n, who) in EVERYONE.into_iter().enumerate() {
        let caller = client(&server, who).await;
        let (a, _) = ticket(&server, &format!("Matrix A {who:?}")).await;
        let (_, b_ref) = ticket(&server, &format!("Matrix B {who:?}")).await;
        let (_, c_ref) = ticket(&server, &format!("Matrix C {who:?}")).await;
        let (source, _) = ticket(&server, &format!("Matrix source {who:?}")).await;
        let (_, target_ref) = ticket(&server, &format!("Matrix target {who:?}")).await;
        links::add(&server.db, &Actor::System, a, Relation::RelatedTo, &c_ref).await.expect("link");
        let link_id = relations::get(&server.db, &Actor::System, a).await.expect("relations").links[0].id;
        // A notification of the caller's own, when they can have one: an assignment by Docket.
        let own = match who {
            Who::Agent => Some(agent_id),
            Who::Admin => Some(admin_id),
            _ => None,
        };
        let assignee = own.unwrap_or(agent_id);
        let changes = commands::TicketChanges { assignee_id: Some(Some(assignee)), ..Default::default() };
        commands::update(&server.db, &Actor::System, a, changes).await.expect("assign");
        let notification = latest_notification(&server.db, assignee).await.to_string();
        let spare = statuses::create(&server.db, &Actor::System, &format!("Spare {n}"), StatusCategory::Pending, 50)
            .await
            .expect("status")
            .to_string();
        let (a, link_id) = (a.to_string(), link_id.to_string());
        let (source, status_name, category) =
            (source.to_string(), format!("Matrix status {n}"), format!("Matrix category {n}"));
        let priority = format!("Matrix priority {n}");
        let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
            ("notification_badge", vec![]),
            ("load_ticket_relations", vec![("ticket_id", &a)]),
            ("add_ticket_link", vec![("ticket_id", &a), ("relation", "duplicate_of"), ("reference", &b_ref)]),
            ("remove_ticket_link", vec![("ticket_id", &a), ("link_id", &link_id)]),
            ("follow_ticket", vec![("ticket_id", &a)]),
            ("unfollow_ticket", vec![("ticket_id", &a)]),
            ("merge_ticket", vec![("ticket_id", &source), ("target", &target_ref), ("confirm", "on")]),
            ("list_notifications", vec![]),
            ("mark_notification_read", vec![("notification_id", &notification)]),
            ("mark_all_notifications_read", vec![]),
            ("load_desk_config", vec![]),
            ("create_status", vec![("name", &status_name), ("category", "open"), ("position", "7")]),
            ("update_status", vec![("status_id", &spare), ("name", "Renamed spare"), ("position", "8")]),
            ("delete_status", vec![("status_id", &spare)]),
            ("create_priority", vec![("name", &priority), ("rank", "9")]),
            ("update_priority", vec![("priority_id", "3"), ("name", "High"), ("rank", "3"), ("active", "on")]),
            ("create_category", vec![("name", &category)]),
            ("update_category", vec![("category_id", "1"), ("name", "General"), ("active", "on")]),
            ("set_ticket_prefix", vec![("ticket_prefix", "DKT")]),
        ];
        for (function, form) in calls {
            let (status, body) = call_json(&caller, &server, function, &form).await;
            checked += 1;
            let want = expected(function, who);
            if status != want {
                failures.push(format!("{who:?} {function}: got {status}, want {want}: {body}"));
            }
            if function == "notification_badge" && body.is_null() == own.is_some() {
                failures.push(format!("{who:?} notification_badge: {body}"));
            }
        }
    }
    println!("workflow authorization matrix: {checked} calls, {} unexpected", failures.len());
    assert!(failures.is_empty(), "unexpected results:\n{}", failures.join("\n"));
    assert_eq!(checked, 19 * EVERYONE.len());
}
