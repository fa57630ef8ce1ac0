//! Listing tickets by a `TicketFilter`: names resolved to ids, the caller's scope applied
//! (customers see their own and their sharing organization's tickets, and may filter only by
//! status, category, dates, the custom fields they see and words), full-text matches joined in, sorted and paged by keyset
//! (or by offset when ranked by relevance).

use super::lookup;
use crate::{
    desk_config::Config,
    entities::{organization, ticket, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    role::Role,
    search::{self, Scope},
    ticket_filter::{AssigneeFilter, Sort, TicketFilter},
    ticket_types::{StatusCategory, TicketSummary},
    views::Page,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
    sea_query::{Expr, ExprTrait, Func, JoinType, Order},
};

pub const PAGE_SIZE: u64 = 25;

fn bad_query(message: impl Into<String>) -> DomainError {
    DomainError::field("q", message)
}

fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).map(|d| d.and_utc()).unwrap_or_default()
}

fn nothing() -> Condition {
    Condition::all().add(Expr::cust("1 = 0"))
}

/// Nanoseconds, so a cursor names a stored time exactly (SQLite keeps what `Utc::now` gave).
pub(crate) fn nanos(at: DateTime<Utc>) -> i64 {
    at.timestamp_nanos_opt().unwrap_or(i64::MAX)
}

/// Where a page starts, for each sort.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Position {
    After { rank: i32, at: DateTime<Utc>, id: i64 },
    Offset(u64),
}

impl Position {
    fn encode(self) -> String {
        match self {
            Position::After { rank, at, id } => format!("{rank}.{}.{id}", nanos(at)),
            Position::Offset(n) => format!("o{n}"),
        }
    }

    fn decode(text: &str) -> Option<Position> {
        if let Some(n) = text.strip_prefix('o') {
            return n.parse().ok().map(Position::Offset);
        }
        let mut parts = text.splitn(3, '.');
        let rank = parts.next()?.parse().ok()?;
        let at = DateTime::from_timestamp_nanos(parts.next()?.parse().ok()?);
        let id = parts.next()?.parse().ok()?;
        Some(Position::After { rank, at, id })
    }
}

