//! Demo held mail: a facilities contractor, who is not on the ticket, answered a forwarded
//! notification of Casey's newest open request; the mail waits as a held internal note for an
//! agent to make public or turn into a ticket of its own.

use domain::{
    Actor, DomainError,
    accounts::commands as accounts,
    desk_config::Config,
    entities::{ticket, user},
    ticket_types::{Channel, Visibility},
    tickets::{commands::Post, outside},
    validation::Email,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

pub async fn seed(db: &DatabaseConnection) -> Result<(), DomainError> {
    let Some(casey) = user::Entity::find().filter(user::Column::Email.eq("customer@example.com")).one(db).await? else {
        return Ok(());
    };
    let config = Config::load(db).await?;
    let open = ticket::Entity::find()
        .filter(ticket::Column::RequesterId.eq(casey.id))
        .order_by_desc(ticket::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .find(|t| config.status(t.status_id).is_ok_and(|s| s.category.is_active()));
    let Some(open) = open else { return Ok(()) };
    let email = Email::parse("dana@facilities.example").map_err(|m| DomainError::field("email", m))?;
    let txn = domain::db::begin_write(db).await?;
    let dana = accounts::find_or_create_customer(&txn, &Actor::System, &email, Some("Dana from Facilities")).await?;
    let post = Post {
        visibility: Visibility::Internal,
        channel: Channel::Email,
        body: "Casey forwarded me your note. We replaced the badge readers on floor 3 yesterday; \
               if this is about those, I can send someone today."
            .into(),
        body_html: None,
        files: Vec::new(),
    };
    outside::hold_in(&txn, &config, open.id, &dana, post).await?;
    txn.commit().await?;
    Ok(())
}
