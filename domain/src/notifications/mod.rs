//! Agents' in-app notifications: being assigned, a customer's reply on a ticket one owns or
//! follows, an @mention in an internal note. Written by a reaction to ticket changes, in the
//! change's transaction; customers are never notified here.

pub mod mentions;
pub mod types;

#[cfg(feature = "server")]
pub mod commands;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod reaction;
#[cfg(feature = "server")]
pub(crate) mod write;
