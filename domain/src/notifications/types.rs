//! Wasm-safe read model of a notification and the sentence it is shown as.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Someone made the agent the ticket's assignee.
    Assigned,
    /// The customer replied on a ticket the agent is assigned to or follows.
    CustomerReplied,
    /// Someone wrote the agent's handle in an internal note.
    Mentioned,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 3] = [Self::Assigned, Self::CustomerReplied, Self::Mentioned];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Assigned => "assigned",
            Self::CustomerReplied => "customer_replied",
            Self::Mentioned => "mentioned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub kind: NotificationKind,
    pub ticket_id: i64,
    pub ticket_reference: String,
    pub ticket_subject: String,
    /// Who did it; "Docket" for automatic changes.
    pub actor_name: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

impl NotificationView {
    /// What happened, as one line: "Alex Agent assigned DKT-1042 to you".
    pub fn sentence(&self) -> String {
        let (who, reference) = (&self.actor_name, &self.ticket_reference);
        match self.kind {
            NotificationKind::Assigned => format!("{who} assigned {reference} to you"),
            NotificationKind::CustomerReplied => format!("{who} replied on {reference}"),
            NotificationKind::Mentioned => format!("{who} mentioned you in a note on {reference}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_read_as_sentences() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
        }
        let view = NotificationView {
            id: 1,
            kind: NotificationKind::Mentioned,
            ticket_id: 2,
            ticket_reference: "DKT-1042".into(),
            ticket_subject: "VPN".into(),
            actor_name: "Sam".into(),
            created_at: crate::clock::now(),
            read: false,
        };
        assert_eq!(view.sentence(), "Sam mentioned you in a note on DKT-1042");
    }
}
