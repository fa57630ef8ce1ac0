//! Inbound mail, from whichever door it came in (IMAP, the SMTP/LMTP listener, HTTP, or an
//! admin's reprocessing): keep the raw bytes, parse, decide where it belongs, post it through the
//! same ticket commands as every other channel, and log what it became and why, in the same
//! transaction as the ticket change. Nothing is dropped: what cannot be posted is quarantined.

use super::{
    body, copied,
    limits::{Limits, Rejection},
    log::{self, Entry, Outcome},
    notify::{self, Notice, Queued},
    parse::{self, InboundMail},
    settings,
    threading::{self, Decision, Facts, Sender},
    token::TokenCheck,
};
use crate::{
    accounts,
    attachments::{Upload, store::StoredFile},
    desk::Desk,
    desk_config::Config,
    email_types::IngestOutcome,
    entities::{email_message, mail_ingest, mailbox, ticket, ticket_follower, user},
    error::DomainError,
    policy::Actor,
    ticket_types::{Channel, Visibility},
    tickets::{
        commands::{self, NewTicket, Post},
        outside,
    },
    validation::{Email, parse_name},
};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// New tickets one sender may open by mail in an hour; more go to the quarantine.
pub const NEW_TICKETS_PER_HOUR: u64 = 20;

/// One received message, as its door hands it over.
pub struct Received<'a> {
    pub mailbox: &'a mailbox::Model,
    /// `imap`, `smtp`, `lmtp`, `http` or `reprocess`.
    pub via: &'static str,
    pub raw: &'a [u8],
    /// SMTP's MAIL FROM (`Some("")` for the null sender), when the door knows it.
    pub envelope_sender: Option<&'a str>,
    /// SMTP's RCPT TO, when the door knows it.
    pub envelope_recipient: Option<&'a str>,
}

/// Turns a received message into what it becomes, and counts the outcome for `/metrics`.
pub async fn ingest(desk: &Desk, received: Received<'_>) -> Result<Outcome, DomainError> {
    let result = ingest_once(desk, received).await;
    super::ingest_counts::count(result.as_ref().map(|o| o.outcome).map_err(|_| ()));
    result
}

async fn ingest_once(desk: &Desk, received: Received<'_>) -> Result<Outcome, DomainError> {
    let limits = Limits::default();
    let envelope = parse::envelope(received.raw);
    let raw_sha256 = keep_raw(desk, received.raw, &limits).await;
    let mut entry = Entry {
        mailbox_id: Some(received.mailbox.id),
        via: received.via,
        message_id: envelope.message_id.clone(),
        from_address: envelope.from.clone(),
        subject: envelope.subject.clone(),
        size: received.raw.len() as i64,
        raw_sha256,
        automatic: false,
        read_kindly: Vec::new(),
    };
    if let Some(id) = &envelope.message_id
        && let Some(earlier) = log::posted_with_message_id(&desk.db, received.mailbox.id, id).await?
    {
        let reason = format!("Already received as log entry {}", earlier.id);
        return log::write_alone(&desk.db, entry, IngestOutcome::Duplicate, earlier.ticket_id, reason).await;
    }
    let mail = match parse::parse(received.raw, &limits, received.envelope_sender) {
        Ok(mail) => mail,
        Err(rejection) => {
            return log::write_alone(&desk.db, entry, IngestOutcome::Quarantined, None, rejection.reason()).await;
        }
    };
    entry.automatic = mail.automatic.is_some();
    entry.read_kindly = mail.recovered.clone();
    entry.from_address = Some(mail.from.clone());
    if !mail.subject.is_empty() {
        entry.subject = Some(mail.subject.clone());
    }
    let files = match store_files(desk, &mail).await {
        Ok(files) => files,
        Err(error) => {
            let reason = format!("Its attachments cannot be kept: {error}");
            return log::write_alone(&desk.db, entry, IngestOutcome::Quarantined, None, reason).await;
        }
    };
    let config = Config::load(&desk.db).await?;
    let facts = facts(desk, &config, &received, &mail).await?;
    let parsed = Parsed { desk, config: &config, received: &received, mail: &mail, facts: &facts };
    match threading::decide(&facts) {
        Decision::Quarantine(why) => {
            log::write_alone(&desk.db, entry, IngestOutcome::Quarantined, None, why.to_owned()).await
        }
        Decision::Reject(why) => log::write_alone(&desk.db, entry, IngestOutcome::Rejected, None, why.to_owned()).await,
        Decision::Reply { ticket_id, how } => match reply(&parsed, ticket_id, how, files.clone(), &entry).await? {
            Ok(outcome) => Ok(outcome),
            Err(why) => open(&parsed, files, entry, Some(why)).await,
        },
        Decision::NewTicket => open(&parsed, files, entry, None).await,
    }
}

