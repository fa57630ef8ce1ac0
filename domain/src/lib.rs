//! The helpdesk itself: types, rules, commands and queries, with no HTTP and no UI.
//!
//! The wasm-safe core (roles, errors, validation, the authorization policy) is always
//! compiled; the `server` feature adds SeaORM entities, commands, queries, reactions and jobs.
//! Demo and benchmark data live in the `seed` crate, written through these public commands.

pub mod api_tokens;
pub mod attachments;
pub mod audit_types;
pub mod automation;
pub mod calendar;
pub mod classifier;
#[cfg(feature = "server")]
pub mod clock;
pub mod csat;
pub mod custom_fields;
pub mod desk_config;
pub mod email_types;
pub mod error;
pub mod kb;
pub mod link_types;
pub mod live;
pub mod macros;
pub mod notifications;
pub mod policy;
pub mod role;
pub mod routing;
pub mod similar;
pub mod sla;
pub mod team_types;
pub mod ticket_filter;
pub mod ticket_types;
pub mod tickets;
pub mod time_tracking;
pub mod validation;
pub mod views;

#[cfg(feature = "server")]
pub mod access;
#[cfg(feature = "server")]
pub mod accounts;
#[cfg(feature = "server")]
pub mod audit;
#[cfg(feature = "server")]
pub mod auto_close;
#[cfg(feature = "server")]
pub mod db;
#[cfg(feature = "server")]
pub mod desk;
#[cfg(feature = "server")]
pub mod digest;
#[cfg(feature = "server")]
pub mod email;
#[cfg(feature = "server")]
pub mod entities;
#[cfg(feature = "server")]
pub mod group_commit;
#[cfg(feature = "server")]
pub mod jobs;
#[cfg(feature = "server")]
pub mod organizations;
#[cfg(feature = "server")]
pub mod reactions;
pub mod reports;
#[cfg(feature = "server")]
pub mod saved_views;
#[cfg(feature = "server")]
pub mod search;
#[cfg(feature = "server")]
pub mod sessions;
#[cfg(feature = "server")]
pub mod settings_row;
#[cfg(feature = "server")]
pub mod teams;
#[cfg(feature = "server")]
pub mod ticket_access;
#[cfg(feature = "server")]
pub mod work_queues;

pub use error::{DomainError, ErrorCode, FieldError};
pub use policy::{Action, Actor, Principal, authorize, can};
pub use role::Role;
#[cfg(feature = "testing")]
pub mod testing;
