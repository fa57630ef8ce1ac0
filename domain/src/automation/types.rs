//! Wasm-safe vocabulary of automations: when a rule runs, what it does, how a run ended, and
//! what the automations page shows.

use crate::ticket_types::OptionView;
#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// When a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    #[cfg_attr(feature = "server", sea_orm(string_value = "created"))]
    Created,
    /// Any change to a ticket's fields or status.
    #[cfg_attr(feature = "server", sea_orm(string_value = "updated"))]
    Updated,
    #[cfg_attr(feature = "server", sea_orm(string_value = "customer_replied"))]
    CustomerReplied,
    #[cfg_attr(feature = "server", sea_orm(string_value = "agent_replied"))]
    AgentReplied,
    #[cfg_attr(feature = "server", sea_orm(string_value = "sla_warning"))]
    SlaWarning,
    #[cfg_attr(feature = "server", sea_orm(string_value = "sla_breach"))]
    SlaBreach,
    /// Every few minutes, for tickets that match and have not changed for a while.
    #[cfg_attr(feature = "server", sea_orm(string_value = "schedule"))]
    Schedule,
}

impl Trigger {
    pub const ALL: [Trigger; 7] = [
        Trigger::Created,
        Trigger::Updated,
        Trigger::CustomerReplied,
        Trigger::AgentReplied,
        Trigger::SlaWarning,
        Trigger::SlaBreach,
        Trigger::Schedule,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Created => "created",
            Trigger::Updated => "updated",
            Trigger::CustomerReplied => "customer_replied",
            Trigger::AgentReplied => "agent_replied",
            Trigger::SlaWarning => "sla_warning",
            Trigger::SlaBreach => "sla_breach",
            Trigger::Schedule => "schedule",
        }
    }

    pub fn parse(s: &str) -> Option<Trigger> {
        Trigger::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Trigger::Created => "A ticket is created",
            Trigger::Updated => "A ticket changes",
            Trigger::CustomerReplied => "The customer replies",
            Trigger::AgentReplied => "An agent replies",
            Trigger::SlaWarning => "An SLA warning fires",
            Trigger::SlaBreach => "An SLA target is breached",
            Trigger::Schedule => "On a schedule",
        }
    }
}

/// Who an automatic notice goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotifyWhom {
    #[default]
    Nobody,
    Assignee,
    Team,
}

impl NotifyWhom {
    pub const ALL: [NotifyWhom; 3] = [NotifyWhom::Nobody, NotifyWhom::Assignee, NotifyWhom::Team];

    pub fn as_str(self) -> &'static str {
        match self {
            NotifyWhom::Nobody => "nobody",
            NotifyWhom::Assignee => "assignee",
            NotifyWhom::Team => "team",
        }
    }

    pub fn parse(s: &str) -> Option<NotifyWhom> {
        NotifyWhom::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            NotifyWhom::Nobody => "Nobody",
            NotifyWhom::Assignee => "The assignee",
            NotifyWhom::Team => "The ticket's team",
        }
    }
}

/// What a rule does to a ticket. Unset fields are left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Actions {
    pub status_id: Option<i64>,
    pub priority_id: Option<i64>,
    pub category_id: Option<i64>,
    pub team_id: Option<i64>,
    /// An agent to assign.
    pub assignee_id: Option<i64>,
    /// Take the assignee off (back to the team's queue).
    pub unassign: bool,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
    /// An internal note, with placeholders.
    pub note: String,
    /// A public reply mailed to the customer, with placeholders.
    pub reply: String,
    /// Agents told (in the app and by mail, as each chose).
    pub notify: NotifyWhom,
    /// Move to the team of the next support tier.
    pub escalate: bool,
}

impl Actions {
    pub fn is_empty(&self) -> bool {
        *self == Actions::default()
    }
}

/// How a rule's run on a ticket ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    #[cfg_attr(feature = "server", sea_orm(string_value = "applied"))]
    Applied,
    /// The rule's own change would have set it off again: a loop, stopped.
    #[cfg_attr(feature = "server", sea_orm(string_value = "stopped"))]
    Stopped,
    #[cfg_attr(feature = "server", sea_orm(string_value = "failed"))]
    Failed,
}

impl RunOutcome {
    pub fn label(self) -> &'static str {
        match self {
            RunOutcome::Applied => "Applied",
            RunOutcome::Stopped => "Stopped (loop)",
            RunOutcome::Failed => "Failed",
        }
    }
}

/// A rule as the automations page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutomationView {
    pub id: i64,
    pub name: String,
    pub position: i32,
    pub active: bool,
    pub trigger: Trigger,
    pub conditions: String,
    /// Schedule rules: unchanged for this long ("5d"), as typed.
    pub idle: Option<String>,
    pub actions: Actions,
    /// What it does, in words.
    pub summary: String,
    /// Runs in the last 30 days.
    pub runs: u64,
    /// Its latest runs, newest first.
    pub recent: Vec<RunView>,
}

/// One line of a rule's execution log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunView {
    pub id: i64,
    pub ticket_id: i64,
    pub reference: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub outcome: RunOutcome,
    pub detail: String,
}

/// Everything the automations page shows and chooses from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutomationSettingsView {
    pub rules: Vec<AutomationView>,
    pub statuses: Vec<OptionView>,
    pub priorities: Vec<OptionView>,
    pub categories: Vec<OptionView>,
    pub teams: Vec<OptionView>,
    pub agents: Vec<OptionView>,
}

/// "Would have matched": how many tickets a rule's conditions select now, over the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DryRunView {
    pub matched: u64,
    pub days: u32,
    /// Up to ten of them, newest first (reference, subject).
    pub examples: Vec<(i64, String, String)>,
}
