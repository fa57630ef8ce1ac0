//! The desk configuration: what every command and query reads (`Config`: statuses, priorities,
//! categories, teams and the ticket prefix, kept in memory by `cache`), and the admin's changes to
//! statuses (each over a fixed category), priorities, categories and the prefix of ticket
//! references. Every change is audited.

pub mod types;

#[cfg(feature = "server")]
pub(crate) mod cache;
#[cfg(feature = "server")]
pub mod categories;
#[cfg(feature = "server")]
mod config;
#[cfg(feature = "server")]
pub mod order;
#[cfg(feature = "server")]
pub mod prefix;
#[cfg(feature = "server")]
pub mod priorities;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod statuses;
#[cfg(feature = "server")]
pub(crate) mod unique;

#[cfg(feature = "server")]
pub use config::Config;
