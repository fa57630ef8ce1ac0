//! The email channel's wire types, shared by the server and the browser: mailboxes, templates,
//! the ingest log and delivery states.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An event that sends mail to the customer, each with its own editable template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailEvent {
    Acknowledgment,
    AgentReply,
    Solved,
    WaitingOnCustomer,
}

impl MailEvent {
    pub const ALL: [MailEvent; 4] = [Self::Acknowledgment, Self::AgentReply, Self::Solved, Self::WaitingOnCustomer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Acknowledgment => "acknowledgment",
            Self::AgentReply => "agent_reply",
            Self::Solved => "solved",
            Self::WaitingOnCustomer => "waiting_on_customer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Acknowledgment => "New ticket received (sent automatically)",
            Self::AgentReply => "Agent reply",
            Self::Solved => "Ticket solved (sent automatically)",
            Self::WaitingOnCustomer => "Waiting on the customer (sent automatically)",
        }
    }

    /// Sent without a person writing it: carries `Auto-Submitted` and counts against the
    /// automatic-reply cap.
    pub fn is_automatic(self) -> bool {
        self != Self::AgentReply
    }

    /// The placeholders a template of this event may use.
    pub fn placeholders(self) -> &'static [&'static str] {
        const COMMON: [&str; 5] = ["ticket.reference", "ticket.subject", "ticket.url", "customer.name", "desk.name"];
        const REPLY: [&str; 7] = [
            "ticket.reference",
            "ticket.subject",
            "ticket.url",
            "customer.name",
            "desk.name",
            "message.body",
            "agent.name",
        ];
        match self {
            Self::AgentReply => &REPLY,
            _ => &COMMON,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub event: MailEvent,
    pub subject: String,
    pub body: String,
    /// `false` while the built-in text is used.
    pub customized: bool,
}

/// How a mailbox receives mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inbound {
    Imap,
    Smtp,
    Http,
}

impl Inbound {
    pub const ALL: [Inbound; 3] = [Self::Imap, Self::Smtp, Self::Http];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Imap => "imap",
            Self::Smtp => "smtp",
            Self::Http => "http",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Imap => "IMAP polling",
            Self::Smtp => "Built-in SMTP/LMTP listener",
            Self::Http => "HTTP endpoint (inbound mail services)",
        }
    }
}

/// A mailbox as admins see it: never its passwords or secret, only whether they are set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MailboxView {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub inbound: String,
    pub imap_host: String,
    pub imap_port: Option<i32>,
    pub imap_tls: bool,
    pub imap_username: String,
    pub imap_password_set: bool,
    pub imap_folder: String,
    pub imap_checked_at: Option<DateTime<Utc>>,
    pub imap_error: Option<String>,
    pub http_secret_set: bool,
    pub smtp_host: String,
    pub smtp_port: Option<i32>,
    pub smtp_security: String,
    pub smtp_username: String,
    pub smtp_password_set: bool,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub reject_unknown: bool,
    pub active: bool,
}

/// A mailbox form. Empty passwords keep the stored ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MailboxInput {
    pub name: String,
    pub address: String,
    pub inbound: String,
    pub imap_host: String,
    pub imap_port: String,
    pub imap_tls: bool,
    pub imap_username: String,
    pub imap_password: String,
    pub imap_folder: String,
    pub smtp_host: String,
    pub smtp_port: String,
    pub smtp_security: String,
    pub smtp_username: String,
    pub smtp_password: String,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub reject_unknown: bool,
    pub active: bool,
}

/// One line of the ingest log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestEntry {
    pub id: i64,
    pub received_at: DateTime<Utc>,
    pub mailbox: Option<String>,
    pub via: String,
    pub from: Option<String>,
    pub subject: Option<String>,
    pub size: i64,
    /// `ticket`, `reply`, `quarantined`, `ignored`, `rejected` or `duplicate`.
    pub outcome: String,
    pub automatic: bool,
    pub ticket_id: Option<i64>,
    pub ticket_reference: Option<String>,
    pub reason: String,
    pub reprocessed_as: Option<i64>,
    /// Quarantined, not yet reprocessed, and its raw bytes are kept.
    pub can_reprocess: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestPage {
    pub entries: Vec<IngestEntry>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// Where an emailed copy of a message is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// What the mail was (`MailEvent::as_str`).
    pub event: String,
    pub recipient: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
}
