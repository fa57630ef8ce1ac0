//! Due dates and the calendar on a real database: staff set, change and clear a ticket's due
//! date (checked, in its history, hidden from customers); the calendar shows it on its day for
//! the assignee, their team and a saved view that selects it, never once it is solved; SLA
//! deadlines show on theirs; the ICS feed opens by its secret only while it is the live one.

use super::support::{desk, field_of};
use chrono::{Duration, NaiveDate};
use domain::{
    DomainError,
    calendar::{
        entries, feed, feed_tokens,
        types::{CalendarPage, CalendarScope, CalendarSpan, EntryKind},
    },
    desk_config::Config,
    entities::ticket,
    policy::Actor,
    ticket_filter::Sort,
    ticket_types::StatusCategory,
    tickets::commands::{self, TicketChanges},
};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// The (kind, day) of every entry of `ticket_id` on the page.
fn entries_of(page: &CalendarPage, ticket_id: i64) -> Vec<(EntryKind, NaiveDate)> {
    page.weeks
        .iter()
        .flatten()
        .flat_map(|d| &d.entries)
        .filter(|e| e.ticket_id == ticket_id)
        .map(|e| (e.kind, e.day))
        .collect()
}

async fn due(d: &super::support::Desk, who: &Actor, id: i64, due_on: Option<NaiveDate>) -> Result<(), DomainError> {
    commands::update(&d.db, who, id, TicketChanges { due_on: Some(due_on), ..Default::default() }).await.map(|_| ())
}

