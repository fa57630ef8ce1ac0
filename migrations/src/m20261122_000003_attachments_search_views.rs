//! Step 3: attachments (metadata; the bytes live in content-addressed files), the full-text
//! search index (SQLite FTS5 / PostgreSQL tsvector with GIN), and saved ticket views.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

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
                .table("attachments")
                .col(big_pk_auto("id"))
                .col(big_integer("ticket_id"))
                .col(big_integer("message_id"))
                .col(big_integer_null("uploader_id"))
                .col(string_len("file_name", 255))
                .col(string_len("content_type", 127))
                .col(big_integer("size"))
                .col(string_len("sha256", 64))
                .col(boolean("is_image").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "fk_attachments_ticket",
                    ("attachments", "ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_attachments_message",
                    ("attachments", "message_id"),
                    ("ticket_messages", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_attachments_uploader",
                    ("attachments", "uploader_id"),
                    ("users", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_attachments_message").table("attachments").col("message_id").col("id").take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_attachments_ticket").table("attachments").col("ticket_id").take())
            .await?;

        m.create_table(
            Table::create()
                .table("saved_views")
                .col(big_pk_auto("id"))
                .col(big_integer("owner_id"))
                .col(string_len("name", 80))
                .col(text("query"))
                .col(string_len("sort", 32))
                .col(boolean("shared").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "fk_saved_views_owner",
                    ("saved_views", "owner_id"),
                    ("users", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_saved_views_owner_name")
                .table("saved_views")
                .col("owner_id")
                .col("name")
                .unique()
                .take(),
        )
        .await?;

        // The search index: one document per ticket. `public_doc` holds what customers may search
        // (subject, requester, public messages); `internal_doc` holds internal notes.
        let db = m.get_connection();
        match m.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE TABLE ticket_search (
                        ticket_id BIGINT PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
                        public_doc TSVECTOR NOT NULL DEFAULT ''::tsvector,
                        internal_doc TSVECTOR NOT NULL DEFAULT ''::tsvector
                    )",
                )
                .await?;
                db.execute_unprepared("CREATE INDEX ix_ticket_search_public ON ticket_search USING GIN (public_doc)")
                    .await?;
                db.execute_unprepared(
                    "CREATE INDEX ix_ticket_search_all ON ticket_search USING GIN ((public_doc || internal_doc))",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE ticket_search USING fts5(
                        public_doc, internal_doc, tokenize = 'unicode61 remove_diacritics 2'
                    )",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection().execute_unprepared("DROP TABLE IF EXISTS ticket_search").await?;
        for table in ["saved_views", "attachments"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
