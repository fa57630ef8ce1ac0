//! Live updates: what changed, for whom, and how it travels.
//!
//! A command appends a row to the live-event log in its own transaction (`record`) and wakes the
//! tailers when it commits (`commit`). Each server process tails the log (`tail`), keeps a
//! bounded replay buffer and fans events out (`hub`); every subscriber receives only the events
//! of tickets it may see (`event`). Browsers get ids only (`wire`) and refetch what changed.

pub mod wire;

#[cfg(feature = "server")]
pub mod event;
#[cfg(feature = "server")]
pub mod hub;
#[cfg(feature = "server")]
pub mod presence;
#[cfg(feature = "server")]
pub mod reaction;
#[cfg(feature = "server")]
mod record;
#[cfg(feature = "server")]
pub mod tail;

#[cfg(feature = "server")]
pub use record::{commit, record};
