//! Ticket lifecycle against a real database: opening, replying, notes, status rules, queues and
//! who sees what.

use crate::common;
use domain::{
    Actor, DomainError,
    ticket_types::{Queue, StatusCategory, TimelineEntry, Visibility},
    tickets::{
        commands::{self, NewTicket, TicketChanges},
        queries,
    },
};

// This file's helpers go on a desk type of its own.
common::file_desk!();

impl Desk {
    async fn open(&self, who: &Actor, subject: &str) -> i64 {
        let input = NewTicket { subject: subject.into(), body: "It is **broken**.".into(), ..Default::default() };
        commands::create(&self.db, who, input).await.expect("create").id
    }

    async fn status(&self, who: &Actor, id: i64) -> StatusCategory {
        queries::get(&self.db, who, id).await.expect("get").summary.status.category
    }

    async fn status_id(&self, agent: &Actor, category: StatusCategory) -> i64 {
        let options = queries::options(&self.db, agent).await.expect("options");
        options.statuses.iter().find(|s| s.category == category).expect("status").id
    }
}

#[tokio::test]
async fn a_customer_opens_a_numbered_ticket() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let first = commands::create(
        &d.db,
        &customer,
        NewTicket { subject: "  VPN down ".into(), body: "Since **9am**".into(), ..Default::default() },
    )
    .await
    .expect("create");
    let second = d.open(&customer, "Another").await;
    assert_eq!(first.reference, "DKT-1001");
    let view = queries::get(&d.db, &customer, first.id).await.expect("get");
    assert_eq!(view.summary.subject, "VPN down");
    assert_eq!(view.summary.status.category, StatusCategory::New);
    assert_eq!(view.summary.priority.name, "Normal");
    let TimelineEntry::Message(description) = &view.timeline[0] else { panic!("message first") };
    assert_eq!(description.body_html.trim(), "<p>Since <strong>9am</strong></p>");
    let later = queries::get(&d.db, &customer, second).await.expect("get");
    assert_eq!(later.summary.reference, "DKT-1002");
}

#[tokio::test]
async fn bad_input_names_its_fields() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let err =
        commands::create(&d.db, &customer, NewTicket { subject: " ".into(), body: "".into(), ..Default::default() })
            .await
            .unwrap_err();
    let fields: Vec<_> = err.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["subject", "body"]);
    let err =
        commands::create(&d.db, &agent, NewTicket { subject: "Call".into(), body: "x".into(), ..Default::default() })
            .await
            .unwrap_err();
    assert_eq!(err.fields()[0].field, "requester_email");
    let err = commands::create(
        &d.db,
        &customer,
        NewTicket { subject: "x".into(), body: "y".into(), category_id: Some(9999), ..Default::default() },
    )
    .await
    .unwrap_err();
    assert_eq!(err.fields()[0].field, "category_id");
    assert_eq!(
        commands::create(&d.db, &Actor::Anonymous, NewTicket::default()).await.unwrap_err(),
        DomainError::Unauthenticated
    );
}

#[tokio::test]
async fn an_agent_logs_a_phone_call_for_a_new_customer() {
    let d = desk().await;
    let agent = d.actor("agent@example.com").await;
    let input = NewTicket {
        subject: "Called about invoice".into(),
        body: "Wants a copy".into(),
        requester_email: Some("New.Caller@Globex.example".into()),
        requester_name: Some("New Caller".into()),
        ..Default::default()
    };
    let created = commands::create(&d.db, &agent, input).await.expect("create");
    let view = queries::get(&d.db, &agent, created.id).await.expect("get");
    assert_eq!(view.requester_email, "new.caller@globex.example");
    assert_eq!(view.organization.map(|o| o.name).as_deref(), Some("Globex"));
    assert_eq!(view.channel, domain::ticket_types::Channel::Phone);
    let caller = d.actor("new.caller@globex.example").await;
    assert_eq!(queries::get(&d.db, &caller, created.id).await.expect("their own").summary.id, created.id);
}

