//! Macros on a real database: an agent's own and the shared ones, text filled in for the ticket,
//! actions applied with the reply and the use counted; nobody uses or changes another agent's.

use super::support::{desk, field_of};
use domain::{
    DomainError,
    desk_config::Config,
    macros::{
        commands::{self, MacroInput},
        queries, reply,
        types::MacroAssign,
    },
    ticket_types::{StatusCategory, Visibility},
};

#[tokio::test]
async fn a_macro_fills_in_the_ticket_and_does_its_actions() {
    let d = desk().await;
    let admin = d.admin().await;
    let alex = d.actor("agent@example.com").await;
    let sam = d.actor("sam.rivera@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let config = Config::load(&d.db).await.expect("config");
    let pending = config.statuses.iter().find(|s| s.category == StatusCategory::Pending).expect("pending").id;
    let mine = MacroInput {
        name: "Ask for the log".into(),
        body: "Hello {{customer.first_name}}, could you send the log for {{ticket.reference}}? {{agent.first_name}}"
            .into(),
        status_id: Some(pending),
        tags: "needs-log".into(),
        assign: MacroAssign::Me,
        shared: false,
    };
    let ask = commands::create(&d.db, &alex, mine.clone()).await.expect("personal");
    assert_eq!(field_of(commands::create(&d.db, &alex, mine.clone()).await), "name", "one name per owner");
    let shared = MacroInput {
        shared: true,
        name: "Thanks".into(),
        body: "Thank you, {{customer.name}}.".into(),
        ..Default::default()
    };
    assert_eq!(field_of(commands::create(&d.db, &alex, shared.clone()).await), "shared", "agents do not share");
    let thanks = commands::create(&d.db, &admin, shared).await.expect("shared");
    let bad = MacroInput { name: "Bad".into(), body: "Hi {{customer.nickname}}".into(), ..Default::default() };
    assert_eq!(field_of(commands::create(&d.db, &alex, bad).await), "body");

    let (id, reference) = d.open(&customer, "The app crashes").await;
    let offered = queries::for_ticket(&d.db, &alex, id).await.expect("offered");
    let names: Vec<&str> = offered.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Ask for the log", "Thanks"]);
    assert_eq!(offered[0].text, format!("Hello Casey, could you send the log for {reference}? Alex"));
    assert_eq!(offered[0].actions, "status Pending; add tags needs-log; assign to you");
    let for_sam: Vec<String> =
        queries::for_ticket(&d.db, &sam, id).await.expect("sam").into_iter().map(|m| m.name).collect();
    assert_eq!(for_sam, ["Thanks"], "Alex's own macro is his");

    reply::send(&d.db, &alex, id, Visibility::Public, &offered[0].text, Vec::new(), Some(ask), None)
        .await
        .expect("send");
    let view = d.view(&admin, id).await;
    assert_eq!(view.summary.status.category, StatusCategory::Pending);
    assert_eq!(view.tags, ["needs-log"]);
    assert_eq!(view.summary.assignee.map(|a| a.name).as_deref(), Some("Alex Agent"));
    let page = queries::page(&d.db, &alex).await.expect("page");
    assert_eq!(page.macros.iter().find(|m| m.id == ask).map(|m| m.usage), Some(1));

    let used = reply::send(&d.db, &sam, id, Visibility::Internal, "Looking", Vec::new(), Some(ask), None).await;
    assert_eq!(field_of(used), "macro_id");
    assert_eq!(commands::delete(&d.db, &sam, ask).await, Err(DomainError::NotFound));
    assert_eq!(commands::delete(&d.db, &alex, thanks).await, Err(DomainError::Forbidden));
    commands::delete(&d.db, &admin, thanks).await.expect("admins keep the shared ones");
}
