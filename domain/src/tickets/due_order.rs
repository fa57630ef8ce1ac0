//! Lists in order of the next SLA due time: soonest (and most overdue) first, tickets without a
//! due time after them by id, paged by keyset. Two index-ordered reads at most per page (those
//! with a due time, then those without), so that neither database sorts the whole selection.

use crate::{entities::ticket, error::DomainError};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Select};

/// Where a page in due order starts: after this due time (or among those without one) and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueCursor {
    pub due: Option<DateTime<Utc>>,
    pub id: i64,
}

impl DueCursor {
    /// `d<nanos>.<id>` or `n.<id>`, safe in a URL.
    pub fn encode(self) -> String {
        match self.due {
            Some(at) => format!("d{}.{}", super::filtering::nanos(at), self.id),
            None => format!("n.{}", self.id),
        }
    }

    pub fn decode(text: &str) -> Option<DueCursor> {
        let (head, id) = text.split_once('.')?;
        let id = id.parse().ok()?;
        let due = match head {
            "n" => None,
            _ => Some(DateTime::from_timestamp_nanos(head.strip_prefix('d')?.parse().ok()?)),
        };
        Some(DueCursor { due, id })
    }
}

/// One page of `select` in due order, and where the next starts.
pub async fn page(
    db: &impl ConnectionTrait,
    select: Select<ticket::Entity>,
    after: Option<DueCursor>,
    size: u64,
) -> Result<(Vec<ticket::Model>, Option<DueCursor>), DomainError> {
    let mut rows = Vec::new();
    if after.is_none_or(|c| c.due.is_some()) {
        let mut due = select.clone().filter(ticket::Column::SlaDueAt.is_not_null());
        if let Some(DueCursor { due: Some(at), id }) = after {
            due = due.filter(
                Condition::any()
                    .add(ticket::Column::SlaDueAt.gt(at))
                    .add(Condition::all().add(ticket::Column::SlaDueAt.eq(at)).add(ticket::Column::Id.gt(id))),
            );
        }
        rows =
            due.order_by_asc(ticket::Column::SlaDueAt).order_by_asc(ticket::Column::Id).limit(size + 1).all(db).await?;
    }
    if (rows.len() as u64) <= size {
        let mut none = select.filter(ticket::Column::SlaDueAt.is_null());
        if let Some(DueCursor { due: None, id }) = after {
            none = none.filter(ticket::Column::Id.gt(id));
        }
        let wanted = size + 1 - rows.len() as u64;
        rows.extend(none.order_by_asc(ticket::Column::Id).limit(wanted).all(db).await?);
    }
    let more = rows.len() as u64 > size;
    rows.truncate(size as usize);
    let next = more.then(|| rows.last().map(|t| DueCursor { due: t.sla_due_at, id: t.id })).flatten();
    Ok((rows, next))
}

#[cfg(test)]
mod tests {
    use super::DueCursor;

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        let at = chrono::DateTime::from_timestamp_nanos(1_763_800_000_123_456_789);
        for c in [DueCursor { due: Some(at), id: 42 }, DueCursor { due: None, id: 7 }] {
            assert_eq!(DueCursor::decode(&c.encode()), Some(c));
        }
        for junk in ["", "x", "d1", "n.x", "dx.1", "q1.2"] {
            assert_eq!(DueCursor::decode(junk), None, "{junk}");
        }
    }
}
