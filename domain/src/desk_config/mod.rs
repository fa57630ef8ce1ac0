//! The admin's configuration of the desk: statuses (each over a fixed category), priorities,
//! categories, and the prefix of ticket references. Every change is audited.

pub mod types;

#[cfg(feature = "server")]
pub mod categories;
#[cfg(feature = "server")]
pub mod prefix;
#[cfg(feature = "server")]
pub mod priorities;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod statuses;
#[cfg(feature = "server")]
mod unique;
