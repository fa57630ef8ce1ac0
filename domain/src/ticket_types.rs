//! Wasm-safe ticket vocabulary and read models: status categories, channels, visibility, and
//! the views of tickets, messages and history that pages and the API show.

use crate::role::Role;
use chrono::{DateTime, Utc};
#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// The fixed meaning behind every configurable status. Code branches on this, never on names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum StatusCategory {
    #[cfg_attr(feature = "server", sea_orm(string_value = "new"))]
    New,
    #[cfg_attr(feature = "server", sea_orm(string_value = "open"))]
    Open,
    #[cfg_attr(feature = "server", sea_orm(string_value = "pending"))]
    Pending,
    #[cfg_attr(feature = "server", sea_orm(string_value = "solved"))]
    Solved,
    #[cfg_attr(feature = "server", sea_orm(string_value = "closed"))]
    Closed,
}

impl StatusCategory {
    pub const ALL: [StatusCategory; 5] = [Self::New, Self::Open, Self::Pending, Self::Solved, Self::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Open => "open",
            Self::Pending => "pending",
            Self::Solved => "solved",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Still needs work from someone (not solved or closed).
    pub fn is_active(self) -> bool {
        !matches!(self, Self::Solved | Self::Closed)
    }
}

/// How a request reached the desk (stored as its `as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[cfg_attr(feature = "server", sea_orm(string_value = "web"))]
    Web,
    #[cfg_attr(feature = "server", sea_orm(string_value = "email"))]
    Email,
    #[cfg_attr(feature = "server", sea_orm(string_value = "api"))]
    Api,
    #[cfg_attr(feature = "server", sea_orm(string_value = "phone"))]
    Phone,
    #[cfg_attr(feature = "server", sea_orm(string_value = "chat"))]
    Chat,
}

impl Channel {
    pub const ALL: [Channel; 5] = [Self::Web, Self::Email, Self::Api, Self::Phone, Self::Chat];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Web => "web",
            Self::Email => "email",
            Self::Api => "api",
            Self::Phone => "phone",
            Self::Chat => "chat",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Who may read a message: everyone on the ticket, or only agents (stored as its `as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    #[cfg_attr(feature = "server", sea_orm(string_value = "public"))]
    Public,
    #[cfg_attr(feature = "server", sea_orm(string_value = "internal"))]
    Internal,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Internal => "internal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "public" => Some(Self::Public),
            "internal" => Some(Self::Internal),
            _ => None,
        }
    }
}

/// A configurable option (status, priority, category, team, agent) as forms list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusView {
    pub id: i64,
    pub name: String,
    pub category: StatusCategory,
}

/// One row of a ticket list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSummary {
    pub id: i64,
    /// The human reference, e.g. `DKT-1042`.
    pub reference: String,
    pub subject: String,
    pub status: StatusView,
    pub priority: OptionView,
    pub requester: OptionView,
    pub assignee: Option<OptionView>,
    pub team: Option<OptionView>,
    pub updated_at: DateTime<Utc>,
    /// The next SLA due time (of a running clock), past when overdue.
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
    /// `due_at` had passed when the list was read.
    #[serde(default)]
    pub overdue: bool,
    /// The custom fields shown in lists, in order, for staff lists (empty for customers).
    #[serde(default)]
    pub listed: Vec<ListedField>,
}

/// A custom field's value as a list column or a board card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedField {
    pub name: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub author_name: String,
    pub author_role: Role,
    pub visibility: Visibility,
    pub channel: Channel,
    /// Sanitised HTML rendered from the author's Markdown.
    pub body_html: String,
    pub attachments: Vec<crate::attachments::AttachmentView>,
    /// Emailed copies and where they are (agents only; empty for customers).
    #[serde(default)]
    pub deliveries: Vec<crate::email_types::Delivery>,
    pub created_at: DateTime<Utc>,
    /// Held mail from someone not on the ticket (an internal note until an agent decides): their
    /// address.
    #[serde(default)]
    pub outside_sender: Option<String>,
}

/// One change in a ticket's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub id: i64,
    pub actor_name: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub at: DateTime<Utc>,
}

/// An entry of the ticket page's timeline: the conversation interleaved with history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineEntry {
    Message(MessageView),
    Event(EventView),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketView {
    pub summary: TicketSummary,
    pub channel: Channel,
    pub category: Option<OptionView>,
    pub organization: Option<OptionView>,
    pub requester_email: String,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub solved_at: Option<DateTime<Utc>>,
    /// Oldest first. Customers never receive internal notes or history of internal fields.
    pub timeline: Vec<TimelineEntry>,
    /// The requester's other recent tickets (agents only; empty for customers).
    pub other_tickets: Vec<TicketSummary>,
    /// The SLA policy and its clocks (agents only).
    #[serde(default)]
    pub sla: Option<crate::sla::types::TicketSlaView>,
    /// Custom fields: for staff every active one, for the customer the filled ones they see.
    #[serde(default)]
    pub fields: crate::custom_fields::views::TicketFieldsView,
    /// Time logged on it (staff only).
    #[serde(default)]
    pub time: Option<crate::time_tracking::types::TicketTimeView>,
    /// The satisfaction survey and its answer, for staff and the requester.
    #[serde(default)]
    pub csat: Option<crate::csat::types::CsatView>,
    /// The day an agent set it due (staff only).
    #[serde(default)]
    pub due_on: Option<chrono::NaiveDate>,
}

/// The queues agents work from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Queue {
    MyOpen,
    Unassigned,
    MyTeams,
    AllOpen,
    Pending,
    RecentlySolved,
}

impl Queue {
    pub const ALL: [Queue; 6] =
        [Self::MyOpen, Self::Unassigned, Self::MyTeams, Self::AllOpen, Self::Pending, Self::RecentlySolved];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MyOpen => "my_open",
            Self::Unassigned => "unassigned",
            Self::MyTeams => "my_teams",
            Self::AllOpen => "all_open",
            Self::Pending => "pending",
            Self::RecentlySolved => "recently_solved",
        }
    }

    pub fn parse(s: &str) -> Option<Queue> {
        Self::ALL.into_iter().find(|q| q.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::MyOpen => "My open",
            Self::Unassigned => "Unassigned",
            Self::MyTeams => "My teams",
            Self::AllOpen => "All open",
            Self::Pending => "Pending",
            Self::RecentlySolved => "Recently solved",
        }
    }
}

/// What ticket forms offer: statuses, priorities, categories, teams and (for agents) agents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketOptions {
    pub statuses: Vec<StatusView>,
    pub priorities: Vec<OptionView>,
    pub categories: Vec<OptionView>,
    pub teams: Vec<OptionView>,
    pub agents: Vec<OptionView>,
}