#[tokio::test]
async fn due_dates_show_on_the_calendar_of_whoever_may_see_them() {
    let d = desk().await;
    let alex = d.actor("agent@example.com").await;
    let sam = d.actor("sam.rivera@example.com").await;
    let priya = d.actor("priya.natarajan@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let config = Config::load(&d.db).await.expect("config");
    let support = config.teams.iter().find(|t| t.name == "Support").expect("Support").id;
    let alex_id = alex.principal().expect("alex").user_id;

    let (id, _) = d.open(&customer, "Plan the office move").await;
    let assign = TicketChanges {
        assignee_id: Some(Some(alex_id)),
        team_id: Some(Some(support)),
        tags: Some("office".into()),
        due_on: Some(Some(day("2031-03-12"))),
        ..Default::default()
    };
    commands::update(&d.db, &alex, id, assign).await.expect("assigned and due");
    assert!(d.history(id).await.contains(&("due date".into(), None, Some("2031-03-12".into()))));
    assert_eq!(d.view(&alex, id).await.due_on, Some(day("2031-03-12")));
    assert_eq!(d.view(&customer, id).await.due_on, None, "an agents' planning field");
    assert_eq!(due(&d, &customer, id, Some(day("2031-03-13"))).await, Err(DomainError::Forbidden));
    assert_eq!(field_of(due(&d, &alex, id, Some(day("1999-12-31"))).await), "due_on");

    // March 2031 runs Saturday to Monday: the grid is Monday 24 February to Sunday 6 April.
    let db = &d.db;
    let month = |who: Actor, scope| async move {
        entries::page(db, &who, scope, CalendarSpan::Month, day("2031-03-05")).await.expect("page")
    };
    let mine = month(alex, CalendarScope::Mine).await;
    assert_eq!(
        (mine.weeks.len(), mine.weeks[0][0].day, mine.weeks[5][6].day),
        (6, day("2031-02-24"), day("2031-04-06"))
    );
    assert!(!mine.weeks[0][0].in_period && mine.weeks[0][5].in_period);
    assert_eq!((mine.title.as_str(), mine.previous, mine.next), ("March 2031", day("2031-02-01"), day("2031-04-01")));
    assert_eq!(entries_of(&mine, id), [(EntryKind::Due, day("2031-03-12"))]);
    let entry = mine.weeks.iter().flatten().flat_map(|d| &d.entries).find(|e| e.ticket_id == id).expect("entry");
    assert_eq!(
        (entry.subject.as_str(), entry.overdue, entry.assignee.as_deref()),
        ("Plan the office move", false, Some("Alex Agent"))
    );

    assert!(entries_of(&month(sam, CalendarScope::Mine).await, id).is_empty(), "not Sam's ticket");
    assert_eq!(entries_of(&month(sam, CalendarScope::MyTeams).await, id).len(), 1, "Sam is in Support");
    assert!(entries_of(&month(priya, CalendarScope::MyTeams).await, id).is_empty(), "Priya is in Billing only");

    let view =
        domain::saved_views::save(&d.db, &priya, "Office", "tag:office", Sort::Updated, false).await.expect("view");
    assert_eq!(entries_of(&month(priya, CalendarScope::View(view)).await, id).len(), 1);
    assert_eq!(
        entries::page(&d.db, &sam, CalendarScope::View(view), CalendarSpan::Month, day("2031-03-05")).await,
        Err(DomainError::NotFound),
        "Priya's view is her own"
    );

    let week = |anchor| entries::page(&d.db, &alex, CalendarScope::Mine, CalendarSpan::Week, day(anchor));
    let this_week = week("2031-03-14").await.expect("week");
    assert_eq!((this_week.weeks.len(), this_week.weeks[0][0].day), (1, day("2031-03-10")));
    assert_eq!(entries_of(&this_week, id).len(), 1);
    assert!(entries_of(&week("2031-03-17").await.expect("next week"), id).is_empty());
    assert_eq!(
        entries::page(&d.db, &customer, CalendarScope::Mine, CalendarSpan::Month, day("2031-03-05")).await,
        Err(DomainError::Forbidden)
    );

    // Moved, then solved: gone from the calendar; cleared: its history says so.
    due(&d, &alex, id, Some(day("2031-03-20"))).await.expect("moved");
    assert_eq!(entries_of(&month(alex, CalendarScope::Mine).await, id), [(EntryKind::Due, day("2031-03-20"))]);
    d.set_status(&alex, id, StatusCategory::Solved, false).await.expect("solved");
    assert!(entries_of(&month(alex, CalendarScope::Mine).await, id).is_empty());
    due(&d, &alex, id, None).await.expect("cleared");
    assert!(d.history(id).await.contains(&("due date".into(), Some("2031-03-20".into()), None)));

    // An open ticket under an SLA shows its next deadline on that deadline's day (the test desk
    // has no policies: the deadline is written as the SLA would write it).
    let (other, _) = d.open(&customer, "Laptop will not boot").await;
    let mine = TicketChanges { assignee_id: Some(Some(alex_id)), ..Default::default() };
    commands::update(&d.db, &alex, other, mine).await.expect("assigned");
    let deadline = day("2031-03-14").and_hms_opt(16, 30, 0).expect("time").and_utc();
    let row = ticket::Entity::find_by_id(other).one(&d.db).await.expect("read").expect("ticket");
    let mut row = row.into_active_model();
    row.sla_due_at = Set(Some(deadline));
    row.update(&d.db).await.expect("deadline");
    let page = entries::page(&d.db, &alex, CalendarScope::Mine, CalendarSpan::Week, deadline.date_naive())
        .await
        .expect("page");
    assert_eq!(entries_of(&page, other), [(EntryKind::Sla, deadline.date_naive())]);
}

#[tokio::test]
async fn the_feed_opens_by_its_live_secret_only() {
    let d = desk().await;
    let alex = d.actor("agent@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let alex_id = alex.principal().expect("alex").user_id;
    let (id, reference) = d.open(&customer, "Renew the certificate").await;
    let soon = domain::clock::now().date_naive() + Duration::days(5);
    let changes = TicketChanges { assignee_id: Some(Some(alex_id)), due_on: Some(Some(soon)), ..Default::default() };
    commands::update(&d.db, &alex, id, changes).await.expect("due");

    assert_eq!(feed_tokens::status(&d.db, &alex).await.expect("status"), None);
    assert_eq!(feed_tokens::create(&d.db, &customer).await, Err(DomainError::Forbidden));
    let secret_of = |path: String| path.trim_start_matches("/calendar/").trim_end_matches(".ics").to_owned();
    let first = secret_of(feed_tokens::create(&d.db, &alex).await.expect("feed"));
    let text = feed::ics(&d.db, &first).await.expect("read").expect("a live feed");
    assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
    assert!(text.contains(&format!("SUMMARY:Due: {reference} Renew the certificate")), "{text}");
    assert!(text.contains(&format!("DTSTART;VALUE=DATE:{}", soon.format("%Y%m%d"))), "{text}");
    assert!(text.contains(&format!("/agent/tickets/{id}")), "{text}");
    assert!(feed_tokens::status(&d.db, &alex).await.expect("status").is_some());

    // A new address retires the old one; stopping the feed retires both.
    let second = secret_of(feed_tokens::create(&d.db, &alex).await.expect("new feed"));
    assert_eq!(feed::ics(&d.db, &first).await.expect("read"), None);
    assert!(feed::ics(&d.db, &second).await.expect("read").is_some());
    assert!(feed_tokens::revoke(&d.db, &alex).await.expect("revoked"));
    assert_eq!(feed::ics(&d.db, &second).await.expect("read"), None);
    assert!(!feed_tokens::revoke(&d.db, &alex).await.expect("nothing left"));
    assert_eq!(feed_tokens::status(&d.db, &alex).await.expect("status"), None);
    assert_eq!(feed::ics(&d.db, "not-a-secret").await.expect("read"), None);
    let audit = d.audit_actions().await;
    assert_eq!(audit.iter().filter(|a| *a == "calendar_feed.created").count(), 2);
    assert_eq!(audit.iter().filter(|a| *a == "calendar_feed.revoked").count(), 1);
}
