//! What the domain tests share: a migrated database with the demo desk, and actors by
//! email. A module that adds helper methods wraps [`Desk`] in a type of its own with
//! [`file_desk!`]: inherent methods of one type share a single namespace across the test binary.

use domain::{Actor, accounts::queries as users, db, testing::TestDatabase};
use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use seed::demo;
use std::{future::Future, pin::Pin};

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
        Actor::User(users::principal_of(&user))
    }
}

/// Declares this file's own `Desk`, a wrapper of [`Desk`] that derefs to it, and `desk()`, so
/// the file's helper methods cannot clash with another file's.
macro_rules! file_desk {
    () => {
        struct Desk($crate::common::Desk);

        impl std::ops::Deref for Desk {
            type Target = $crate::common::Desk;

            fn deref(&self) -> &$crate::common::Desk {
                &self.0
            }
        }

        async fn desk() -> Desk {
            Desk($crate::common::desk().await)
        }
    };
}
pub(crate) use file_desk;
