//! Reading the desk configuration for the admin pages, with how many tickets use each option.

use super::{
    config::Config,
    types::{CategoryRow, DeskConfigView, PriorityRow, StatusRow},
};
use crate::{
    entities::ticket,
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use sea_orm::{
    ConnectionTrait, EntityTrait, QuerySelect,
    sea_query::{Expr, Func},
};
use std::collections::HashMap;

/// Tickets per value of one column.
async fn usage(db: &impl ConnectionTrait, column: ticket::Column) -> Result<HashMap<i64, u64>, DomainError> {
    let rows: Vec<(Option<i64>, i64)> = ticket::Entity::find()
        .select_only()
        .column(column)
        .column_as(Expr::from(Func::count(Expr::col(ticket::Column::Id))), "tickets")
        .group_by(column)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(id, n)| Some((id?, u64::try_from(n).unwrap_or(0)))).collect())
}

pub async fn load(db: &impl ConnectionTrait, actor: &Actor) -> Result<DeskConfigView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let config = Config::load(db).await?;
    let by_status = usage(db, ticket::Column::StatusId).await?;
    let by_priority = usage(db, ticket::Column::PriorityId).await?;
    let by_category = usage(db, ticket::Column::CategoryId).await?;
    let count = |map: &HashMap<i64, u64>, id: i64| map.get(&id).copied().unwrap_or(0);
    Ok(DeskConfigView {
        statuses: config
            .statuses
            .iter()
            .map(|s| StatusRow {
                id: s.id,
                name: s.name.clone(),
                category: s.category,
                position: s.position,
                active: s.active,
                tickets: count(&by_status, s.id),
            })
            .collect(),
        priorities: config
            .priorities
            .iter()
            .map(|p| PriorityRow {
                id: p.id,
                name: p.name.clone(),
                rank: p.rank,
                is_default: p.is_default,
                active: p.active,
                tickets: count(&by_priority, p.id),
            })
            .collect(),
        categories: config
            .categories
            .iter()
            .map(|c| CategoryRow {
                id: c.id,
                name: c.name.clone(),
                active: c.active,
                tickets: count(&by_category, c.id),
            })
            .collect(),
        ticket_prefix: config.prefix,
        auto_close_days: crate::auto_close::days(db).await?,
        time_required: crate::time_tracking::rule::required(db).await?,
    })
}
