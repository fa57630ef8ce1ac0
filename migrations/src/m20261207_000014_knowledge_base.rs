//! Step 14: the knowledge base. Categories (ordered, with a URL slug) and their sections; articles
//! (Markdown and its sanitised HTML, plain text for search and snippets, visibility, state, counts
//! of views, votes and deflections) with their edit history, files, visitors' votes, the answers
//! that spared a ticket, and the tickets that linked them; the article search index (SQLite FTS5
//! or a weighted PostgreSQL tsvector, like the tickets'); and the right an admin gives an agent
//! to write articles.

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
        m.alter_table(Table::alter().table("users").add_column(boolean("writes_articles").default(false)).take())
            .await?;
        m.create_table(
            Table::create()
                .table("kb_categories")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("name", 100))
                .col(string_len_uniq("slug", 100))
                .col(string_len("description", 300).default(""))
                .col(integer("position"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("kb_sections")
                .col(big_pk_auto("id"))
                .col(big_integer("category_id"))
                .col(string_len("name", 100))
                .col(integer("position"))
                .foreign_key(&mut fk(
                    "fk_kb_sections_category",
                    ("kb_sections", "category_id"),
                    ("kb_categories", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_kb_sections_category_name")
                .table("kb_sections")
                .col("category_id")
                .col("name")
                .unique()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("kb_articles")
                .col(big_pk_auto("id"))
                .col(big_integer("category_id"))
                .col(big_integer_null("section_id"))
                .col(string_len("title", 200))
                .col(string_len("slug", 120))
                .col(string_len("summary", 300).default(""))
                .col(text("body"))
                .col(text("body_html"))
                .col(text("body_text"))
                // JSON array of lower-case tags, like a ticket's.
                .col(text("tags"))
                .col(string_len("visibility", 16))
                .col(string_len("state", 16))
                .col(integer("position"))
                .col(big_integer_null("author_id"))
                .col(big_integer_null("editor_id"))
                .col(big_integer_null("source_ticket_id"))
                .col(big_integer("views").default(0))
                .col(big_integer("helpful_yes").default(0))
                .col(big_integer("helpful_no").default(0))
                .col(big_integer("deflections").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("published_at"))
                .foreign_key(&mut fk(
                    "fk_kb_articles_category",
                    ("kb_articles", "category_id"),
                    ("kb_categories", "id"),
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_kb_articles_section",
                    ("kb_articles", "section_id"),
                    ("kb_sections", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_kb_articles_author",
                    ("kb_articles", "author_id"),
                    ("users", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_kb_articles_editor",
                    ("kb_articles", "editor_id"),
                    ("users", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_kb_articles_source_ticket",
                    ("kb_articles", "source_ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_kb_articles_category_slug")
                .table("kb_articles")
                .col("category_id")
                .col("slug")
                .unique()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_kb_articles_listing")
                .table("kb_articles")
                .col("state")
                .col("category_id")
                .col("position")
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("kb_article_revisions")
                .col(big_pk_auto("id"))
                .col(big_integer("article_id"))
                .col(big_integer_null("editor_id"))
                .col(string_len("title", 200))
                .col(string_len("summary", 300))
                .col(text("body"))
                .col(string_len("visibility", 16))
                .col(string_len("state", 16))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "fk_kb_article_revisions_article",
                    ("kb_article_revisions", "article_id"),
                    ("kb_articles", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_kb_article_revisions_editor",
                    ("kb_article_revisions", "editor_id"),
                    ("users", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_kb_article_revisions_article")
                .table("kb_article_revisions")
                .col("article_id")
                .col("id")
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("kb_votes")
                .col(big_pk_auto("id"))
                .col(big_integer("article_id"))
                // A signed-in person (`user:<id>`) or a hash of an anonymous visitor's address and browser.
                .col(string_len("visitor", 80))
                .col(boolean("helpful"))
                .col(text_null("comment"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "fk_kb_votes_article",
                    ("kb_votes", "article_id"),
                    ("kb_articles", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_kb_votes_visitor")
                .table("kb_votes")
                .col("article_id")
                .col("visitor")
                .unique()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("kb_deflections")
                .col(big_pk_auto("id"))
                .col(big_integer("article_id"))
                .col(big_integer_null("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "fk_kb_deflections_article",
                    ("kb_deflections", "article_id"),
                    ("kb_articles", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_kb_deflections_user",
                    ("kb_deflections", "user_id"),
                    ("users", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_kb_deflections_article").table("kb_deflections").col("article_id").take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("kb_article_tickets")
                .col(big_integer("article_id"))
                .col(big_integer("ticket_id"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("article_id").col("ticket_id"))
                .foreign_key(&mut fk(
                    "fk_kb_article_tickets_article",
                    ("kb_article_tickets", "article_id"),
                    ("kb_articles", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_kb_article_tickets_ticket",
                    ("kb_article_tickets", "ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("kb_article_files")
                .col(big_pk_auto("id"))
                .col(big_integer("article_id"))
                .col(big_integer_null("uploader_id"))
                .col(string_len("file_name", 255))
                .col(string_len("content_type", 127))
                .col(big_integer("size"))
                .col(string_len("sha256", 64))
                .col(boolean("is_image").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "fk_kb_article_files_article",
                    ("kb_article_files", "article_id"),
                    ("kb_articles", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_kb_article_files_uploader",
                    ("kb_article_files", "uploader_id"),
                    ("users", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_kb_article_files_article").table("kb_article_files").col("article_id").take(),
        )
        .await?;

        // The article index: title, summary, body text and tags, weighted in that order.
        let db = m.get_connection();
        match m.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE TABLE kb_search (
                        article_id BIGINT PRIMARY KEY REFERENCES kb_articles(id) ON DELETE CASCADE,
                        doc TSVECTOR NOT NULL
                    )",
                )
                .await?;
                db.execute_unprepared("CREATE INDEX ix_kb_search_doc ON kb_search USING GIN (doc)").await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE kb_search USING fts5(
                        title, summary, body, tags, tokenize = 'porter unicode61 remove_diacritics 2'
                    )",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection().execute_unprepared("DROP TABLE IF EXISTS kb_search").await?;
        for table in [
            "kb_article_files",
            "kb_article_tickets",
            "kb_deflections",
            "kb_votes",
            "kb_article_revisions",
            "kb_articles",
            "kb_sections",
            "kb_categories",
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        m.alter_table(Table::alter().table("users").drop_column("writes_articles").take()).await
    }
}
