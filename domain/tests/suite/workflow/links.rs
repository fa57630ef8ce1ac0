//! Links: shown on both tickets with their history, validated, and kept from customers.

use super::support::{desk, field_of};
use domain::{
    DomainError,
    link_types::Relation,
    ticket_types::{StatusCategory, TimelineEntry},
    tickets::links,
};

#[tokio::test]
async fn links_show_on_both_tickets_and_in_both_histories() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let (a, a_ref) = d.open(&customer, "Printer jams").await;
    let (b, b_ref) = d.open(&customer, "Printer jams again").await;
    let (c, c_ref) = d.open(&customer, "Office move").await;

    d.link(&agent, a, Relation::DuplicateOf, &b_ref).await.expect("duplicate");
    d.link(&agent, a, Relation::Parent, &c_ref.to_lowercase()).await.expect("parent, typed in lower case");
    let mine = d.relations(&agent, a).await;
    let seen: Vec<(Relation, &str)> = mine.links.iter().map(|l| (l.relation, l.ticket.reference.as_str())).collect();
    assert_eq!(seen, [(Relation::DuplicateOf, b_ref.as_str()), (Relation::Parent, c_ref.as_str())]);
    assert_eq!(mine.links[0].ticket.subject, "Printer jams again");
    assert_eq!(mine.links[0].ticket.status.category, StatusCategory::New);
    let theirs = d.relations(&agent, b).await;
    assert_eq!(theirs.links[0].relation, Relation::HasDuplicate);
    assert_eq!(theirs.links[0].ticket.reference, a_ref);
    let parent = d.relations(&agent, c).await;
    assert_eq!((parent.links[0].relation, parent.open_children), (Relation::Child, 1));

    let on_a = d.history(a).await;
    assert!(on_a.contains(&("link".into(), None, Some(format!("duplicate of {b_ref}")))), "{on_a:?}");
    assert!(on_a.contains(&("link".into(), None, Some(format!("child of {c_ref}")))), "{on_a:?}");
    let on_b = d.history(b).await;
    assert!(on_b.contains(&("link".into(), None, Some(format!("has duplicate {a_ref}")))), "{on_b:?}");

    let link = mine.links[0].id;
    links::remove(&d.db, &agent, b, link).await.expect("removed from the other side");
    assert_eq!(d.relations(&agent, a).await.links.len(), 1);
    assert!(d.relations(&agent, b).await.links.is_empty());
    let on_a = d.history(a).await;
    assert_eq!(on_a.last(), Some(&("link".into(), Some(format!("duplicate of {b_ref}")), None)));
    assert_eq!(links::remove(&d.db, &agent, b, link).await.unwrap_err(), DomainError::NotFound);
    let unrelated = d.relations(&agent, a).await.links[0].id;
    assert_eq!(
        links::remove(&d.db, &agent, b, unrelated).await.unwrap_err(),
        DomainError::NotFound,
        "a link of another ticket"
    );
}

#[tokio::test]
async fn links_are_validated() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let (a, a_ref) = d.open(&customer, "A").await;
    let (b, b_ref) = d.open(&customer, "B").await;
    let (c, c_ref) = d.open(&customer, "C").await;
    let (_, p2_ref) = d.open(&customer, "Another parent").await;

    assert_eq!(field_of(d.link(&agent, a, Relation::RelatedTo, &a_ref).await), "reference", "self");
    assert_eq!(field_of(d.link(&agent, a, Relation::RelatedTo, "DKT-99999").await), "reference", "unknown");
    assert_eq!(field_of(d.link(&agent, a, Relation::RelatedTo, "XYZ-1001").await), "reference", "other prefix");
    assert_eq!(field_of(d.link(&agent, a, Relation::MergedInto, &b_ref).await), "relation", "merges are not links");

    d.link(&agent, a, Relation::RelatedTo, &b_ref).await.expect("related");
    assert_eq!(field_of(d.link(&agent, a, Relation::RelatedTo, &b_ref).await), "reference", "same link twice");
    assert_eq!(field_of(d.link(&agent, b, Relation::DuplicateOf, &a_ref).await), "reference", "other way round");

    // d is the parent of c, and c the parent of a and b.
    let (d_id, d_ref) = d.open(&customer, "D").await;
    d.link(&agent, c, Relation::Parent, &d_ref).await.expect("d parent of c");
    d.link(&agent, b, Relation::Parent, &c_ref).await.expect("c parent of b");
    d.link(&agent, c, Relation::Child, &a_ref).await.expect("a child of c, added from c");
    assert_eq!(field_of(d.link(&agent, d_id, Relation::Parent, &c_ref).await), "reference", "a loop of two");
    assert_eq!(field_of(d.link(&agent, d_id, Relation::Parent, &b_ref).await), "reference", "a loop of three");
    assert_eq!(field_of(d.link(&agent, b, Relation::Parent, &p2_ref).await), "reference", "a second parent");
    let (p2, _) = d.open(&customer, "Yet another parent").await;
    assert_eq!(field_of(d.link(&agent, p2, Relation::Child, &b_ref).await), "reference", "a second parent, from above");
    d.link(&agent, p2, Relation::Parent, &d_ref).await.expect("d may have several children");
    let relations = d.relations(&agent, c).await;
    let seen: Vec<(Relation, &str)> =
        relations.links.iter().map(|l| (l.relation, l.ticket.reference.as_str())).collect();
    assert_eq!(
        seen,
        [(Relation::Parent, d_ref.as_str()), (Relation::Child, a_ref.as_str()), (Relation::Child, b_ref.as_str())]
    );
    assert_eq!(relations.open_children, 2);
}

#[tokio::test]
async fn customers_never_see_links() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let stranger = d.actor("hank@globex.example").await;
    let agent = d.actor("agent@example.com").await;
    let (a, _) = d.open(&customer, "Mine").await;
    let (_, b_ref) = d.open(&customer, "Also mine").await;
    d.link(&agent, a, Relation::RelatedTo, &b_ref).await.expect("link");

    let theirs = d.relations(&customer, a).await;
    assert!(theirs.links.is_empty() && theirs.followers.is_empty() && theirs.merged_into.is_none());
    assert_eq!(d.link(&customer, a, Relation::RelatedTo, "DKT-1").await.unwrap_err(), DomainError::Forbidden);
    assert_eq!(d.link(&stranger, a, Relation::RelatedTo, &b_ref).await.unwrap_err(), DomainError::NotFound);
    let link = d.relations(&agent, a).await.links[0].id;
    assert_eq!(links::remove(&d.db, &customer, a, link).await.unwrap_err(), DomainError::Forbidden);
    let events: Vec<String> = d
        .view(&customer, a)
        .await
        .timeline
        .into_iter()
        .filter_map(|e| if let TimelineEntry::Event(e) = e { Some(e.field) } else { None })
        .collect();
    assert_eq!(events, ["created"], "link history is the agents' own");
}
