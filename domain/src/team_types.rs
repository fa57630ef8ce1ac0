//! Wasm-safe vocabulary of teams: which tickets a team's agents see.

#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Which tickets the agents of a team see. An agent sees every ticket unless each of their teams
/// is `Team`; then they see their teams' tickets and the tickets assigned to them. Admins always
/// see every ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum TicketScope {
    #[default]
    #[cfg_attr(feature = "server", sea_orm(string_value = "all"))]
    All,
    #[cfg_attr(feature = "server", sea_orm(string_value = "team"))]
    Team,
}

impl TicketScope {
    pub const ALL: [TicketScope; 2] = [TicketScope::All, TicketScope::Team];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketScope::All => "all",
            TicketScope::Team => "team",
        }
    }

    pub fn parse(s: &str) -> Option<TicketScope> {
        TicketScope::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            TicketScope::All => "Every ticket",
            TicketScope::Team => "Only their teams' tickets",
        }
    }
}
