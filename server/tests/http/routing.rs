//! Routing over HTTP: an agent's open live stream counts them online and signing out ends it;
//! the status in the top bar, the routing page, the automations page and macros work without
//! JavaScript.

use crate::{
    live_support::EventStream,
    mail_admin_support::{page, post_without_js},
    support::TestServer,
};
use domain::{entities::user, routing::types::Availability};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn agent_row(server: &TestServer, email: &str) -> user::Model {
    user::Entity::find().filter(user::Column::Email.eq(email)).one(&server.db).await.expect("query").expect("agent")
}

#[tokio::test]
async fn a_live_stream_counts_an_agent_online_until_they_sign_out() {
    let server = TestServer::start().await;
    let sam = server.signed_in("sam.rivera@example.com").await;
    assert!(agent_row(&server, "sam.rivera@example.com").await.seen_at.is_none());
    let stream = EventStream::open(&sam, &server.base, None).await;
    assert!(agent_row(&server, "sam.rivera@example.com").await.seen_at.is_some(), "online while the page is open");
    drop(stream);

    // The status in the top bar, without JavaScript.
    let (_, html) = page(&sam, &server, "/agent").await;
    assert!(html.contains("<label for=\"my-availability\">My status</label>"));
    let back = post_without_js(&sam, &server, "set_my_availability", "/agent", &[("availability", "away")]).await;
    assert_eq!(back, "/agent?");
    assert_eq!(agent_row(&server, "sam.rivera@example.com").await.availability, Availability::Away);
    let back = post_without_js(&sam, &server, "set_my_availability", "/agent", &[("availability", "asleep")]).await;
    assert!(back.contains("__err="), "{back}");

    assert_eq!(post_without_js(&sam, &server, "sign_out", "/agent", &[]).await, "/");
    assert!(agent_row(&server, "sam.rivera@example.com").await.seen_at.is_none(), "offline once signed out");
}

#[tokio::test]
async fn an_admin_keeps_routing_rules_without_javascript() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (status, html) = page(&admin, &server, "/admin/routing").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Routing</h1>") && html.contains("How teams hand out tickets"));
    let rule = [
        ("name", "Printers to Support"),
        ("conditions", "printer channel:email"),
        ("tags", "printer"),
        ("active", "on"),
    ];
    let back = post_without_js(&admin, &server, "create_routing_rule", "/admin/routing", &rule).await;
    assert_eq!(back, "/admin/routing?");
    let (_, html) = page(&admin, &server, "/admin/routing").await;
    assert!(html.contains("1. Printers to Support"), "listed in order");
    assert!(html.contains("New tickets matching printer channel:email: tags printer."));
    let bad = [("name", "Broken"), ("conditions", "status:open"), ("tags", "printer")];
    let back = post_without_js(&admin, &server, "create_routing_rule", "/admin/routing", &bad).await;
    let (_, html) = page(&admin, &server, &back).await;
    assert!(html.contains(
        "A routing rule matches on priority, category, team, org, channel, tag, mailbox, custom fields and words only"
    ));
}

#[tokio::test]
async fn an_admin_tries_and_adds_an_automation_without_javascript() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (status, html) = page(&admin, &server, "/admin/automations?try=status%3Anew").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("This rule would have matched"), "the dry run, rendered on the server");
    let (_, html) = page(&admin, &server, "/admin/automations?try=team%3Anowhere").await;
    assert!(html.contains("No team called"));
    let rule = [
        ("name", "Close quiet pending tickets"),
        ("trigger", "schedule"),
        ("idle", "5d"),
        ("conditions", "status:pending"),
        ("add_tags", "closed-quietly"),
    ];
    let back = post_without_js(&admin, &server, "create_automation", "/admin/automations", &rule).await;
    assert_eq!(back, "/admin/automations?");
    let (_, html) = page(&admin, &server, "/admin/automations").await;
    assert!(html.contains("1. Close quiet pending tickets"));
    assert!(html.contains("When: On a schedule, for tickets unchanged for 5d. If: tickets matching status:pending."));
    assert!(html.contains("Switch Close quiet pending tickets on"), "new rules start off");
}

#[tokio::test]
async fn a_macro_previews_and_acts_without_javascript() {
    let server = TestServer::start().await;
    let alex = server.signed_in("agent@example.com").await;
    let customer = server.signed_in("customer@example.com").await;
    let (_, ticket) = crate::support::call_json(
        &customer,
        &server,
        "create_ticket",
        &[("subject", "Crash on start"), ("body", "It crashes.")],
    )
    .await;
    let ticket = ticket.as_i64().expect("ticket id").to_string();
    let form = [
        ("name", "Ask for the log"),
        ("body", "Hello {{customer.first_name}}, please send the log."),
        ("tags", "needs-log"),
    ];
    let (status, made) = crate::support::call_json(&alex, &server, "create_macro", &form).await;
    assert_eq!(status, StatusCode::OK, "{made}");
    let id = made.as_i64().expect("macro id");
    let (_, html) = page(&alex, &server, &format!("/agent/tickets/{ticket}?macro={id}")).await;
    assert!(html.contains("Hello Casey, please send the log.</textarea>"), "the text, filled in, in the message");
    assert!(html.contains(&format!("name=\"macro_id\" value=\"{id}\"")));
    let form = reqwest::multipart::Form::new()
        .text("ticket_id", ticket.clone())
        .text("visibility", "public")
        .text("body", "Hello Casey, please send the log.")
        .text("macro_id", id.to_string());
    let res = alex
        .post(server.url("/fn/add_message_with_files"))
        .header("accept", "text/html")
        .header("referer", server.url(&format!("/agent/tickets/{ticket}?macro={id}")))
        .multipart(form)
        .send()
        .await
        .expect("send");
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(
        res.headers()["location"].to_str().expect("ascii"),
        format!("/agent/tickets/{ticket}"),
        "not back to the preview"
    );
    let (_, view) = crate::support::call_json(&alex, &server, "get_ticket", &[("id", &ticket)]).await;
    assert_eq!(view["tags"], serde_json::json!(["needs-log"]));
    let (_, macros) = crate::support::call_json(&alex, &server, "load_macros", &[]).await;
    assert_eq!(macros["macros"][0]["usage"], 1);
}
