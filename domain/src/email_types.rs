//! The email channel's wire types, shared by the server and the browser: mailboxes, templates,
//! the ingest log and delivery states.

use chrono::{DateTime, Utc};
#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// An event that sends mail (to a customer about their ticket, to a person about their account,
/// or to an agent about a ticket), each with its own editable template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))"))]
#[serde(rename_all = "snake_case")]
pub enum MailEvent {
    #[cfg_attr(feature = "server", sea_orm(string_value = "acknowledgment"))]
    Acknowledgment,
    #[cfg_attr(feature = "server", sea_orm(string_value = "agent_reply"))]
    AgentReply,
    #[cfg_attr(feature = "server", sea_orm(string_value = "solved"))]
    Solved,
    #[cfg_attr(feature = "server", sea_orm(string_value = "waiting_on_customer"))]
    WaitingOnCustomer,
    #[cfg_attr(feature = "server", sea_orm(string_value = "sign_in_link"))]
    SignInLink,
    #[cfg_attr(feature = "server", sea_orm(string_value = "password_reset"))]
    PasswordReset,
    #[cfg_attr(feature = "server", sea_orm(string_value = "account_claim"))]
    AccountClaim,
    #[cfg_attr(feature = "server", sea_orm(string_value = "email_verification"))]
    EmailVerification,
    #[cfg_attr(feature = "server", sea_orm(string_value = "invitation"))]
    Invitation,
    #[cfg_attr(feature = "server", sea_orm(string_value = "agent_assigned"))]
    AgentAssigned,
    #[cfg_attr(feature = "server", sea_orm(string_value = "agent_customer_replied"))]
    AgentCustomerReplied,
    #[cfg_attr(feature = "server", sea_orm(string_value = "agent_mentioned"))]
    AgentMentioned,
    #[cfg_attr(feature = "server", sea_orm(string_value = "agent_team_ticket"))]
    AgentTeamTicket,
    #[cfg_attr(feature = "server", sea_orm(string_value = "agent_sla_warning"))]
    AgentSlaWarning,
    #[cfg_attr(feature = "server", sea_orm(string_value = "agent_sla_breach"))]
    AgentSlaBreach,
    #[cfg_attr(feature = "server", sea_orm(string_value = "agent_automation"))]
    AgentAutomation,
    #[cfg_attr(feature = "server", sea_orm(string_value = "satisfaction_survey"))]
    SatisfactionSurvey,
}

