//! Step 4: the REST API's personal access tokens (stored as SHA-256 hashes) and its
//! idempotency keys (the first response to a keyed POST, kept for 24 hours).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk_user(name: &str, table: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(table, "user_id").to("users", "id").on_delete(ForeignKeyAction::Cascade).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("api_tokens")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(string_len("name", 80))
                .col(string_len("prefix", 16))
                .col(string_len_uniq("token_hash", 64))
                .col(string_len("scope", 16))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone_null("expires_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk_user("fk_api_tokens_user", "api_tokens"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_api_tokens_user").table("api_tokens").col("user_id").take()).await?;

        m.create_table(
            Table::create()
                .table("api_idempotency_keys")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(string_len("key", 255))
                .col(string_len("request_hash", 64))
                .col(integer_null("response_status"))
                .col(text_null("response_body"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk_user("fk_api_idempotency_keys_user", "api_idempotency_keys"))
                .take(),
        )
        .await?;
        // Insert-first: of two racing requests with one key, only one row (and one action) wins.
        m.create_index(
            Index::create()
                .name("ux_api_idempotency_keys_user_key")
                .table("api_idempotency_keys")
                .col("user_id")
                .col("key")
                .unique()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_api_idempotency_keys_created")
                .table("api_idempotency_keys")
                .col("created_at")
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["api_idempotency_keys", "api_tokens"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
