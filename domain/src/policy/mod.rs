//! Authorization: the one place that decides who may do what. Every command, query,
//! server function and handler asks `authorize` before it acts.

mod articles;

pub use articles::{ArticleReading, article_reading, can_write_articles};

use crate::{api_tokens::ApiScope, error::DomainError, role::Role, team_types::TicketScope};
use serde::{Deserialize, Serialize};

/// A signed-in user, as far as authorization needs to know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub user_id: i64,
    pub role: Role,
    /// The organization whose shared tickets this person sees: theirs once they have proved their
    /// address, `None` before (an unverified account sees only the tickets it opened itself).
    pub organization_id: Option<i64>,
}

/// Who is acting: a visitor, a signed-in user, a visitor holding a ticket's magic link, or Docket
/// itself (jobs, demo seeding, the CLI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Anonymous,
    User(Principal),
    /// Someone who opened a ticket's magic link: the ticket's requester, on that one ticket only
    /// (read its public conversation, reply, solve, reopen), and nothing else.
    Link {
        principal: Principal,
        ticket_id: i64,
    },
    System,
}

impl Actor {
    /// The person acting, signed in or by a link.
    pub fn principal(&self) -> Option<&Principal> {
        match self {
            Actor::User(p) | Actor::Link { principal: p, .. } => Some(p),
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
    /// Change one's own password, see one's own profile, make and revoke one's own API tokens.
    ManageOwnAccount,
    /// Open the customer portal.
    UsePortal,
    /// Open the agent workspace and see teams and colleagues.
    UseAgentWorkspace,
    /// Open the admin area (managers find their teams there, admins everything).
    UseAdminArea,
    /// Create agents and admins, deactivate and reactivate users.
    ManageUsers,
    /// Create teams and choose which tickets their agents see; rename and staff any team.
    ManageTeams,
    /// Rename and staff the teams one belongs to (managers), or any team (admins).
    LeadTeams,
    /// List users and organizations (directory look-ups).
    ViewDirectory,
    /// Open a ticket: customers for themselves, agents on behalf of a customer.
    CreateTicket,
    /// Change statuses, priorities, categories and the ticket number prefix.
    ConfigureDesk,
    /// Read and clear one's own in-app notifications (agents are notified, customers are not).
    UseNotifications,
    /// Revoke all magic links a customer holds.
    ManageCustomerAccess,
    /// Create and edit organizations, their domains and members.
    ManageOrganizations,
    /// Read the audit log and check its chain.
    ReadAuditLog,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Action::SignUp,
        Action::ManageOwnAccount,
        Action::UsePortal,
        Action::UseAgentWorkspace,
        Action::UseAdminArea,
        Action::ManageUsers,
        Action::ManageTeams,
        Action::LeadTeams,
        Action::ViewDirectory,
        Action::CreateTicket,
        Action::ConfigureDesk,
        Action::UseNotifications,
        Action::ManageCustomerAccess,
        Action::ManageOrganizations,
        Action::ReadAuditLog,
    ];
}

/// The policy. Pure: no I/O, no clock.
pub fn can(actor: &Actor, action: Action) -> bool {
    use Action::*;
    match actor {
        Actor::System => true,
        Actor::Anonymous => matches!(action, SignUp),
        // A magic link opens its ticket and nothing beyond it.
        Actor::Link { .. } => false,
        Actor::User(p) => match action {
            SignUp => false,
            ManageOwnAccount | CreateTicket => true,
            UsePortal => p.role == Role::Customer,
            UseAgentWorkspace | ViewDirectory | UseNotifications | ManageCustomerAccess => p.role.is_staff(),
            UseAdminArea | LeadTeams => matches!(p.role, Role::Manager | Role::Admin),
            ManageUsers | ManageTeams | ConfigureDesk | ManageOrganizations | ReadAuditLog => p.role == Role::Admin,
        },
    }
}

/// What authorization needs to know about a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketFacts {
    pub ticket_id: i64,
    pub requester_id: i64,
    pub organization_id: Option<i64>,
    /// The ticket's organization lets its members see each other's tickets.
    pub organization_shares: bool,
}

