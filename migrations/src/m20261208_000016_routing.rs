//! Step 16: routing and assignment. Ordered routing rules (conditions in the filter language,
//! the fields they set); each team's assignment strategy and its turn counter (round-robin);
//! each member's last turn; each agent's availability, when Docket last saw them, capacity and
//! skills; the skills a category's tickets need and a ticket's own; the log of automatic
//! assignments (the distribution report); and an index for a team's waiting tickets.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const WAITING: &str = "ix_tickets_waiting";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("routing_rules")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("name", 100))
                .col(integer("position"))
                .col(boolean("active").default(true))
                // Also applies when a ticket changes, not only when it is created.
                .col(boolean("on_change").default(false))
                .col(text("conditions"))
                .col(big_integer_null("set_team_id"))
                .col(big_integer_null("set_category_id"))
                .col(big_integer_null("set_priority_id"))
                // JSON arrays of lower-case words.
                .col(text("add_tags").default("[]"))
                .col(text("required_skills").default("[]"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.alter_table(Table::alter().table("teams").add_column(string_len("assignment", 16).default("manual")).take())
            .await?;
        m.alter_table(Table::alter().table("teams").add_column(big_integer("assignment_turn").default(0)).take())
            .await?;
        m.alter_table(Table::alter().table("team_members").add_column(big_integer("last_turn").default(0)).take())
            .await?;
        m.alter_table(
            Table::alter().table("users").add_column(string_len("availability", 16).default("available")).take(),
        )
        .await?;
        m.alter_table(Table::alter().table("users").add_column(timestamp_with_time_zone_null("seen_at")).take())
            .await?;
        m.alter_table(Table::alter().table("users").add_column(integer_null("ticket_capacity")).take()).await?;
        m.alter_table(Table::alter().table("users").add_column(text("skills").default("[]")).take()).await?;
        m.alter_table(Table::alter().table("categories").add_column(text("skills").default("[]")).take()).await?;
        m.alter_table(Table::alter().table("tickets").add_column(text("required_skills").default("[]")).take()).await?;
        m.create_table(
            Table::create()
                .table("assignments")
                .col(big_pk_auto("id"))
                .col(big_integer("ticket_id"))
                .col(big_integer("team_id"))
                .col(big_integer("user_id"))
                .col(string_len("strategy", 16))
                .col(timestamp_with_time_zone("at"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_assignments_team_at").table("assignments").col("team_id").col("at").take(),
        )
        .await?;
        m.create_index(
            Index::create().name(WAITING).table("tickets").col("team_id").col("assignee_id").col("id").take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(WAITING).table("tickets").to_owned()).await?;
        m.drop_table(Table::drop().table("assignments").take()).await?;
        m.alter_table(Table::alter().table("tickets").drop_column("required_skills").take()).await?;
        m.alter_table(Table::alter().table("categories").drop_column("skills").take()).await?;
        for column in ["skills", "ticket_capacity", "seen_at", "availability"] {
            m.alter_table(Table::alter().table("users").drop_column(column).take()).await?;
        }
        m.alter_table(Table::alter().table("team_members").drop_column("last_turn").take()).await?;
        m.alter_table(Table::alter().table("teams").drop_column("assignment_turn").take()).await?;
        m.alter_table(Table::alter().table("teams").drop_column("assignment").take()).await?;
        m.drop_table(Table::drop().table("routing_rules").take()).await
    }
}
