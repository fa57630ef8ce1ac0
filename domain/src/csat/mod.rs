//! Satisfaction surveys (CSAT): after a ticket is first solved its requester is asked once, on
//! the ticket page and through a link in their mail that answers in one click without signing
//! in; agents see the answer on the ticket. `types` is wasm-safe; the rest needs the `server`
//! feature.

pub mod types;

#[cfg(feature = "server")]
pub mod asking;
#[cfg(feature = "server")]
pub mod rating;
#[cfg(feature = "server")]
pub mod settings;
#[cfg(feature = "server")]
pub mod surveys;
