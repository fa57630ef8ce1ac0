//! Reactions in and after the transaction: a durable reaction that fails is retried with backoff
//! and its work commits exactly once (the failed attempt's writes roll back with it), a reaction
//! that does not want a change gets no job, and a synchronous reaction that fails takes the
//! change down with it, returning its error.

use super::support::desk;
use chrono::Duration;
use domain::{
    Actor,
    clock::Clock,
    db,
    entities::{
        audit_log,
        job::{self, JobState},
        ticket,
    },
    jobs::{Runner, store},
    policy::TicketFacts,
    reactions::{
        Happened, TicketEvent,
        dispatch::{self, Reaction, ReactionFuture},
        durable::{self, Durable},
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use std::sync::atomic::{AtomicUsize, Ordering};

static ATTEMPTS: AtomicUsize = AtomicUsize::new(0);

/// Writes an audit row, then fails on its first attempt only.
fn flaky<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        domain::audit::record(
            txn,
            &Actor::System,
            "test.flaky",
            ("ticket", Some(happened.ticket.id)),
            serde_json::json!({}),
        )
        .await?;
        if ATTEMPTS.fetch_add(1, Ordering::SeqCst) == 0 {
            return Err(domain::DomainError::Conflict("not yet".into()));
        }
        Ok(())
    })
}

fn never<'a>(_: &'a DatabaseTransaction, _: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async { panic!("a reaction that wants nothing never runs") })
}

static LIST: &[Durable] = &[
    Durable { kind: "reaction.test_flaky", wants: |_| true, run: flaky },
    Durable { kind: "reaction.test_uninterested", wants: |_| false, run: never },
];

#[tokio::test]
async fn a_failing_durable_reaction_is_retried_and_its_work_commits_once() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let (id, _) = d.open(&customer, "Durable").await;
    d.settle().await; // the opening's own reactions, so that the runner below sees only ours
    let row = ticket::Entity::find_by_id(id).one(&d.db).await.expect("query").expect("ticket");
    let audience = TicketFacts {
        ticket_id: row.id,
        requester_id: row.requester_id,
        organization_id: None,
        organization_shares: false,
    };
    let clock = Clock::manual(chrono::Utc::now());
    let happened = Happened::new(&row, audience, &customer, clock.now()).with(TicketEvent::FollowersChanged);

    let txn = db::begin_write(&d.db).await.expect("begin");
    clock.scope(durable::schedule(&txn, LIST, &happened)).await.expect("schedule");
    txn.commit().await.expect("commit");
    let ours = || job::Entity::find().filter(job::Column::Kind.starts_with("reaction.test_")).all(&d.db);
    let queued = ours().await.expect("jobs");
    assert_eq!(queued.iter().map(|j| j.kind.as_str()).collect::<Vec<_>>(), ["reaction.test_flaky"]);

    let written = || audit_log::Entity::find().filter(audit_log::Column::Action.eq("test.flaky")).count(&d.db);
    let runner = durable::register(Runner::new(d.db.clone(), clock.clone()), LIST);
    assert_eq!(runner.run_due().await.expect("run"), 1);
    assert_eq!(written().await.expect("count"), 0, "the failed attempt's write rolled back");
    let waiting = ours().await.expect("jobs");
    assert_eq!((waiting.len(), waiting[0].state, waiting[0].attempts), (1, JobState::Queued, 1), "kept for a retry");
    assert!(waiting[0].last_error.as_deref().is_some_and(|e| e.contains("not yet")));

    assert_eq!(runner.run_due().await.expect("run"), 0, "it waits for its backoff");
    clock.advance(store::backoff(1));
    assert_eq!(runner.run_due().await.expect("retry"), 1);
    assert_eq!(written().await.expect("count"), 1, "the retry's work committed");
    assert!(ours().await.expect("jobs").is_empty(), "the job ended with its work");
    clock.advance(Duration::days(1));
    assert_eq!(runner.run_due().await.expect("run"), 0);
    assert_eq!(written().await.expect("count"), 1, "and never ran again");
}

fn refusing<'a>(_: &'a DatabaseTransaction, _: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async { Err(domain::DomainError::Conflict("refused by a rule".into())) })
}

static REFUSES: &[Reaction<DatabaseTransaction>] = &[Reaction { name: "refusing", run: refusing }];

#[tokio::test]
async fn a_failing_synchronous_reaction_rolls_the_change_back_with_its_error() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let (id, _) = d.open(&customer, "Before").await;
    let before = ticket::Entity::find_by_id(id).one(&d.db).await.expect("query").expect("ticket");
    let audience = TicketFacts {
        ticket_id: before.id,
        requester_id: before.requester_id,
        organization_id: None,
        organization_shares: false,
    };

    let txn = db::begin_write(&d.db).await.expect("begin");
    let mut change = before.clone().into_active_model();
    change.subject = Set("After".into());
    let after = change.update(&*txn).await.expect("update");
    let happened = Happened::new(&after, audience, &customer, after.updated_at).with(TicketEvent::FollowersChanged);
    let result = dispatch::run(&*txn, REFUSES, &happened).await;
    assert_eq!(result, Err(domain::DomainError::Conflict("refused by a rule".into())), "the reaction's own error");
    drop(txn); // what a command does with an error: `?` returns before the commit

    let now = ticket::Entity::find_by_id(id).one(&d.db).await.expect("query").expect("ticket");
    assert_eq!(now.subject, "Before", "the change rolled back");
}
