//! Wire types of the directory: users, organizations and teams, and the bodies that create them.

use chrono::{DateTime, Utc};
use domain::{
    team_types::TicketScope,
    views::{MemberView, OrganizationView, TeamView, UserView},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    #[schema(example = 2)]
    pub id: i64,
    #[schema(example = "agent@example.com")]
    pub email: String,
    #[schema(example = "Alex Agent")]
    pub name: String,
    #[schema(value_type = RoleName, example = "agent")]
    pub role: String,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

impl From<UserView> for UserDto {
    fn from(u: UserView) -> Self {
        UserDto {
            id: u.id,
            email: u.email,
            name: u.name,
            role: u.role.as_str().to_owned(),
            organization_id: u.organization_id,
            organization_name: u.organization_name,
            active: u.active,
            created_at: u.created_at,
            last_sign_in_at: u.last_sign_in_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserPage {
    pub items: Vec<UserDto>,
    pub next_cursor: Option<String>,
}

/// A new user of any role (admin scope).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserBody {
    #[serde(default)]
    #[schema(example = "Robin Agent")]
    pub name: String,
    #[serde(default)]
    #[schema(example = "robin@example.com")]
    pub email: String,
    /// At least 10 characters. Without one, the person is mailed an invitation to choose their
    /// own password (the link holds 7 days).
    #[schema(min_length = 10)]
    pub password: Option<String>,
    #[schema(value_type = RoleName, example = "agent")]
    pub role: String,
    pub organization_id: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationDto {
    #[schema(example = 1)]
    pub id: i64,
    #[schema(example = "Acme Corporation")]
    pub name: String,
    /// Verified addresses at these domains join the organization; alphabetical.
    #[schema(example = json!(["acme.example"]))]
    pub domains: Vec<String>,
    /// Its people see each other's tickets.
    pub shares_tickets: bool,
    /// How many people belong to it.
    #[schema(example = 12)]
    pub members: u64,
}

impl From<OrganizationView> for OrganizationDto {
    fn from(o: OrganizationView) -> Self {
        OrganizationDto {
            id: o.id,
            name: o.name,
            domains: o.domains,
            shares_tickets: o.shares_tickets,
            members: o.members,
        }
    }
}

/// A role: customers raise requests; agents work them; managers are agents who also run their
/// own teams; admins run the desk.
/// It only describes, in the OpenAPI document, the strings the `role` fields carry.
#[derive(Debug, Clone, Copy, ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum RoleName {
    Customer,
    Agent,
    Manager,
    Admin,
}

/// An email domain, like `acme.example`: at most 253 characters, labels of letters, digits and
/// hyphens; a leading `@` is dropped.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = "acme.example", pattern = r"^@?(?=.{1,253}$)[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")]
pub struct DomainName(pub String);

/// A new organization (admin scope).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganizationBody {
    #[schema(example = "Acme Corporation", min_length = 1, max_length = 200)]
    pub name: String,
    /// Email domains, like `acme.example` (public mail providers are refused; each domain
    /// belongs to one organization).
    #[serde(default)]
    #[schema(max_items = 50)]
    pub domains: Vec<DomainName>,
    /// Whether its members see each other's tickets.
    #[serde(default)]
    pub shares_tickets: bool,
}

/// A change to an organization (admin scope): fields left out keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationPatch {
    #[schema(example = "Acme Corporation", min_length = 1, max_length = 200)]
    pub name: Option<String>,
    /// The whole new list of email domains.
    #[schema(max_items = 50)]
    pub domains: Option<Vec<DomainName>>,
    pub shares_tickets: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationList {
    pub items: Vec<OrganizationDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDto {
    #[schema(example = 2)]
    pub user_id: i64,
    #[schema(example = "Alex Agent")]
    pub name: String,
    #[schema(example = "agent@example.com")]
    pub email: String,
    pub active: bool,
}

impl From<MemberView> for MemberDto {
    fn from(m: MemberView) -> Self {
        MemberDto { user_id: m.user_id, name: m.name, email: m.email, active: m.active }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamDto {
    #[schema(example = 1)]
    pub id: i64,
    #[schema(example = "Support")]
    pub name: String,
    pub description: String,
    /// `all`: its agents see every ticket; `team`: an agent whose every team says so sees only
    /// their teams' tickets and the ones assigned to them.
    #[schema(example = "all")]
    pub ticket_scope: TicketScopeDto,
    /// Its escalation tier (1 first line, 2, 3 …); null when it is none.
    #[schema(example = 1, minimum = 1, maximum = 9)]
    pub tier: Option<i32>,
    pub members: Vec<MemberDto>,
}

/// Which tickets a team's agents see.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TicketScopeDto {
    All,
    Team,
}

impl From<TeamView> for TeamDto {
    fn from(t: TeamView) -> Self {
        TeamDto {
            id: t.id,
            name: t.name,
            description: t.description,
            ticket_scope: match t.ticket_scope {
                TicketScope::All => TicketScopeDto::All,
                TicketScope::Team => TicketScopeDto::Team,
            },
            tier: t.tier,
            members: t.members.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamList {
    pub items: Vec<TeamDto>,
}

/// A new team (admin scope).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTeamBody {
    #[serde(default)]
    #[schema(example = "Tier 2")]
    pub name: String,
    #[serde(default)]
    pub description: String,
}
