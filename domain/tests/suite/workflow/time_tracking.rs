//! Time tracking on a real database: agents log time typed or with a reply, see the ticket's
//! total, change and delete only their own entries (admins any), customers never log or see
//! it, and the admin's rule holds solving until time is logged.

use super::support::{desk, field_of};
use domain::{
    DomainError,
    ticket_types::{StatusCategory, Visibility},
    tickets::commands,
    time_tracking::entries::{self, EntryInput},
};

fn spent(duration: &str) -> EntryInput {
    EntryInput { duration: duration.into(), ..Default::default() }
}

#[tokio::test]
async fn time_is_logged_totalled_kept_by_its_owner_and_required_when_asked() {
    let d = desk().await;
    let admin = d.admin().await;
    let alex = d.actor("agent@example.com").await;
    let sam = d.actor("sam.rivera@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let (id, _) = d.open(&customer, "Printer jams").await;

    let first = entries::log(&d.db, &alex, id, EntryInput { note: "Cleared the tray".into(), ..spent("1h 30m") })
        .await
        .expect("typed");
    commands::add_message_with_time(
        &d.db,
        &sam,
        id,
        Visibility::Internal,
        "Ordered a roller",
        Vec::new(),
        Some(spent("20m")),
    )
    .await
    .expect("with a note");
    assert_eq!(field_of(entries::log(&d.db, &alex, id, spent("soon")).await), "duration");
    let tomorrow = (domain::clock::now() + chrono::Duration::days(1)).format("%Y-%m-%d").to_string();
    let future = EntryInput { worked_on: tomorrow, ..spent("5m") };
    assert_eq!(field_of(entries::log(&d.db, &alex, id, future).await), "worked_on");
    assert_eq!(entries::log(&d.db, &customer, id, spent("5m")).await, Err(DomainError::Forbidden));
    let bad_reply =
        commands::add_message_with_time(&d.db, &sam, id, Visibility::Internal, "Lost?", Vec::new(), Some(spent("0")))
            .await;
    assert_eq!(field_of(bad_reply), "duration", "a bad time keeps the message out too");

    let view = d.view(&alex, id).await;
    let time = view.time.expect("staff see time");
    assert_eq!(time.total_minutes, 110);
    let shown: Vec<(i64, bool, bool)> =
        time.entries.iter().map(|e| (e.minutes, e.editable, e.message_id.is_some())).collect();
    assert_eq!(shown, [(20, false, true), (90, true, false)], "newest first; only one's own is editable");
    assert!(!view.timeline.is_empty());
    assert_eq!(d.view(&customer, id).await.time, None, "customers never see time");
    let notes: Vec<String> =
        d.history(id).await.into_iter().filter(|(f, _, _)| f == "time").filter_map(|(_, _, n)| n).collect();
    assert_eq!(notes, ["logged 1 h 30 min", "logged 20 min"]);

    let sams = time.entries[0].id;
    assert_eq!(entries::update(&d.db, &alex, sams, spent("25m")).await, Err(DomainError::Forbidden));
    assert_eq!(entries::delete(&d.db, &alex, sams).await, Err(DomainError::Forbidden));
    entries::update(&d.db, &alex, first, EntryInput { note: "Tray and rollers".into(), ..spent("1:45") })
        .await
        .expect("own");
    entries::delete(&d.db, &admin, sams).await.expect("admins keep any");
    let time = d.view(&alex, id).await.time.expect("time");
    assert_eq!((time.total_minutes, time.entries[0].note.as_str()), (105, "Tray and rollers"));

    // With the rule on, a ticket without time waits for it.
    entries::set_required(&d.db, &admin, true).await.expect("rule");
    assert_eq!(entries::set_required(&d.db, &alex, false).await, Err(DomainError::Forbidden));
    let (bare, _) = d.open(&customer, "Nothing logged").await;
    match d.set_status(&alex, bare, StatusCategory::Solved, false).await {
        Err(DomainError::Validation(errors)) => assert_eq!(errors[0].message, "Log the time spent before solving"),
        other => panic!("expected the time rule, got {other:?}"),
    }
    d.set_status(&alex, id, StatusCategory::Solved, false).await.expect("time was logged");
    d.set_status(&customer, bare, StatusCategory::Solved, false).await.expect("customers solve their own freely");
    assert!(d.audit_actions().await.iter().any(|a| a == "settings.time_required"));
}