#[tokio::test]
async fn customers_see_their_own_and_shared_tickets_never_notes() {
    let d = desk().await;
    let casey = d.actor("customer@example.com").await; // Acme, which shares
    let wile = d.actor("wile@acme.example").await; // Acme
    let hank = d.actor("hank@globex.example").await; // Globex, which does not share
    let frank = d.actor("frank@globex.example").await;
    let agent = d.actor("agent@example.com").await;
    let acme_ticket = d.open(&casey, "Acme printer").await;
    let globex_ticket = d.open(&hank, "Globex login").await;

    assert!(queries::get(&d.db, &wile, acme_ticket).await.is_ok(), "Acme shares");
    assert_eq!(queries::get(&d.db, &frank, globex_ticket).await.unwrap_err(), DomainError::NotFound, "Globex does not");
    assert_eq!(queries::get(&d.db, &hank, acme_ticket).await.unwrap_err(), DomainError::NotFound);
    assert_eq!(queries::get(&d.db, &hank, 987_654).await.unwrap_err(), DomainError::NotFound, "no oracle");
    let listed: Vec<i64> =
        queries::for_customer(&d.db, &wile, None).await.expect("list").items.iter().map(|t| t.id).collect();
    assert_eq!(listed, [acme_ticket]);

    commands::add_message(&d.db, &agent, acme_ticket, Visibility::Internal, "Customer is on the old firmware")
        .await
        .expect("note");
    commands::add_message(&d.db, &agent, acme_ticket, Visibility::Public, "Please update the firmware")
        .await
        .expect("reply");
    let theirs = queries::get(&d.db, &casey, acme_ticket).await.expect("get");
    let bodies: Vec<String> = theirs
        .timeline
        .iter()
        .filter_map(|e| if let TimelineEntry::Message(m) = e { Some(m.body_html.clone()) } else { None })
        .collect();
    assert_eq!(bodies.len(), 2, "description and reply, no note: {bodies:?}");
    assert!(bodies.iter().all(|b| !b.contains("firmware</p>") || b.contains("update")));
    assert!(!bodies.iter().any(|b| b.contains("old firmware")));
    let ours = queries::get(&d.db, &agent, acme_ticket).await.expect("get");
    assert!(
        ours.timeline.iter().any(|e| matches!(e, TimelineEntry::Message(m) if m.visibility == Visibility::Internal))
    );
    assert_eq!(
        commands::add_message(&d.db, &casey, acme_ticket, Visibility::Internal, "sneaky").await.unwrap_err(),
        DomainError::Forbidden
    );
}

#[tokio::test]
async fn replies_and_status_changes_follow_the_lifecycle() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let id = d.open(&customer, "Lifecycle").await;

    commands::add_message(&d.db, &agent, id, Visibility::Public, "On it").await.expect("reply");
    let view = queries::get(&d.db, &agent, id).await.expect("get");
    assert_eq!(view.summary.status.category, StatusCategory::Open, "an agent's answer opens a new ticket");
    assert!(view.first_response_at.is_some());

    let solved = d.status_id(&agent, StatusCategory::Solved).await;
    let pending = d.status_id(&agent, StatusCategory::Pending).await;
    let closed = d.status_id(&agent, StatusCategory::Closed).await;
    let change = |status_id| TicketChanges { status_id: Some(status_id), ..Default::default() };
    assert_eq!(commands::update(&d.db, &customer, id, change(pending)).await.unwrap_err(), DomainError::Forbidden);
    commands::update(&d.db, &customer, id, change(solved)).await.expect("a customer solves their own");
    assert_eq!(d.status(&customer, id).await, StatusCategory::Solved);
    assert!(queries::get(&d.db, &customer, id).await.expect("get").solved_at.is_some());

    commands::add_message(&d.db, &customer, id, Visibility::Public, "Broken again").await.expect("reply");
    assert_eq!(d.status(&customer, id).await, StatusCategory::Open, "a customer's reply reopens");

    commands::update(&d.db, &agent, id, change(closed)).await.expect("close");
    let err = commands::add_message(&d.db, &customer, id, Visibility::Public, "hello?").await.unwrap_err();
    assert!(matches!(err, DomainError::InvalidTransition(_)));
    let err = commands::update(&d.db, &agent, id, change(solved)).await.unwrap_err();
    assert!(matches!(err, DomainError::InvalidTransition(_)), "closed is final");

    let history: Vec<(String, Option<String>)> = queries::get(&d.db, &agent, id)
        .await
        .expect("get")
        .timeline
        .into_iter()
        .filter_map(|e| if let TimelineEntry::Event(e) = e { Some((e.field, e.new_value)) } else { None })
        .collect();
    let fields: Vec<&str> = history.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["created", "status", "status", "status", "status"]);
}

