//! Who was copied on a ticket's mail thread: the To and Cc addresses of the mail the ticket
//! received, read from their kept raw headers. A person copied on the thread may write into it
//! as the requester does (`ingest`), though the ticket's own rules do not name them.

use crate::{desk::Desk, email_types::IngestOutcome, entities::mail_ingest, error::DomainError};
use mail_parser::MessageParser;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The earlier messages of a thread read, at most (the newest).
const THREAD_MESSAGES: u64 = 50;

/// The To and Cc addresses of a raw message, lowercased.
pub fn recipients(raw: &[u8]) -> Vec<String> {
    let head = &raw[..raw.len().min(256 * 1024)];
    let Some(message) = MessageParser::default().parse_headers(head) else { return Vec::new() };
    message
        .to()
        .into_iter()
        .chain(message.cc())
        .flat_map(|list| list.iter())
        .filter_map(|address| address.address())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `address` was in To or Cc of mail the ticket received.
pub async fn on_thread(desk: &Desk, ticket_id: i64, address: &str) -> Result<bool, DomainError> {
    let kept: Vec<Option<String>> = mail_ingest::Entity::find()
        .select_only()
        .column(mail_ingest::Column::RawSha256)
        .filter(mail_ingest::Column::TicketId.eq(ticket_id))
        .filter(mail_ingest::Column::Outcome.is_in([IngestOutcome::Ticket, IngestOutcome::Reply]))
        .filter(mail_ingest::Column::RawSha256.is_not_null())
        .order_by_desc(mail_ingest::Column::Id)
        .limit(THREAD_MESSAGES)
        .into_tuple()
        .all(&desk.db)
        .await?;
    let address = address.to_lowercase();
    for sha in kept.into_iter().flatten() {
        let Some(path) = desk.files.path_of(&sha) else { continue };
        match tokio::fs::read(&path).await {
            Ok(raw) if recipients(&raw).contains(&address) => return Ok(true),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, ticket_id, "cannot read a kept message of the thread"),
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_to_and_cc() {
        let raw = b"From: a@x.test\r\nTo: Help <help@acme.test>\r\nCc: Frank <Frank@Globex.example>, b@y.test\r\nSubject: s\r\n\r\nbody";
        assert_eq!(super::recipients(raw), ["help@acme.test", "frank@globex.example", "b@y.test"]);
        assert!(super::recipients(b"not a mail").is_empty());
    }
}
