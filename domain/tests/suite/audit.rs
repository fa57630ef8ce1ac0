//! The audit log against a real database: appends form one unbroken chain (also when written at
//! once), the database refuses updates and deletes, `verify` finds the first broken link of a
//! tampered log, migration 25 seals entries written before it, and admins read it filtered.

use crate::common;
use domain::{
    DomainError,
    audit::{chain, query},
    audit_types::{AuditActor, AuditFilter},
    entities::audit_log,
    teams::commands as teams,
    testing::TestDatabase,
};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QueryOrder, Statement};

common::file_desk!();

impl Desk {
    fn postgres(&self) -> bool {
        self.db.get_database_backend() == DbBackend::Postgres
    }

    async fn run(&self, sql: &str) -> Result<(), sea_orm::DbErr> {
        self.db.execute_unprepared(sql).await.map(|_| ())
    }

    /// Switches the append-only triggers off, as only someone with the database's keys can.
    async fn bypass_triggers(&self) {
        let sql: &[&str] = if self.postgres() {
            &["ALTER TABLE audit_log DISABLE TRIGGER USER"]
        } else {
            &["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"]
        };
        for statement in sql {
            self.run(statement).await.expect("bypass");
        }
    }
}

#[tokio::test]
async fn the_chain_holds_and_the_database_refuses_changes() {
    let d = desk().await;
    let admin = d.actor("admin@example.com").await;
    // Written at once: the appends take turns, and the chain does not fork.
    let writes = (0..12).map(|n| {
        let (db, admin) = (d.db.clone(), admin.clone());
        tokio::spawn(async move { teams::create(&db, &admin, &format!("Chain team {n}"), "").await })
    });
    for write in writes {
        write.await.expect("join").expect("team");
    }
    let checked = chain::verify(&d.db).await.expect("verify");
    assert_eq!(checked.broken, None);
    let total = audit_log::Entity::find().all(&d.db).await.expect("entries").len() as u64;
    assert!(checked.entries >= 12 && checked.entries == total, "{checked:?} of {total}");

    assert!(d.run("UPDATE audit_log SET detail = '{}' WHERE seq = 2").await.is_err(), "no updates");
    assert!(d.run("DELETE FROM audit_log WHERE seq = 2").await.is_err(), "no deletes");
    if d.postgres() {
        assert!(d.run("TRUNCATE audit_log").await.is_err(), "no truncation");
    }

    d.bypass_triggers().await;
    d.run("UPDATE audit_log SET detail = '{\"forged\":true}' WHERE seq = 3").await.expect("tamper");
    let broken = chain::verify(&d.db).await.expect("verify").broken.expect("found");
    assert_eq!(broken.seq, 3);
    assert!(broken.reason.contains("changed"), "{broken:?}");
    d.run("DELETE FROM audit_log WHERE seq = 2").await.expect("remove");
    let broken = chain::verify(&d.db).await.expect("verify").broken.expect("found");
    assert_eq!(broken.seq, 3);
    assert!(broken.reason.contains("entry 2 is missing"), "{broken:?}");
}

#[tokio::test]
async fn migration_25_seals_the_entries_written_before_it() {
    let test = TestDatabase::new().await;
    let db = domain::db::connect(&test.url).await.expect("connect");
    Migrator::up(&db, Some(24)).await.expect("migrate to 24");
    let backend = db.get_database_backend();
    for n in 1..=5 {
        let sql = "INSERT INTO audit_log (at, actor_user_id, action, target_kind, target_id, detail) VALUES \
                   ('2026-11-0' || CAST(? AS TEXT) || ' 10:00:00.123456789+00:00', NULL, 'team.create', 'team', ?, '{\"n\":1}')";
        let sql = if backend == DbBackend::Postgres {
            format!(
                "INSERT INTO audit_log (at, actor_user_id, action, target_kind, target_id, detail) VALUES \
                 (TIMESTAMPTZ '2026-11-0{n} 10:00:00.123456+00', NULL, 'team.create', 'team', {n}, '{{\"n\":1}}')"
            )
        } else {
            sql.replacen('?', &n.to_string(), 2)
        };
        db.execute_raw(Statement::from_string(backend, sql)).await.expect("a legacy entry");
    }
    Migrator::up(&db, None).await.expect("migrate");
    let checked = chain::verify(&db).await.expect("verify");
    assert_eq!((checked.entries, checked.broken), (5, None));
    let first = audit_log::Entity::find().order_by_asc(audit_log::Column::Seq).one(&db).await.expect("q").expect("one");
    assert_eq!((first.seq, first.prev_hash.as_str(), first.target_id), (1, "", Some(1)));
}

#[tokio::test]
async fn admins_read_it_filtered_and_paged() {
    let d = desk().await;
    let admin = d.actor("admin@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let id = teams::create(&d.db, &admin, "Audited team", "").await.expect("team");
    let all = query::list(&d.db, &admin, &AuditFilter::default()).await.expect("list");
    assert_eq!(all.entries[0].action, "team.create", "newest first");
    assert_eq!(all.entries[0].actor_email.as_deref(), Some("admin@example.com"));
    assert!(all.kinds.contains(&"team".to_owned()));

    let by = |filter: AuditFilter| {
        let (db, admin) = (d.db.clone(), admin.clone());
        async move { query::list(&db, &admin, &filter).await.expect("list").entries }
    };
    let mine =
        by(AuditFilter { actor: Some(AuditActor::Email("admin@example.com".into())), ..Default::default() }).await;
    assert!(!mine.is_empty() && mine.iter().all(|e| e.actor_email.as_deref() == Some("admin@example.com")));
    let system = by(AuditFilter { actor: Some(AuditActor::System), ..Default::default() }).await;
    assert!(
        !system.is_empty() && system.iter().all(|e| e.actor_id.is_none()),
        "the demo desk was seeded by the system"
    );
    let nobody = by(AuditFilter { actor: Some(AuditActor::Email("nobody@example.com".into())), ..Default::default() });
    assert!(nobody.await.is_empty());
    let family = by(AuditFilter { action: Some("team".into()), ..Default::default() }).await;
    assert!(!family.is_empty() && family.iter().all(|e| e.action.starts_with("team.")));
    let object = by(AuditFilter { target_kind: Some("team".into()), target_id: Some(id), ..Default::default() }).await;
    assert_eq!(object.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["team.create"]);
    let today = domain::clock::now().date_naive();
    let dated = by(AuditFilter { from: Some(today), to: Some(today), ..Default::default() }).await;
    assert!(dated.iter().any(|e| e.target_id == Some(id)));
    let yesterday = today.pred_opt().expect("day");
    let before = by(AuditFilter { to: Some(yesterday), action: Some("team.create".into()), ..Default::default() });
    assert!(before.await.iter().all(|e| e.target_id != Some(id)));

    // Pages follow each other with no entry twice and none left out.
    let mut seen = Vec::new();
    let mut filter = AuditFilter::default();
    loop {
        let page = query::list(&d.db, &admin, &filter).await.expect("page");
        seen.extend(page.entries.iter().map(|e| e.seq));
        match page.next_before {
            Some(before) => filter.before = Some(before),
            None => break,
        }
    }
    let total = audit_log::Entity::find().all(&d.db).await.expect("all").len();
    assert_eq!(seen.len(), total);
    assert!(seen.windows(2).all(|w| w[0] > w[1]));

    assert_eq!(query::list(&d.db, &agent, &AuditFilter::default()).await.err(), Some(DomainError::Forbidden));
}
