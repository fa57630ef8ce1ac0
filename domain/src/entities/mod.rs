//! SeaORM entities: one module per table, matching the migrations.

pub mod api_idempotency_key;
pub mod api_token;
pub mod attachment;
pub mod audit_log;
pub mod category;
pub mod email_message;
pub mod live_event;
pub mod mail_ingest;
pub mod mail_template;
pub mod mailbox;
pub mod notification;
pub mod organization;
pub mod outbox;
pub mod priority;
pub mod saved_view;
pub mod session;
pub mod setting;
pub mod status;
pub mod team;
pub mod team_member;
pub mod ticket;
pub mod ticket_event;
pub mod ticket_follower;
pub mod ticket_link;
pub mod ticket_message;
pub mod user;