impl MailEvent {
    pub const ALL: [MailEvent; 17] = [
        Self::Acknowledgment,
        Self::AgentReply,
        Self::Solved,
        Self::SatisfactionSurvey,
        Self::WaitingOnCustomer,
        Self::SignInLink,
        Self::PasswordReset,
        Self::AccountClaim,
        Self::EmailVerification,
        Self::Invitation,
        Self::AgentAssigned,
        Self::AgentCustomerReplied,
        Self::AgentMentioned,
        Self::AgentTeamTicket,
        Self::AgentSlaWarning,
        Self::AgentSlaBreach,
        Self::AgentAutomation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Acknowledgment => "acknowledgment",
            Self::AgentReply => "agent_reply",
            Self::Solved => "solved",
            Self::WaitingOnCustomer => "waiting_on_customer",
            Self::SignInLink => "sign_in_link",
            Self::PasswordReset => "password_reset",
            Self::AccountClaim => "account_claim",
            Self::EmailVerification => "email_verification",
            Self::Invitation => "invitation",
            Self::AgentAssigned => "agent_assigned",
            Self::AgentCustomerReplied => "agent_customer_replied",
            Self::AgentMentioned => "agent_mentioned",
            Self::AgentTeamTicket => "agent_team_ticket",
            Self::AgentSlaWarning => "agent_sla_warning",
            Self::AgentSlaBreach => "agent_sla_breach",
            Self::AgentAutomation => "agent_automation",
            Self::SatisfactionSurvey => "satisfaction_survey",
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
            Self::SignInLink => "Sign-in link (asked for on the sign-in page)",
            Self::PasswordReset => "Password reset (asked for, or sent by an admin)",
            Self::AccountClaim => "Claiming an account (signing up with an address we know)",
            Self::EmailVerification => "Confirming the address of a new account",
            Self::Invitation => "Invitation for a new agent or admin",
            Self::AgentAssigned => "To an agent: a ticket is assigned to you",
            Self::AgentCustomerReplied => "To an agent: a customer replied on your ticket",
            Self::AgentMentioned => "To an agent: a note mentions you",
            Self::AgentTeamTicket => "To an agent: a new ticket for your team",
            Self::AgentSlaWarning => "To an agent: a ticket is close to breaching its SLA",
            Self::AgentSlaBreach => "To an agent: a ticket breached its SLA",
            Self::AgentAutomation => "To an agent: an automation rule points you to a ticket",
            Self::SatisfactionSurvey => "Satisfaction survey (sent automatically after the set delay)",
        }
    }

    /// About a person's account, not a ticket: no ticket, no reply token, no thread.
    pub fn is_account(self) -> bool {
        matches!(
            self,
            Self::SignInLink | Self::PasswordReset | Self::AccountClaim | Self::EmailVerification | Self::Invitation
        )
    }

    /// To an agent about a ticket, as they chose on their account page.
    pub fn is_for_agents(self) -> bool {
        matches!(
            self,
            Self::AgentAssigned
                | Self::AgentCustomerReplied
                | Self::AgentMentioned
                | Self::AgentTeamTicket
                | Self::AgentSlaWarning
                | Self::AgentSlaBreach
                | Self::AgentAutomation
        )
    }

    /// A ticket notice to the customer sent without a person writing it: carries
    /// `Auto-Submitted` and counts against the automatic-reply cap. Account and agent mail
    /// carries `Auto-Submitted` too but is not capped: a person asked for it, and it never
    /// answers a customer's mail.
    pub fn is_automatic(self) -> bool {
        self != Self::AgentReply && !self.is_account() && !self.is_for_agents()
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
        const ACCOUNT: [&str; 4] = ["person.name", "link.url", "link.expires", "desk.name"];
        const INVITATION: [&str; 6] = ["person.name", "link.url", "link.expires", "desk.name", "inviter.name", "role"];
        const AGENT: [&str; 8] = [
            "person.name",
            "ticket.reference",
            "ticket.subject",
            "ticket.url",
            "customer.name",
            "actor.name",
            "message.body",
            "desk.name",
        ];
        // The solved mail carries the survey when there is no delay.
        const SURVEY: [&str; 7] = [
            "ticket.reference",
            "ticket.subject",
            "ticket.url",
            "customer.name",
            "desk.name",
            "survey.question",
            "survey.links",
        ];
        match self {
            Self::AgentReply => &REPLY,
            Self::Solved | Self::SatisfactionSurvey => &SURVEY,
            _ if self.is_for_agents() => &AGENT,
            Self::Invitation => &INVITATION,
            _ if self.is_account() => &ACCOUNT,
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

/// How a mailbox receives mail (a new mailbox polls IMAP unless told otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum Inbound {
    #[default]
    #[cfg_attr(feature = "server", sea_orm(string_value = "imap"))]
    Imap,
    /// The built-in SMTP/LMTP listener.
    #[cfg_attr(feature = "server", sea_orm(string_value = "smtp"))]
    Smtp,
    #[cfg_attr(feature = "server", sea_orm(string_value = "http"))]
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
    pub inbound: Inbound,
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

/// What a received message became (stored as its `as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::N(12))"))]
#[serde(rename_all = "snake_case")]
pub enum IngestOutcome {
    /// Opened a new ticket.
    #[cfg_attr(feature = "server", sea_orm(string_value = "ticket"))]
    Ticket,
    /// Added a message to an existing ticket.
    #[cfg_attr(feature = "server", sea_orm(string_value = "reply"))]
    Reply,
    /// Kept for an admin to look at: it could not be read or trusted.
    #[cfg_attr(feature = "server", sea_orm(string_value = "quarantined"))]
    Quarantined,
    /// Refused by the mailbox's rules (for example, an unknown sender).
    #[cfg_attr(feature = "server", sea_orm(string_value = "rejected"))]
    Rejected,
    /// The same Message-ID was posted before.
    #[cfg_attr(feature = "server", sea_orm(string_value = "duplicate"))]
    Duplicate,
}

impl IngestOutcome {
    /// In the order the mail log's filter lists them.
    pub const ALL: [IngestOutcome; 5] = [Self::Ticket, Self::Reply, Self::Quarantined, Self::Rejected, Self::Duplicate];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ticket => "ticket",
            Self::Reply => "reply",
            Self::Quarantined => "quarantined",
            Self::Rejected => "rejected",
            Self::Duplicate => "duplicate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Ticket => "New ticket",
            Self::Reply => "Reply",
            Self::Quarantined => "Quarantined",
            Self::Rejected => "Rejected",
            Self::Duplicate => "Duplicate",
        }
    }

    /// Became part of a ticket.
    pub fn is_posted(self) -> bool {
        matches!(self, Self::Ticket | Self::Reply)
    }

    /// Not posted, and an admin may run it through ingest again.
    pub fn is_held(self) -> bool {
        matches!(self, Self::Quarantined | Self::Rejected)
    }
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
    pub outcome: IngestOutcome,
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

/// Where a mail in the outbox is (stored as its `as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))"))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its next attempt.
    #[cfg_attr(feature = "server", sea_orm(string_value = "queued"))]
    Queued,
    /// Claimed by a sender; taken again if the claim runs out.
    #[cfg_attr(feature = "server", sea_orm(string_value = "sending"))]
    Sending,
    #[cfg_attr(feature = "server", sea_orm(string_value = "sent"))]
    Sent,
    /// Refused for good, or still failing after the last attempt.
    #[cfg_attr(feature = "server", sea_orm(string_value = "failed"))]
    Failed,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }
}

/// Where an emailed copy of a message is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub event: MailEvent,
    pub recipient: String,
    pub state: DeliveryState,
    pub attempts: i32,
    pub last_error: Option<String>,
}
