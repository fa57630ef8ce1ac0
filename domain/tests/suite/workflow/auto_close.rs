//! Solved tickets close by themselves after the admin's number of days, through the scheduler
//! and a manual clock: not a minute early, not when the customer answered meanwhile, never when
//! the rule is off, and tickets solved before the rule existed get their time too.

use super::support::{Desk, desk};
use chrono::Duration;
use domain::{
    Actor, auto_close,
    clock::Clock,
    entities::ticket,
    jobs::registry,
    ticket_types::{StatusCategory, Visibility},
    tickets::commands,
};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

async fn category(d: &Desk, who: &Actor, id: i64) -> StatusCategory {
    d.view(who, id).await.summary.status.category
}

#[tokio::test]
async fn a_solved_ticket_closes_after_seven_days_unless_the_customer_answers() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let clock = Clock::manual(chrono::Utc::now());
    let runner = registry::runner(d.db.clone(), clock.clone());
    let (quiet, _) = d.open(&customer, "Solved and quiet").await;
    let (answered, _) = d.open(&customer, "Solved, then answered").await;
    clock
        .scope(async {
            d.set_status(&agent, quiet, StatusCategory::Solved, false).await.expect("solve");
            d.set_status(&agent, answered, StatusCategory::Solved, false).await.expect("solve");
        })
        .await;
    runner.run_due().await.expect("run"); // the changes' own reactions: mail to the customer
    assert_eq!(category(&d, &agent, quiet).await, StatusCategory::Solved, "nothing closes at once");
    assert_eq!(runner.run_due().await.expect("run"), 0, "nothing else is due yet");

    clock.advance(Duration::days(3));
    clock
        .scope(commands::add_message(&d.db, &customer, answered, Visibility::Public, "Still broken, sorry"))
        .await
        .expect("customer reply");
    assert_eq!(category(&d, &agent, answered).await, StatusCategory::Open, "the reply reopened it");

    clock.advance(Duration::days(4) - Duration::minutes(1));
    runner.run_due().await.expect("run");
    assert_eq!(category(&d, &agent, quiet).await, StatusCategory::Solved, "not a minute early");

    clock.advance(Duration::minutes(1));
    runner.run_due().await.expect("run");
    assert_eq!(category(&d, &agent, quiet).await, StatusCategory::Closed);
    assert_eq!(category(&d, &agent, answered).await, StatusCategory::Open, "the answered one stays open");
    let history = d.history(quiet).await;
    let last = history.last().expect("history");
    assert_eq!((last.0.as_str(), last.2.as_deref()), ("status", Some("Closed")));
}

#[tokio::test]
async fn the_setting_decides_and_zero_means_never() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let admin = d.actor("admin@example.com").await;
    assert_eq!(auto_close::days(&d.db).await.expect("days"), auto_close::DEFAULT_DAYS);
    assert!(auto_close::set_days(&d.db, &agent, "3").await.is_err(), "agents do not configure the desk");
    assert!(auto_close::set_days(&d.db, &admin, "400").await.is_err());
    assert_eq!(auto_close::set_days(&d.db, &admin, "2").await.expect("set"), 2);
    let clock = Clock::manual(chrono::Utc::now());
    let runner = registry::runner(d.db.clone(), clock.clone());
    let (two_days, _) = d.open(&customer, "Two days").await;
    clock.scope(d.set_status(&agent, two_days, StatusCategory::Solved, false)).await.expect("solve");
    clock.advance(Duration::days(2));
    runner.run_due().await.expect("run");
    assert_eq!(category(&d, &agent, two_days).await, StatusCategory::Closed);

    auto_close::set_days(&d.db, &admin, "0").await.expect("off");
    let (never, _) = d.open(&customer, "Never").await;
    clock.scope(d.set_status(&agent, never, StatusCategory::Solved, false)).await.expect("solve");
    clock.advance(Duration::days(400));
    runner.run_due().await.expect("run");
    assert_eq!(category(&d, &agent, never).await, StatusCategory::Solved);
    assert!(d.audit_actions().await.contains(&"settings.auto_close_days".to_owned()));
}

#[tokio::test]
async fn tickets_solved_before_the_rule_close_no_sooner_than_its_days_from_now() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    // Solved a month ago, before the rule existed: written straight to the rows, so no job.
    let solved_status = d.status_id(StatusCategory::Solved).await;
    let mut old = Vec::new();
    for subject in ["Solved last month", "Also solved last month"] {
        let (id, _) = d.open(&customer, subject).await;
        let row = ticket::Entity::find_by_id(id).one(&d.db).await.expect("query").expect("ticket");
        let mut row = row.into_active_model();
        row.status_id = Set(solved_status);
        row.solved_at = Set(Some(chrono::Utc::now() - Duration::days(30)));
        row.update(&d.db).await.expect("solve in the past");
        old.push(id);
    }
    assert_eq!(auto_close::backfill(&d.db).await.expect("backfill"), 2);
    assert_eq!(auto_close::backfill(&d.db).await.expect("again"), 0, "each ticket gets one job");
    let clock = Clock::manual(chrono::Utc::now() + Duration::days(6));
    let runner = registry::runner(d.db.clone(), clock.clone());
    runner.run_due().await.expect("run");
    assert_eq!(category(&d, &agent, old[0]).await, StatusCategory::Solved, "old tickets get the days too");
    clock.advance(Duration::days(1) + Duration::minutes(1));
    runner.run_due().await.expect("run");
    for id in old {
        assert_eq!(category(&d, &agent, id).await, StatusCategory::Closed);
    }
}
