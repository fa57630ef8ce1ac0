//! Step 8: the email channel. Mailboxes (how mail comes in and goes out), the ingest log (every
//! received message and what it became, with its raw bytes kept in the file store), the email
//! Message-IDs of ticket messages (for threading), the outbox of mail to send, and the admins'
//! edits of the outgoing mail templates (the defaults live in code).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn index(name: &str, table: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table.to_owned()).to_owned();
    for col in cols {
        index.col(*col);
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mailboxes")
                .col(big_pk_auto("id"))
                .col(string_len("name", 80))
                .col(string_len_uniq("address", 254))
                .col(string_len("inbound", 8))
                .col(string_len_null("imap_host", 253))
                .col(integer_null("imap_port"))
                .col(boolean("imap_tls").default(true))
                .col(string_len_null("imap_username", 254))
                .col(string_len_null("imap_password", 500))
                .col(string_len("imap_folder", 200).default("INBOX"))
                .col(big_integer_null("imap_uid_validity"))
                .col(big_integer("imap_last_uid").default(0))
                .col(timestamp_with_time_zone_null("imap_checked_at"))
                .col(text_null("imap_error"))
                .col(string_len_null("http_secret_hash", 64))
                .col(string_len_null("smtp_host", 253))
                .col(integer_null("smtp_port"))
                .col(string_len("smtp_security", 10).default("starttls"))
                .col(string_len_null("smtp_username", 254))
                .col(string_len_null("smtp_password", 500))
                .col(big_integer_null("team_id"))
                .col(big_integer_null("category_id"))
                .col(boolean("reject_unknown").default(false))
                .col(boolean("active").default(true))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_mailboxes_team")
                        .from("mailboxes", "team_id")
                        .to("teams", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_mailboxes_category")
                        .from("mailboxes", "category_id")
                        .to("categories", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("mail_ingest")
                .col(big_pk_auto("id"))
                .col(big_integer_null("mailbox_id"))
                .col(string_len("via", 12))
                .col(timestamp_with_time_zone("received_at"))
                .col(string_len_null("message_id", 255))
                .col(string_len_null("from_address", 254))
                .col(string_len_null("subject", 300))
                .col(big_integer("size"))
                .col(string_len_null("raw_sha256", 64))
                .col(string_len("outcome", 12))
                .col(boolean("automatic").default(false))
                .col(big_integer_null("ticket_id"))
                .col(text("reason"))
                .col(big_integer_null("reprocessed_as"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_mail_ingest_mailbox")
                        .from("mail_ingest", "mailbox_id")
                        .to("mailboxes", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_mail_ingest_ticket")
                        .from("mail_ingest", "ticket_id")
                        .to("tickets", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .take(),
        )
        .await?;
        m.create_index(index("ix_mail_ingest_received", "mail_ingest", &["received_at"])).await?;
        m.create_index(index("ix_mail_ingest_message", "mail_ingest", &["mailbox_id", "message_id"])).await?;
        m.create_index(index("ix_mail_ingest_sender", "mail_ingest", &["from_address", "received_at"])).await?;
        m.create_index(index("ix_mail_ingest_outcome", "mail_ingest", &["outcome", "received_at"])).await?;

        m.create_table(
            Table::create()
                .table("email_messages")
                .col(big_pk_auto("id"))
                .col(big_integer("ticket_id"))
                .col(big_integer_null("ticket_message_id"))
                .col(big_integer_null("mailbox_id"))
                .col(string_len("direction", 3))
                .col(string_len("message_id", 255))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_email_messages_ticket")
                        .from("email_messages", "ticket_id")
                        .to("tickets", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(index("ix_email_messages_message_id", "email_messages", &["message_id"])).await?;
        m.create_index(index("ix_email_messages_ticket", "email_messages", &["ticket_id"])).await?;

        m.create_table(
            Table::create()
                .table("outbox")
                .col(big_pk_auto("id"))
                .col(string_len("kind", 16))
                .col(string_len("event", 24))
                .col(big_integer_null("mailbox_id"))
                .col(big_integer_null("ticket_id"))
                .col(big_integer_null("ticket_message_id"))
                .col(string_len("sender", 254))
                .col(string_len("recipient", 254))
                .col(string_len("message_id", 255))
                .col(text("payload"))
                .col(boolean("automatic").default(false))
                .col(string_len("state", 10))
                .col(integer("attempts").default(0))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_outbox_mailbox")
                        .from("outbox", "mailbox_id")
                        .to("mailboxes", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_outbox_ticket")
                        .from("outbox", "ticket_id")
                        .to("tickets", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .take(),
        )
        .await?;
        m.create_index(index("ix_outbox_due", "outbox", &["state", "next_attempt_at"])).await?;
        m.create_index(index("ix_outbox_recipient", "outbox", &["recipient", "created_at"])).await?;
        m.create_index(index("ix_outbox_message", "outbox", &["ticket_message_id"])).await?;

        m.create_table(
            Table::create()
                .table("mail_templates")
                .col(string_len("event", 24).primary_key())
                .col(string_len("subject", 300))
                .col(text("body"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["mail_templates", "outbox", "email_messages", "mail_ingest", "mailboxes"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
