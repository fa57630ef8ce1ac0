//! `/api/v1/tickets`: list (filters and keyset pages), open, read, change and delete tickets.

pub mod create;
pub mod delete;
pub mod list;
pub mod read;
pub mod update;
