//! The service-level terms of the filter language: `sla:"Gold"` (or `sla:none`), `breached:yes`
//! and `breached:no`, `due<2h` and `due>1d`, as conditions on tickets.

use crate::{
    entities::{sla_clock, sla_policy, ticket},
    error::DomainError,
    ticket_filter::TicketFilter,
};
use chrono::Duration;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};

/// `cond` with the filter's service-level terms added.
pub async fn add(
    db: &impl ConnectionTrait,
    filter: &TicketFilter,
    mut cond: Condition,
) -> Result<Condition, DomainError> {
    if !filter.sla.is_empty() {
        let policies = sla_policy::Entity::find().all(db).await?;
        let mut any = Condition::any();
        for name in &filter.sla {
            if name == "none" {
                any = any.add(ticket::Column::SlaPolicyId.is_null());
                continue;
            }
            let policy = policies
                .iter()
                .find(|p| p.name.to_lowercase() == *name)
                .ok_or_else(|| DomainError::field("q", format!("No SLA policy called \u{201c}{name}\u{201d}")))?;
            any = any.add(ticket::Column::SlaPolicyId.eq(policy.id));
        }
        cond = cond.add(any);
    }
    let now = crate::clock::now();
    if let Some(breached) = filter.breached {
        let breached_ids = sla_clock::Entity::find()
            .select_only()
            .column(sla_clock::Column::TicketId)
            .filter(sla_clock::Column::BreachAt.lte(now))
            .into_query();
        cond = cond.add(if breached {
            ticket::Column::Id.in_subquery(breached_ids)
        } else {
            ticket::Column::Id.not_in_subquery(breached_ids)
        });
    }
    if let Some(minutes) = filter.due_within {
        cond = cond.add(ticket::Column::SlaDueAt.lt(now + Duration::minutes(i64::from(minutes))));
    }
    if let Some(minutes) = filter.due_beyond {
        cond = cond.add(ticket::Column::SlaDueAt.gt(now + Duration::minutes(i64::from(minutes))));
    }
    Ok(cond)
}
