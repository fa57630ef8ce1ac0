//! Step 10: customer access. `access_tokens` holds every link Docket mails to a person (a ticket's
//! magic link, a sign-in link, a password reset, an account claim, an address check), only as the
//! SHA-256 of its secret, with what it is for, whose it is, when it expires, and when it was used
//! or revoked. `users.email_verified_at` records when a person proved their address; existing
//! accounts with a password count as verified from their creation, so upgrading takes nobody's
//! organization away.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("access_tokens")
                .col(big_pk_auto("id"))
                .col(string_len("purpose", 24))
                .col(string_len("token_hash", 64))
                .col(big_integer("user_id"))
                .col(big_integer_null("ticket_id"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_access_tokens_user")
                        .from("access_tokens", "user_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_access_tokens_ticket")
                        .from("access_tokens", "ticket_id")
                        .to("tickets", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ux_access_tokens_hash").table("access_tokens").col("token_hash").unique().take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_access_tokens_user").table("access_tokens").col("user_id").col("purpose").take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_access_tokens_expires").table("access_tokens").col("expires_at").take(),
        )
        .await?;
        m.alter_table(
            Table::alter().table("users").add_column(timestamp_with_time_zone_null("email_verified_at")).take(),
        )
        .await?;
        let backfill = Query::update()
            .table("users")
            .value("email_verified_at", Expr::col("created_at"))
            .and_where(Expr::col("password_hash").is_not_null())
            .to_owned();
        m.exec_stmt(backfill).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("users").drop_column("email_verified_at").take()).await?;
        m.drop_table(Table::drop().table("access_tokens").take()).await
    }
}
