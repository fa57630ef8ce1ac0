//! Step 21: time tracking. Each entry is an agent's minutes on a ticket on a day, with a note,
//! optionally logged with a reply or note (`message_id`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("time_entries")
                .col(big_pk_auto("id"))
                .col(big_integer("ticket_id"))
                .col(big_integer("agent_id"))
                .col(integer("minutes"))
                .col(string_len("note", 200).default(""))
                .col(big_integer_null("message_id"))
                .col(date("worked_on"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_time_entries_ticket")
                        .from("time_entries", "ticket_id")
                        .to("tickets", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_time_entries_agent")
                        .from("time_entries", "agent_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_time_entries_ticket").table("time_entries").col("ticket_id").take())
            .await?;
        m.create_index(
            Index::create()
                .name("ix_time_entries_worked")
                .table("time_entries")
                .col("worked_on")
                .col("agent_id")
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("time_entries").take()).await
    }
}