/// What can be done to one ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketAction {
    View,
    /// A public reply; also solving and reopening one's own request.
    Reply,
    /// Write an internal note.
    Note,
    /// Read internal notes and the full history.
    SeeNotes,
    /// Change priority, category, team, assignee.
    Edit,
    Delete,
    /// See, add and remove links to other tickets.
    Link,
    /// Merge the ticket into another one.
    Merge,
    /// Follow the ticket and see who follows it.
    Follow,
    /// Solve or close a parent while child tickets are still active.
    OverrideChildRule,
}

impl TicketAction {
    pub const ALL: [TicketAction; 10] = [
        Self::View,
        Self::Reply,
        Self::Note,
        Self::SeeNotes,
        Self::Edit,
        Self::Delete,
        Self::Link,
        Self::Merge,
        Self::Follow,
        Self::OverrideChildRule,
    ];
}

/// The policy for one ticket. Customers see their own requests, and their organization's when it
/// shares them; they never see notes, links or followers. Agents work every ticket; only admins
/// delete and override the parent/child rule.
pub fn can_on_ticket(actor: &Actor, action: TicketAction, ticket: &TicketFacts) -> bool {
    use TicketAction::*;
    match actor {
        Actor::System => true,
        Actor::Anonymous => false,
        Actor::Link { principal, ticket_id } => {
            matches!(action, View | Reply) && ticket.ticket_id == *ticket_id && ticket.requester_id == principal.user_id
        }
        Actor::User(p) if p.role.is_staff() => !matches!(action, Delete | OverrideChildRule) || p.role == Role::Admin,
        Actor::User(p) => {
            let own = ticket.requester_id == p.user_id;
            let shared = ticket.organization_shares
                && ticket.organization_id.is_some()
                && ticket.organization_id == p.organization_id;
            matches!(action, View | Reply) && (own || shared)
        }
    }
}

/// Which tickets a member of staff reaches, on top of what their role allows: every ticket, or,
/// when each of their teams keeps its agents to its own tickets, their teams' tickets and the
/// ones assigned to them. Admins, customers, link holders and Docket itself are never narrowed
/// here (the role policy decides for them).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Reach {
    #[default]
    Everything,
    Teams {
        user_id: i64,
        teams: Vec<i64>,
    },
}

impl Reach {
    /// Whether a ticket of this team and assignee is within reach.
    pub fn covers(&self, team_id: Option<i64>, assignee_id: Option<i64>) -> bool {
        match self {
            Reach::Everything => true,
            Reach::Teams { user_id, teams } => {
                assignee_id == Some(*user_id) || team_id.is_some_and(|t| teams.contains(&t))
            }
        }
    }
}

/// The reach of `actor`, given the teams they belong to and each team's scope.
pub fn reach_of(actor: &Actor, memberships: &[(i64, TicketScope)]) -> Reach {
    match actor {
        Actor::User(p) if p.role.is_staff() && p.role != Role::Admin => {
            if memberships.is_empty() || memberships.iter().any(|(_, scope)| *scope == TicketScope::All) {
                Reach::Everything
            } else {
                Reach::Teams { user_id: p.user_id, teams: memberships.iter().map(|(team, _)| *team).collect() }
            }
        }
        _ => Reach::Everything,
    }
}

/// Who may read a ticket, as far as merging needs to know: its facts and its requester's current
/// organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    pub ticket: TicketFacts,
    pub requester_organization_id: Option<i64>,
}

impl Audience {
    fn shared_with(&self) -> Option<i64> {
        self.ticket.organization_id.filter(|_| self.ticket.organization_shares)
    }
}

/// Whether exactly the same customers can read both tickets, so that merging one into the other
/// shows nobody a conversation they could not read before. The customers of a ticket are its
/// requester, plus the members of its organization when that organization shares tickets.
pub fn same_audience(a: &Audience, b: &Audience) -> bool {
    let shared = a.shared_with();
    if shared != b.shared_with() {
        return false;
    }
    a.ticket.requester_id == b.ticket.requester_id
        || shared
            .is_some_and(|org| a.requester_organization_id == Some(org) && b.requester_organization_id == Some(org))
}

