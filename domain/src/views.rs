//! Read models the domain hands out: plain serde values, safe to send to the browser.

use crate::role::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// They proved they read mail at `email`.
    pub email_verified: bool,
    /// They can sign in with a password (invited people and those who only wrote in cannot yet).
    pub has_password: bool,
    /// Set when this session came from a ticket's magic link: the one ticket it may open.
    #[serde(default)]
    pub link_ticket_id: Option<i64>,
    /// Whether a staff member takes new tickets now.
    #[serde(default)]
    pub availability: crate::routing::types::Availability,
    /// Whether they may open reports (filled for the signed-in user's own view only).
    #[serde(default)]
    pub sees_reports: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// Whether its agents see every ticket or only their teams'.
    pub ticket_scope: crate::team_types::TicketScope,
    /// Its escalation tier (1 first line, 2, 3 …), if it is one.
    #[serde(default)]
    pub tier: Option<i32>,
    pub members: Vec<MemberView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationView {
    pub id: i64,
    pub name: String,
    /// Verified addresses at these domains join the organization, in alphabetical order.
    pub domains: Vec<String>,
    /// Its members see each other's tickets.
    pub shares_tickets: bool,
    /// People who belong to it (customers; verified or not).
    pub members: u64,
}

/// One page of a list, with the cursor of the next page when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque: pass it back as `after` for the next page.
    pub next_cursor: Option<String>,
}

/// Another agent on the same ticket, for the presence line on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceView {
    pub user_id: i64,
    pub name: String,
    /// Typing a reply or note right now.
    pub typing: bool,
}

/// What a mailed single-use link is for, as its page tells the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkPurpose {
    SignIn,
    PasswordReset,
    Claim,
    Invitation,
    VerifyEmail,
}

/// A mailed link that still works, shown before the person acts on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkDetails {
    pub purpose: LinkPurpose,
    pub name: String,
    pub email: String,
}
