//! Merging: messages move with their authors and times, the source closes with a pointer, both
//! histories say so, the requester is told, and only tickets with the same customers merge.

use super::support::{desk, field_of};
use domain::{
    DomainError,
    link_types::Relation,
    ticket_types::{MessageView, StatusCategory, TicketView, TimelineEntry, Visibility},
    tickets::{commands, followers, links, merge},
};

fn messages(view: &TicketView) -> Vec<MessageView> {
    view.timeline
        .iter()
        .filter_map(|e| if let TimelineEntry::Message(m) = e { Some(m.clone()) } else { None })
        .collect()
}

#[tokio::test]
async fn merging_moves_the_conversation_and_closes_the_source() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let sam = d.actor("sam.rivera@example.com").await;
    let (source, source_ref) = d.open(&customer, "VPN drops").await;
    let (target, target_ref) = d.open(&customer, "VPN unstable").await;
    commands::add_message(&d.db, &agent, source, Visibility::Public, "Which client version?").await.expect("reply");
    commands::add_message(&d.db, &agent, source, Visibility::Internal, "Probably the 4.2 bug").await.expect("note");
    followers::follow(&d.db, &sam, source).await.expect("follow");
    let before = messages(&d.view(&agent, source).await);

    let unconfirmed = merge::merge(&d.db, &agent, source, &target_ref, false).await;
    assert_eq!(field_of(unconfirmed), "confirm");
    assert_eq!(messages(&d.view(&agent, source).await), before, "nothing moved without confirmation");
    let merged = merge::merge(&d.db, &agent, source, &target_ref, true).await.expect("merge");
    assert_eq!((merged.id, merged.reference.as_str()), (target, target_ref.as_str()));

    let on_target = messages(&d.view(&agent, target).await);
    for moved in &before {
        let found = on_target.iter().find(|m| m.id == moved.id).expect("moved");
        assert_eq!(
            (&found.author_name, found.created_at, found.visibility),
            (&moved.author_name, moved.created_at, moved.visibility)
        );
    }
    let system = on_target.last().expect("system line");
    assert_eq!((system.author_name.as_str(), system.visibility), ("Docket", Visibility::Public));
    assert!(system.body_html.contains(&source_ref), "{}", system.body_html);

    let closed = d.view(&agent, source).await;
    assert_eq!(closed.summary.status.category, StatusCategory::Closed);
    let left = messages(&closed);
    assert_eq!(left.len(), 1, "only the pointer stays on the source");
    assert!(left[0].body_html.contains(&target_ref));
    assert_eq!(d.relations(&agent, source).await.merged_into.map(|t| t.id), Some(target));
    let from_target = d.relations(&agent, target).await;
    assert_eq!(from_target.links[0].relation, Relation::MergedFrom);
    assert!(from_target.followers.iter().any(|f| f.name == "Sam Rivera"), "followers come along");
    assert!(d.history(source).await.contains(&("merged_into".into(), None, Some(target_ref.clone()))));
    assert!(d.history(target).await.contains(&("merged".into(), None, Some(source_ref.clone()))));

    // The requester is told: the pointer on their old request, the system line on the new one.
    assert_eq!(d.relations(&customer, source).await.merged_into.map(|t| t.reference), Some(target_ref.clone()));
    let theirs = messages(&d.view(&customer, target).await);
    assert!(theirs.iter().any(|m| m.body_html.contains(&source_ref)));
    assert!(!theirs.iter().any(|m| m.body_html.contains("4.2 bug")), "the moved note stays internal");
    assert!(theirs.iter().any(|m| m.body_html.contains("Which client version?")));

    let link = d.relations(&agent, target).await.links[0].id;
    assert!(matches!(links::remove(&d.db, &agent, target, link).await, Err(DomainError::InvalidTransition(_))));
    assert!(matches!(
        merge::merge(&d.db, &agent, source, &target_ref, true).await,
        Err(DomainError::InvalidTransition(_))
    ));
}

#[tokio::test]
async fn only_tickets_with_the_same_customers_merge() {
    let d = desk().await;
    let agent = d.actor("agent@example.com").await;
    let casey = d.actor("customer@example.com").await; // Acme, which shares tickets
    let wile = d.actor("wile@acme.example").await; // Acme
    let hank = d.actor("hank@globex.example").await; // Globex, which does not share
    let frank = d.actor("frank@globex.example").await;
    let lee = d.actor("lee@fastmail.example").await; // no organization

    let (hank_ticket, _) = d.open(&hank, "Hank's").await;
    let (_, frank_ref) = d.open(&frank, "Frank's").await;
    let (_, lee_ref) = d.open(&lee, "Lee's").await;
    let (casey_ticket, casey_ref) = d.open(&casey, "Casey's").await;
    let (wile_ticket, _) = d.open(&wile, "Wile's").await;

    assert_eq!(field_of(merge::merge(&d.db, &agent, hank_ticket, &frank_ref, true).await), "target", "no sharing");
    assert_eq!(field_of(merge::merge(&d.db, &agent, hank_ticket, &lee_ref, true).await), "target", "no organization");
    assert_eq!(
        field_of(merge::merge(&d.db, &agent, casey_ticket, &lee_ref, true).await),
        "target",
        "shared vs private"
    );
    assert_eq!(field_of(merge::merge(&d.db, &agent, casey_ticket, &casey_ref, true).await), "target", "itself");
    assert_eq!(field_of(merge::merge(&d.db, &agent, casey_ticket, "DKT-99999", true).await), "target", "unknown");
    assert_eq!(field_of(merge::merge(&d.db, &agent, casey_ticket, "nonsense", true).await), "target", "unparsable");
    assert_eq!(merge::merge(&d.db, &casey, casey_ticket, &casey_ref, true).await.unwrap_err(), DomainError::Forbidden);
    assert_eq!(merge::merge(&d.db, &hank, casey_ticket, &casey_ref, true).await.unwrap_err(), DomainError::NotFound);

    let (closed, closed_ref) = d.open(&casey, "Old").await;
    d.set_status(&agent, closed, StatusCategory::Closed, false).await.expect("close");
    assert_eq!(field_of(merge::merge(&d.db, &agent, casey_ticket, &closed_ref, true).await), "target", "closed target");

    // Both in Acme, which shares: everyone who could read one could read the other.
    merge::merge(&d.db, &agent, wile_ticket, &casey_ref, true).await.expect("same audience");
    let on_casey = messages(&d.view(&wile, casey_ticket).await);
    assert!(on_casey.iter().any(|m| m.body_html.contains("About: Wile's") && m.author_name == "Wile E. Coyote"));
    assert_eq!(
        d.view(&hank, hank_ticket).await.summary.status.category,
        StatusCategory::New,
        "refusals change nothing"
    );
}

#[tokio::test]
async fn a_parent_with_open_children_is_not_merged_away() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let (parent, parent_ref) = d.open(&customer, "Parent").await;
    let (child, _) = d.open(&customer, "Child").await;
    let (_, target_ref) = d.open(&customer, "Target").await;
    d.link(&agent, child, Relation::Parent, &parent_ref).await.expect("link");
    assert_eq!(field_of(merge::merge(&d.db, &agent, parent, &target_ref, true).await), "target");
    d.set_status(&agent, child, StatusCategory::Solved, false).await.expect("solve the child");
    merge::merge(&d.db, &agent, parent, &target_ref, true).await.expect("merge once the child is solved");
}
