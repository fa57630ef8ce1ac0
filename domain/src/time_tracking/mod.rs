//! Time tracking: agents log the minutes they spend on tickets (typed, from the ticket's timer,
//! or with a reply or note), change their own entries, and see each ticket's total; admins may
//! require time before solving. `types` is wasm-safe; the rest needs the `server` feature.

pub mod types;

#[cfg(feature = "server")]
pub mod entries;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod rule;
