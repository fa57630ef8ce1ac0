//! The `docket` server: configuration, the axum router, sessions, and the CLI commands.

pub mod args;
pub mod backup;
pub mod cli;
pub mod config;
pub mod http;
pub mod mail;
pub mod sessions;
pub mod startup;
pub mod state;