/// A parsed message with what was looked up about it: what posting it needs.
struct Parsed<'a> {
    desk: &'a Desk,
    config: &'a Config,
    received: &'a Received<'a>,
    mail: &'a InboundMail,
    facts: &'a Facts,
}

/// Keeps the raw message in the file store (content-addressed), unless it is over the limit.
async fn keep_raw(desk: &Desk, raw: &[u8], limits: &Limits) -> Option<String> {
    if raw.is_empty() || limits.check_size(raw.len()).is_err() {
        return None;
    }
    let upload = Upload { file_name: "message.eml".into(), bytes: raw.to_vec() };
    match desk.files.store(vec![upload]).await {
        Ok(mut stored) => stored.pop().map(|f| f.sha256),
        Err(error) => {
            tracing::error!(%error, "cannot keep a received message's raw bytes");
            None
        }
    }
}

async fn store_files(desk: &Desk, mail: &InboundMail) -> Result<Vec<StoredFile>, DomainError> {
    let mut stored = Vec::new();
    let uploads: Vec<Upload> =
        mail.files.iter().map(|f| Upload { file_name: f.name.clone(), bytes: f.bytes.clone() }).collect();
    let mut uploads = uploads.into_iter().peekable();
    while uploads.peek().is_some() {
        let chunk: Vec<Upload> = uploads.by_ref().take(crate::attachments::MAX_FILES).collect();
        stored.extend(desk.files.store(chunk).await?);
    }
    Ok(stored)
}

async fn facts(
    desk: &Desk,
    config: &Config,
    received: &Received<'_>,
    mail: &InboundMail,
) -> Result<Facts, DomainError> {
    let sender_row = user::Entity::find().filter(user::Column::Email.eq(mail.from.as_str())).one(&desk.db).await?;
    let sender = match &sender_row {
        None => Sender::Unknown,
        Some(u) if !u.active => Sender::Inactive,
        Some(u) if u.role.is_staff() => Sender::Staff { user_id: u.id },
        Some(u) => Sender::Customer { user_id: u.id },
    };
    let mut addresses = mail.recipients.clone();
    addresses.extend(received.envelope_recipient.map(str::to_lowercase));
    // Only a +tagged address can carry a token; most mail has none, and needs no key.
    let token = if addresses.iter().any(|a| a.split('@').next().is_some_and(|l| l.contains('+'))) {
        settings::load(&desk.db, config).await?.token_key.find(&addresses)
    } else {
        TokenCheck::Absent
    };
    let by_headers = if mail.thread_ids.is_empty() {
        None
    } else {
        let found = email_message::Entity::find()
            .filter(email_message::Column::MessageId.is_in(mail.thread_ids.iter().cloned()))
            .all(&desk.db)
            .await?;
        mail.thread_ids.iter().find_map(|id| found.iter().find(|f| &f.message_id == id).map(|f| f.ticket_id))
    };
    let by_subject_as_participant = match (subject_number(&config.prefix, &mail.subject), &sender_row) {
        (Some(number), Some(user)) => {
            let row = ticket::Entity::find().filter(ticket::Column::Number.eq(number)).one(&desk.db).await?;
            match row {
                Some(t) if t.requester_id == user.id => Some(t.id),
                Some(t) => {
                    let follows = ticket_follower::Entity::find_by_id((t.id, user.id)).one(&desk.db).await?.is_some();
                    follows.then_some(t.id)
                }
                None => None,
            }
        }
        _ => None,
    };
    Ok(Facts { sender, token, by_headers, by_subject_as_participant, reject_unknown: received.mailbox.reject_unknown })
}

