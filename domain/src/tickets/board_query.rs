//! Reading the Kanban board: the columns of a grouping, each with its total and its most
//! recently updated cards, over the tickets a filter selects among those the agent may see.

use super::{
    board::{Board, BoardColumn, BoardGroup, CARDS_PER_COLUMN},
    filtering::selection,
    lookup,
};
use crate::{
    desk_config::Config,
    entities::{ticket, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    role::Role,
    ticket_filter::TicketFilter,
    ticket_types::StatusCategory,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func},
};
use std::collections::{HashMap, HashSet};

/// The board of `filter` grouped by `group`, each column's cards recently updated first or, with
/// `by_due`, by the next SLA due time (those without one last). Status columns leave closed
/// statuses out; the assignee and priority boards show unsolved tickets unless the filter names
/// a status.
pub async fn board(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &TicketFilter,
    group: BoardGroup,
    by_due: bool,
) -> Result<Board, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let config = Config::load(db).await?;
    let mut filter = filter.clone();
    if group != BoardGroup::Status && filter.status.is_empty() {
        filter.status.push("unsolved".to_owned());
    }
    let column = match group {
        BoardGroup::Status => ticket::Column::StatusId,
        BoardGroup::Assignee => ticket::Column::AssigneeId,
        BoardGroup::Priority => ticket::Column::PriorityId,
    };
    let base = selection(db, &config, actor, &filter).await?;
    let totals: HashMap<Option<i64>, u64> = base
        .clone()
        .select_only()
        .column(column)
        .column_as(Expr::from(Func::count(Expr::col((ticket::Entity, ticket::Column::Id)))), "n")
        .group_by(column)
        .into_tuple::<(Option<i64>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(value, n)| (value, u64::try_from(n).unwrap_or_default()))
        .collect();
    let mut columns = Vec::new();
    for (value, title) in headings(db, &config, group, &totals).await? {
        let total = totals.get(&value).copied().unwrap_or_default();
        let rows = if total == 0 {
            Vec::new()
        } else {
            let here = match value {
                Some(id) => column.eq(id),
                None => column.is_null(),
            };
            let cards = base.clone().filter(here);
            let cards = if by_due {
                cards
                    .order_by_asc(Expr::col((ticket::Entity, ticket::Column::SlaDueAt)).is_null())
                    .order_by_asc(ticket::Column::SlaDueAt)
                    .order_by_asc(ticket::Column::Id)
            } else {
                cards.order_by_desc(ticket::Column::UpdatedAt).order_by_desc(ticket::Column::Id)
            };
            cards.limit(CARDS_PER_COLUMN).all(db).await?
        };
        let mut cards = lookup::summaries(db, &config, rows).await?;
        crate::custom_fields::columns::fill(db, &mut cards).await?;
        let value = value.map_or_else(|| "none".to_owned(), |id| id.to_string());
        columns.push(BoardColumn { value, title, total, cards });
    }
    Ok(Board { group, columns })
}

/// The columns of a grouping in board order, with their titles.
async fn headings(
    db: &impl ConnectionTrait,
    config: &Config,
    group: BoardGroup,
    totals: &HashMap<Option<i64>, u64>,
) -> Result<Vec<(Option<i64>, String)>, DomainError> {
    Ok(match group {
        BoardGroup::Status => config
            .statuses
            .iter()
            .filter(|s| {
                let closed = s.category == (StatusCategory::Closed);
                (s.active && !closed) || totals.contains_key(&Some(s.id)) && !closed
            })
            .map(|s| (Some(s.id), s.name.clone()))
            .collect(),
        BoardGroup::Priority => config
            .priorities
            .iter()
            .rev()
            .filter(|p| p.active || totals.contains_key(&Some(p.id)))
            .map(|p| (Some(p.id), p.name.clone()))
            .collect(),
        BoardGroup::Assignee => {
            // Every active agent has a column; someone no longer active keeps one while they
            // still hold tickets, so no card goes missing.
            let holding: HashSet<i64> = totals.keys().flatten().copied().collect();
            let staff = Role::STAFF;
            let agents = user::Entity::find()
                .filter(
                    sea_orm::Condition::any()
                        .add(user::Column::Role.is_in(staff).and(user::Column::Active.eq(true)))
                        .add(user::Column::Id.is_in(holding)),
                )
                .order_by_asc(user::Column::Name)
                .all(db)
                .await?;
            std::iter::once((None, "Unassigned".to_owned()))
                .chain(agents.into_iter().map(|u| (Some(u.id), u.name)))
                .collect()
        }
    })
}
