//! What the domain tests share: a migrated database with the demo desk, and actors by
//! email. A module that adds helper methods wraps [`Desk`] in a type of its own (as tickets.rs
//! does): inherent methods of one type share a single namespace across the test binary.

use domain::{Actor, Principal, Role, accounts::queries as users, db, testing::TestDatabase};
use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use std::{future::Future, pin::Pin};
use seed::demo;

pub struct Desk {
    pub _test: TestDatabase,
    pub db: DatabaseConnection,
}

/// A desk of its own for one test: a copy of the migrated demo desk, built once per run.
pub async fn desk() -> Desk {
    let test = TestDatabase::from_template("demo", build_demo).await;
    let db = db::connect(&test.url).await.expect("connect");
    Desk { _test: test, db }
}

fn build_demo(db: &DatabaseConnection) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
    Box::pin(async move {
        Migrator::up(db, None).await.expect("migrate");
        demo::seed(db).await.expect("seed");
    })
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
