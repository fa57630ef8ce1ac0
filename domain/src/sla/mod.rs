//! Service levels: business-hours calendars, SLA policies and their targets, the clocks each
//! ticket runs under them, warnings and breaches from the scheduler, and breach prediction.
//! `types` is wasm-safe; the rest needs the `server` feature.

pub mod types;

#[cfg(feature = "server")]
pub mod apply;
#[cfg(feature = "server")]
pub mod attainment;
#[cfg(feature = "server")]
pub mod calendar;
#[cfg(feature = "server")]
pub mod calendars;
#[cfg(feature = "server")]
pub mod clocks;
#[cfg(feature = "server")]
pub mod conditions;
#[cfg(feature = "server")]
pub mod escalation;
#[cfg(feature = "server")]
pub mod filters;
#[cfg(feature = "server")]
pub mod ics;
#[cfg(feature = "server")]
pub mod policies;
#[cfg(feature = "server")]
pub mod prediction;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod reaction;
#[cfg(feature = "server")]
pub mod recompute;
#[cfg(feature = "server")]
pub mod risk;
#[cfg(feature = "server")]
pub mod setup;
#[cfg(feature = "server")]
pub mod timeline;
