//! The benchmark seed on a real database: the shape the load harness relies on (ids 1..=N, the
//! open share, keywords findable by search), sequences moved past the written rows, a token, and
//! the routing `docket bench routing` adds.

use domain::{
    Actor, DomainError, Principal, Role, accounts, api_tokens, db,
    entities::{ticket, ticket_message},
    testing::TestDatabase,
    ticket_filter::{Sort, TicketFilter},
    tickets::{
        commands::{self, NewTicket},
        filtering, queries,
    },
};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use seed::bench::{self, keyword};
use std::collections::BTreeSet;

const TICKETS: usize = 400;

#[tokio::test]
async fn seeds_a_searchable_desk_that_keeps_working() {
    // The demo desk is there already: the bench seed builds on it.
    let test = TestDatabase::new().await;
    let db = db::connect(&test.url).await.expect("connect");
    Migrator::up(&db, None).await.expect("migrate");
    seed::demo::seed(&db).await.expect("demo desk");
    let mut reports = Vec::new();
    let seeded = bench::seed(&db, TICKETS, &mut |n| reports.push(n)).await.expect("seed");
    assert_eq!(seeded.tickets, TICKETS);
    assert_eq!(reports.last(), Some(&TICKETS));
    assert!(seeded.messages > TICKETS, "some tickets have replies: {}", seeded.messages);

    let ids: Vec<i64> = ticket::Entity::find()
        .order_by_asc(ticket::Column::Id)
        .all(&db)
        .await
        .expect("tickets")
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, (1..=TICKETS as i64).collect::<Vec<_>>());
    let open_share = seeded.open as f64 / TICKETS as f64;
    assert!((0.05..0.16).contains(&open_share), "open share {open_share}");

    // An agent's search for a keyword finds exactly the tickets whose messages carry it.
    let user = accounts::queries::find_by_email(&db, "agent@example.com").await.expect("query").expect("agent");
    let agent = Actor::User(Principal { user_id: user.id, role: Role::Agent, organization_id: None });
    let mut found_any = false;
    for k in 0..10 {
        let word = keyword(k);
        let expected: BTreeSet<i64> = ticket_message::Entity::find()
            .filter(ticket_message::Column::Body.contains(&word))
            .all(&db)
            .await
            .expect("messages")
            .into_iter()
            .map(|m| m.ticket_id)
            .collect();
        let filter = TicketFilter::parse(&word).expect("query");
        let page = filtering::list(&db, &agent, &filter, Sort::Relevance, None).await.expect("search");
        let found: BTreeSet<i64> = page.items.iter().map(|t| t.id).collect();
        assert_eq!(found, expected, "keyword {word}");
        found_any |= !found.is_empty();
    }
    assert!(found_any, "the first ten keywords are in some of {TICKETS} tickets");

    // The next ticket follows the seeded ones in id and number, on both databases.
    let created = commands::create(
        &db,
        &agent,
        NewTicket {
            subject: "After the seed".into(),
            body: "Still works".into(),
            requester_email: Some(bench::customer_email(1)),
            ..Default::default()
        },
    )
    .await
    .expect("create after seeding");
    assert_eq!(created.id, TICKETS as i64 + 1);
    assert_eq!(created.reference, format!("DKT-{}", 1000 + TICKETS + 1));
    let thread = queries::get(&db, &agent, 1).await.expect("first seeded ticket");
    assert!(!thread.summary.subject.is_empty());

    let token = api_tokens::queries::authenticate(&db, &seeded.token).await.expect("query");
    assert!(token.is_some(), "the harness's token signs in");
    assert_eq!(ticket::Entity::find().count(&db).await.expect("count"), TICKETS as u64 + 1);

    // Routing on top (`docket bench routing`): a ticket about the VPN is filed by its rule with a
    // team that assigns it to one of its agents who are online.
    let routing = bench::routing::seed(&db, 8, 24, false).await.expect("routing");
    assert_eq!((routing.rules, routing.agents, routing.agents_added), (8, 24, 4));
    assert!(routing.teams_automatic > 0);
    for n in 1..=24 {
        let agent = accounts::queries::find_by_email(&db, &bench::agent_email(n)).await.expect("query").expect("agent");
        domain::routing::availability::seen(&db, agent.id).await.expect("seen");
    }
    let vpn = NewTicket {
        subject: "The VPN client stopped working".into(),
        body: "Since this morning".into(),
        requester_email: Some(bench::customer_email(2)),
        ..Default::default()
    };
    let routed = commands::create(&db, &agent, vpn).await.expect("create with routing");
    let routed = ticket::Entity::find_by_id(routed.id).one(&db).await.expect("query").expect("ticket");
    assert!(routed.team_id.is_some() && routed.assignee_id.is_some(), "filed and assigned: {routed:?}");
    assert!(routed.tags.contains("vpn"), "the rule's tag: {}", routed.tags);

    let again = bench::seed(&db, 10, &mut |_| {}).await;
    assert!(matches!(again, Err(DomainError::Conflict(_))), "a second seed is refused: {again:?}");
}

mod articles;
