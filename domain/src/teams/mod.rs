//! Teams of agents: listing, creating, renaming, membership.

pub mod commands;
pub mod queries;
