//! Routing and assignment: ordered rules that set a new ticket's team, category, priority, tags
//! and needed skills; each team's way of handing tickets to available agents (manual,
//! round-robin, least loaded, skills), with a queue that waits for someone to become free; the
//! agents' availability; and the distribution report. `types` is wasm-safe; the rest needs the
//! `server` feature.

pub mod types;

#[cfg(feature = "server")]
pub mod agents;
#[cfg(feature = "server")]
pub mod assign;
#[cfg(feature = "server")]
pub mod availability;
#[cfg(feature = "server")]
pub mod conditions;
#[cfg(feature = "server")]
pub mod creation;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod reaction;
#[cfg(feature = "server")]
pub mod route;
#[cfg(feature = "server")]
pub mod rules;
#[cfg(feature = "server")]
pub mod setup;
