//! The admin's desk configuration: statuses per category, priorities with one default,
//! categories, the reference prefix; all audited, none open to agents.

use super::support::{desk, field_of};
use domain::{
    DomainError,
    desk_config::{
        categories, prefix,
        priorities::{self, PriorityInput},
        queries,
        statuses::{self, StatusInput},
    },
    ticket_types::StatusCategory,
    tickets::commands::{self, NewTicket},
};

#[tokio::test]
async fn every_category_keeps_an_active_status_and_used_ones_stay() {
    let d = desk().await;
    let admin = d.actor("admin@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let config = queries::load(&d.db, &admin).await.expect("load");
    let new = config.statuses.iter().find(|s| s.category == StatusCategory::New).expect("New").clone();
    let deactivate = |name: &str| StatusInput { name: name.into(), position: 0, active: false };

    assert_eq!(field_of(statuses::update(&d.db, &admin, new.id, deactivate("New")).await), "active", "the last New");
    let triage = statuses::create(&d.db, &admin, "Triage", StatusCategory::New, 1).await.expect("create");
    assert_eq!(field_of(statuses::create(&d.db, &admin, "triage", StatusCategory::Open, 2).await), "name");
    statuses::update(&d.db, &admin, new.id, deactivate("New")).await.expect("another New is active now");
    let (ticket, _) = d.open(&customer, "Lands in triage").await;
    let view = d.view(&customer, ticket).await;
    assert_eq!((view.summary.status.id, view.summary.status.name.as_str()), (triage, "Triage"));

    let err = statuses::delete(&d.db, &admin, triage).await.unwrap_err();
    assert!(matches!(err, DomainError::Conflict(_)), "in use: {err:?}");
    let spare = statuses::create(&d.db, &admin, "Waiting on vendor", StatusCategory::Pending, 9).await.expect("c");
    statuses::delete(&d.db, &admin, spare).await.expect("unused statuses go");
    let config = queries::load(&d.db, &admin).await.expect("load");
    assert!(config.statuses.iter().all(|s| s.id != spare));
    assert_eq!(config.statuses.iter().find(|s| s.id == triage).map(|s| s.tickets), Some(1));
    let actions = d.audit_actions().await;
    for action in ["status.create", "status.update", "status.delete"] {
        assert!(actions.contains(&action.to_owned()), "{action} audited: {actions:?}");
    }
    let agent = d.actor("agent@example.com").await;
    assert_eq!(statuses::delete(&d.db, &agent, spare).await.unwrap_err(), DomainError::Forbidden);
    assert_eq!(queries::load(&d.db, &agent).await.unwrap_err(), DomainError::Forbidden);
}

#[tokio::test]
async fn a_new_prefix_shows_in_every_reference() {
    let d = desk().await;
    let admin = d.actor("admin@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let (old, old_ref) = d.open(&customer, "Before").await;
    assert!(old_ref.starts_with("DKT-"));
    for bad in ["", "HELP-DESK", "ABCDEFGHIJK", "Ä"] {
        assert_eq!(field_of(prefix::set(&d.db, &admin, bad).await), "ticket_prefix", "{bad:?}");
    }
    assert_eq!(prefix::set(&d.db, &admin, " hd2 ").await.expect("set"), "HD2");
    let created = commands::create(
        &d.db,
        &customer,
        NewTicket { subject: "After".into(), body: "x".into(), ..Default::default() },
    )
    .await
    .expect("create");
    assert!(created.reference.starts_with("HD2-"), "{}", created.reference);
    let number = old_ref.trim_start_matches("DKT-");
    assert_eq!(d.view(&customer, old).await.summary.reference, format!("HD2-{number}"));
    assert_eq!(queries::load(&d.db, &admin).await.expect("load").ticket_prefix, "HD2");
    assert!(d.audit_actions().await.contains(&"settings.ticket_prefix".to_owned()));
    let agent = d.actor("agent@example.com").await;
    assert_eq!(prefix::set(&d.db, &agent, "NOPE").await.unwrap_err(), DomainError::Forbidden);
}

#[tokio::test]
async fn priorities_keep_one_active_default() {
    let d = desk().await;
    let admin = d.actor("admin@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let input = |name: &str, is_default, active| PriorityInput { name: name.into(), rank: 5, is_default, active };
    let critical = priorities::create(&d.db, &admin, input("Critical", true, true)).await.expect("create");
    let config = queries::load(&d.db, &admin).await.expect("load");
    let defaults: Vec<&str> = config.priorities.iter().filter(|p| p.is_default).map(|p| p.name.as_str()).collect();
    assert_eq!(defaults, ["Critical"]);
    let (ticket, _) = d.open(&customer, "Gets the default").await;
    assert_eq!(d.view(&customer, ticket).await.summary.priority.name, "Critical");

    assert_eq!(
        field_of(priorities::update(&d.db, &admin, critical, input("Critical", false, true)).await),
        "is_default"
    );
    assert_eq!(field_of(priorities::update(&d.db, &admin, critical, input("Critical", true, false)).await), "active");
    assert_eq!(field_of(priorities::create(&d.db, &admin, input("NORMAL", false, true)).await), "name");
    assert_eq!(field_of(priorities::create(&d.db, &admin, input(" ", false, true)).await), "name");
    let normal = config.priorities.iter().find(|p| p.name == "Normal").expect("Normal").id;
    priorities::update(&d.db, &admin, normal, input("Normal", true, true)).await.expect("back to Normal");
    priorities::update(&d.db, &admin, critical, input("Critical", false, false)).await.expect("retire Critical");
    let config = queries::load(&d.db, &admin).await.expect("load");
    let critical_row = config.priorities.iter().find(|p| p.id == critical).expect("kept");
    assert!(!critical_row.active && !critical_row.is_default && critical_row.tickets == 1);
    assert_eq!(config.priorities.iter().filter(|p| p.is_default).count(), 1);
}

#[tokio::test]
async fn categories_are_named_once_and_retired() {
    let d = desk().await;
    let admin = d.actor("admin@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let hardware = categories::create(&d.db, &admin, "Hardware").await.expect("create");
    assert_eq!(field_of(categories::create(&d.db, &admin, "billing").await), "name");
    assert_eq!(field_of(categories::update(&d.db, &admin, hardware, "Billing", true).await), "name");
    categories::update(&d.db, &admin, hardware, "Devices", false).await.expect("rename and retire");
    let config = queries::load(&d.db, &admin).await.expect("load");
    let row = config.categories.iter().find(|c| c.id == hardware).expect("row");
    assert_eq!((row.name.as_str(), row.active), ("Devices", false));
    let retired =
        NewTicket { subject: "x".into(), body: "y".into(), category_id: Some(hardware), ..Default::default() };
    assert_eq!(field_of(commands::create(&d.db, &customer, retired).await), "category_id", "no longer offered");
    assert_eq!(categories::create(&d.db, &customer, "Mine").await.unwrap_err(), DomainError::Forbidden);
    let actions = d.audit_actions().await;
    assert!(actions.contains(&"category.create".to_owned()) && actions.contains(&"category.update".to_owned()));
}
