//! Links, merges, followers, notifications and the desk configuration through the router: the
//! answers of the server functions, plain form posts with JavaScript off, and the pages each role
//! is shown.

use crate::{
    support::{TestServer, call_json, error_fields, user_id},
    workflow_support::{actor, settle},
};
use domain::{
    Actor,
    link_types::Relation,
    tickets::{commands, links, relations},
};
use reqwest::{Client, StatusCode};

/// `call_json` with owned values.
async fn send(
    client: &Client,
    server: &TestServer,
    name: &str,
    form: &[(&str, String)],
) -> (StatusCode, serde_json::Value) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call_json(client, server, name, &form).await
}

async fn page(client: &Client, server: &TestServer, path: &str) -> (StatusCode, String) {
    let res = client.get(server.url(path)).header("accept", "text/html").send().await.expect("get");
    let status = res.status();
    (status, res.text().await.expect("body"))
}

/// A ticket of `email`'s, by the domain; returns its id (as text, for forms) and reference.
async fn ticket(server: &TestServer, email: &str, subject: &str) -> (String, String) {
    let requester = actor(&server.db, email).await;
    let input = commands::NewTicket { subject: subject.into(), body: format!("About {subject}"), ..Default::default() };
    let created = commands::create(&server.db, &requester, input).await.expect("create");
    (created.id.to_string(), created.reference)
}

