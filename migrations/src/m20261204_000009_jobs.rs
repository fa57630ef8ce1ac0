//! Step 9: the jobs table the scheduler runs time-based and after-commit work from. A job is due
//! at a time, claimed under a lease (so a process that dies mid-run leaves it to another once the
//! lease ends), retried with backoff, and kept as `failed` for admins after its last attempt.
//! `dedupe_key` makes scheduling the same thing twice update one row instead of adding another.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("jobs")
                .col(big_pk_auto("id"))
                .col(string_len("kind", 64))
                .col(text("payload"))
                .col(string_len("state", 16))
                .col(timestamp_with_time_zone("due_at"))
                .col(integer("attempts"))
                .col(timestamp_with_time_zone_null("lease_until"))
                .col(text_null("last_error"))
                .col(string_len_null("dedupe_key", 200))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_jobs_due").table("jobs").col("state").col("due_at").take()).await?;
        m.create_index(Index::create().name("ux_jobs_dedupe_key").table("jobs").col("dedupe_key").unique().take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("jobs").take()).await
    }
}
