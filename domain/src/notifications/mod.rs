//! Agents' notifications, in the app and by email: being assigned, a customer's reply on a ticket
//! one owns or follows, an @mention in an internal note, a new ticket for one's team. Written by a
//! reaction to ticket changes, in the reaction's transaction, through the channels each agent
//! chose; customers are never notified here.

pub mod mentions;
pub mod types;

#[cfg(feature = "server")]
pub mod commands;
#[cfg(feature = "server")]
pub(crate) mod mail;
#[cfg(feature = "server")]
pub mod preferences;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod reaction;
#[cfg(feature = "server")]
pub(crate) mod write;
