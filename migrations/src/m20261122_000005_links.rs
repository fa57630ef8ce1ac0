//! Step 5: links between tickets (related, duplicate, parent/child, merged), the agents who
//! follow a ticket, and agents' in-app notifications.

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
        // One row per link, read as "ticket_id <kind> other_ticket_id": `related`,
        // `duplicate_of`, `child_of` (other is the parent), `merged_into`.
        m.create_table(
            Table::create()
                .table("ticket_links")
                .col(big_pk_auto("id"))
                .col(big_integer("ticket_id"))
                .col(big_integer("other_ticket_id"))
                .col(string_len("kind", 16))
                .col(big_integer_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "fk_ticket_links_ticket",
                    ("ticket_links", "ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_ticket_links_other",
                    ("ticket_links", "other_ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_ticket_links_creator",
                    ("ticket_links", "created_by"),
                    ("users", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_ticket_links_pair")
                .table("ticket_links")
                .col("ticket_id")
                .col("other_ticket_id")
                .unique()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_ticket_links_other").table("ticket_links").col("other_ticket_id").take(),
        )
        .await?;
        // A ticket has at most one parent; the same partial-index syntax works on both databases.
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_ticket_links_one_parent ON ticket_links (ticket_id) WHERE kind = 'child_of'",
            )
            .await?;

        m.create_table(
            Table::create()
                .table("ticket_followers")
                .col(big_integer("ticket_id"))
                .col(big_integer("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("ticket_id").col("user_id"))
                .foreign_key(&mut fk(
                    "fk_ticket_followers_ticket",
                    ("ticket_followers", "ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_ticket_followers_user",
                    ("ticket_followers", "user_id"),
                    ("users", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_ticket_followers_user").table("ticket_followers").col("user_id").take(),
        )
        .await?;

        // What happened is rebuilt from the ticket at read time; no message text is copied here.
        m.create_table(
            Table::create()
                .table("notifications")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(string_len("kind", 32))
                .col(big_integer("ticket_id"))
                .col(big_integer_null("actor_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("read_at"))
                .foreign_key(&mut fk(
                    "fk_notifications_user",
                    ("notifications", "user_id"),
                    ("users", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_notifications_ticket",
                    ("notifications", "ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_notifications_actor",
                    ("notifications", "actor_id"),
                    ("users", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_notifications_user").table("notifications").col("user_id").col("id").take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_notifications_unread").table("notifications").col("user_id").col("read_at").take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["notifications", "ticket_followers", "ticket_links"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
