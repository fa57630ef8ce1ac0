//! Notification mail to agents: one kind of notification to each agent who chose email for it,
//! rendered from the kind's editable template and sent from the mailbox the ticket's mail goes
//! through. Every agent mail about a ticket refers to one root Message-ID, so mail clients thread
//! them per ticket, and its Reply-To is signed for the agent, so a reply by mail answers the
//! customer as that agent.

use super::types::NotificationKind;
use crate::{
    desk_config::Config,
    email::{
        compose,
        notify::{self, mailbox_domain, new_message_id},
        outbox,
        quotes::REPLY_ABOVE,
        settings::{self, MailSettings},
        templates,
        token::ReplyToken,
    },
    email_types::MailEvent,
    entities::{mailbox, ticket, user},
    error::DomainError,
};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashMap;

/// How much of a message an agent mail quotes.
const QUOTED_CHARS: usize = 2_000;

pub(crate) fn event_of(kind: NotificationKind) -> MailEvent {
    match kind {
        NotificationKind::Assigned => MailEvent::AgentAssigned,
        NotificationKind::CustomerReplied => MailEvent::AgentCustomerReplied,
        NotificationKind::Mentioned => MailEvent::AgentMentioned,
        NotificationKind::TeamTicket => MailEvent::AgentTeamTicket,
        NotificationKind::SlaWarning => MailEvent::AgentSlaWarning,
        NotificationKind::SlaBreach => MailEvent::AgentSlaBreach,
        NotificationKind::Automation => MailEvent::AgentAutomation,
    }
}

/// What every agent mail of one notification shares, read once.
pub(crate) struct AgentMail {
    event: MailEvent,
    mailbox: mailbox::Model,
    settings: MailSettings,
    ticket_id: i64,
    values: HashMap<&'static str, String>,
}

impl AgentMail {
    /// `None` when no mailbox can send.
    pub(crate) async fn prepare(
        txn: &impl ConnectionTrait,
        kind: NotificationKind,
        ticket: &ticket::Model,
        actor_name: &str,
        message: &str,
    ) -> Result<Option<AgentMail>, DomainError> {
        let Some(mailbox) = notify::mailbox_for(txn, ticket.id).await? else {
            tracing::warn!(ticket = ticket.id, "no mailbox can send mail: agent notification mail was not sent");
            return Ok(None);
        };
        let config = Config::load(txn).await?;
        let settings = settings::load(txn, &config).await?;
        let customer = user::Entity::find_by_id(ticket.requester_id).one(txn).await?.map(|u| u.name);
        let quoted: String = message.chars().take(QUOTED_CHARS).collect();
        let quoted = if quoted.len() < message.len() { format!("{quoted}…") } else { quoted };
        let values = HashMap::from([
            ("ticket.reference", config.reference(ticket.number)),
            ("ticket.subject", ticket.subject.clone()),
            ("ticket.url", format!("{}/agent/tickets/{}", settings.public_url, ticket.id)),
            ("customer.name", customer.unwrap_or_else(|| "the customer".to_owned())),
            ("actor.name", actor_name.to_owned()),
            ("message.body", quoted),
            ("desk.name", mailbox.name.clone()),
        ]);
        Ok(Some(AgentMail { event: event_of(kind), mailbox, settings, ticket_id: ticket.id, values }))
    }

    /// Renders the mail for `agent` and writes it to the outbox in `txn`.
    pub(crate) async fn send_to(
        &self,
        txn: &impl ConnectionTrait,
        agent: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        let template = self.settings.template(self.event)?;
        let mut values = self.values.clone();
        values.insert("person.name", agent.name.clone());
        let domain = mailbox_domain(&self.mailbox);
        let message_id = new_message_id(&format!("{}.agent", self.ticket_id), domain);
        let root = vec![format!("dkt.ticket.{}@{domain}", self.ticket_id)];
        let token = ReplyToken { ticket_id: self.ticket_id, user_id: agent.id };
        let reply_to = self.settings.token_key.address(&self.mailbox.address, token);
        let text = format!("{REPLY_ABOVE}\n\n{}", templates::render(&template.body, &values));
        let payload = compose::compose(&compose::Outgoing {
            from_name: &self.mailbox.name,
            from_address: &self.mailbox.address,
            reply_to: &reply_to,
            to_name: Some(&agent.name),
            to_address: &agent.email,
            subject: &templates::render(&template.subject, &values),
            text: &text,
            message_id: &message_id,
            thread: &root,
            auto_submitted: Some("auto-generated"),
            desk_id: domain,
        });
        let payload = match payload {
            Ok(payload) => payload,
            Err(error) => {
                tracing::warn!(ticket = self.ticket_id, user = agent.id, %error, "cannot compose an agent's mail");
                return Ok(());
            }
        };
        let mail = outbox::NewMail {
            event: self.event,
            mailbox_id: self.mailbox.id,
            ticket_id: Some(self.ticket_id),
            ticket_message_id: None,
            sender: self.mailbox.address.clone(),
            recipient: agent.email.clone(),
            message_id,
            payload,
            automatic: false,
        };
        outbox::enqueue(txn, mail, now).await?;
        Ok(())
    }
}
