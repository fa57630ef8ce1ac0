//! Step 18: macros, the canned responses agents insert from the reply box: personal (an owner)
//! or shared (none), a text with placeholders, optional actions (a status, tags, an assignee),
//! and how often each was used.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("macros")
                .col(big_pk_auto("id"))
                // NULL: shared with every agent.
                .col(big_integer_null("owner_id"))
                .col(string_len("name", 100))
                .col(text("body"))
                .col(big_integer_null("status_id"))
                // JSON array of lower-case tags to add.
                .col(text("add_tags").default("[]"))
                .col(boolean("assign_me").default(false))
                .col(big_integer_null("assignee_id"))
                .col(big_integer("usage_count").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_macros_owner")
                        .from("macros", "owner_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_macros_owner").table("macros").col("owner_id").take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("macros").take()).await
    }
}