#[tokio::test]
async fn queues_follow_assignment() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let id = d.open(&customer, "Queue me").await;
    let ids = |page: domain::views::Page<domain::ticket_types::TicketSummary>| {
        page.items.into_iter().map(|t| t.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(queries::queue(&d.db, &agent, Queue::Unassigned, None).await.expect("q")), [id]);
    assert!(ids(queries::queue(&d.db, &agent, Queue::MyOpen, None).await.expect("q")).is_empty());

    let me = agent.principal().expect("user").user_id;
    let options = queries::options(&d.db, &agent).await.expect("options");
    let support = options.teams.iter().find(|t| t.name == "Support").expect("team").id;
    let changes = TicketChanges { assignee_id: Some(Some(me)), team_id: Some(Some(support)), ..Default::default() };
    commands::update(&d.db, &agent, id, changes).await.expect("assign");
    assert_eq!(ids(queries::queue(&d.db, &agent, Queue::MyOpen, None).await.expect("q")), [id]);
    assert_eq!(ids(queries::queue(&d.db, &agent, Queue::MyTeams, None).await.expect("q")), [id]);
    let counts = queries::queue_counts(&d.db, &agent).await.expect("counts");
    assert!(counts.contains(&(Queue::Unassigned, 0)) && counts.contains(&(Queue::MyOpen, 1)));

    let customer_id = customer.principal().expect("user").user_id;
    let bad = TicketChanges { assignee_id: Some(Some(customer_id)), ..Default::default() };
    assert_eq!(commands::update(&d.db, &agent, id, bad).await.unwrap_err().fields()[0].field, "assignee_id");
    let edit = TicketChanges { priority_id: Some(options.priorities[3].id), ..Default::default() };
    assert_eq!(commands::update(&d.db, &customer, id, edit).await.unwrap_err(), DomainError::Forbidden);
    assert_eq!(queries::queue(&d.db, &customer, Queue::AllOpen, None).await.unwrap_err(), DomainError::Forbidden);
}

#[tokio::test]
async fn pages_of_tickets_follow_the_cursor() {
    let d = desk().await;
    let customer = d.actor("runner@acme.example").await;
    for n in 0..30 {
        d.open(&customer, &format!("Ticket {n}")).await;
    }
    let first = queries::for_customer(&d.db, &customer, None).await.expect("page");
    assert_eq!(first.items.len(), 25);
    let cursor = queries::Cursor::decode(first.next_cursor.as_deref().expect("more")).expect("cursor");
    let second = queries::for_customer(&d.db, &customer, Some(cursor)).await.expect("page");
    assert_eq!(second.items.len(), 5);
    assert!(second.next_cursor.is_none());
    let mut all: Vec<i64> = first.items.iter().chain(&second.items).map(|t| t.id).collect();
    all.dedup();
    assert_eq!(all.len(), 30);
}

