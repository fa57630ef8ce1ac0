//! Wasm-safe read model of a notification and the sentence it is shown as, and the channels an
//! agent hears of each kind through.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Someone made the agent the ticket's assignee.
    Assigned,
    /// The customer replied on a ticket the agent is assigned to or follows.
    CustomerReplied,
    /// Someone wrote the agent's handle in an internal note.
    Mentioned,
    /// A ticket arrived for one of the agent's teams (opened there, or moved there).
    TeamTicket,
    /// An SLA rule warns that a target is close (sent to whom the policy names).
    SlaWarning,
    /// An SLA target was breached, or a later level of it reached.
    SlaBreach,
    /// An automation rule tells the agent about a ticket.
    Automation,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 7] = [
        Self::Assigned,
        Self::CustomerReplied,
        Self::Mentioned,
        Self::TeamTicket,
        Self::SlaWarning,
        Self::SlaBreach,
        Self::Automation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Assigned => "assigned",
            Self::CustomerReplied => "customer_replied",
            Self::Mentioned => "mentioned",
            Self::TeamTicket => "team_ticket",
            Self::SlaWarning => "sla_warning",
            Self::SlaBreach => "sla_breach",
            Self::Automation => "automation",
        }
    }

    /// What the kind is, on the account page: "A ticket is assigned to me".
    pub fn label(self) -> &'static str {
        match self {
            Self::Assigned => "A ticket is assigned to me",
            Self::CustomerReplied => "A customer replies on a ticket I own or follow",
            Self::Mentioned => "A note mentions me",
            Self::TeamTicket => "A new ticket arrives for my team",
            Self::SlaWarning => "A ticket is close to breaching its SLA",
            Self::SlaBreach => "A ticket breached its SLA",
            Self::Automation => "An automation rule points me to a ticket",
        }
    }

    /// How an agent who never chose hears of it: new tickets for the team would be too many
    /// for most, so that kind is off.
    pub fn default_channels(self) -> Channels {
        match self {
            Self::TeamTicket => Channels::Off,
            _ => Channels::Both,
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where an agent hears of one kind of notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channels {
    Off,
    InApp,
    Email,
    Both,
}

impl Channels {
    pub const ALL: [Channels; 4] = [Self::Both, Self::InApp, Self::Email, Self::Off];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::InApp => "in_app",
            Self::Email => "email",
            Self::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Off => "Off",
            Self::InApp => "In the app",
            Self::Email => "Email",
            Self::Both => "In the app and by email",
        }
    }

    pub fn in_app(self) -> bool {
        matches!(self, Self::InApp | Self::Both)
    }

    pub fn email(self) -> bool {
        matches!(self, Self::Email | Self::Both)
    }
}

/// One kind and how the agent hears of it, for the account page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preference {
    pub kind: NotificationKind,
    pub channels: Channels,
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
            NotificationKind::TeamTicket => format!("{reference} arrived for your team"),
            NotificationKind::SlaWarning => format!("{reference} is close to breaching its SLA"),
            NotificationKind::SlaBreach => format!("{reference} breached its SLA"),
            NotificationKind::Automation => format!("An automation rule points you to {reference}"),
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
        for channels in Channels::ALL {
            assert_eq!(Channels::parse(channels.as_str()), Some(channels));
        }
        assert_eq!(NotificationKind::TeamTicket.default_channels(), Channels::Off);
        assert!(Channels::Both.in_app() && Channels::Both.email() && !Channels::InApp.email());
    }
}
