//! Tickets: the lifecycle rules (pure), and with the `server` feature the commands that change
//! tickets and the queries that read them.

pub mod board;
pub mod lifecycle;

#[cfg(feature = "server")]
pub mod board_query;
#[cfg(feature = "server")]
pub mod catalog;
#[cfg(feature = "server")]
pub mod commands;
#[cfg(feature = "server")]
pub mod conversation;
#[cfg(feature = "server")]
mod creation;
#[cfg(feature = "server")]
pub mod custom_values;
#[cfg(feature = "server")]
mod deletion;
#[cfg(feature = "server")]
mod deliveries;
pub mod due_dates;
#[cfg(feature = "server")]
pub mod due_order;
#[cfg(feature = "server")]
pub mod filtering;
#[cfg(feature = "server")]
pub(crate) mod lookup;
#[cfg(feature = "server")]
pub mod markdown;
#[cfg(feature = "server")]
pub mod outside;
#[cfg(feature = "server")]
mod posting;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub(crate) mod writing;

#[cfg(feature = "server")]
mod child_rule;
#[cfg(feature = "server")]
pub mod followers;
#[cfg(feature = "server")]
pub mod links;
#[cfg(feature = "server")]
pub mod merge;
#[cfg(feature = "server")]
pub mod relations;
#[cfg(feature = "server")]
pub(crate) mod watchers;
// `auto_close.rs` names the configuration by this path.
#[cfg(feature = "server")]
pub(crate) use crate::desk_config::Config;
#[cfg(feature = "server")]
pub mod references;
