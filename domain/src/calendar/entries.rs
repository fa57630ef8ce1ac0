//! Reading one calendar page: the open tickets of a scope (mine, my teams' or a saved view's,
//! within what the agent may see) whose due date or next SLA deadline falls in the page's days,
//! two index-ordered reads bounded by the page's dates.

use super::types::{CalendarDay, CalendarEntry, CalendarPage, CalendarScope, CalendarSpan, EntryKind};
use crate::{
    desk_config::Config,
    entities::{team_member, ticket},
    error::DomainError,
    policy::{Action, Actor, authorize},
    ticket_filter::{AssigneeFilter, TicketFilter},
    ticket_types::{OptionView, StatusCategory, TicketSummary},
    tickets::{filtering::selection, lookup},
};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use std::collections::HashMap;

/// At most this many entries of each kind on one page.
pub const MAX_ENTRIES: usize = 400;

pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).map(|d| d.and_utc()).unwrap_or_default()
}

/// The open tickets of `scope` the agent may see, unordered.
pub(crate) async fn scoped(
    db: &impl ConnectionTrait,
    config: &Config,
    actor: &Actor,
    scope: CalendarScope,
) -> Result<Select<ticket::Entity>, DomainError> {
    let principal = actor.principal().ok_or(DomainError::Unauthenticated)?;
    let select = match scope {
        CalendarScope::Mine => {
            let mine = TicketFilter { assignee: vec![AssigneeFilter::Me], ..Default::default() };
            selection(db, config, actor, &mine).await?
        }
        CalendarScope::MyTeams => {
            let teams: Vec<i64> = team_member::Entity::find()
                .filter(team_member::Column::UserId.eq(principal.user_id))
                .all(db)
                .await?
                .into_iter()
                .map(|m| m.team_id)
                .collect();
            selection(db, config, actor, &TicketFilter::default()).await?.filter(ticket::Column::TeamId.is_in(teams))
        }
        CalendarScope::View(id) => {
            let view = crate::saved_views::list(db, actor)
                .await?
                .into_iter()
                .find(|v| v.id == id)
                .ok_or(DomainError::NotFound)?;
            let filter = TicketFilter::parse(&view.query).map_err(|message| DomainError::field("scope", message))?;
            selection(db, config, actor, &filter).await?
        }
    };
    Ok(select.filter(ticket::Column::StatusId.is_in(config.status_ids(StatusCategory::is_active))))
}

/// What falls in a period: tickets due on its days (with the day) and tickets whose next SLA
/// deadline falls in it, by date.
pub(crate) struct Found {
    pub due: Vec<(TicketSummary, NaiveDate)>,
    pub deadlines: Vec<TicketSummary>,
    /// A list was cut at its limit.
    pub capped: bool,
}

pub(crate) async fn due_and_deadlines(
    db: &impl ConnectionTrait,
    config: &Config,
    select: Select<ticket::Entity>,
    (first, last): (NaiveDate, NaiveDate),
    limit: usize,
) -> Result<Found, DomainError> {
    let mut due = select
        .clone()
        .filter(ticket::Column::DueOn.between(first, last))
        .order_by_asc(ticket::Column::DueOn)
        .order_by_asc(ticket::Column::Id)
        .limit(limit as u64 + 1)
        .all(db)
        .await?;
    let mut deadlines = select
        .filter(ticket::Column::SlaDueAt.gte(start_of(first)))
        .filter(ticket::Column::SlaDueAt.lt(start_of(last + Duration::days(1))))
        .order_by_asc(ticket::Column::SlaDueAt)
        .order_by_asc(ticket::Column::Id)
        .limit(limit as u64 + 1)
        .all(db)
        .await?;
    let capped = due.len() > limit || deadlines.len() > limit;
    due.truncate(limit);
    deadlines.truncate(limit);
    let days: HashMap<i64, NaiveDate> = due.iter().filter_map(|t| Some((t.id, t.due_on?))).collect();
    let due = lookup::summaries(db, config, due)
        .await?
        .into_iter()
        .filter_map(|s| days.get(&s.id).copied().map(|day| (s, day)))
        .collect();
    Ok(Found { due, deadlines: lookup::summaries(db, config, deadlines).await?, capped })
}

