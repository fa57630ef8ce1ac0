//! The Docket schema as SeaORM migrations, one file per step; a landed step is never edited.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_accounts;
mod m20261122_000002_tickets;
mod m20261122_000003_attachments_search_views;
mod m20261122_000004_api;
mod m20261122_000005_links;
mod m20261122_000006_live_events;
mod m20261129_000007_queue_indexes;
mod m20261129_000008_email;
mod m20261204_000009_jobs;
mod m20261205_000010_access;
mod m20261205_000011_notification_preferences;
mod m20261206_000012_organizations_and_team_scope;
mod m20261206_000013_service_levels;
mod m20261207_000014_knowledge_base;
mod m20261207_000015_kb_reading_index;
mod m20261208_000016_routing;
mod m20261208_000017_automations;
mod m20261208_000018_macros;
mod m20261208_000019_classifier;
mod m20261209_000020_custom_fields;
mod m20261209_000021_time_entries;
mod m20261209_000022_csat;
mod m20261210_000023_due_dates;
mod m20261211_000024_report_indexes;
mod m20261212_000025_audit_chain;
mod m20261212_000026_outside_senders;
mod m20261213_000027_idempotent_outcomes;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_accounts::Migration),
            Box::new(m20261122_000002_tickets::Migration),
            Box::new(m20261122_000003_attachments_search_views::Migration),
            Box::new(m20261122_000004_api::Migration),
            Box::new(m20261122_000005_links::Migration),
            Box::new(m20261122_000006_live_events::Migration),
            Box::new(m20261129_000007_queue_indexes::Migration),
            Box::new(m20261129_000008_email::Migration),
            Box::new(m20261204_000009_jobs::Migration),
            Box::new(m20261205_000010_access::Migration),
            Box::new(m20261205_000011_notification_preferences::Migration),
            Box::new(m20261206_000012_organizations_and_team_scope::Migration),
            Box::new(m20261206_000013_service_levels::Migration),
            Box::new(m20261207_000014_knowledge_base::Migration),
            Box::new(m20261207_000015_kb_reading_index::Migration),
            Box::new(m20261208_000016_routing::Migration),
            Box::new(m20261208_000017_automations::Migration),
            Box::new(m20261208_000018_macros::Migration),
            Box::new(m20261208_000019_classifier::Migration),
            Box::new(m20261209_000020_custom_fields::Migration),
            Box::new(m20261209_000021_time_entries::Migration),
            Box::new(m20261209_000022_csat::Migration),
            Box::new(m20261210_000023_due_dates::Migration),
            Box::new(m20261211_000024_report_indexes::Migration),
            Box::new(m20261212_000025_audit_chain::Migration),
            Box::new(m20261212_000026_outside_senders::Migration),
            Box::new(m20261213_000027_idempotent_outcomes::Migration),
        ]
    }
}
