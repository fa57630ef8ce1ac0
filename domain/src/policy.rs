//! Authorization: the one place that decides who may do what. Every command, query,
//! server function and handler asks `authorize` before it acts.

use crate::{error::DomainError, role::Role};
use serde::{Deserialize, Serialize};

/// A signed-in user, as far as authorization needs to know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub user_id: i64,
    pub role: Role,
    pub organization_id: Option<i64>,
}

/// Who is acting: a visitor, a signed-in user, or Docket itself (jobs, demo seeding, the CLI).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    User(Principal),
    System,
}

impl Actor {
    pub fn principal(&self) -> Option<&Principal> {
        match self {
            Actor::User(p) => Some(p),
            _ => None,
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.principal().map(|p| p.role)
    }
}

/// Everything that is authorized somewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Create a customer account for oneself.
    SignUp,
    /// Change one's own password, see one's own profile.
    ManageOwnAccount,
    /// Open the customer portal.
    UsePortal,
    /// Open the agent workspace and see teams and colleagues.
    UseAgentWorkspace,
    /// Open the admin area.
    UseAdminArea,
    /// Create agents and admins, deactivate and reactivate users.
    ManageUsers,
    /// Create and rename teams, change their members.
    ManageTeams,
    /// List users and organizations (directory look-ups).
    ViewDirectory,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::SignUp,
        Action::ManageOwnAccount,
        Action::UsePortal,
        Action::UseAgentWorkspace,
        Action::UseAdminArea,
        Action::ManageUsers,
        Action::ManageTeams,
        Action::ViewDirectory,
    ];
}

/// The policy. Pure: no I/O, no clock.
pub fn can(actor: &Actor, action: Action) -> bool {
    use Action::*;
    match actor {
        Actor::System => true,
        Actor::Anonymous => matches!(action, SignUp),
        Actor::User(p) => match action {
            SignUp => false,
            ManageOwnAccount => true,
            UsePortal => p.role == Role::Customer,
            UseAgentWorkspace | ViewDirectory => p.role.is_staff(),
            UseAdminArea | ManageUsers | ManageTeams => p.role == Role::Admin,
        },
    }
}

/// `can`, as a `Result`: anonymous callers are told to sign in, others are refused.
pub fn authorize(actor: &Actor, action: Action) -> Result<(), DomainError> {
    if can(actor, action) {
        Ok(())
    } else if matches!(actor, Actor::Anonymous) {
        Err(DomainError::Unauthenticated)
    } else {
        Err(DomainError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;

    fn user(role: Role) -> Actor {
        Actor::User(Principal { user_id: 7, role, organization_id: None })
    }

    #[test]
    fn the_whole_table() {
        let anon = Actor::Anonymous;
        let customer = user(Role::Customer);
        let agent = user(Role::Agent);
        let admin = user(Role::Admin);
        // (action, anonymous, customer, agent, admin)
        let table = [
            (SignUp, true, false, false, false),
            (ManageOwnAccount, false, true, true, true),
            (UsePortal, false, true, false, false),
            (UseAgentWorkspace, false, false, true, true),
            (ViewDirectory, false, false, true, true),
            (UseAdminArea, false, false, false, true),
            (ManageUsers, false, false, false, true),
            (ManageTeams, false, false, false, true),
        ];
        assert_eq!(table.len(), Action::ALL.len(), "every action is in the table");
        for (action, a, c, g, d) in table {
            assert_eq!(can(&anon, action), a, "anonymous {action:?}");
            assert_eq!(can(&customer, action), c, "customer {action:?}");
            assert_eq!(can(&agent, action), g, "agent {action:?}");
            assert_eq!(can(&admin, action), d, "admin {action:?}");
            assert!(can(&Actor::System, action), "system {action:?}");
        }
    }

    #[test]
    fn refusals_distinguish_sign_in_from_forbidden() {
        assert_eq!(authorize(&Actor::Anonymous, ManageUsers), Err(DomainError::Unauthenticated));
        assert_eq!(authorize(&user(Role::Agent), ManageUsers), Err(DomainError::Forbidden));
        assert_eq!(authorize(&user(Role::Admin), ManageUsers), Ok(()));
    }
}
