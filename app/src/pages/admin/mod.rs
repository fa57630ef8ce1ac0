//! The admin area: overview, users, teams, and the desk configuration (statuses, priorities,
//! categories, ticket numbers).

pub mod categories;
pub mod numbering;
pub mod overview;
pub mod priorities;
pub mod statuses;
pub mod teams;
pub mod users;
