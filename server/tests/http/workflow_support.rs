//! Helpers for the workflow tests: acting through the domain, and finding notifications.

use domain::{Actor, entities::notification};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// The demo user with this email, as an actor of the domain.
pub async fn actor(db: &DatabaseConnection, email: &str) -> Actor {
    let user = domain::accounts::queries::find_by_email(db, email).await.expect("query").expect(email);
    Actor::User(domain::accounts::queries::principal_of(&user))
}

/// Runs the durable reactions due now (agents' notifications, customer mail), as the server's
/// job runner would right after a change commits.
pub async fn settle(db: &DatabaseConnection) {
    domain::jobs::registry::run_due_now(db).await.expect("run reactions");
}

/// The id of the newest notification of a user.
pub async fn latest_notification(db: &DatabaseConnection, user_id: i64) -> i64 {
    settle(db).await;
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::Id)
        .one(db)
        .await
        .expect("query")
        .expect("a notification")
        .id
}
