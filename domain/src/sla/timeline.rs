//! A ticket's SLA timeline: the marks its clocks count from (public messages by the customer and
//! by agents, and the phase each status change puts the clocks in), appended as the ticket
//! changes and read back, for one ticket or a batch, to recompute its clocks.

use super::clocks::{Mark, Phase, Timeline};
use crate::{
    desk_config::Config,
    entities::{sla_mark, ticket},
    error::DomainError,
    reactions::{AuthorKind, Happened, TicketEvent},
    ticket_types::{StatusCategory, Visibility},
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

pub fn phase_of(category: StatusCategory) -> Phase {
    match category {
        StatusCategory::New | StatusCategory::Open => Phase::Running,
        StatusCategory::Pending => Phase::Paused,
        StatusCategory::Solved | StatusCategory::Closed => Phase::Stopped,
    }
}

fn kind_of_phase(phase: Phase) -> sla_mark::Kind {
    match phase {
        Phase::Running => sla_mark::Kind::Running,
        Phase::Paused => sla_mark::Kind::Paused,
        Phase::Stopped => sla_mark::Kind::Stopped,
    }
}

fn mark_of(kind: sla_mark::Kind) -> Mark {
    match kind {
        sla_mark::Kind::CustomerMessage => Mark::CustomerMessage,
        sla_mark::Kind::AgentReply => Mark::AgentReply,
        sla_mark::Kind::Running => Mark::Phase(Phase::Running),
        sla_mark::Kind::Paused => Mark::Phase(Phase::Paused),
        sla_mark::Kind::Stopped => Mark::Phase(Phase::Stopped),
    }
}

/// The marks a change adds, in the order its events happened. The request that opens a ticket
/// adds none: the timeline starts with it.
pub fn marks_of(happened: &Happened) -> Vec<sla_mark::Kind> {
    happened
        .events
        .iter()
        .filter_map(|event| match event {
            TicketEvent::MessageAdded { visibility: Visibility::Public, author: AuthorKind::Customer, .. } => {
                Some(sla_mark::Kind::CustomerMessage)
            }
            TicketEvent::MessageAdded { visibility: Visibility::Public, author: AuthorKind::Agent, .. } => {
                Some(sla_mark::Kind::AgentReply)
            }
            TicketEvent::StatusChanged { from, to } if phase_of(*from) != phase_of(*to) => {
                Some(kind_of_phase(phase_of(*to)))
            }
            _ => None,
        })
        .collect()
}

/// Appends marks to a ticket's timeline (in the change's transaction).
pub async fn append(
    db: &impl ConnectionTrait,
    ticket_id: i64,
    at: DateTime<Utc>,
    kinds: &[sla_mark::Kind],
) -> Result<(), DomainError> {
    if kinds.is_empty() {
        return Ok(());
    }
    let rows = kinds.iter().map(|kind| sla_mark::ActiveModel {
        ticket_id: Set(ticket_id),
        at: Set(at),
        mark: Set(*kind),
        ..Default::default()
    });
    sla_mark::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// The timelines of `tickets` (one query per 500). The ticket's current status has the last
/// word: a ticket whose history says otherwise (written before the timeline existed, or seeded
/// directly) is taken to have moved to it when it was last updated.
pub async fn timelines(
    db: &impl ConnectionTrait,
    config: &Config,
    tickets: &[&ticket::Model],
) -> Result<HashMap<i64, Timeline>, DomainError> {
    let mut marks: HashMap<i64, Vec<(DateTime<Utc>, Mark)>> = HashMap::new();
    for chunk in tickets.chunks(500) {
        let ids: Vec<i64> = chunk.iter().map(|t| t.id).collect();
        let rows = sla_mark::Entity::find()
            .filter(sla_mark::Column::TicketId.is_in(ids))
            .order_by_asc(sla_mark::Column::TicketId)
            .order_by_asc(sla_mark::Column::At)
            .order_by_asc(sla_mark::Column::Id)
            .all(db)
            .await?;
        for row in rows {
            marks.entry(row.ticket_id).or_default().push((row.at, mark_of(row.mark)));
        }
    }
    let mut out = HashMap::with_capacity(tickets.len());
    for t in tickets {
        let mut list = marks.remove(&t.id).unwrap_or_default();
        let last = list.iter().rev().find_map(|(_, m)| match m {
            Mark::Phase(p) => Some(*p),
            _ => None,
        });
        let now = phase_of(config.status(t.status_id)?.category);
        if last.unwrap_or(Phase::Running) != now {
            let at = list.last().map_or(t.updated_at, |(at, _)| (*at).max(t.updated_at));
            list.push((at, Mark::Phase(now)));
        }
        out.insert(t.id, Timeline { opened_at: t.created_at, marks: list });
    }
    Ok(out)
}

/// The timeline of a ticket created just now: it has no marks yet, unless it was filed straight
/// into a pending or solved status.
pub fn fresh(config: &Config, t: &ticket::Model) -> Result<Timeline, DomainError> {
    let phase = phase_of(config.status(t.status_id)?.category);
    let marks = if phase == Phase::Running { Vec::new() } else { vec![(t.created_at, Mark::Phase(phase))] };
    Ok(Timeline { opened_at: t.created_at, marks })
}
