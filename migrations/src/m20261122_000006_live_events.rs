//! Step 6: the live-event log. Every committed change to a ticket appends one row in the same
//! transaction; each server process tails the log and pushes the rows it may show to the
//! browsers connected to it. Rows are ids and audience facts only, and are pruned after a while.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // No foreign key to tickets: the event of a deleted ticket must outlive it.
        m.create_table(
            Table::create()
                .table("live_events")
                .col(big_pk_auto("id"))
                .col(big_integer("ticket_id"))
                .col(string_len("kind", 16))
                .col(boolean("staff_only"))
                .col(big_integer("requester_id"))
                .col(big_integer_null("organization_id"))
                .col(boolean("organization_shares"))
                .col(big_integer_null("actor_id"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_live_events_created").table("live_events").col("created_at").take())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("live_events").take()).await
    }
}
