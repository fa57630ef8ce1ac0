//! Group commit on a real database: concurrent writes share commits, a failing write is rolled
//! back alone and hears its own error, and tickets opened through the queue are complete.

use crate::common;
use domain::{
    DomainError,
    group_commit::GroupCommit,
    ticket_filter::{Sort, TicketFilter},
    tickets::{
        commands::{self, NewTicket},
        filtering,
    },
};
use sea_orm::{ConnectionTrait, DatabaseTransaction, Statement};
use std::collections::BTreeSet;

async fn insert_counter(txn: &DatabaseTransaction, n: i64) -> Result<(), DomainError> {
    let backend = txn.get_database_backend();
    let sql = format!("INSERT INTO counters (name, value) VALUES ('job-{n}', {n})");
    txn.execute_raw(Statement::from_string(backend, sql)).await?;
    Ok(())
}

#[tokio::test]
async fn a_failing_write_is_rolled_back_alone() {
    let desk = common::desk().await;
    let writes = GroupCommit::new(desk.db.clone());
    let mut tasks = Vec::new();
    for n in 0..60i64 {
        let writes = writes.clone();
        tasks.push(tokio::spawn(async move {
            writes
                .run(move |txn| {
                    Box::pin(async move {
                        insert_counter(txn, n).await?;
                        if n % 3 == 0 { Err(DomainError::Conflict(format!("job {n} refused"))) } else { Ok(n * 10) }
                    })
                })
                .await
        }));
    }
    for (n, task) in tasks.into_iter().enumerate() {
        let n = n as i64;
        match task.await.expect("task") {
            Ok(value) => assert_eq!(value, n * 10),
            Err(DomainError::Conflict(message)) => {
                assert_eq!(n % 3, 0);
                assert_eq!(message, format!("job {n} refused"));
            }
            Err(other) => panic!("job {n}: {other:?}"),
        }
    }
    let backend = desk.db.get_database_backend();
    let rows = desk
        .db
        .query_all_raw(Statement::from_string(backend, "SELECT value FROM counters WHERE name LIKE 'job-%'"))
        .await
        .expect("query");
    let kept: BTreeSet<i64> = rows.iter().map(|r| r.try_get_by_index::<i64>(0).expect("value")).collect();
    let expected: BTreeSet<i64> = (0..60).filter(|n| n % 3 != 0).collect();
    assert_eq!(kept, expected);
}

#[tokio::test]
async fn tickets_opened_together_are_numbered_and_searchable() {
    let desk = common::desk().await;
    let writes = GroupCommit::new(desk.db.clone());
    let agent = desk.actor("agent@example.com").await;
    let mut tasks = Vec::new();
    for n in 0..40 {
        let writes = writes.clone();
        tasks.push(tokio::spawn(async move {
            let input = NewTicket {
                subject: format!("Queued request {n}"),
                body: format!("Printer number {n} says quixotrix{n}"),
                requester_email: Some(format!("queued{n}@example.org")),
                ..Default::default()
            };
            commands::create_queued(&writes, &agent, input).await
        }));
    }
    let mut references = BTreeSet::new();
    for task in tasks {
        references.insert(task.await.expect("task").expect("created").reference);
    }
    assert_eq!(references.len(), 40, "every ticket has its own number");
    let invalid = NewTicket { subject: " ".into(), body: "x".into(), ..Default::default() };
    let refused = commands::create_queued(&writes, &agent, invalid).await;
    assert!(matches!(refused, Err(DomainError::Validation(_))), "{refused:?}");
    let filter = TicketFilter::parse("quixotrix17").expect("query");
    let found = filtering::list(&desk.db, &agent, &filter, Sort::Relevance, None).await.expect("search");
    assert_eq!(found.items.len(), 1, "the description is indexed with the ticket");
    assert_eq!(found.items[0].subject, "Queued request 17");
}
