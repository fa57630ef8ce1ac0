//! The demo's due dates: about half the open demo tickets are due somewhere between a few days
//! ago (overdue) and three weeks ahead, set by their assignee, so the calendar has a month of
//! work from the first start.

use chrono::Duration;
use domain::{
    DomainError,
    accounts::queries::principal_of,
    desk_config::Config,
    entities::{ticket, user},
    policy::Actor,
    ticket_types::StatusCategory,
    tickets::commands::{self, TicketChanges},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// Sets the due dates; returns how many tickets got one.
pub async fn seed(db: &DatabaseConnection) -> Result<usize, DomainError> {
    let config = Config::load(db).await?;
    let open = ticket::Entity::find()
        .filter(ticket::Column::StatusId.is_in(config.status_ids(StatusCategory::is_active)))
        .filter(ticket::Column::AssigneeId.is_not_null())
        .order_by_asc(ticket::Column::Id)
        .all(db)
        .await?;
    let today = domain::clock::now().date_naive();
    let mut set = 0;
    for row in open.into_iter().filter(|t| t.id % 2 == 0) {
        let Some(assignee) = user::Entity::find_by_id(row.assignee_id.unwrap_or_default()).one(db).await? else {
            continue;
        };
        let agent = Actor::User(principal_of(&assignee));
        // From three days ago to three weeks ahead, spread by id.
        let day = today + Duration::days(row.id % 25 - 3);
        let changes = TicketChanges { due_on: Some(Some(day)), ..Default::default() };
        commands::update(db, &agent, row.id, changes).await?;
        set += 1;
    }
    Ok(set)
}
