//! Wasm-safe vocabulary of routing: how a team hands out tickets, whether an agent takes them,
//! and what the routing settings page and the distribution report show.

#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// How a team's new tickets find an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Agents take tickets themselves (or a lead assigns them).
    #[default]
    #[cfg_attr(feature = "server", sea_orm(string_value = "manual"))]
    Manual,
    /// Each available agent in turn.
    #[cfg_attr(feature = "server", sea_orm(string_value = "round_robin"))]
    RoundRobin,
    /// The available agent with the fewest open tickets, below their capacity.
    #[cfg_attr(feature = "server", sea_orm(string_value = "least_loaded"))]
    LeastLoaded,
    /// The least loaded available agent who has every skill the ticket needs.
    #[cfg_attr(feature = "server", sea_orm(string_value = "skills"))]
    Skills,
}

impl Strategy {
    pub const ALL: [Strategy; 4] = [Strategy::Manual, Strategy::RoundRobin, Strategy::LeastLoaded, Strategy::Skills];

    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Manual => "manual",
            Strategy::RoundRobin => "round_robin",
            Strategy::LeastLoaded => "least_loaded",
            Strategy::Skills => "skills",
        }
    }

    pub fn parse(s: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Strategy::Manual => "Manual",
            Strategy::RoundRobin => "Round-robin",
            Strategy::LeastLoaded => "Least loaded",
            Strategy::Skills => "Skills",
        }
    }

    pub fn is_automatic(self) -> bool {
        self != Strategy::Manual
    }
}

/// Whether an agent takes new tickets, as they set it in the top bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    #[default]
    #[cfg_attr(feature = "server", sea_orm(string_value = "available"))]
    Available,
    #[cfg_attr(feature = "server", sea_orm(string_value = "away"))]
    Away,
    #[cfg_attr(feature = "server", sea_orm(string_value = "off_shift"))]
    OffShift,
}

impl Availability {
    pub const ALL: [Availability; 3] = [Availability::Available, Availability::Away, Availability::OffShift];

    pub fn as_str(self) -> &'static str {
        match self {
            Availability::Available => "available",
            Availability::Away => "away",
            Availability::OffShift => "off_shift",
        }
    }

    pub fn parse(s: &str) -> Option<Availability> {
        Availability::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Availability::Available => "Available",
            Availability::Away => "Away",
            Availability::OffShift => "Off shift",
        }
    }
}

/// A routing rule as the settings page lists it (names resolved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingRuleView {
    pub id: i64,
    pub name: String,
    pub position: i32,
    pub active: bool,
    pub on_change: bool,
    pub conditions: String,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub priority_id: Option<i64>,
    pub tags: Vec<String>,
    pub skills: Vec<String>,
    /// What it does, in words ("team Network, priority High, tags vpn").
    pub summary: String,
}

/// A team's assignment settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRoutingView {
    pub id: i64,
    pub name: String,
    pub strategy: Strategy,
    /// Tickets of the team waiting for an agent (unassigned, new or open).
    pub waiting: u64,
}

/// An agent's routing settings and where they stand now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentRoutingView {
    pub id: i64,
    pub name: String,
    pub availability: Availability,
    /// Seen by Docket in the last few minutes (a page of theirs is open).
    pub online: bool,
    pub capacity: Option<u32>,
    pub skills: Vec<String>,
    /// New and open tickets assigned to them.
    pub open: u64,
    /// Tickets Docket assigned them in the report's period.
    pub assigned: u64,
    pub teams: Vec<String>,
}

/// A category's needed skills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategorySkillsView {
    pub id: i64,
    pub name: String,
    pub skills: Vec<String>,
}

/// Everything the routing settings page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingSettingsView {
    pub rules: Vec<RoutingRuleView>,
    pub teams: Vec<TeamRoutingView>,
    pub agents: Vec<AgentRoutingView>,
    pub categories: Vec<CategorySkillsView>,
    /// Active priorities to choose from.
    pub priorities: Vec<crate::ticket_types::OptionView>,
    /// The distribution report's period, in days back from now.
    pub period_days: u32,
}

/// The highest capacity an agent may have.
pub const CAPACITY_MAX: u32 = 999;

/// A capacity as typed: blank for none, or a whole number from 1 to 999.
pub fn parse_capacity(input: &str) -> Result<Option<u32>, &'static str> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=CAPACITY_MAX).contains(&n) => Ok(Some(n)),
        _ => Err("Enter a capacity from 1 to 999, or leave it blank for no limit"),
    }
}
