//! Wasm-safe vocabulary of macros: what a macro is, what it does besides its text, and what the
//! macros page and the reply box show.

use crate::ticket_types::OptionView;
use serde::{Deserialize, Serialize};

/// The placeholders a macro's text may use.
pub const PLACEHOLDERS: [&str; 11] = [
    "customer.name",
    "customer.first_name",
    "customer.email",
    "ticket.reference",
    "ticket.subject",
    "ticket.status",
    "ticket.priority",
    "ticket.category",
    "team.name",
    "agent.name",
    "agent.first_name",
];

/// Whom a macro assigns the ticket to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MacroAssign {
    #[default]
    Nobody,
    /// Whoever uses it.
    Me,
    Agent(i64),
}

/// A macro as its page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MacroView {
    pub id: i64,
    pub name: String,
    pub body: String,
    pub shared: bool,
    /// The viewer may change and delete it.
    pub editable: bool,
    pub owner_name: Option<String>,
    pub status_id: Option<i64>,
    pub tags: Vec<String>,
    pub assign: MacroAssign,
    pub usage: u64,
    /// What it does besides its text, in words ("status Pending; add tags refund").
    pub actions: String,
}

/// The macros page: the viewer's and the shared macros, and the choices of its form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MacrosPageView {
    pub macros: Vec<MacroView>,
    pub statuses: Vec<OptionView>,
    pub agents: Vec<OptionView>,
    /// The viewer may make shared macros (admins).
    pub can_share: bool,
}

/// A macro offered in a ticket's reply box, its text filled in for that ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MacroChoice {
    pub id: i64,
    pub name: String,
    pub shared: bool,
    /// The text with this ticket's values.
    pub text: String,
    /// What it also does, in words (empty: nothing).
    pub actions: String,
}
