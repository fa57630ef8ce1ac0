//! Step 22: satisfaction surveys. One survey per ticket at most (a rated ticket is never asked
//! again): who was asked and about whose work (the assignee, team and category when it was
//! solved, so reports hold still when the ticket moves later), the scale, when it is asked,
//! and the answer.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("csat_surveys")
                .col(big_pk_auto("id"))
                .col(big_integer_uniq("ticket_id"))
                .col(big_integer("requester_id"))
                .col(big_integer_null("agent_id"))
                .col(big_integer_null("team_id"))
                .col(big_integer_null("category_id"))
                .col(small_integer("scale"))
                .col(string_len("question", 200))
                // When the customer is asked (the solve, or later by the admin's delay).
                .col(timestamp_with_time_zone("ask_at"))
                .col(timestamp_with_time_zone_null("asked_at"))
                .col(small_integer_null("rating"))
                .col(text_null("comment"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_csat_surveys_ticket")
                        .from("csat_surveys", "ticket_id")
                        .to("tickets", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_csat_surveys_answered").table("csat_surveys").col("answered_at").take())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("csat_surveys").take()).await
    }
}