#[tokio::test]
async fn links_and_merges_from_the_ticket_page() {
    let server = TestServer::start().await;
    let agent = server.signed_in("agent@example.com").await;
    let customer = server.signed_in("customer@example.com").await;
    let (a, a_ref) = ticket(&server, "customer@example.com", "Scanner offline").await;
    let (b, b_ref) = ticket(&server, "customer@example.com", "Scanner still offline").await;

    let link = |reference: &str| {
        [("ticket_id", a.clone()), ("relation", "related_to".into()), ("reference", reference.into())]
    };
    let (status, body) = send(&agent, &server, "add_ticket_link", &link(&b_ref)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for bad in ["DKT-99999", a_ref.as_str(), b_ref.as_str(), "not a reference"] {
        let (status, body) = send(&agent, &server, "add_ticket_link", &link(bad)).await;
        assert_eq!(
            (status, error_fields(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, vec!["reference".to_owned()]),
            "{bad}"
        );
    }
    let (_, theirs) = call_json(&agent, &server, "load_ticket_relations", &[("ticket_id", &b)]).await;
    assert_eq!(theirs["links"][0]["relation"], "related_to");
    assert_eq!(theirs["links"][0]["ticket"]["reference"], a_ref.as_str());
    let (_, hidden) = call_json(&customer, &server, "load_ticket_relations", &[("ticket_id", &a)]).await;
    assert_eq!((hidden["links"].as_array().map(Vec::len), &hidden["merged_into"]), (Some(0), &serde_json::Value::Null));

    let (status, html) = page(&agent, &server, &format!("/agent/tickets/{a}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Linked tickets")
            && html.contains(&b_ref)
            && html.contains("Followers")
            && html.contains("Merge into")
    );
    let (status, html) = page(&customer, &server, &format!("/portal/tickets/{a}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("Linked tickets") && !html.contains(&b_ref) && !html.contains("Followers"), "agents only");

    let merge = |confirm: &str| [("ticket_id", a.clone()), ("target", b_ref.clone()), ("confirm", confirm.into())];
    let (status, body) = send(&agent, &server, "merge_ticket", &merge("")).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["confirm".to_owned()]));
    let (status, body) = send(&agent, &server, "merge_ticket", &merge("on")).await;
    assert_eq!((status, body.to_string()), (StatusCode::OK, b.clone()));

    let (_, html) = page(&customer, &server, &format!("/portal/tickets/{a}")).await;
    assert!(html.contains("This request was merged into"), "the requester is told on the old request");
    assert!(html.contains(&format!("/portal/tickets/{b}")) && html.contains(&b_ref));
    let (_, html) = page(&customer, &server, &format!("/portal/tickets/{b}")).await;
    assert!(html.contains(&format!("{a_ref} was merged into this request")) && html.contains("About Scanner offline"));
    let (_, html) = page(&agent, &server, &format!("/agent/tickets/{b}")).await;
    assert!(html.contains("Merged from") && html.contains(&format!("merged {a_ref} into this request")));
}

#[tokio::test]
async fn with_javascript_off_forms_post_and_come_back() {
    let server = TestServer::start().await;
    let agent = server.signed_in("agent@example.com").await;
    let (a, _) = ticket(&server, "customer@example.com", "No script").await;
    let (_, b_ref) = ticket(&server, "customer@example.com", "No script either").await;
    let here = server.url(&format!("/agent/tickets/{a}"));
    let post = |function: &str, form: Vec<(&str, String)>| {
        agent
            .post(server.url(&format!("/fn/{function}")))
            .header("accept", "text/html")
            .header("referer", here.clone())
            .form(&form)
            .send()
    };
    let res = post("merge_ticket", vec![("ticket_id", a.clone()), ("target", b_ref.clone())]).await.expect("post");
    assert_eq!(res.status(), StatusCode::FOUND);
    let back = res.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(back.contains(&format!("/agent/tickets/{a}")) && back.contains("__err="), "{back}");
    let (status, html) = page(&agent, &server, back.trim_start_matches(&server.base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Confirm the merge"), "the field error is shown after the round trip");

    let res = post("follow_ticket", vec![("ticket_id", a.clone())]).await.expect("post");
    assert_eq!(res.status(), StatusCode::FOUND);
    assert!(!res.headers()["location"].to_str().expect("ascii").contains("__err="));
    let id = a.parse::<i64>().expect("id");
    let me = actor(&server.db, "agent@example.com").await;
    assert!(relations::get(&server.db, &me, id).await.expect("relations").following);
    let (_, html) = page(&agent, &server, &format!("/agent/tickets/{a}")).await;
    assert!(html.contains("Unfollow") && html.contains("Alex Agent started following"));
}

#[tokio::test]
async fn notifications_reach_the_bell_and_the_page() {
    let server = TestServer::start().await;
    let agent = server.signed_in("agent@example.com").await;
    let customer = server.signed_in("customer@example.com").await;
    let (a, a_ref) = ticket(&server, "customer@example.com", "Bell test").await;
    let sam = actor(&server.db, "sam.rivera@example.com").await;
    let me = user_id(&server.db, "agent@example.com").await;
    let changes = commands::TicketChanges { assignee_id: Some(Some(me)), ..Default::default() };
    commands::update(&server.db, &sam, a.parse().expect("id"), changes).await.expect("assign");
    let reply = [("ticket_id", a.as_str()), ("body", "Any news?")];
    assert_eq!(call_json(&customer, &server, "add_message", &reply).await.0, StatusCode::OK);
    settle(&server.db).await;

    let (status, count) = call_json(&agent, &server, "notification_badge", &[]).await;
    assert_eq!((status, count), (StatusCode::OK, serde_json::json!(2)));
    let (_, html) = page(&agent, &server, "/agent").await;
    assert!(html.contains("href=\"/notifications\"") && html.contains("class=\"bell-count\">2"), "the bell counts");
    let (status, html) = page(&agent, &server, "/notifications").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("Casey Customer replied on {a_ref}")), "newest first");
    assert!(html.contains(&format!("Sam Rivera assigned {a_ref} to you")));
    let newest = html.find("replied on").expect("reply");
    assert!(newest < html.find(&format!("Sam Rivera assigned {a_ref}")).expect("assignment"));
    let (_, html) = page(&customer, &server, "/portal").await;
    assert!(!html.contains("href=\"/notifications\""), "customers have no bell");

    let (status, marked) = call_json(&agent, &server, "mark_all_notifications_read", &[]).await;
    assert_eq!((status, marked), (StatusCode::OK, serde_json::json!(2)));
    assert_eq!(call_json(&agent, &server, "notification_badge", &[]).await.1, serde_json::json!(0));
    let (_, html) = page(&agent, &server, "/notifications").await;
    assert!(!html.contains("notification-unread") && html.contains("Bell test"));

    let (status, html) = page(&customer, &server, "/notifications").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("Access denied"));
    let (status, _) = page(&server.client(), &server, "/notifications").await;
    assert_eq!(status, StatusCode::FOUND);
    let priya = server.signed_in("priya.natarajan@example.com").await;
    let (_, html) = page(&priya, &server, "/notifications").await;
    assert!(html.contains("No notifications yet."), "the empty state");
}

#[tokio::test]
async fn admins_configure_the_desk_from_their_pages() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (a, a_ref) = ticket(&server, "customer@example.com", "Configured").await;
    // (path, text the page shows)
    let pages = [
        ("/admin/statuses", "Waiting"),
        ("/admin/priorities", "Urgent"),
        ("/admin/categories", "Billing"),
        ("/admin/numbering", "value=\"DKT\""),
    ];
    let (_, overview) = page(&admin, &server, "/admin").await;
    for (path, text) in pages {
        assert!(overview.contains(&format!("href=\"{path}\"")), "the overview links {path}");
        let (status, html) = page(&admin, &server, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let text = if path == "/admin/statuses" { "Pending" } else { text };
        assert!(html.contains(text), "{path} shows {text}");
        for email in ["agent@example.com", "customer@example.com"] {
            let other = server.signed_in(email).await;
            assert_eq!(page(&other, &server, path).await.0, StatusCode::FORBIDDEN, "{email} {path}");
        }
        assert_eq!(page(&server.client(), &server, path).await.0, StatusCode::FOUND, "visitors sign in first");
    }

    let (status, body) = call_json(&admin, &server, "set_ticket_prefix", &[("ticket_prefix", "H-D")]).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["ticket_prefix".to_owned()]));
    let (status, body) = call_json(&admin, &server, "set_ticket_prefix", &[("ticket_prefix", "hd")]).await;
    assert_eq!((status, body), (StatusCode::OK, serde_json::json!("HD")));
    let (_, view) = call_json(&admin, &server, "get_ticket", &[("id", &a)]).await;
    assert_eq!(view["summary"]["reference"], a_ref.replace("DKT-", "HD-"));

    let create = |name: &str, position: &str| {
        [("name", name.to_owned()), ("category", "open".into()), ("position", position.into())]
    };
    let (status, body) = send(&admin, &server, "create_status", &create(" ", "1")).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["name".to_owned()]));
    let (status, body) = send(&admin, &server, "create_status", &create("Later", "soon")).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["position".to_owned()]));
    let (status, body) = call_json(&admin, &server, "delete_status", &[("status_id", "1")]).await;
    assert_eq!((status, &body["code"]), (StatusCode::CONFLICT, &serde_json::json!("conflict")), "New is in use");
    let (status, body) =
        call_json(&admin, &server, "update_status", &[("status_id", "1"), ("name", "New"), ("position", "0")]).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["active".to_owned()]));
}

