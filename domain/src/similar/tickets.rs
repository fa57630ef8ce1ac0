//! Open tickets that look like the same problem as a request: for a customer typing a new
//! request, among their own open tickets and their organization's shared ones; for staff on a
//! ticket, among the open tickets of the same people (the ones it could be merged with), within
//! the staff member's reach. At most `CANDIDATES` recently updated tickets are compared.

use super::{corpus, types::SimilarTicket, words::Terms};
use crate::{
    desk_config::Config,
    entities::{organization, ticket, ticket_message},
    error::DomainError,
    policy::{Action, Actor, TicketAction, authorize, can_on_ticket},
    ticket_access,
    ticket_types::{StatusCategory, Visibility},
    tickets::lookup,
};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The similarity at or above which two requests are suggested as the same problem. Measured on
/// the labelled pairs of `domain/benches/duplicates.rs` (precision and recall in
/// `docs/benchmarks.md`).
pub const SAME_PROBLEM: f32 = 0.25;
/// Open tickets compared at most, the most recently updated first.
pub const CANDIDATES: u64 = 200;
/// Suggestions shown at most.
pub const SHOWN: usize = 3;

/// The customer's open tickets (and their organization's shared ones) that look like the
/// request being typed.
pub async fn for_new_request(
    db: &impl ConnectionTrait,
    actor: &Actor,
    subject: &str,
    body: &str,
) -> Result<Vec<SimilarTicket>, DomainError> {
    authorize(actor, Action::UsePortal)?;
    let principal = actor.principal().ok_or(DomainError::Unauthenticated)?;
    let terms = Terms::of(subject, body);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut scope = Condition::any().add(ticket::Column::RequesterId.eq(principal.user_id));
    if let Some(org) = principal.organization_id
        && organization::Entity::find_by_id(org).one(db).await?.is_some_and(|o| o.shares_tickets)
    {
        scope = scope.add(ticket::Column::OrganizationId.eq(org));
    }
    ranked(db, &terms, scope, None).await
}

/// The open tickets of the same people as ticket `id` that look like the same problem: the
/// possible duplicates staff may merge it with.
pub async fn for_ticket(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> Result<Vec<SimilarTicket>, DomainError> {
    let (row, facts) = ticket_access::visible_ticket(db, actor, id).await?;
    if !can_on_ticket(actor, TicketAction::Merge, &facts) {
        return Err(DomainError::Forbidden);
    }
    let body = first_messages(db, &[id]).await?.remove(&id).unwrap_or_default();
    let terms = Terms::of(&row.subject, &body);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut scope = Condition::any().add(ticket::Column::RequesterId.eq(row.requester_id));
    if facts.organization_shares
        && let Some(org) = facts.organization_id
    {
        scope = scope.add(ticket::Column::OrganizationId.eq(org));
    }
    let reach = ticket_access::reach(db, actor).await?;
    let scope = match ticket_access::reach_condition(&reach) {
        Some(within) => Condition::all().add(scope).add(within),
        None => scope,
    };
    ranked(db, &terms, scope, Some(id)).await
}

/// The tickets in `scope` that are still active, compared with `terms`, best first, above the
/// threshold.
async fn ranked(
    db: &impl ConnectionTrait,
    terms: &Terms,
    scope: Condition,
    exclude: Option<i64>,
) -> Result<Vec<SimilarTicket>, DomainError> {
    let config = Config::load(db).await?;
    let mut select = ticket::Entity::find()
        .filter(scope)
        .filter(ticket::Column::StatusId.is_in(config.status_ids(StatusCategory::is_active)));
    if let Some(id) = exclude {
        select = select.filter(ticket::Column::Id.ne(id));
    }
    let rows = select
        .order_by_desc(ticket::Column::UpdatedAt)
        .order_by_desc(ticket::Column::Id)
        .limit(CANDIDATES)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|t| t.id).collect();
    let bodies = first_messages(db, &ids).await?;
    let idf = corpus::idf(db).await?;
    let mut scored: Vec<(f32, ticket::Model)> = rows
        .into_iter()
        .map(|t| {
            let body = bodies.get(&t.id).map(String::as_str).unwrap_or_default();
            (terms.similarity(&Terms::of(&t.subject, body), &idf), t)
        })
        .filter(|(score, _)| *score >= SAME_PROBLEM)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.truncate(SHOWN);
    let created: Vec<_> = scored.iter().map(|(s, t)| ((s * 100.0).round().min(100.0) as u8, t.created_at)).collect();
    let summaries = lookup::summaries(db, &config, scored.into_iter().map(|(_, t)| t).collect()).await?;
    Ok(summaries
        .into_iter()
        .zip(created)
        .map(|(ticket, (similarity, created_at))| SimilarTicket { ticket, created_at, similarity })
        .collect())
}

/// Each ticket's first public message: the description it was opened with.
pub async fn first_messages(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, String>, DomainError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let firsts: Vec<i64> = ticket_message::Entity::find()
        .select_only()
        .column_as(ticket_message::Column::Id.min(), "id")
        .filter(ticket_message::Column::TicketId.is_in(ids.to_vec()))
        .filter(ticket_message::Column::Visibility.eq(Visibility::Public))
        .group_by(ticket_message::Column::TicketId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ticket_message::Entity::find()
        .filter(ticket_message::Column::Id.is_in(firsts))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.ticket_id, m.body))
        .collect())
}
