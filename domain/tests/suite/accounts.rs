//! Domain tests against a real database (SQLite, or PostgreSQL with `TEST_DATABASE_URL`).

use domain::{
    Actor, DomainError, Principal, Role,
    access::throttle::LinkThrottle,
    accounts::{NewUser, SignInThrottle, SignUp, commands, commands::SignedUp, queries},
    db, sessions,
    testing::TestDatabase,
};
use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use seed::demo;

async fn fresh() -> (TestDatabase, DatabaseConnection) {
    let test = TestDatabase::new().await;
    let conn = db::connect(&test.url).await.expect("connect");
    Migrator::up(&conn, None).await.expect("migrate");
    (test, conn)
}

fn admin_actor(id: i64) -> Actor {
    Actor::User(Principal { user_id: id, role: Role::Admin, organization_id: None })
}

#[tokio::test]
async fn sqlite_runs_durable_with_foreign_keys() {
    let test = TestDatabase::sqlite();
    let conn = db::connect(&test.url).await.expect("connect");
    let settings = db::sqlite_settings(&conn).await.expect("pragmas").expect("sqlite");
    assert_eq!(settings.journal_mode, "wal");
    assert_eq!(settings.synchronous, 2, "FULL");
    assert_eq!(settings.foreign_keys, 1);
    assert_eq!(settings.busy_timeout_ms, 5000);
}

#[tokio::test]
async fn migrations_apply_once_and_again_without_change() {
    let (_test, conn) = fresh().await;
    Migrator::up(&conn, None).await.expect("second run is a no-op");
    assert!(Migrator::get_pending_migrations(&conn).await.expect("pending").is_empty());
    assert!(db::ping(&conn).await);
}

#[tokio::test]
async fn demo_seed_is_idempotent_and_signs_in() {
    let (_test, conn) = fresh().await;
    let first = demo::seed(&conn).await.expect("seed");
    assert_eq!((first.organizations, first.teams), (3, 4));
    assert!(first.users >= 10);
    assert_eq!(demo::seed(&conn).await.expect("again"), demo::Seeded::default());
    let throttle = SignInThrottle::default();
    for email in ["admin@example.com", "agent@example.com", "customer@example.com"] {
        let user = commands::sign_in(&conn, &throttle, email, demo::DEMO_PASSWORD, None).await.expect(email);
        assert_eq!(user.email, email);
    }
}

#[tokio::test]
async fn sign_up_validates_and_refuses_duplicates() {
    let (_test, conn) = fresh().await;
    let throttle = LinkThrottle::default();
    let input = |email: &str| SignUp { name: "Kim".into(), email: email.into(), password: "long enough pw".into() };
    let signed_up = commands::sign_up(&conn, &Actor::Anonymous, &throttle, input("KIM@example.org"), None).await;
    let SignedUp::Created(kim) = signed_up.expect("sign up") else { panic!("a new account") };
    assert_eq!((kim.email.as_str(), kim.role, kim.email_verified), ("kim@example.org", Role::Customer, false));
    let err = commands::sign_up(&conn, &Actor::Anonymous, &throttle, input("kim@example.org"), None).await.unwrap_err();
    assert_eq!(err.fields()[0].field, "email");
    let signed_in = Actor::User(Principal { user_id: kim.id, role: Role::Customer, organization_id: None });
    assert_eq!(
        commands::sign_up(&conn, &signed_in, &throttle, input("other@example.org"), None).await.unwrap_err(),
        DomainError::Forbidden
    );
}

#[tokio::test]
async fn inactive_or_unknown_accounts_fail_alike() {
    let (_test, conn) = fresh().await;
    demo::seed(&conn).await.expect("seed");
    let throttle = SignInThrottle::default();
    let admin = queries::find_by_email(&conn, "admin@example.com").await.expect("q").expect("admin");
    let agent = queries::find_by_email(&conn, "agent@example.com").await.expect("q").expect("agent");
    sessions::save(
        &conn,
        "agent-session",
        "{}".into(),
        chrono::Utc::now() + chrono::Duration::hours(1),
        Some(agent.id),
    )
    .await
    .expect("session");
    commands::set_active(&conn, &admin_actor(admin.id), agent.id, false).await.expect("deactivate");
    assert!(sessions::load(&conn, "agent-session").await.expect("load").is_none(), "sessions ended");
    for (email, password) in [("agent@example.com", demo::DEMO_PASSWORD), ("ghost@example.com", demo::DEMO_PASSWORD)] {
        let err = commands::sign_in(&conn, &throttle, email, password, None).await.unwrap_err();
        assert_eq!(err, DomainError::BadCredentials, "{email}");
    }
    assert!(queries::active_principal(&conn, agent.id).await.expect("q").is_none());
    let err = commands::set_active(&conn, &admin_actor(admin.id), admin.id, false).await.unwrap_err();
    assert!(matches!(err, DomainError::InvalidTransition(_)));
}

#[tokio::test]
async fn only_admins_create_staff() {
    let (_test, conn) = fresh().await;
    let input = NewUser {
        name: "Rae".into(),
        email: "rae@example.com".into(),
        password: "long enough pw".into(),
        role: Role::Agent,
        organization_id: None,
    };
    let agent = Actor::User(Principal { user_id: 1, role: Role::Agent, organization_id: None });
    assert_eq!(commands::create_user(&conn, &agent, input.clone()).await.unwrap_err(), DomainError::Forbidden);
    assert_eq!(
        commands::create_user(&conn, &Actor::Anonymous, input.clone()).await.unwrap_err(),
        DomainError::Unauthenticated
    );
    let created = commands::create_user(&conn, &Actor::System, input).await.expect("system may");
    assert_eq!(created.role, Role::Agent);
}
