//! Links, merges, the parent/child rule, followers, notifications and the desk configuration,
//! against a real database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set).

mod auto_close;
mod automation;
mod calendar;
mod classifier;
mod csat;
mod custom_fields;
mod desk_config;
mod durable_reactions;
mod links;
mod macros;
mod merge;
mod notifications;
mod parent_rule;
mod reports;
mod routing;
mod scheduler;
mod sla;
mod support;
mod team_scope;
mod time_tracking;
