//! Step 1: organizations, users with roles, teams and membership, sessions, settings, audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    name: &str,
    from: (&'static str, &'static str),
    to: (&'static str, &'static str),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(on_delete).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("organizations")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("name", 200))
                .col(string_len_null("domain", 253))
                .col(boolean("shares_tickets").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("users")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("email", 254))
                .col(string_len("name", 100))
                .col(string_len_null("password_hash", 200))
                .col(string_len("role", 16))
                .col(big_integer_null("organization_id"))
                .col(boolean("active").default(true))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("last_sign_in_at"))
                .foreign_key(&mut fk(
                    "fk_users_organization",
                    ("users", "organization_id"),
                    ("organizations", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_users_role").table("users").col("role").take()).await?;
        m.create_index(Index::create().name("ix_users_organization").table("users").col("organization_id").take())
            .await?;

        m.create_table(
            Table::create()
                .table("teams")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("name", 100))
                .col(string_len("description", 500).default(""))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("team_members")
                .col(big_integer("team_id"))
                .col(big_integer("user_id"))
                .primary_key(Index::create().col("team_id").col("user_id"))
                .foreign_key(&mut fk(
                    "fk_team_members_team",
                    ("team_members", "team_id"),
                    ("teams", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_team_members_user",
                    ("team_members", "user_id"),
                    ("users", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_team_members_user").table("team_members").col("user_id").take())
            .await?;

        m.create_table(
            Table::create()
                .table("sessions")
                .col(string_len("id", 64).primary_key())
                .col(text("data"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(big_integer_null("user_id"))
                .foreign_key(&mut fk(
                    "fk_sessions_user",
                    ("sessions", "user_id"),
                    ("users", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_sessions_user").table("sessions").col("user_id").take()).await?;
        m.create_index(Index::create().name("ix_sessions_expires").table("sessions").col("expires_at").take()).await?;

        m.create_table(
            Table::create()
                .table("settings")
                .col(string_len("key", 100).primary_key())
                .col(text("value"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .col(big_pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(big_integer_null("actor_user_id"))
                .col(string_len("action", 64))
                .col(string_len("target_kind", 32))
                .col(big_integer_null("target_id"))
                .col(text("detail"))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_audit_log_at").table("audit_log").col("at").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["audit_log", "settings", "sessions", "team_members", "teams", "users", "organizations"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
