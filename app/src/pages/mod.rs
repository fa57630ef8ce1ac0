//! Pages: one per route. Pages own their data (resources, actions); components take props.

pub mod account;
pub mod admin;
pub mod at_risk;
pub mod board;
pub mod calendar;
pub mod help;
pub mod kb;
pub mod landing;
pub mod link_landing;
pub mod link_requests;
pub mod macros;
pub mod new_ticket;
pub mod not_found;
pub mod notifications;
pub mod portal;
pub mod rate;
pub mod reports;
pub mod sign_in;
pub mod sign_up;
pub mod ticket;
pub mod workspace;