/// `can`, as a `Result`: anonymous callers and magic-link holders are told to sign in, others
/// are refused.
pub fn authorize(actor: &Actor, action: Action) -> Result<(), DomainError> {
    if can(actor, action) {
        Ok(())
    } else if matches!(actor, Actor::Anonymous | Actor::Link { .. }) {
        Err(DomainError::Unauthenticated)
    } else {
        Err(DomainError::Forbidden)
    }
}

/// What an API token lets its holder do: its scope covers what the request needs (read < write <
/// admin), and the admin scope counts only while its user is an admin. The token's user must
/// still be allowed the action itself (`can`, `can_on_ticket`): a scope never adds rights.
/// Issuing a token of a scope asks `token_permits(role, scope, scope)`.
pub fn token_permits(role: Role, granted: ApiScope, needed: ApiScope) -> bool {
    granted >= needed && (needed != ApiScope::Admin || role == Role::Admin)
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
        let manager = user(Role::Manager);
        let admin = user(Role::Admin);
        // (action, anonymous, customer, agent, manager, admin)
        let table = [
            (SignUp, true, false, false, false, false),
            (ManageOwnAccount, false, true, true, true, true),
            (UsePortal, false, true, false, false, false),
            (UseAgentWorkspace, false, false, true, true, true),
            (ViewDirectory, false, false, true, true, true),
            (UseAdminArea, false, false, false, true, true),
            (ManageUsers, false, false, false, false, true),
            (ManageTeams, false, false, false, false, true),
            (LeadTeams, false, false, false, true, true),
            (CreateTicket, false, true, true, true, true),
            (ConfigureDesk, false, false, false, false, true),
            (UseNotifications, false, false, true, true, true),
            (ManageCustomerAccess, false, false, true, true, true),
            (ManageOrganizations, false, false, false, false, true),
            (ReadAuditLog, false, false, false, false, true),
        ];
        assert_eq!(table.len(), Action::ALL.len(), "every action is in the table");
        for (action, a, c, g, m, d) in table {
            assert_eq!(can(&anon, action), a, "anonymous {action:?}");
            assert_eq!(can(&customer, action), c, "customer {action:?}");
            assert_eq!(can(&agent, action), g, "agent {action:?}");
            assert_eq!(can(&manager, action), m, "manager {action:?}");
            assert_eq!(can(&admin, action), d, "admin {action:?}");
            assert!(can(&Actor::System, action), "system {action:?}");
        }
    }

    #[test]
    fn ticket_table() {
        let customer = |id, org| Actor::User(Principal { user_id: id, role: Role::Customer, organization_id: org });
        let own = TicketFacts { ticket_id: 5, requester_id: 1, organization_id: Some(10), organization_shares: false };
        let shared = TicketFacts { organization_shares: true, ..own };
        let agent = user(Role::Agent);
        let admin = user(Role::Admin);
        use TicketAction as T;
        // (actor, facts, actions allowed)
        let table: [(Actor, TicketFacts, &[TicketAction]); 8] = [
            (customer(1, Some(10)), own, &[T::View, T::Reply]),
            (customer(2, Some(10)), own, &[]),
            (customer(2, Some(10)), shared, &[T::View, T::Reply]),
            (customer(3, Some(11)), shared, &[]),
            (customer(4, None), TicketFacts { organization_id: None, ..shared }, &[]),
            (agent, own, &[T::View, T::Reply, T::Note, T::SeeNotes, T::Edit, T::Link, T::Merge, T::Follow]),
            (
                user(Role::Manager),
                own,
                &[T::View, T::Reply, T::Note, T::SeeNotes, T::Edit, T::Link, T::Merge, T::Follow],
            ),
            (admin, own, &TicketAction::ALL),
        ];
        for (actor, facts, allowed) in table {
            for action in TicketAction::ALL {
                assert_eq!(
                    can_on_ticket(&actor, action, &facts),
                    allowed.contains(&action),
                    "{actor:?} {action:?} {facts:?}"
                );
            }
        }
        for action in TicketAction::ALL {
            assert!(!can_on_ticket(&Actor::Anonymous, action, &shared));
        }
    }

    #[test]
    fn team_scopes_narrow_only_agents_whose_every_team_is_scoped() {
        use TicketScope::{All, Team};
        let agent = user(Role::Agent);
        let narrowed = Reach::Teams { user_id: 7, teams: vec![1, 2] };
        // (actor, memberships, reach)
        let table = [
            (agent, vec![], Reach::Everything),
            (agent, vec![(1, All)], Reach::Everything),
            (agent, vec![(1, Team), (2, All)], Reach::Everything),
            (agent, vec![(1, Team), (2, Team)], narrowed.clone()),
            (user(Role::Admin), vec![(1, Team)], Reach::Everything),
            (user(Role::Customer), vec![(1, Team)], Reach::Everything),
            (Actor::System, vec![(1, Team)], Reach::Everything),
        ];
        for (actor, memberships, reach) in table {
            assert_eq!(reach_of(&actor, &memberships), reach, "{actor:?} {memberships:?}");
        }
        // (team, assignee, covered)
        for (team, assignee, covered) in [
            (Some(1), None, true),
            (Some(2), Some(9), true),
            (Some(3), None, false),
            (None, None, false),
            (Some(3), Some(7), true),
        ] {
            assert_eq!(narrowed.covers(team, assignee), covered, "{team:?} {assignee:?}");
            assert!(Reach::Everything.covers(team, assignee));
        }
    }

    #[test]
    fn merges_keep_the_audience() {
        let facts = |requester_id, organization_id, organization_shares| TicketFacts {
            ticket_id: 1,
            requester_id,
            organization_id,
            organization_shares,
        };
        let audience = |ticket, requester_organization_id| Audience { ticket, requester_organization_id };
        // (source, target, same audience)
        let table = [
            (audience(facts(1, None, false), None), audience(facts(1, None, false), None), true),
            (audience(facts(1, Some(10), false), Some(10)), audience(facts(1, Some(10), false), Some(10)), true),
            (audience(facts(1, None, false), None), audience(facts(2, None, false), None), false),
            (audience(facts(1, Some(10), false), Some(10)), audience(facts(2, Some(10), false), Some(10)), false),
            (audience(facts(1, Some(10), true), Some(10)), audience(facts(2, Some(10), true), Some(10)), true),
            (audience(facts(1, Some(10), true), Some(10)), audience(facts(2, Some(10), true), Some(11)), false),
            (audience(facts(1, Some(10), true), Some(10)), audience(facts(1, Some(11), true), Some(10)), false),
            (audience(facts(1, Some(10), true), Some(10)), audience(facts(1, None, false), Some(10)), false),
            (audience(facts(1, Some(10), false), Some(10)), audience(facts(1, None, false), Some(10)), true),
        ];
        for (source, target, same) in table {
            assert_eq!(same_audience(&source, &target), same, "{source:?} {target:?}");
            assert_eq!(same_audience(&target, &source), same, "symmetric: {source:?} {target:?}");
        }
    }

    #[test]
    fn refusals_distinguish_sign_in_from_forbidden() {
        assert_eq!(authorize(&Actor::Anonymous, ManageUsers), Err(DomainError::Unauthenticated));
        assert_eq!(authorize(&user(Role::Agent), ManageUsers), Err(DomainError::Forbidden));
        assert_eq!(authorize(&user(Role::Admin), ManageUsers), Ok(()));
    }

    #[test]
    fn token_scopes() {
        use ApiScope::{Admin as A, Read as R, Write as W};
        // (role, granted, read, write, admin)
        let table = [
            (Role::Customer, R, true, false, false),
            (Role::Customer, W, true, true, false),
            (Role::Customer, A, true, true, false),
            (Role::Agent, R, true, false, false),
            (Role::Agent, W, true, true, false),
            (Role::Agent, A, true, true, false),
            (Role::Manager, R, true, false, false),
            (Role::Manager, W, true, true, false),
            (Role::Manager, A, true, true, false),
            (Role::Admin, R, true, false, false),
            (Role::Admin, W, true, true, false),
            (Role::Admin, A, true, true, true),
        ];
        assert_eq!(table.len(), Role::ALL.len() * ApiScope::ALL.len(), "every pair is in the table");
        for (role, granted, read, write, admin) in table {
            assert_eq!(token_permits(role, granted, R), read, "{role:?} {granted:?} read");
            assert_eq!(token_permits(role, granted, W), write, "{role:?} {granted:?} write");
            assert_eq!(token_permits(role, granted, A), admin, "{role:?} {granted:?} admin");
        }
    }
}