#[tokio::test]
async fn a_parent_waits_for_its_children_on_the_ticket_page() {
    let server = TestServer::start().await;
    let agent = server.signed_in("agent@example.com").await;
    let admin = server.signed_in("admin@example.com").await;
    let (parent, parent_ref) = ticket(&server, "customer@example.com", "Parent").await;
    let (child, _) = ticket(&server, "customer@example.com", "Child").await;
    let child_id = child.parse().expect("id");
    links::add(&server.db, &Actor::System, child_id, Relation::Parent, &parent_ref).await.expect("link");

    let solve = |extra: Option<(&'static str, &'static str)>| {
        let mut form = vec![("ticket_id", parent.clone()), ("status_id", "4".to_owned())];
        form.extend(extra.map(|(k, v)| (k, v.to_owned())));
        form
    };
    let (status, body) = send(&agent, &server, "update_ticket", &solve(None)).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["status_id".to_owned()]));
    let (_, html) = page(&agent, &server, &format!("/agent/tickets/{parent}")).await;
    assert!(html.contains("1 child ticket is still open") && !html.contains("name=\"override_children\""));
    let (_, html) = page(&admin, &server, &format!("/agent/tickets/{parent}")).await;
    assert!(html.contains("name=\"override_children\""), "admins are offered the override");
    let customer = server.signed_in("customer@example.com").await;
    let (status, body) = call_json(&customer, &server, "solve_ticket", &[("ticket_id", &parent)]).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["status_id".to_owned()]));
    assert!(!body.to_string().contains("DKT-"), "customers are not told about the agents' links: {body}");
    let (_, html) = page(&customer, &server, &format!("/portal/tickets/{parent}")).await;
    assert!(!html.contains("Linked tickets") && html.contains("Mark as solved"));
    let (status, _) = send(&agent, &server, "update_ticket", &solve(Some(("override_children", "on")))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = send(&admin, &server, "update_ticket", &solve(Some(("override_children", "on")))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