fn entry(summary: TicketSummary, kind: EntryKind, day: NaiveDate, now: DateTime<Utc>) -> CalendarEntry {
    let today = now.date_naive();
    let at = if kind == EntryKind::Sla { summary.due_at } else { None };
    CalendarEntry {
        ticket_id: summary.id,
        reference: summary.reference,
        subject: summary.subject,
        kind,
        day,
        overdue: match kind {
            EntryKind::Due => day < today,
            EntryKind::Sla => at.is_some_and(|at| at < now),
        },
        at,
        status: summary.status,
        priority: summary.priority.name,
        assignee: summary.assignee.map(|a| a.name),
    }
}

/// The calendar page an address names: `scope` (`mine`, `teams`, `view-<id>`), `span` (`month`,
/// `week`) and `date` (`YYYY-MM-DD`; today when absent), each checked as a field.
pub async fn page_at(
    db: &impl ConnectionTrait,
    actor: &Actor,
    scope: Option<&str>,
    span: Option<&str>,
    date: Option<&str>,
) -> Result<CalendarPage, DomainError> {
    let given = |text: Option<&str>| text.map(str::trim).unwrap_or_default().to_owned();
    let scope = CalendarScope::parse(&given(scope))
        .ok_or_else(|| DomainError::field("scope", "Choose whose tickets to show"))?;
    let span =
        CalendarSpan::parse(&given(span)).ok_or_else(|| DomainError::field("span", "Choose a month or a week"))?;
    let anchor = match given(date).as_str() {
        "" => crate::clock::now().date_naive(),
        text => crate::tickets::due_dates::parse(text)
            .ok()
            .flatten()
            .ok_or_else(|| DomainError::field("date", "Enter a date from 2000-01-01 to 2099-12-31 as YYYY-MM-DD"))?,
    };
    page(db, actor, scope, span, anchor).await
}

/// The calendar page of `scope` for the `span` around `anchor` (staff).
pub async fn page(
    db: &impl ConnectionTrait,
    actor: &Actor,
    scope: CalendarScope,
    span: CalendarSpan,
    anchor: NaiveDate,
) -> Result<CalendarPage, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let anchor = crate::tickets::due_dates::check(anchor).map_err(|message| DomainError::field("date", message))?;
    let config = Config::load(db).await?;
    let now = crate::clock::now();
    let today = now.date_naive();
    let (first, last) = span.days(anchor);
    let select = scoped(db, &config, actor, scope).await?;
    let found = due_and_deadlines(db, &config, select, (first, last), MAX_ENTRIES).await?;
    let mut entries: Vec<CalendarEntry> = Vec::with_capacity(found.due.len() + found.deadlines.len());
    entries.extend(found.due.into_iter().map(|(summary, day)| entry(summary, EntryKind::Due, day, now)));
    for summary in found.deadlines {
        if let Some(at) = summary.due_at {
            entries.push(entry(summary, EntryKind::Sla, at.date_naive(), now));
        }
    }
    let mut weeks = Vec::new();
    let mut day = first;
    while day <= last {
        let week: Vec<CalendarDay> = (0..7)
            .map(|offset| {
                let d = day + Duration::days(offset);
                CalendarDay {
                    day: d,
                    in_period: span.holds(anchor, d),
                    today: d == today,
                    entries: entries.iter().filter(|e| e.day == d).cloned().collect(),
                }
            })
            .collect();
        weeks.push(week);
        day += Duration::days(7);
    }
    let views =
        crate::saved_views::list(db, actor).await?.into_iter().map(|v| OptionView { id: v.id, name: v.name }).collect();
    Ok(CalendarPage {
        scope,
        span,
        anchor,
        title: span.title(anchor),
        previous: span.step(anchor, false),
        next: span.step(anchor, true),
        today,
        weeks,
        views,
        capped: found.capped,
    })
}