/// The rows a filter selects, before sorting: scope, fields and dates.
async fn condition(
    db: &impl ConnectionTrait,
    config: &Config,
    actor: &Actor,
    filter: &TicketFilter,
) -> Result<Condition, DomainError> {
    // Docket itself (automations) selects as an admin would, with no "me".
    let principal = match actor {
        Actor::System => crate::policy::Principal { user_id: 0, role: Role::Admin, organization_id: None },
        _ => *actor.principal().ok_or(DomainError::Unauthenticated)?,
    };
    let staff = principal.role.is_staff();
    let mut cond = Condition::all();
    if !staff {
        let agents_only = !filter.priority.is_empty()
            || !filter.team.is_empty()
            || !filter.assignee.is_empty()
            || !filter.tag.is_empty()
            || !filter.requester.is_empty()
            || !filter.organization.is_empty()
            || !filter.channel.is_empty()
            || !filter.sla.is_empty()
            || filter.breached.is_some()
            || filter.due_within.is_some()
            || filter.due_beyond.is_some();
        if agents_only {
            return Err(bad_query("Filter by status, category, dates, fields and words"));
        }
        let mut scope = Condition::any().add(ticket::Column::RequesterId.eq(principal.user_id));
        if let Some(org) = principal.organization_id
            && organization::Entity::find_by_id(org).one(db).await?.is_some_and(|o| o.shares_tickets)
        {
            scope = scope.add(ticket::Column::OrganizationId.eq(org));
        }
        cond = cond.add(scope);
    } else if let Some(within) = crate::ticket_access::reach_condition(&crate::ticket_access::reach(db, actor).await?) {
        // An agent whose every team keeps to its own tickets finds only those.
        cond = cond.add(within);
    }

    if !filter.status.is_empty() {
        let mut ids = Vec::new();
        for value in &filter.status {
            let by_category: Vec<i64> = match value.as_str() {
                "unsolved" | "active" => config.status_ids(StatusCategory::is_active),
                v => StatusCategory::parse(v).map(|c| config.status_ids(|x| x == c)).unwrap_or_default(),
            };
            let by_name = config.statuses.iter().filter(|s| s.name.to_lowercase() == *value).map(|s| s.id);
            let before = ids.len();
            ids.extend(by_category.into_iter().chain(by_name));
            if ids.len() == before {
                return Err(bad_query(format!("No status called \u{201c}{value}\u{201d}")));
            }
        }
        cond = cond.add(ticket::Column::StatusId.is_in(ids));
    }
    if !filter.priority.is_empty() {
        let ids = names_to_ids(&filter.priority, config.priorities.iter().map(|p| (p.id, &p.name)), "priority")?;
        cond = cond.add(ticket::Column::PriorityId.is_in(ids));
    }
    if !filter.category.is_empty() {
        let ids = names_to_ids(&filter.category, config.categories.iter().map(|c| (c.id, &c.name)), "category")?;
        cond = cond.add(ticket::Column::CategoryId.is_in(ids));
    }
    if !filter.team.is_empty() {
        let ids = names_to_ids(&filter.team, config.teams.iter().map(|t| (t.id, &t.name)), "team")?;
        cond = cond.add(ticket::Column::TeamId.is_in(ids));
    }
    if !filter.assignee.is_empty() {
        let mut any = Condition::any();
        for a in &filter.assignee {
            any = any.add(match a {
                AssigneeFilter::Me => ticket::Column::AssigneeId.eq(principal.user_id).into_condition(),
                AssigneeFilter::Nobody => ticket::Column::AssigneeId.is_null().into_condition(),
                AssigneeFilter::Email(email) => {
                    let agent = user_by_email(db, email).await?.filter(|u| u.role.is_staff());
                    let agent = agent.ok_or_else(|| bad_query(format!("No agent with the email {email}")))?;
                    ticket::Column::AssigneeId.eq(agent.id).into_condition()
                }
            });
        }
        cond = cond.add(any);
    }
    if !filter.tag.is_empty() {
        let mut any = Condition::any();
        for tag in &filter.tag {
            // Tags are stored as a JSON list of normalised words, so `"tag"` marks one exactly.
            let tag: String = tag.chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_').collect();
            any = any.add(ticket::Column::Tags.like(format!("%\"{tag}\"%")));
        }
        cond = cond.add(any);
    }
    if !filter.requester.is_empty() {
        let mut ids = Vec::new();
        for value in &filter.requester {
            if value == "me" {
                ids.push(principal.user_id);
            } else if let Some(u) = user_by_email(db, value).await? {
                ids.push(u.id);
            }
        }
        cond =
            cond.add(if ids.is_empty() { nothing() } else { ticket::Column::RequesterId.is_in(ids).into_condition() });
    }
    if !filter.organization.is_empty() {
        let ids: Vec<i64> = organization::Entity::find()
            .filter(Expr::expr(Func::lower(Expr::col(organization::Column::Name))).is_in(filter.organization.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect();
        cond = cond.add(if ids.is_empty() {
            nothing()
        } else {
            ticket::Column::OrganizationId.is_in(ids).into_condition()
        });
    }
    if !filter.channel.is_empty() {
        let channels = filter
            .channel
            .iter()
            .map(|c| {
                crate::ticket_types::Channel::parse(c).ok_or_else(|| {
                    bad_query(format!("No channel called \u{201c}{c}\u{201d}: use web, email, api, phone or chat"))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        cond = cond.add(ticket::Column::Channel.is_in(channels));
    }
    cond = crate::sla::filters::add(db, filter, cond).await?;
    if let Some(day) = filter.created_from {
        cond = cond.add(ticket::Column::CreatedAt.gte(start_of(day)));
    }
    if let Some(day) = filter.created_before {
        cond = cond.add(ticket::Column::CreatedAt.lt(start_of(day)));
    }
    if let Some(day) = filter.updated_from {
        cond = cond.add(ticket::Column::UpdatedAt.gte(start_of(day)));
    }
    if let Some(day) = filter.updated_before {
        cond = cond.add(ticket::Column::UpdatedAt.lt(start_of(day)));
    }
    if !filter.fields.is_empty() {
        let fields = crate::custom_fields::catalog::Fields::load(db).await?;
        cond = cond.add(crate::custom_fields::filter::condition(&fields, &filter.fields, !staff)?);
    }
    Ok(cond)
}

trait IntoCondition {
    fn into_condition(self) -> Condition;
}

impl IntoCondition for sea_orm::sea_query::SimpleExpr {
    fn into_condition(self) -> Condition {
        Condition::all().add(self)
    }
}

fn names_to_ids<'a>(
    wanted: &[String],
    options: impl Iterator<Item = (i64, &'a String)> + Clone,
    what: &str,
) -> Result<Vec<i64>, DomainError> {
    wanted
        .iter()
        .map(|w| {
            options
                .clone()
                .find(|(_, name)| name.to_lowercase() == *w)
                .map(|(id, _)| id)
                .ok_or_else(|| bad_query(format!("No {what} called \u{201c}{w}\u{201d}")))
        })
        .collect()
}

async fn user_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<user::Model>, DomainError> {
    Ok(user::Entity::find().filter(user::Column::Email.eq(email.to_lowercase())).one(db).await?)
}

/// The tickets `filter` selects among those the actor may see, unordered; with words, joined to
/// their full-text matches as `m` (ranked by `m.score`).
pub(crate) async fn selection(
    db: &impl ConnectionTrait,
    config: &Config,
    actor: &Actor,
    filter: &TicketFilter,
) -> Result<Select<ticket::Entity>, DomainError> {
    let staff = matches!(actor, Actor::System) || actor.role().is_some_and(Role::is_staff);
    let mut select = ticket::Entity::find().filter(condition(db, config, actor, filter).await?);
    let scope = if staff { Scope::All } else { Scope::Public };
    if let Some(matching) = search::matching(db.get_database_backend(), &filter.text, scope) {
        let on = Expr::col(("m", "ticket_id")).equals((ticket::Entity, ticket::Column::Id));
        QueryTrait::query(&mut select).join_subquery(JoinType::InnerJoin, matching, "m", on);
    }
    Ok(select)
}

/// Tickets matching `filter` that the actor may see, one page at a time.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &TicketFilter,
    sort: Sort,
    cursor: Option<&str>,
) -> Result<Page<TicketSummary>, DomainError> {
    if !(actor.role().is_some_and(Role::is_staff)) {
        authorize(actor, Action::UsePortal)?;
    }
    let config = Config::load(db).await?;
    let sort = if sort == Sort::Relevance && !filter.has_text() { Sort::Updated } else { sort };
    let position = match cursor.filter(|c| !c.is_empty()) {
        None => None,
        Some(text) => {
            Some(Position::decode(text).ok_or_else(|| DomainError::field("cursor", "This page link is out of date"))?)
        }
    };
    let mut select = selection(db, &config, actor, filter).await?;
    if sort == Sort::Due {
        let after = match cursor.filter(|c| !c.is_empty()) {
            None => None,
            Some(text) => Some(
                super::due_order::DueCursor::decode(text)
                    .ok_or_else(|| DomainError::field("cursor", "This page link is out of date"))?,
            ),
        };
        let (rows, next) = super::due_order::page(db, select, after, PAGE_SIZE).await?;
        let mut items = lookup::summaries(db, &config, rows).await?;
        if actor.role().is_some_and(Role::is_staff) {
            crate::custom_fields::columns::fill(db, &mut items).await?;
        }
        return Ok(Page { items, next_cursor: next.map(super::due_order::DueCursor::encode) });
    }
    let rank_of = |id: i64| config.priorities.iter().find(|p| p.id == id).map_or(0, |p| p.rank);
    let (at_column, descending) = match sort {
        Sort::Created => (ticket::Column::CreatedAt, true),
        Sort::Oldest => (ticket::Column::UpdatedAt, false),
        _ => (ticket::Column::UpdatedAt, true),
    };
    let mut offset = 0;
    match (sort, position) {
        (Sort::Relevance, Some(Position::Offset(n))) => offset = n,
        (Sort::Relevance, None) | (_, None) => {}
        (Sort::Relevance, Some(_)) | (_, Some(Position::Offset(_))) => {
            return Err(DomainError::field("cursor", "This page link is out of date"));
        }
        (_, Some(Position::After { rank, at, id })) => {
            let (before_at, before_id) = if descending {
                (at_column.lt(at), ticket::Column::Id.lt(id))
            } else {
                (at_column.gt(at), ticket::Column::Id.gt(id))
            };
            let within = Condition::any().add(before_at).add(Condition::all().add(at_column.eq(at)).add(before_id));
            select = select.filter(if sort == Sort::Priority {
                let ids = |pred: &dyn Fn(i32) -> bool| -> Vec<i64> {
                    config.priorities.iter().filter(|p| pred(p.rank)).map(|p| p.id).collect()
                };
                Condition::any()
                    .add(ticket::Column::PriorityId.is_in(ids(&|r| r < rank)))
                    .add(Condition::all().add(ticket::Column::PriorityId.is_in(ids(&|r| r == rank))).add(within))
            } else {
                within
            });
        }
    }
    let order = if descending { Order::Desc } else { Order::Asc };
    match sort {
        Sort::Relevance => {
            select = select.order_by(Expr::col(("m", "score")), Order::Asc).order_by_desc(ticket::Column::UpdatedAt)
        }
        Sort::Priority => {
            let mut case = sea_orm::sea_query::CaseStatement::new();
            for p in &config.priorities {
                case = case.case(Expr::col((ticket::Entity, ticket::Column::PriorityId)).eq(p.id), p.rank);
            }
            let case: Expr = case.finally(0).into();
            select = select.order_by(case, Order::Desc);
        }
        _ => {}
    }
    select = select.order_by(at_column, order.clone()).order_by(ticket::Column::Id, order);
    let mut rows = select.offset(offset).limit(PAGE_SIZE + 1).all(db).await?;
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let next = more
        .then(|| {
            rows.last().map(|t| match sort {
                Sort::Relevance => Position::Offset(offset + PAGE_SIZE),
                _ => Position::After {
                    rank: rank_of(t.priority_id),
                    at: if sort == Sort::Created { t.created_at } else { t.updated_at },
                    id: t.id,
                },
            })
        })
        .flatten()
        .map(Position::encode);
    let mut items = lookup::summaries(db, &config, rows).await?;
    if actor.role().is_some_and(Role::is_staff) {
        crate::custom_fields::columns::fill(db, &mut items).await?;
    }
    Ok(Page { items, next_cursor: next })
}

#[cfg(test)]
mod tests {
    use super::Position;

    #[test]
    fn positions_round_trip_and_reject_junk() {
        let at = chrono::DateTime::from_timestamp_nanos(1_763_800_000_123_456_789);
        for p in [Position::After { rank: 3, at, id: 42 }, Position::Offset(50)] {
            assert_eq!(Position::decode(&p.encode()), Some(p));
        }
        for junk in ["", "x", "1.2", "o-1", "1.abc.3", "1.2.3.4"] {
            assert_eq!(Position::decode(junk), None, "{junk}");
        }
    }
}
