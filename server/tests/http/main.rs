//! HTTP integration tests: the real router on port 0 over an isolated database (SQLite, or
//! PostgreSQL when `TEST_DATABASE_URL` is set), driven like a browser or API client would.

mod accounts;
mod admin;
mod api;
mod api_matrix;
mod api_support;
mod authorization;
mod board;
mod finding;
mod live;
mod live_support;
mod mail_admin;
mod mail_admin_support;
mod mail_inbound;
mod notes_stay_internal;
mod pages;
mod presence;
mod security;
mod support;
mod tickets;
mod workflow;
mod workflow_authorization;
mod workflow_support;
