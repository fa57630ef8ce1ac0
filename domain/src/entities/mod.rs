//! SeaORM entities: one module per table, matching the migrations.

pub mod audit_log;
pub mod organization;
pub mod session;
pub mod setting;
pub mod team;
pub mod team_member;
pub mod user;
