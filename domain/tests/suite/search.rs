//! Search, filters, saved views, bulk changes and attachments against a real database: what
//! each role finds, and that notes never surface for customers.

use crate::common;
use domain::{
    Actor, DomainError,
    attachments::{Upload, records, store::FileStore},
    saved_views,
    ticket_filter::{Sort, TicketFilter},
    ticket_types::{TimelineEntry, Visibility},
    tickets::{
        commands::{self, NewTicket, TicketChanges},
        filtering, queries,
    },
};

// This file's helpers go on a desk type of its own.
common::file_desk!();

impl Desk {
    async fn open(&self, who: &Actor, subject: &str, body: &str) -> i64 {
        let input = NewTicket { subject: subject.into(), body: body.into(), ..Default::default() };
        commands::create(&self.db, who, input).await.expect("create").id
    }

    async fn find(&self, who: &Actor, query: &str) -> Vec<i64> {
        self.find_sorted(who, query, Sort::Relevance).await
    }

    async fn find_sorted(&self, who: &Actor, query: &str, sort: Sort) -> Vec<i64> {
        let filter = TicketFilter::parse(query).expect("query");
        let page = filtering::list(&self.db, who, &filter, sort, None).await.expect("list");
        page.items.into_iter().map(|t| t.id).collect()
    }
}

#[tokio::test]
async fn words_phrases_negation_and_notes() {
    let d = desk().await;
    let casey = d.actor("customer@example.com").await;
    let hank = d.actor("hank@globex.example").await;
    let agent = d.actor("agent@example.com").await;
    let vpn = d.open(&casey, "VPN drops every hour", "The tunnel to the office drops.").await;
    let printer = d.open(&hank, "Printer jam", "Paper stuck in tray two, a tunnel of paper.").await;
    commands::add_message(&d.db, &agent, vpn, Visibility::Internal, "Suspect the zebrafirmware update").await.unwrap();

    assert_eq!(d.find(&agent, "tunnel").await.len(), 2);
    assert_eq!(d.find(&agent, "tunnel -paper").await, [vpn]);
    assert_eq!(d.find(&agent, "\"tray two\"").await, [printer]);
    assert_eq!(d.find(&agent, "\"two tray\"").await, Vec::<i64>::new());
    assert_eq!(d.find(&agent, "zebrafirm*").await, [vpn]);
    assert_eq!(d.find(&agent, "hank@globex.example").await, [printer]);
    assert_eq!(d.find(&agent, "scorpio").await, [printer]);
    // Notes: agents find them, customers never do, not even through negation.
    assert_eq!(d.find(&agent, "zebrafirmware").await, [vpn]);
    assert!(d.find(&casey, "zebrafirmware").await.is_empty());
    assert_eq!(d.find(&casey, "tunnel -zebrafirmware").await, [vpn]);
    // Customers search only what they may see.
    assert_eq!(d.find(&casey, "tunnel").await, [vpn]);
    assert!(d.find(&hank, "vpn").await.is_empty());
    // A reply is findable the moment it is written.
    commands::add_message(&d.db, &casey, vpn, Visibility::Public, "Now the quokka router blinks").await.unwrap();
    assert_eq!(d.find(&casey, "quokka").await, [vpn]);
    // Query syntax of the databases is only ever words.
    for weird in ["NEAR(a b)", "a OR b", "x:y:z", "'; DROP TABLE tickets; --", "{internal_doc}: zebra"] {
        let filter = TicketFilter::parse(weird).expect(weird);
        let found = filtering::list(&d.db, &casey, &filter, Sort::Relevance, None).await.expect(weird);
        assert!(found.items.iter().all(|t| t.id == vpn), "{weird}");
    }
}

#[tokio::test]
async fn field_filters_sorts_and_pages() {
    let d = desk().await;
    let casey = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let mut ids = Vec::new();
    for n in 0..30 {
        ids.push(d.open(&casey, &format!("Request {n}"), "Please help").await);
    }
    let options = queries::options(&d.db, &agent).await.unwrap();
    let high = options.priorities.iter().find(|p| p.name == "High").unwrap().id;
    let changes = TicketChanges {
        priority_id: Some(high),
        tags: Some("vpn".into()),
        assignee_id: Some(agent.principal().map(|p| p.user_id)),
        ..Default::default()
    };
    commands::update(&d.db, &agent, ids[3], changes).await.unwrap();

    assert_eq!(d.find_sorted(&agent, "priority:high tag:vpn assignee:me", Sort::Updated).await, [ids[3]]);
    assert_eq!(d.find_sorted(&agent, "priority:high", Sort::Priority).await, [ids[3]]);
    assert_eq!(d.find_sorted(&agent, "status:new", Sort::Priority).await[0], ids[3]);
    assert!(d.find_sorted(&agent, "requester:nobody@example.com", Sort::Updated).await.is_empty());
    assert_eq!(d.find_sorted(&agent, "org:\"acme corporation\"", Sort::Updated).await.len(), 25);

    // Keyset pages cover every ticket once, in order, for every sort.
    for sort in [Sort::Updated, Sort::Oldest, Sort::Created, Sort::Priority] {
        let filter = TicketFilter::parse("requester:customer@example.com").unwrap();
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = filtering::list(&d.db, &agent, &filter, sort, cursor.as_deref()).await.unwrap();
            seen.extend(page.items.iter().map(|t| t.id));
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 30, "{sort:?}");
        assert_eq!(seen.len(), 30, "{sort:?}");
    }

    // Unknown names are field errors; customers may not filter by agents' fields.
    let bad = TicketFilter::parse("priority:sometime").unwrap();
    let err = filtering::list(&d.db, &agent, &bad, Sort::Updated, None).await.unwrap_err();
    assert!(matches!(err, DomainError::Validation(ref f) if f[0].field == "q"), "{err:?}");
    let tag = TicketFilter::parse("tag:vpn").unwrap();
    assert!(filtering::list(&d.db, &casey, &tag, Sort::Updated, None).await.is_err());
    let junk = filtering::list(&d.db, &agent, &TicketFilter::default(), Sort::Updated, Some("junk")).await;
    assert!(junk.is_err());
}