#[tokio::test]
async fn demo_tickets_make_a_living_desk_once() {
    let d = desk().await;
    assert_eq!(seed::demo_tickets::seed(&d.db).await.expect("seed"), seed::demo_tickets::DEMO_TICKETS + 5);
    assert_eq!(seed::demo_tickets::seed(&d.db).await.expect("again"), 0, "idempotent");
    // Routing filed the newest invoice question with Billing and gave it to Priya, saying why.
    {
        use domain::entities::{ticket, ticket_event};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let routed = ticket::Entity::find()
            .filter(ticket::Column::Subject.eq("Two invoices for the same November order"))
            .one(&d.db)
            .await
            .expect("query")
            .expect("the routed request");
        let why: Vec<String> = ticket_event::Entity::find()
            .filter(ticket_event::Column::TicketId.eq(routed.id))
            .filter(ticket_event::Column::Field.eq("routing"))
            .order_by_asc(ticket_event::Column::Id)
            .all(&d.db)
            .await
            .expect("history")
            .into_iter()
            .filter_map(|e| e.new_value)
            .collect();
        assert_eq!(
            why,
            [
                "Routing rule \u{201c}Invoices to Billing\u{201d}: team Billing, category Billing, tags billing",
                "Least loaded in Billing: 0 open, capacity 6"
            ]
        );
        let priya = d.actor("priya.natarajan@example.com").await.principal().map(|p| p.user_id);
        assert_eq!(routed.assignee_id, priya);
        // The urgent call set off the demo's automation, whose log says so.
        let call = ticket::Entity::find()
            .filter(ticket::Column::Subject.eq("Called: the whole office is offline"))
            .one(&d.db)
            .await
            .expect("query")
            .expect("the urgent call");
        assert_eq!(call.tags, "[\"urgent\"]");
        let runs = domain::entities::automation_run::Entity::find().all(&d.db).await.expect("runs");
        assert_eq!(runs.iter().map(|r| r.ticket_id).collect::<Vec<_>>(), [call.id]);
    }
    let agent = d.actor("agent@example.com").await;
    let counts = queries::queue_counts(&d.db, &agent).await.expect("counts");
    let count = |q| counts.iter().find(|(queue, _)| *queue == q).map(|(_, n)| *n).expect("queue");
    assert!(count(Queue::AllOpen) > 0 && count(Queue::AllOpen) < seed::demo_tickets::DEMO_TICKETS as u64);
    assert!(count(Queue::Unassigned) > 0);
    let oldest = queries::queue(&d.db, &agent, Queue::AllOpen, None).await.expect("queue");
    assert!(oldest.items.iter().all(|t| t.updated_at <= chrono::Utc::now()));
    let customer = d.actor("customer@example.com").await;
    let mine = queries::for_customer(&d.db, &customer, None).await.expect("list");
    assert!(!mine.items.is_empty());
    let view = queries::get(&d.db, &customer, mine.items[0].id).await.expect("get");
    assert!(
        view.timeline.iter().all(|e| !matches!(e, TimelineEntry::Message(m) if m.visibility == Visibility::Internal))
    );
    // Each ticket was opened when its first message was written, not after it.
    use domain::entities::{ticket, ticket_event, ticket_message};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    for t in ticket::Entity::find().all(&d.db).await.expect("tickets") {
        let first = ticket_message::Entity::find()
            .filter(ticket_message::Column::TicketId.eq(t.id))
            .order_by_asc(ticket_message::Column::CreatedAt)
            .one(&d.db)
            .await
            .expect("query")
            .expect("a first message");
        let opened = ticket_event::Entity::find()
            .filter(ticket_event::Column::TicketId.eq(t.id))
            .filter(ticket_event::Column::Field.eq("created"))
            .one(&d.db)
            .await
            .expect("query")
            .expect("an opened event");
        assert_eq!((opened.at, t.created_at), (first.created_at, first.created_at), "ticket {}", t.number);
    }
}

#[tokio::test]
async fn agents_see_the_requesters_other_tickets_customers_do_not() {
    let d = desk().await;
    let customer = d.actor("peter@initech.example").await;
    let agent = d.actor("agent@example.com").await;
    let first = d.open(&customer, "First").await;
    let second = d.open(&customer, "Second").await;
    let other = d.open(&d.actor("milton@initech.example").await, "Someone else's").await;
    let view = queries::get(&d.db, &agent, second).await.expect("get");
    let others: Vec<i64> = view.other_tickets.iter().map(|t| t.id).collect();
    assert_eq!(others, [first]);
    assert!(!others.contains(&other));
    assert!(queries::get(&d.db, &customer, second).await.expect("get").other_tickets.is_empty());
}

#[tokio::test]
async fn agents_tag_tickets_and_customers_do_not_see_tags() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let id = d.open(&customer, "Tag me").await;
    let tag = |text: &str| TicketChanges { tags: Some(text.into()), ..Default::default() };
    commands::update(&d.db, &agent, id, tag("VPN, #Urgent vpn")).await.expect("tag");
    let view = queries::get(&d.db, &agent, id).await.expect("get");
    assert_eq!(view.tags, ["vpn", "urgent"]);
    let last =
        view.timeline.iter().rev().find_map(|e| if let TimelineEntry::Event(e) = e { Some(e.clone()) } else { None });
    assert_eq!(last.map(|e| (e.field, e.new_value)), Some(("tags".into(), Some("vpn, urgent".into()))));
    assert_eq!(commands::update(&d.db, &agent, id, tag("bad<tag>")).await.unwrap_err().fields()[0].field, "tags");
    assert_eq!(commands::update(&d.db, &customer, id, tag("mine")).await.unwrap_err(), DomainError::Forbidden);
    assert!(queries::get(&d.db, &customer, id).await.expect("get").tags.is_empty());
}
