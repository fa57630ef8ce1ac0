//! Which tickets a rule's conditions select, by the search engine itself (the same filter
//! language and SQL as search and views, as Docket sees every ticket): one ticket after an
//! event, the tickets of the last days for a dry run, and a schedule's idle tickets in pages.

use crate::{
    desk_config::Config,
    entities::ticket,
    error::DomainError,
    policy::Actor,
    ticket_filter::{AssigneeFilter, TicketFilter},
    tickets::filtering::selection,
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

/// A rule's conditions, parsed: the filter language without "me" (a rule acts for nobody).
pub fn parse(text: &str) -> Result<TicketFilter, String> {
    let filter = TicketFilter::parse(text)?;
    if filter.assignee.contains(&AssigneeFilter::Me) || filter.requester.iter().any(|r| r == "me") {
        return Err(
            "A rule acts for nobody in particular: name the agent or customer by email, not \u{201c}me\u{201d}".into(),
        );
    }
    Ok(filter)
}

/// The filter's error as the rule form's field error.
fn conditions_error(err: DomainError) -> DomainError {
    match err {
        DomainError::Validation(fields) => DomainError::Validation(
            fields.into_iter().map(|f| crate::FieldError::new("conditions", f.message)).collect(),
        ),
        other => other,
    }
}

/// Whether the ticket matches now.
pub async fn matches(
    db: &impl ConnectionTrait,
    config: &Config,
    filter: &TicketFilter,
    ticket_id: i64,
) -> Result<bool, DomainError> {
    let select = selection(db, config, &Actor::System, filter).await?.filter(ticket::Column::Id.eq(ticket_id));
    Ok(select.count(db).await? > 0)
}

/// How many tickets changed since `since` match now, and the newest few (for the dry run).
pub async fn recent(
    db: &impl ConnectionTrait,
    config: &Config,
    filter: &TicketFilter,
    since: DateTime<Utc>,
) -> Result<(u64, Vec<ticket::Model>), DomainError> {
    let select = selection(db, config, &Actor::System, filter)
        .await
        .map_err(conditions_error)?
        .filter(ticket::Column::UpdatedAt.gte(since));
    let count = select.clone().count(db).await?;
    let examples = select.order_by_desc(ticket::Column::Id).limit(10).all(db).await?;
    Ok((count, examples))
}

/// Checks that the conditions name what exists (a team, a status, an agent): the error is the
/// form's.
pub async fn check_names(db: &impl ConnectionTrait, config: &Config, filter: &TicketFilter) -> Result<(), DomainError> {
    selection(db, config, &Actor::System, filter).await.map(|_| ()).map_err(conditions_error)
}

/// The next page of tickets that match and have not changed since `idle_before`, by id after
/// `after`.
pub async fn idle(
    db: &impl ConnectionTrait,
    config: &Config,
    filter: &TicketFilter,
    idle_before: DateTime<Utc>,
    after: i64,
    limit: u64,
) -> Result<Vec<ticket::Model>, DomainError> {
    Ok(selection(db, config, &Actor::System, filter)
        .await?
        .filter(ticket::Column::UpdatedAt.lte(idle_before))
        .filter(ticket::Column::Id.gt(after))
        .order_by_asc(ticket::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
