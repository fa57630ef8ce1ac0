//! Step 17: automation rules (on an event, or on a schedule for tickets unchanged for a while),
//! with conditions in the filter language and their actions as JSON, and each rule's execution
//! log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("automation_rules")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("name", 100))
                .col(integer("position"))
                .col(boolean("active").default(false))
                // created, updated, customer_replied, agent_replied, sla_warning, sla_breach, schedule
                .col(string_len("trigger", 24))
                .col(text("conditions"))
                // Schedule rules: tickets unchanged for at least this many minutes.
                .col(integer_null("idle_minutes"))
                // JSON: what the rule does (`automation::types::Actions`).
                .col(text("actions"))
                // Schedule rules: when the scheduler looks next.
                .col(timestamp_with_time_zone_null("next_run_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("automation_runs")
                .col(big_pk_auto("id"))
                .col(big_integer("rule_id"))
                .col(big_integer("ticket_id"))
                .col(timestamp_with_time_zone("at"))
                // applied, stopped (a loop), failed
                .col(string_len("outcome", 16))
                .col(text("detail"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_automation_runs_rule")
                        .from("automation_runs", "rule_id")
                        .to("automation_rules", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_automation_runs_rule").table("automation_runs").col("rule_id").col("id").take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_automation_runs_ticket")
                .table("automation_runs")
                .col("ticket_id")
                .col("rule_id")
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("automation_runs").take()).await?;
        m.drop_table(Table::drop().table("automation_rules").take()).await
    }
}