#[tokio::test]
async fn saved_views_and_bulk_changes() {
    let d = desk().await;
    let casey = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let sam = d.actor("sam.rivera@example.com").await;
    let admin = d.actor("admin@example.com").await;
    let id = saved_views::save(&d.db, &agent, "My VPN", "tag:VPN  status:open", Sort::Oldest, false).await.unwrap();
    let shared = saved_views::save(&d.db, &agent, "Urgent", "priority:urgent", Sort::Updated, true).await.unwrap();
    let mine = saved_views::list(&d.db, &agent).await.unwrap();
    assert_eq!(mine.iter().find(|v| v.id == id).unwrap().query, "status:open tag:vpn");
    let theirs = saved_views::list(&d.db, &sam).await.unwrap();
    assert_eq!(theirs.iter().map(|v| v.id).collect::<Vec<_>>(), [shared]);
    assert!(saved_views::save(&d.db, &agent, "my vpn", "", Sort::Updated, false).await.is_err());
    assert!(saved_views::save(&d.db, &agent, "Bad", "\"open", Sort::Updated, false).await.is_err());
    assert!(saved_views::list(&d.db, &casey).await.is_err());
    assert_eq!(saved_views::delete(&d.db, &sam, id).await, Err(DomainError::NotFound));
    assert_eq!(saved_views::delete(&d.db, &sam, shared).await, Err(DomainError::Forbidden));
    saved_views::delete(&d.db, &admin, shared).await.unwrap();

    let a = d.open(&casey, "One", "x").await;
    let b = d.open(&casey, "Two", "y").await;
    let options = queries::options(&d.db, &agent).await.unwrap();
    let urgent = options.priorities.iter().find(|p| p.name == "Urgent").unwrap().id;
    let change = TicketChanges { priority_id: Some(urgent), ..Default::default() };
    let outcome = commands::bulk_update(&d.db, &agent, &[a, b, 999_999], change.clone()).await.unwrap();
    assert_eq!(outcome.changed.len(), 2);
    assert_eq!(outcome.failed.len(), 1);
    assert!(commands::bulk_update(&d.db, &casey, &[a], change).await.is_err());
    let view = queries::get(&d.db, &agent, a).await.unwrap();
    assert_eq!(view.summary.priority.name, "Urgent");
}

#[tokio::test]
async fn attachments_follow_their_message() {
    let d = desk().await;
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path(), 1024);
    let casey = d.actor("customer@example.com").await;
    let hank = d.actor("hank@globex.example").await;
    let agent = d.actor("agent@example.com").await;
    let png = b"\x89PNG\r\n\x1a\nrest".to_vec();
    let stored = files.store(vec![Upload { file_name: "../shot.png".into(), bytes: png }]).await.unwrap();
    let input = NewTicket {
        subject: "See screenshot".into(),
        body: "Attached".into(),
        attachments: stored,
        ..Default::default()
    };
    let ticket = commands::create(&d.db, &casey, input).await.unwrap().id;
    let note_files = files.store(vec![Upload { file_name: "internal.txt".into(), bytes: b"secret".to_vec() }]).await;
    commands::add_message_with_files(&d.db, &agent, ticket, Visibility::Internal, "log", note_files.unwrap())
        .await
        .unwrap();

    let attachments = |view: domain::ticket_types::TicketView| -> Vec<domain::attachments::AttachmentView> {
        view.timeline
            .into_iter()
            .filter_map(|e| match e {
                TimelineEntry::Message(m) => Some(m.attachments),
                TimelineEntry::Event(_) => None,
            })
            .flatten()
            .collect()
    };
    let seen_by_agent = attachments(queries::get(&d.db, &agent, ticket).await.unwrap());
    assert_eq!(seen_by_agent.len(), 2);
    assert_eq!(seen_by_agent[0].file_name, "shot.png");
    assert!(seen_by_agent[0].is_image);
    let seen_by_casey = attachments(queries::get(&d.db, &casey, ticket).await.unwrap());
    assert_eq!(seen_by_casey.len(), 1);

    let (public, note) = (seen_by_agent[0].id, seen_by_agent[1].id);
    assert!(records::downloadable(&d.db, &casey, public).await.is_ok());
    assert_eq!(records::downloadable(&d.db, &casey, note).await, Err(DomainError::NotFound));
    assert_eq!(records::downloadable(&d.db, &hank, public).await, Err(DomainError::NotFound));
    assert_eq!(records::downloadable(&d.db, &Actor::Anonymous, public).await, Err(DomainError::Unauthenticated));
    assert!(records::downloadable(&d.db, &agent, note).await.is_ok());
    assert_eq!(records::downloadable(&d.db, &agent, 999_999).await, Err(DomainError::NotFound));
}

#[tokio::test]
async fn a_merged_ticket_is_found_under_its_target() {
    let d = desk().await;
    let casey = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let source = d.open(&casey, "Duplicate", "The axolotlprinter is offline").await;
    let target = d.open(&casey, "Printer offline", "Nothing prints").await;
    let reference = queries::get(&d.db, &agent, target).await.unwrap().summary.reference;
    domain::tickets::merge::merge(&d.db, &agent, source, &reference, true).await.unwrap();
    let found = d.find(&agent, "axolotlprinter").await;
    assert_eq!(found, [target]);
    assert_eq!(d.find(&casey, "axolotlprinter").await, [target]);
}
