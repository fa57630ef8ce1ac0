//! Upgrading: a demo desk made by the previous tagged release (`scripts/upgrade-fixture`, on
//! SQLite and on PostgreSQL) is migrated by today's `docket`, and every row it had is still
//! there and reads: tickets with their messages and history, the audit log (now a sealed chain),
//! search, and the pages' queries.

use domain::{
    Actor,
    entities::{ticket, ticket_message, user},
    testing::TestDatabase,
    ticket_filter::TicketFilter,
    tickets,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Statement,
};
use server::{
    args::{CommonArgs, LogFormat},
    config::Config,
    startup,
};
use std::io::Read;

/// The release whose desk today's migrations must take.
const PREVIOUS: &str = "v0.19.0";

fn fixture(kind: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{PREVIOUS}-demo.{kind}.gz", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).expect("gunzip");
    bytes
}

/// A database holding the previous release's demo desk, not yet migrated.
async fn previous_desk(test: &TestDatabase) {
    if test.is_postgres() {
        let sql = String::from_utf8(fixture("postgres.sql")).expect("utf-8");
        // A connection of its own: the dump empties `search_path` for the session it runs in.
        let db = Database::connect(&test.url).await.expect("connect");
        db.execute_unprepared(&sql).await.expect("replay the dump");
        db.close().await.ok();
    } else {
        let path = test.url.trim_start_matches("sqlite://");
        std::fs::write(path, fixture("sqlite")).expect("write the desk");
    }
}

#[derive(Debug, PartialEq)]
struct Counts {
    tickets: u64,
    messages: u64,
    events: u64,
    users: u64,
    audit: u64,
}

/// Rows per table, counted without naming columns (the old schema has fewer).
async fn counts(db: &DatabaseConnection) -> Counts {
    let count = |table: &'static str| async move {
        let sql = Statement::from_string(db.get_database_backend(), format!("SELECT COUNT(*) FROM {table}"));
        let row = db.query_one_raw(sql).await.expect(table).expect("a count");
        row.try_get_by_index::<i64>(0).expect("count") as u64
    };
    Counts {
        tickets: count("tickets").await,
        messages: count("ticket_messages").await,
        events: count("ticket_events").await,
        users: count("users").await,
        audit: count("audit_log").await,
    }
}

#[tokio::test]
async fn the_previous_releases_desk_migrates_with_nothing_lost() {
    let test = TestDatabase::new().await;
    previous_desk(&test).await;
    let before = {
        let db = Database::connect(&test.url).await.expect("connect");
        let counted = counts(&db).await;
        db.close().await.ok();
        counted
    };
    assert!(before.tickets > 200 && before.audit > 20, "a desk worth upgrading: {before:?}");

    let data = tempfile::tempdir().expect("temp");
    let common = CommonArgs {
        database_url: test.url.clone(),
        data_dir: data.path().to_path_buf(),
        log_format: LogFormat::Human,
        log: "warn".into(),
    };
    let db = startup::open_database(&Config::new(&common, None).expect("config")).await.expect("migrate");
    assert_eq!(counts(&db).await, before, "every row is still there");

    let chain = domain::audit::chain::verify(&db).await.expect("verify");
    assert_eq!((chain.entries, chain.broken), (before.audit, None), "the old audit log is sealed into a chain");
    let held = ticket_message::Entity::find().filter(ticket_message::Column::OutsideSender.is_not_null()).count(&db);
    assert_eq!(held.await.expect("held"), 0, "no old message is taken for held mail");

    // Every ticket reads, with its timeline, for an admin.
    let admin = user::Entity::find().filter(user::Column::Email.eq("admin@example.com")).one(&db).await;
    let admin = Actor::User(domain::accounts::queries::principal_of(&admin.expect("q").expect("admin")));
    for row in ticket::Entity::find().all(&db).await.expect("tickets") {
        let view =
            tickets::queries::get(&db, &admin, row.id).await.unwrap_or_else(|e| panic!("ticket {}: {e}", row.id));
        assert!(!view.timeline.is_empty(), "ticket {} has its conversation", row.id);
    }
    let filter = TicketFilter::parse("printer").expect("filter");
    let found = tickets::filtering::list(&db, &admin, &filter, Default::default(), None).await.expect("search");
    assert!(!found.items.is_empty(), "the search index came along");
    // A new change lands on the upgraded desk and is audited at the chain's head.
    domain::teams::commands::create(&db, &admin, "After the upgrade", "").await.expect("a change");
    let chain = domain::audit::chain::verify(&db).await.expect("verify");
    assert_eq!((chain.entries, chain.broken), (before.audit + 1, None));
}
