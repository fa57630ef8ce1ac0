//! What happened to a ticket, as commands record it: typed events with old and new values, and
//! the change they belong to (who, when, the ticket after the change, its audience).

use crate::{
    entities::ticket,
    policy::{Actor, TicketFacts},
    ticket_types::{Channel, StatusCategory, Visibility},
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Who wrote a message (stored as its `as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sea_orm::EnumIter, sea_orm::DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum AuthorKind {
    #[sea_orm(string_value = "customer")]
    Customer,
    #[sea_orm(string_value = "agent")]
    Agent,
    #[sea_orm(string_value = "system")]
    System,
}

impl AuthorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorKind::Customer => "customer",
            AuthorKind::Agent => "agent",
            AuthorKind::System => "system",
        }
    }

    pub fn parse(value: &str) -> Option<AuthorKind> {
        [AuthorKind::Customer, AuthorKind::Agent, AuthorKind::System].into_iter().find(|k| k.as_str() == value)
    }
}

/// One field's change, by display value (what the history shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One thing that happened to a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TicketEvent {
    Created {
        channel: Channel,
        first_message_id: i64,
        quiet: bool,
    },
    /// Priority, category, team or tags.
    FieldsChanged {
        changes: Vec<FieldChange>,
    },
    Assigned {
        from: Option<i64>,
        to: Option<i64>,
    },
    StatusChanged {
        from: StatusCategory,
        to: StatusCategory,
    },
    MessageAdded {
        message_id: i64,
        visibility: Visibility,
        author: AuthorKind,
        channel: Channel,
    },
    /// This ticket was merged into `into`.
    MergedInto {
        into: i64,
    },
    /// The ticket `from` was merged into this one.
    MergedFrom {
        from: i64,
    },
    Linked {
        other: i64,
    },
    Unlinked {
        other: i64,
    },
    FollowersChanged,
    /// An SLA warning (`breach` false) or breach rule fired.
    SlaFired {
        breach: bool,
    },
    Deleted,
}

/// The events of one change to one ticket (kept as a durable reaction's job payload).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Happened {
    pub ticket: ticket::Model,
    /// Who may hear of it (for live events).
    pub audience: TicketFacts,
    pub actor: Actor,
    pub at: DateTime<Utc>,
    pub events: Vec<TicketEvent>,
}

impl Happened {
    pub fn new(ticket: &ticket::Model, audience: TicketFacts, actor: &Actor, at: DateTime<Utc>) -> Happened {
        Happened { ticket: ticket.clone(), audience, actor: *actor, at, events: Vec::new() }
    }

    pub fn with(mut self, event: TicketEvent) -> Happened {
        self.events.push(event);
        self
    }

    /// The new status category, when the change moved the ticket to another.
    pub fn moved_to(&self) -> Option<StatusCategory> {
        self.events.iter().rev().find_map(|e| match e {
            TicketEvent::StatusChanged { to, .. } => Some(*to),
            _ => None,
        })
    }
}
