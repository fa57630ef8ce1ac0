//! Reports: what the desk did in a period and how well (volumes, backlog, response and
//! resolution times, SLA attainment, reopenings, channels, agents' and teams' load, satisfaction
//! and time), computed from the desk's own tables, each figure beside the period before.
//! `types` is wasm-safe; the rest needs the `server` feature.

pub mod types;

#[cfg(feature = "server")]
pub mod access;
#[cfg(feature = "server")]
pub mod compute;
#[cfg(feature = "server")]
pub mod csv;
#[cfg(feature = "server")]
pub mod dashboard;
#[cfg(feature = "server")]
pub mod facts;
#[cfg(feature = "server")]
pub mod field_terms;
#[cfg(feature = "server")]
pub mod input;
#[cfg(feature = "server")]
pub mod page;
#[cfg(feature = "server")]
pub mod tallies;
