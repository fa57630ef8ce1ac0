//! The admin area: overview, users, teams.

pub mod overview;
pub mod teams;
pub mod users;
