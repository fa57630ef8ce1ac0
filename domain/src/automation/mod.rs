//! Automations: rules that act on tickets by themselves, on an event (created, changed, a reply,
//! an SLA warning or breach) or on a schedule (tickets that match and have not changed for a
//! while), with conditions in the filter language that search and views use, actions (fields,
//! tags, a note, a reply to the customer, a notice to agents, escalation), a dry run over the
//! last 30 days, an execution log per rule, and a stop for loops. `types` is wasm-safe; the
//! rest needs the `server` feature.

pub mod types;

#[cfg(feature = "server")]
pub mod apply;
#[cfg(feature = "server")]
pub mod matching;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod reaction;
#[cfg(feature = "server")]
pub mod rules;
#[cfg(feature = "server")]
pub mod schedule;
