//! The four roles a user can have: customers, agents, managers (agents who lead their teams)
//! and admins.

#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Stored in `users.role` as its `as_str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[cfg_attr(feature = "server", sea_orm(string_value = "customer"))]
    Customer,
    #[cfg_attr(feature = "server", sea_orm(string_value = "agent"))]
    Agent,
    /// An agent who also runs their own teams (name, description, members); no system settings.
    #[cfg_attr(feature = "server", sea_orm(string_value = "manager"))]
    Manager,
    #[cfg_attr(feature = "server", sea_orm(string_value = "admin"))]
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Customer, Role::Agent, Role::Manager, Role::Admin];
    /// The roles that work tickets.
    pub const STAFF: [Role; 3] = [Role::Agent, Role::Manager, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Agent => "agent",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Customer => "Customer",
            Role::Agent => "Agent",
            Role::Manager => "Manager",
            Role::Admin => "Admin",
        }
    }

    /// Agents, managers and admins work tickets; managers also run their teams, admins hold
    /// the keys to every setting.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Agent | Role::Manager | Role::Admin)
    }

    /// Where a signed-in user of this role lands.
    pub fn home_path(self) -> &'static str {
        if self.is_staff() { "/agent" } else { "/portal" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_round_trips() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        assert_eq!(Role::parse("Admin"), None);
    }
}
