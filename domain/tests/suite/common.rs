//! What the domain tests share: a migrated database with the demo desk, and actors by
//! email. A module that adds helper methods wraps [`Desk`] in a type of its own (as tickets.rs
//! does): inherent methods of one type share a single namespace across the test binary.

use domain::{Actor, Principal, Role, accounts::queries as users, db, testing::TestDatabase};
use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use seed::demo;

pub struct Desk {
    pub _test: TestDatabase,
    pub db: DatabaseConnection,
}

pub async fn desk() -> Desk {
    let test = TestDatabase::new().await;
    let db = db::connect(&test.url).await.expect("connect");
    Migrator::up(&db, None).await.expect("migrate");
    demo::seed(&db).await.expect("seed");
    Desk { _test: test, db }
}

impl Desk {
    pub async fn actor(&self, email: &str) -> Actor {
        let user = users::find_by_email(&self.db, email).await.expect("query").expect(email);
        Actor::User(Principal {
            user_id: user.id,
            role: Role::parse(&user.role).expect("role"),
            organization_id: user.organization_id,
        })
    }
}
