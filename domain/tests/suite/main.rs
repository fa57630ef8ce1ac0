//! The domain against a real database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set),
//! as one test binary: each binary links the whole stack, so new test files join this one as
//! modules rather than becoming binaries of their own.

mod common;

mod accounts;
mod api;
mod audit;
mod group_commit;
mod knowledge_base;
mod mail;
mod organizations;
mod search;
mod tickets;
mod workflow;