/// `PREFIX-123` anywhere in the subject, as a whole word.
pub fn subject_number(prefix: &str, subject: &str) -> Option<i64> {
    let upper = subject.to_uppercase();
    let needle = format!("{}-", prefix.to_uppercase());
    let mut from = 0;
    while let Some(at) = upper[from..].find(&needle) {
        let start = from + at;
        let before_ok = upper[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let digits: String = upper[start + needle.len()..].chars().take_while(char::is_ascii_digit).collect();
        if before_ok && !digits.is_empty() && digits.len() < 18 {
            return digits.parse().ok();
        }
        from = start + needle.len();
    }
    None
}

fn principal_of(user: &user::Model) -> Actor {
    Actor::User(crate::accounts::queries::principal_of(user))
}

/// Posts the mail on `ticket_id`, in the next shared transaction of the desk's group commit.
/// `Ok(Err(why))` when it cannot go there (a closed ticket, a sender who may not write on it):
/// the caller opens a new ticket instead and says why.
async fn reply(
    parsed: &Parsed<'_>,
    ticket_id: i64,
    how: &'static str,
    files: Vec<StoredFile>,
    entry: &Entry,
) -> Result<Result<Outcome, String>, DomainError> {
    let Parsed { desk, config, received, mail, facts } = *parsed;
    let user_id = match facts.sender {
        Sender::Customer { user_id } | Sender::Staff { user_id } => Some(user_id),
        _ => None,
    };
    let Some(row) = ticket::Entity::find_by_id(ticket_id).one(&desk.db).await? else {
        return Ok(Err(format!("ticket {ticket_id} is gone")));
    };
    let user = match user_id {
        Some(id) => user::Entity::find_by_id(id).one(&desk.db).await?,
        None => None,
    };
    // Agents reach this point only with their own signed reply address.
    let on_ticket = match &user {
        Some(u) if u.role.is_staff() => true,
        Some(u) => outside::is_on_ticket(&desk.db, &row, u).await?,
        None => false,
    };
    let copied = !on_ticket && copied::on_thread(desk, ticket_id, &mail.from).await?;
    let user = match user {
        // Someone copied on the thread who has no account yet gets one, as a new sender would.
        None if copied => match Email::parse_sender(&mail.from) {
            Ok(email) => {
                let name = mail.from_name.clone().filter(|n| parse_name(n).is_ok());
                let txn = crate::db::begin_write(&desk.db).await?;
                let made =
                    accounts::commands::find_or_create_customer(&txn, &Actor::System, &email, name.as_deref()).await?;
                txn.commit().await?;
                Some(made)
            }
            Err(_) => None,
        },
        user => user,
    };
    let Some(user) = user.filter(|_| on_ticket || copied) else {
        return hold(parsed, ticket_id, how, files, entry).await;
    };
    let staff = user.role.is_staff();
    let actor = principal_of(&user);
    let (text, html) = body::render(mail);
    let post =
        Post { visibility: Visibility::Public, channel: Channel::Email, body: text, body_html: Some(html), files };
    let (config, entry, message_id, mailbox_id) =
        (config.clone(), entry.clone(), mail.message_id.clone(), received.mailbox.id);
    desk.writes
        .run(move |txn| {
            Box::pin(async move {
                // Agents write under the ticket's rules; a customer on the thread was let in above.
                let posting = if staff {
                    commands::post_in(txn, &config, &actor, ticket_id, post).await
                } else {
                    outside::post_copied_in(txn, &config, &actor, ticket_id, post).await
                };
                let (changed, posted) = match posting {
                    Ok(done) => done,
                    Err(DomainError::Forbidden | DomainError::NotFound) => {
                        return Ok(Err(format!("the sender may not write on ticket {ticket_id}")));
                    }
                    Err(DomainError::InvalidTransition(why)) => return Ok(Err(format!("ticket {ticket_id}: {why}"))),
                    Err(other) => return Err(other),
                };
                if let Some(id) = &message_id {
                    notify::record_message_id(
                        txn,
                        ticket_id,
                        Some(posted),
                        Some(mailbox_id),
                        "in",
                        id,
                        crate::clock::now(),
                    )
                    .await?;
                }
                let reason = format!("Reply to {} ({how})", changed.reference);
                Ok(Ok(log::write(txn, entry, IngestOutcome::Reply, Some(ticket_id), reason).await?))
            })
        })
        .await
}

/// Holds mail from someone not on the ticket, who wrote into its thread, as an internal note
/// marked with their address (`tickets::outside`), in the next shared transaction. `Ok(Err(why))`
/// when it cannot be held there (a closed ticket, no usable address): a new ticket instead.
async fn hold(
    parsed: &Parsed<'_>,
    ticket_id: i64,
    how: &'static str,
    files: Vec<StoredFile>,
    entry: &Entry,
) -> Result<Result<Outcome, String>, DomainError> {
    let Parsed { desk, config, mail, .. } = *parsed;
    let Ok(email) = Email::parse_sender(&mail.from) else {
        return Ok(Err(format!("the sender is not on ticket {ticket_id}")));
    };
    let name = mail.from_name.clone().filter(|n| parse_name(n).is_ok());
    let (text, html) = body::render(mail);
    let post =
        Post { visibility: Visibility::Internal, channel: Channel::Email, body: text, body_html: Some(html), files };
    let (config, entry, message_id, mailbox_id) =
        (config.clone(), entry.clone(), mail.message_id.clone(), parsed.received.mailbox.id);
    desk.writes
        .run(move |txn| {
            Box::pin(async move {
                let sender =
                    accounts::commands::find_or_create_customer(txn, &Actor::System, &email, name.as_deref()).await?;
                let (changed, held) = match outside::hold_in(txn, &config, ticket_id, &sender, post).await {
                    Ok(done) => done,
                    Err(DomainError::InvalidTransition(why)) => return Ok(Err(format!("ticket {ticket_id}: {why}"))),
                    Err(DomainError::NotFound) => return Ok(Err(format!("ticket {ticket_id} is gone"))),
                    Err(other) => return Err(other),
                };
                if let Some(id) = &message_id {
                    let now = crate::clock::now();
                    notify::record_message_id(txn, ticket_id, Some(held), Some(mailbox_id), "in", id, now).await?;
                }
                let reason = format!(
                    "Held as an internal note on {} ({how}): the sender is not on the ticket; an agent makes it public \
                     or a ticket of its own",
                    changed.reference
                );
                Ok(Ok(log::write(txn, entry, IngestOutcome::Reply, Some(ticket_id), reason).await?))
            })
        })
        .await
}

/// Opens a ticket for the sender (and acknowledges it, within the caps) in the next shared
/// transaction of the desk's group commit.
async fn open(
    parsed: &Parsed<'_>,
    files: Vec<StoredFile>,
    entry: Entry,
    not_threaded: Option<String>,
) -> Result<Outcome, DomainError> {
    let Parsed { desk, config, received, mail, facts } = *parsed;
    let since = crate::clock::now() - Duration::hours(1);
    let opened = mail_ingest::Entity::find()
        .filter(mail_ingest::Column::FromAddress.eq(mail.from.as_str()))
        .filter(mail_ingest::Column::Outcome.eq(IngestOutcome::Ticket))
        .filter(mail_ingest::Column::ReceivedAt.gt(since))
        .count(&desk.db)
        .await?;
    if opened >= NEW_TICKETS_PER_HOUR {
        let reason =
            format!("The sender opened {opened} tickets by mail in the last hour; the limit is {NEW_TICKETS_PER_HOUR}");
        return log::write_alone(&desk.db, entry, IngestOutcome::Quarantined, None, reason).await;
    }
    if matches!(facts.sender, Sender::Staff { .. }) {
        let reason = "Mail from an agent's address opens no ticket in the agent's name";
        return log::write_alone(&desk.db, entry, IngestOutcome::Quarantined, None, reason.to_owned()).await;
    }
    let Ok(email) = Email::parse_sender(&mail.from) else {
        return log::write_alone(&desk.db, entry, IngestOutcome::Quarantined, None, Rejection::NoSender.reason()).await;
    };
    let (text, html) = body::render(mail);
    let subject = if mail.subject.trim().is_empty() { "(no subject)".to_owned() } else { mail.subject.clone() };
    let name = mail.from_name.clone().filter(|n| parse_name(n).is_ok());
    let input = NewTicket {
        subject,
        body: text,
        body_html: Some(html),
        channel: Some(Channel::Email),
        category_id: received.mailbox.category_id,
        team_id: received.mailbox.team_id,
        mailbox: Some((received.mailbox.name.to_lowercase(), received.mailbox.address.to_lowercase())),
        attachments: files,
        quiet: true,
        ..Default::default()
    };
    let (message_id, mailbox, automatic, config) =
        (mail.message_id.clone(), received.mailbox.clone(), mail.automatic, config.clone());
    let mailbox_id = mailbox.id;
    desk.writes
        .run(move |txn| {
            Box::pin(async move {
                let customer =
                    accounts::commands::find_or_create_customer(txn, &Actor::System, &email, name.as_deref()).await?;
                let opened = commands::create_in(txn, &principal_of(&customer), input).await?;
                let changed = opened.changed;
                let now = crate::clock::now();
                if let Some(id) = &message_id {
                    notify::record_message_id(txn, changed.id, None, Some(mailbox_id), "in", id, now).await?;
                }
                let mut reason = format!("New ticket {}", changed.reference);
                if let Some(why) = not_threaded {
                    reason.push_str(&format!(" (not added to an earlier one: {why})"));
                }
                if let Some(why) = automatic {
                    reason.push_str(&format!("; no acknowledgment, automatic mail: {why}"));
                } else {
                    let known =
                        notify::Known { mailbox: Some(&mailbox), requester: Some(&customer), config: Some(&config) };
                    match notify::notify_known(
                        txn,
                        &opened.ticket,
                        Notice::Acknowledgment { message_id: opened.message_id },
                        known,
                        now,
                    )
                    .await?
                    {
                        Queued::Yes => reason.push_str("; acknowledgment queued"),
                        Queued::Capped => {
                            reason.push_str("; no acknowledgment, the sender's automatic-mail cap is reached")
                        }
                        Queued::NoMailbox => reason.push_str("; no acknowledgment, no mailbox can send"),
                        Queued::NoRecipient => {}
                    }
                }
                log::write(txn, entry, IngestOutcome::Ticket, Some(changed.id), reason).await
            })
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::subject_number;

    #[test]
    fn finds_the_ticket_number_in_a_subject() {
        assert_eq!(subject_number("DKT", "Re: [DKT-42] Printer"), Some(42));
        assert_eq!(subject_number("dkt", "re: dkt-7: still broken"), Some(7));
        assert_eq!(subject_number("DKT", "XDKT-42 is not it"), None);
        assert_eq!(subject_number("DKT", "DKT- 42"), None);
        assert_eq!(subject_number("DKT", "no number"), None);
        assert_eq!(subject_number("DKT", "DKT-99999999999999999999999"), None);
    }
}
