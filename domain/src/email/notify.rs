//! Mail to the customer about their ticket (acknowledgment, an agent's reply, solved, waiting on
//! them): rendered from the event's template and queued in the caller's transaction, from the
//! mailbox the ticket came through (or the first one that can send), threaded and signed.

use super::{compose, outbox, quotes::REPLY_ABOVE, settings, templates, token::ReplyToken};
use crate::{
    desk_config::Config,
    email_types::MailEvent,
    entities::{email_message, mailbox, ticket, user},
    error::DomainError,
};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

/// At most this many automatic mails go to one address in 24 hours (RFC 3834 loop safety).
pub const AUTOMATIC_PER_DAY: u64 = 3;

pub enum Notice<'a> {
    /// For the ticket's first message, the customer's words being acknowledged.
    Acknowledgment {
        message_id: i64,
    },
    AgentReply {
        message_id: i64,
        body: &'a str,
        agent_name: &'a str,
    },
    Solved,
    /// The satisfaction survey, mailed after the admin's delay.
    Survey,
    WaitingOnCustomer,
    /// A reply an automation rule wrote: the agent-reply template, sent as automatic mail
    /// (`Auto-Submitted`, counted against the cap), so that it can never answer an autoresponder
    /// for ever.
    AutomaticReply {
        message_id: i64,
        body: &'a str,
    },
}

