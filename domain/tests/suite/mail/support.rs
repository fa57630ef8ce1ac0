//! A desk with a file store and a mailbox, and helpers to receive mail and read what was queued.

use super::common;
use domain::{
    Actor,
    attachments::store::FileStore,
    desk::Desk,
    email::{
        ingest::{self, Received},
        log::Outcome,
        mailboxes,
    },
    email_types::MailboxInput,
    entities::{mailbox, outbox, ticket, ticket_message},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

pub struct MailDesk {
    pub desk: Desk,
    pub mailbox: mailbox::Model,
    pub admin: Actor,
    base: common::Desk,
    _files: tempfile::TempDir,
}

pub async fn mail_desk() -> MailDesk {
    let base = common::desk().await;
    let files = tempfile::tempdir().expect("temp dir");
    let desk = Desk::new(base.db.clone(), FileStore::new(files.path(), 25 * 1024 * 1024));
    let admin = base.actor("admin@example.com").await;
    let input = MailboxInput {
        name: "Acme Support".into(),
        address: "help@acme.test".into(),
        inbound: "smtp".into(),
        smtp_host: "127.0.0.1".into(),
        smtp_port: "2525".into(),
        smtp_security: "none".into(),
        imap_folder: "INBOX".into(),
        active: true,
        ..Default::default()
    };
    let view = mailboxes::create(&desk.db, &admin, input).await.expect("mailbox");
    let mailbox = mailbox::Entity::find_by_id(view.id).one(&desk.db).await.expect("query").expect("row");
    MailDesk { desk, mailbox, admin, base, _files: files }
}

impl MailDesk {
    pub async fn receive(&self, raw: &[u8]) -> Outcome {
        self.receive_from(raw, None).await
    }

    pub async fn receive_from(&self, raw: &[u8], envelope_sender: Option<&str>) -> Outcome {
        let received = Received {
            mailbox: &self.mailbox,
            via: "smtp",
            raw,
            envelope_sender,
            envelope_recipient: Some("help@acme.test"),
        };
        ingest::ingest(&self.desk, received).await.expect("ingest never fails on input")
    }

    /// The outbox once the durable reactions due now (customer mail among them) have run.
    pub async fn outbox(&self) -> Vec<outbox::Model> {
        domain::jobs::registry::run_due_now(&self.desk.db).await.expect("run reactions");
        outbox::Entity::find().order_by_asc(outbox::Column::Id).all(&self.desk.db).await.expect("outbox")
    }

    pub async fn messages(&self, ticket_id: i64) -> Vec<ticket_message::Model> {
        ticket_message::Entity::find()
            .filter(ticket_message::Column::TicketId.eq(ticket_id))
            .order_by_asc(ticket_message::Column::Id)
            .all(&self.desk.db)
            .await
            .expect("messages")
    }

    pub async fn ticket(&self, id: i64) -> ticket::Model {
        ticket::Entity::find_by_id(id).one(&self.desk.db).await.expect("query").expect("ticket")
    }

    pub async fn tickets(&self) -> u64 {
        use sea_orm::PaginatorTrait;
        ticket::Entity::find().count(&self.desk.db).await.expect("count")
    }
}

/// A plain mail from `from` with extra header lines.
pub fn mail(from: &str, subject: &str, extra_headers: &str, body: &str) -> Vec<u8> {
    let id = format!("<{}@sender.test>", uuid_like());
    format!(
        "From: {from}\r\nTo: help@acme.test\r\nSubject: {subject}\r\nMessage-ID: {id}\r\nDate: Sun, 29 Nov 2026 10:00:00 +0000\r\n{extra_headers}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("m{nanos}.{}", N.fetch_add(1, Ordering::Relaxed))
}

/// A header's value in a raw message (first occurrence, unfolded).
pub fn header(raw: &str, name: &str) -> Option<String> {
    let parsed = mail_parser::MessageParser::default().parse(raw.as_bytes())?;
    parsed.header_raw(name).map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
}

impl MailDesk {
    /// The actor of a demo user.
    pub async fn actor(&self, email: &str) -> Actor {
        self.base.actor(email).await
    }

    /// Changes the mailbox and reads it back.
    pub async fn set_reject_unknown(&mut self, on: bool) {
        use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
        let mut row = self.mailbox.clone().into_active_model();
        row.reject_unknown = Set(on);
        self.mailbox = row.update(&self.desk.db).await.expect("update mailbox");
    }
}
