//! Organizations: the companies customers belong to, their members, whether members share
//! tickets, and the email domains whose verified addresses join them.

pub mod commands;
pub mod domains;
pub mod queries;

pub use commands::{OrganizationInput, add_member, create, remove_member, update};
pub use queries::{detail, list};