impl Notice<'_> {
    fn event(&self) -> MailEvent {
        match self {
            Notice::Acknowledgment { .. } => MailEvent::Acknowledgment,
            Notice::AgentReply { .. } | Notice::AutomaticReply { .. } => MailEvent::AgentReply,
            Notice::Solved => MailEvent::Solved,
            Notice::Survey => MailEvent::SatisfactionSurvey,
            Notice::WaitingOnCustomer => MailEvent::WaitingOnCustomer,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queued {
    Yes,
    NoMailbox,
    NoRecipient,
    /// The automatic-mail cap for this address is reached.
    Capped,
}

/// The mailbox mail about `ticket` goes out from: the one it last mailed through, else the
/// first active mailbox with outgoing SMTP.
pub async fn mailbox_for(db: &impl ConnectionTrait, ticket_id: i64) -> Result<Option<mailbox::Model>, DomainError> {
    let last = email_message::Entity::find()
        .filter(email_message::Column::TicketId.eq(ticket_id))
        .filter(email_message::Column::MailboxId.is_not_null())
        .order_by_desc(email_message::Column::Id)
        .one(db)
        .await?;
    if let Some(id) = last.and_then(|l| l.mailbox_id)
        && let Some(found) = mailbox::Entity::find_by_id(id).one(db).await?.filter(can_send)
    {
        return Ok(Some(found));
    }
    sending_mailbox(db).await
}

fn can_send(m: &mailbox::Model) -> bool {
    m.active && m.smtp_host.as_deref().is_some_and(|h| !h.is_empty())
}

/// The first active mailbox with outgoing SMTP: where mail that belongs to no ticket goes out.
pub async fn sending_mailbox(db: &impl ConnectionTrait) -> Result<Option<mailbox::Model>, DomainError> {
    let all = mailbox::Entity::find()
        .filter(mailbox::Column::Active.eq(true))
        .order_by_asc(mailbox::Column::Id)
        .all(db)
        .await?;
    Ok(all.into_iter().find(can_send))
}

pub async fn notify(
    txn: &impl ConnectionTrait,
    ticket: &ticket::Model,
    notice: Notice<'_>,
    now: DateTime<Utc>,
) -> Result<Queued, DomainError> {
    notify_known(txn, ticket, notice, Known::default(), now).await
}

/// What the caller already holds, so `notify_known` need not read it again.
#[derive(Default, Clone, Copy)]
pub struct Known<'a> {
    /// The mailbox the ticket's mail came through.
    pub mailbox: Option<&'a mailbox::Model>,
    /// The ticket's requester.
    pub requester: Option<&'a user::Model>,
    /// The desk configuration, read in this transaction or just before it.
    pub(crate) config: Option<&'a Config>,
}

/// `notify`, with rows the caller already read.
pub async fn notify_known(
    txn: &impl ConnectionTrait,
    ticket: &ticket::Model,
    notice: Notice<'_>,
    known: Known<'_>,
    now: DateTime<Utc>,
) -> Result<Queued, DomainError> {
    let found;
    let mailbox = match known.mailbox.filter(|m| can_send(m)) {
        Some(m) => m,
        None => match mailbox_for(txn, ticket.id).await? {
            Some(m) => {
                found = m;
                &found
            }
            None => return Ok(Queued::NoMailbox),
        },
    };
    let read;
    let customer = match known.requester.filter(|u| u.id == ticket.requester_id) {
        Some(u) => u,
        None => match user::Entity::find_by_id(ticket.requester_id).one(txn).await? {
            Some(u) => {
                read = u;
                &read
            }
            None => return Ok(Queued::NoRecipient),
        },
    };
    if !customer.active || customer.role.is_staff() {
        return Ok(Queued::NoRecipient);
    }
    let event = notice.event();
    let automatic = event.is_automatic() || matches!(notice, Notice::AutomaticReply { .. });
    if automatic && outbox::automatic_since(txn, &customer.email, now - Duration::hours(24)).await? >= AUTOMATIC_PER_DAY
    {
        return Ok(Queued::Capped);
    }
    let loaded;
    let config = match known.config {
        Some(config) => config,
        None => {
            loaded = Config::load(txn).await?;
            &loaded
        }
    };
    let mail_settings = settings::load(txn, config).await?;
    let template = mail_settings.template(event)?;
    let base = &mail_settings.public_url;
    let mut values: HashMap<&str, String> = HashMap::from([
        ("ticket.reference", config.reference(ticket.number)),
        ("ticket.subject", ticket.subject.clone()),
        // The ticket's magic link: its status page, no account or password needed.
        ("ticket.url", crate::access::links::issue(txn, base, ticket.id, customer.id, now).await?),
        ("customer.name", customer.name.clone()),
        ("desk.name", mailbox.name.clone()),
    ]);
    // The message the mail carries or answers, whose delivery state agents see on it.
    let message_row = match &notice {
        Notice::AgentReply { message_id, body, agent_name } => {
            values.insert("message.body", (*body).to_owned());
            values.insert("agent.name", (*agent_name).to_owned());
            Some(*message_id)
        }
        Notice::AutomaticReply { message_id, body } => {
            values.insert("message.body", (*body).to_owned());
            values.insert("agent.name", mailbox.name.clone());
            Some(*message_id)
        }
        Notice::Acknowledgment { message_id } => Some(*message_id),
        Notice::Solved | Notice::Survey | Notice::WaitingOnCustomer => None,
    };
    // The survey rides on the solved mail (when not delayed) or is the survey mail itself.
    let survey = match notice {
        Notice::Solved | Notice::Survey => crate::csat::asking::ask_now(txn, ticket.id, base, now).await?,
        _ => None,
    };
    if matches!(notice, Notice::Survey) && survey.is_none() {
        return Ok(Queued::NoRecipient);
    }
    if matches!(notice, Notice::Solved | Notice::Survey) {
        let (question, links) = survey.as_ref().map(|a| (a.question.clone(), a.links.clone())).unwrap_or_default();
        values.insert("survey.question", question);
        values.insert("survey.links", links);
    }
    let domain = mailbox_domain(mailbox);
    let message_id = new_message_id(&ticket.id.to_string(), domain);
    let mut thread: Vec<String> = email_message::Entity::find()
        .filter(email_message::Column::TicketId.eq(ticket.id))
        .order_by_desc(email_message::Column::Id)
        .limit(10)
        .all(txn)
        .await?
        .into_iter()
        .map(|m| m.message_id)
        .collect();
    thread.reverse();
    let key = &mail_settings.token_key;
    let reply_to = key.address(&mailbox.address, ReplyToken { ticket_id: ticket.id, user_id: customer.id });
    let mut text = format!("{REPLY_ABOVE}\n\n{}", templates::render(&template.body, &values));
    // A solved template that does not place the survey gets it at the end.
    if let Some(asked) = survey.filter(|_| !template.body.contains("{{survey.links}}")) {
        text.push_str(&format!("\n\n{} One click answers:\n\n{}", asked.question, asked.links));
    }
    let payload = compose::compose(&compose::Outgoing {
        from_name: &mailbox.name,
        from_address: &mailbox.address,
        reply_to: &reply_to,
        to_name: Some(&customer.name),
        to_address: &customer.email,
        subject: &templates::render(&template.subject, &values),
        text: &text,
        message_id: &message_id,
        thread: &thread,
        auto_submitted: match event {
            MailEvent::AgentReply if automatic => Some("auto-replied"),
            MailEvent::AgentReply => None,
            MailEvent::Acknowledgment => Some("auto-replied"),
            _ => Some("auto-generated"),
        },
        desk_id: domain,
    });
    let payload = match payload {
        Ok(payload) => payload,
        Err(error) => {
            tracing::warn!(ticket = ticket.id, %error, "cannot compose a mail to the requester");
            return Ok(Queued::NoRecipient);
        }
    };
    let mail = outbox::NewMail {
        event,
        mailbox_id: mailbox.id,
        ticket_id: Some(ticket.id),
        ticket_message_id: message_row,
        sender: mailbox.address.clone(),
        recipient: customer.email.clone(),
        message_id: message_id.clone(),
        payload,
        automatic,
    };
    outbox::enqueue(txn, mail, now).await?;
    record_message_id(txn, ticket.id, message_row, Some(mailbox.id), "out", &message_id, now).await?;
    Ok(Queued::Yes)
}

/// The domain of a mailbox's address, which names the desk in Message-IDs and the loop header.
pub fn mailbox_domain(mailbox: &mailbox::Model) -> &str {
    mailbox.address.split_once('@').map_or("docket.invalid", |(_, d)| d)
}

/// A new Message-ID (without angle brackets): `dkt.<what>.<random>@<domain>`.
pub fn new_message_id(what: &str, domain: &str) -> String {
    let mut random = [0u8; 12];
    rand::thread_rng().fill_bytes(&mut random);
    format!("dkt.{what}.{}@{domain}", random.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// Remembers a Message-ID of the ticket's thread.
pub async fn record_message_id(
    txn: &impl ConnectionTrait,
    ticket_id: i64,
    ticket_message_id: Option<i64>,
    mailbox_id: Option<i64>,
    direction: &str,
    message_id: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    email_message::ActiveModel {
        ticket_id: Set(ticket_id),
        ticket_message_id: Set(ticket_message_id),
        mailbox_id: Set(mailbox_id),
        direction: Set(direction.to_owned()),
        message_id: Set(message_id.chars().take(250).collect()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}
