//! Every kind of writer at once on one database: API-style creates, group-committed creates,
//! agents' updates and replies, mail ingest, the mail sender draining the outbox, the scheduler,
//! session saves and the live tailer. None may fail (on SQLite: no `database is locked`) and no
//! write may be lost.

use super::support::{mail, mail_desk};
use chrono::Duration;
use domain::{
    clock::Clock,
    email::outbox,
    email_types::IngestOutcome,
    entities::{outbox as outbox_row, ticket},
    jobs::{JobOutcome, NewJob, Runner, schedule},
    live::{hub::LiveHub, tail},
    sessions,
    ticket_types::Visibility,
    tickets::commands::{self, NewTicket, TicketChanges},
};
use sea_orm::{EntityTrait, PaginatorTrait};
use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

const ROUNDS: usize = 20;

#[tokio::test]
async fn all_writers_at_once_lose_nothing_and_never_meet_a_busy_database() {
    let m = mail_desk().await;
    let desk = &m.desk;
    let customer = m.actor("customer@example.com").await;
    let agent = m.actor("agent@example.com").await;
    let before = ticket::Entity::find().count(&desk.db).await.expect("count");
    let tailer = tail::spawn(desk.db.clone(), LiveHub::default());
    let jobs_ran = Arc::new(AtomicUsize::new(0));
    let runner = {
        let ran = jobs_ran.clone();
        Runner::new(desk.db.clone(), Clock::system()).handle("test.write", move |db, job| {
            let ran = ran.clone();
            async move {
                let result = sessions::save(
                    &db,
                    &format!("job-{}", job.id),
                    "{}".into(),
                    chrono::Utc::now() + Duration::hours(1),
                    None,
                )
                .await;
                ran.fetch_add(1, Ordering::SeqCst);
                match result {
                    Ok(()) => JobOutcome::Done,
                    Err(error) => JobOutcome::Fail(error.to_string()),
                }
            }
        })
    };
    let (first, _) = {
        let input = NewTicket { subject: "Shared".into(), body: "Updated by everyone".into(), ..Default::default() };
        let changed = commands::create(&desk.db, &customer, input).await.expect("create");
        (changed.id, changed.reference)
    };

    let creates = async {
        for n in 0..ROUNDS {
            let input = NewTicket { subject: format!("API {n}"), body: "Body".into(), ..Default::default() };
            commands::create(&desk.db, &customer, input).await.expect("API create");
        }
    };
    let queued = async {
        // Spawned together, so that they share group commits.
        let spawned: Vec<_> = (0..ROUNDS)
            .map(|n| {
                let (writes, customer) = (desk.writes.clone(), customer);
                let input = NewTicket { subject: format!("Portal {n}"), body: "Body".into(), ..Default::default() };
                tokio::spawn(async move { commands::create_queued(&writes, &customer, input).await })
            })
            .collect();
        for handle in spawned {
            handle.await.expect("task").expect("group-committed create");
        }
    };
    let updates = async {
        for n in 0..ROUNDS {
            let changes = TicketChanges { tags: Some(format!("round{n}")), ..Default::default() };
            commands::update(&desk.db, &agent, first, changes).await.expect("update");
            commands::add_message(&desk.db, &agent, first, Visibility::Public, &format!("Reply {n}"))
                .await
                .expect("reply");
        }
    };
    let ingest = async {
        for n in 0..ROUNDS {
            let raw = mail(&format!("writer{n}@example.net"), &format!("Mail {n}"), "", "Hello");
            let outcome = m.receive(&raw).await;
            assert_eq!(outcome.outcome, IngestOutcome::Ticket, "mail {n}: {}", outcome.reason);
        }
    };
    let sender = async {
        for _ in 0..ROUNDS {
            for row in outbox::claim(&desk.db, 5, chrono::Utc::now()).await.expect("claim") {
                outbox::mark_sent(&desk.db, row.id, chrono::Utc::now()).await.expect("mark sent");
            }
            tokio::task::yield_now().await;
        }
    };
    let scheduler = async {
        for n in 0..ROUNDS {
            let txn = domain::db::begin_write(&desk.db).await.expect("begin");
            let job = NewJob {
                kind: "test.write",
                payload: serde_json::json!({ "n": n }),
                due_at: chrono::Utc::now(),
                dedupe_key: None,
            };
            schedule(&*txn, job, chrono::Utc::now()).await.expect("schedule");
            txn.commit().await.expect("commit");
            runner.run_due().await.expect("run due");
        }
    };
    let sessions = async {
        for n in 0..ROUNDS {
            let expires = chrono::Utc::now() + Duration::hours(1);
            sessions::save(&desk.db, &format!("session-{n}"), "{}".into(), expires, None).await.expect("session");
        }
    };
    tokio::join!(creates, queued, updates, ingest, sender, scheduler, sessions);
    runner.run_due().await.expect("last jobs");
    tailer.abort();

    let after = ticket::Entity::find().count(&desk.db).await.expect("count");
    assert_eq!(after - before, 1 + 3 * ROUNDS as u64, "every create and every mail became a ticket");
    assert_eq!(jobs_ran.load(Ordering::SeqCst), ROUNDS);
    let replies = m.messages(first).await.iter().filter(|msg| msg.body.starts_with("Reply ")).count();
    assert_eq!(replies, ROUNDS);
    let queued_mail = outbox_row::Entity::find().count(&desk.db).await.expect("outbox");
    assert!(queued_mail >= ROUNDS as u64, "acknowledgments and replies were queued");
}
