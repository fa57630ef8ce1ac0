//! The server's tests, as one binary (each binary links the whole stack, so new test files join
//! this one as modules): the real router on port 0 over an isolated database (SQLite, or
//! PostgreSQL when `TEST_DATABASE_URL` is set) driven like a browser or API client would, the
//! `docket` binary itself, the mail jobs against real IMAP and SMTP servers, the SMTP/LMTP
//! listener, the load harness at smoke size, and two processes sharing one PostgreSQL database.

mod access;
mod accounts;
mod admin;
mod api;
mod api_support;
mod authorization;
mod backup;
mod board;
mod cli;
mod custom_fields;
mod finding;
mod help_center;
mod kb_api;
mod live;
mod live_support;
mod load_smoke;
mod mail_admin;
mod mail_admin_support;
mod mail_flow;
mod mail_imap;
mod mail_inbound;
mod mail_listener;
mod mail_listener_support;
mod mail_support;
mod matrix;
mod matrix_desk_rules;
mod matrix_functions;
mod matrix_kb;
mod matrix_routes;
mod notes_stay_internal;
mod operations;
mod pages;
mod presence;
mod reports;
mod roles;
mod routing;
mod security;
mod support;
mod targets;
mod tickets;
mod two_processes;
mod upgrade;
mod workflow;
mod workflow_support;
