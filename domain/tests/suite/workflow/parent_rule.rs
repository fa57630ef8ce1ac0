//! The parent/child rule in the update command: a parent waits for its children unless an admin
//! overrides, and the override is audited.

use super::support::desk;
use domain::{DomainError, link_types::Relation, ticket_types::StatusCategory, tickets::commands};

#[tokio::test]
async fn a_parent_waits_for_its_children_unless_an_admin_overrides() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let admin = d.actor("admin@example.com").await;
    let (parent, parent_ref) = d.open(&customer, "Outage").await;
    let (child, child_ref) = d.open(&customer, "Outage: mail").await;
    let (other_child, _) = d.open(&customer, "Outage: chat").await;
    d.link(&agent, child, Relation::Parent, &parent_ref).await.expect("link");
    d.link(&agent, other_child, Relation::Parent, &parent_ref).await.expect("link");
    d.set_status(&agent, other_child, StatusCategory::Solved, false).await.expect("one child solved");

    for category in [StatusCategory::Solved, StatusCategory::Closed] {
        let err = d.set_status(&agent, parent, category, false).await.unwrap_err();
        assert_eq!(err.fields()[0].field, "status_id", "{category:?}");
        assert!(err.fields()[0].message.contains(&child_ref), "names the open child: {err:?}");
    }
    let err = commands::move_to(&d.db, &customer, parent, StatusCategory::Solved).await.unwrap_err();
    assert_eq!(err.fields()[0].field, "status_id", "the customer is held back too");
    assert!(!err.fields()[0].message.contains(&child_ref), "without hearing about the agents' links");
    d.set_status(&agent, parent, StatusCategory::Pending, false).await.expect("other statuses are fine");
    assert_eq!(
        d.set_status(&agent, parent, StatusCategory::Solved, true).await.unwrap_err(),
        DomainError::Forbidden,
        "only admins override"
    );
    assert_eq!(d.view(&agent, parent).await.summary.status.category, StatusCategory::Pending);
    assert!(!d.audit_actions().await.contains(&"ticket.override_open_children".to_owned()));

    d.set_status(&admin, parent, StatusCategory::Solved, true).await.expect("admin override");
    assert_eq!(d.view(&agent, parent).await.summary.status.category, StatusCategory::Solved);
    assert!(d.audit_actions().await.contains(&"ticket.override_open_children".to_owned()));
    assert!(d.history(parent).await.contains(&("child_override".into(), None, Some(child_ref.clone()))));

    let (second, second_ref) = d.open(&customer, "Second outage").await;
    let (kid, _) = d.open(&customer, "Second outage: kid").await;
    d.link(&agent, kid, Relation::Parent, &second_ref).await.expect("link");
    d.set_status(&agent, kid, StatusCategory::Closed, false).await.expect("close the child");
    d.set_status(&agent, second, StatusCategory::Closed, false).await.expect("no open children: no override needed");
}
