//! Agents' notifications, written with the change: assigned, a customer's reply to the assignee
//! and followers, an @mention in a note; never for one's own doing, never for customers.

use super::support::{Desk, desk};
use domain::{
    Actor, DomainError,
    notifications::{
        commands as marks, queries,
        types::{NotificationKind, NotificationView},
    },
    ticket_types::Visibility,
    tickets::{
        commands::{self, TicketChanges},
        followers,
    },
};

async fn inbox(d: &Desk, who: &Actor) -> Vec<NotificationView> {
    d.settle().await;
    queries::list(&d.db, who, None).await.expect("list").items
}

async fn kinds(d: &Desk, who: &Actor) -> Vec<(NotificationKind, String)> {
    inbox(d, who).await.into_iter().map(|n| (n.kind, n.ticket_reference)).collect()
}

async fn assign(d: &Desk, who: &Actor, ticket: i64, to: &Actor) {
    let to = to.principal().map(|p| p.user_id);
    let changes = TicketChanges { assignee_id: Some(to), ..Default::default() };
    commands::update(&d.db, who, ticket, changes).await.expect("assign");
}

#[tokio::test]
async fn assignment_notifies_the_new_assignee_but_not_oneself() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let sam = d.actor("sam.rivera@example.com").await;
    let (ticket, reference) = d.open(&customer, "Assign me").await;

    assign(&d, &agent, ticket, &sam).await;
    assert_eq!(kinds(&d, &sam).await, [(NotificationKind::Assigned, reference.clone())]);
    let note = &inbox(&d, &sam).await[0];
    assert_eq!((note.actor_name.as_str(), note.ticket_subject.as_str(), note.read), ("Alex Agent", "Assign me", false));
    assign(&d, &agent, ticket, &agent).await;
    assert!(kinds(&d, &agent).await.is_empty(), "assigning oneself is no news");
    assert_eq!(queries::unread_count(&d.db, &sam).await.expect("count"), 1);
    assert_eq!(queries::badge(&d.db, &sam).await.expect("badge"), Some(1));
}

#[tokio::test]
async fn a_customer_reply_reaches_the_assignee_and_the_followers_once() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let sam = d.actor("sam.rivera@example.com").await;
    let priya = d.actor("priya.natarajan@example.com").await;
    let jordan = d.actor("jordan.lee@example.com").await;
    let (ticket, reference) = d.open(&customer, "Reply to me").await;
    assign(&d, &agent, ticket, &sam).await; // Sam follows as the assignee
    followers::follow(&d.db, &priya, ticket).await.expect("follow");
    followers::follow(&d.db, &jordan, ticket).await.expect("follow");
    followers::unfollow(&d.db, &jordan, ticket).await.expect("unfollow");
    let relations = d.relations(&agent, ticket).await;
    let names: Vec<&str> = relations.followers.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Sam Rivera", "Priya Natarajan"]);
    assert!(!relations.following);
    assert!(d.relations(&priya, ticket).await.following);
    assert!(d.history(ticket).await.contains(&("follower".into(), Some("Jordan Lee".into()), None)));

    commands::add_message(&d.db, &agent, ticket, Visibility::Public, "Agents' replies notify nobody").await.expect("r");
    commands::add_message(&d.db, &customer, ticket, Visibility::Public, "Any news?").await.expect("reply");
    let replied = (NotificationKind::CustomerReplied, reference.clone());
    assert_eq!(kinds(&d, &sam).await, [replied.clone(), (NotificationKind::Assigned, reference.clone())]);
    assert_eq!(kinds(&d, &priya).await, [replied]);
    assert!(kinds(&d, &jordan).await.is_empty(), "unfollowed");
    assert!(kinds(&d, &agent).await.is_empty(), "neither assignee nor follower");
}

#[tokio::test]
async fn mentions_in_notes_reach_agents_only() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let sam = d.actor("sam.rivera@example.com").await;
    let (ticket, reference) = d.open(&customer, "Mention test").await;
    let note =
        "@Sam.Rivera please check; @customer and @nobody are not agents; @agent is me; mail jordan.lee@example.com";
    commands::add_message(&d.db, &agent, ticket, Visibility::Internal, note).await.expect("note");
    assert_eq!(kinds(&d, &sam).await, [(NotificationKind::Mentioned, reference)]);
    assert!(kinds(&d, &agent).await.is_empty(), "mentioning oneself");
    assert!(kinds(&d, &d.actor("jordan.lee@example.com").await).await.is_empty(), "an email address is no mention");
    assert!(d.relations(&agent, ticket).await.following, "a note's author follows");
    commands::add_message(&d.db, &agent, ticket, Visibility::Public, "@sam.rivera in a reply").await.expect("reply");
    d.settle().await;
    assert_eq!(queries::unread_count(&d.db, &sam).await.expect("count"), 1, "only notes mention");

    assert_eq!(queries::list(&d.db, &customer, None).await.unwrap_err(), DomainError::Forbidden);
    assert_eq!(queries::badge(&d.db, &customer).await.expect("badge"), None);
    assert_eq!(queries::badge(&d.db, &Actor::Anonymous).await.expect("badge"), None);
    assert_eq!(queries::unread_count(&d.db, &Actor::Anonymous).await.unwrap_err(), DomainError::Unauthenticated);
}

#[tokio::test]
async fn notifications_page_newest_first_and_are_marked_read() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let sam = d.actor("sam.rivera@example.com").await;
    let mut references = Vec::new();
    for n in 0..30 {
        let (ticket, reference) = d.open(&customer, &format!("Ticket {n}")).await;
        assign(&d, &agent, ticket, &sam).await;
        references.push(reference);
    }
    d.settle().await;
    let first = queries::list(&d.db, &sam, None).await.expect("page 1");
    assert_eq!(first.items.len(), queries::PAGE_SIZE as usize);
    assert_eq!(first.items[0].ticket_reference, references[29], "newest first");
    let cursor = first.next_cursor.expect("more").parse::<i64>().expect("id");
    let second = queries::list(&d.db, &sam, Some(cursor)).await.expect("page 2");
    assert_eq!(second.items.len(), 5);
    assert_eq!(second.items[4].ticket_reference, references[0]);
    assert!(second.next_cursor.is_none());

    let one = first.items[0].id;
    assert_eq!(marks::mark_read(&d.db, &agent, one).await.unwrap_err(), DomainError::NotFound, "not theirs");
    marks::mark_read(&d.db, &sam, one).await.expect("mark");
    marks::mark_read(&d.db, &sam, one).await.expect("twice is fine");
    assert_eq!(queries::unread_count(&d.db, &sam).await.expect("count"), 29);
    assert!(inbox(&d, &sam).await[0].read);
    assert_eq!(marks::mark_all_read(&d.db, &sam).await.expect("all"), 29);
    assert_eq!(queries::unread_count(&d.db, &sam).await.expect("count"), 0);
    assert_eq!(marks::mark_all_read(&d.db, &customer).await.unwrap_err(), DomainError::Forbidden);
}
