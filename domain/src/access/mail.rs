//! Mail about a person's account (a sign-in link, a password reset, an account claim, an address
//! check, an invitation): rendered from its editable template and queued in the caller's
//! transaction, from the first mailbox that can send, with no ticket and no reply token.

use crate::{
    desk_config::Config,
    email::{
        compose, notify,
        outbox::{self, NewMail},
        settings, templates,
    },
    email_types::MailEvent,
    entities::user,
    error::DomainError,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// One account mail: what it is, to whom, the link it carries and how long that holds.
pub struct AccountMail<'a> {
    pub event: MailEvent,
    pub to: &'a user::Model,
    /// The path of the link under the desk's public URL (`/signin/link/…`).
    pub path: String,
    pub lifetime: Duration,
    /// Further placeholders of the event (an invitation's `inviter.name` and `role`).
    pub extra: Vec<(&'static str, String)>,
}

/// Whether the mail was queued; without a mailbox that can send, nothing can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    Queued,
    NoMailbox,
}

/// "30 minutes", "24 hours", "7 days": a link's lifetime as the mail states it.
pub fn lifetime_text(lifetime: Duration) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if lifetime.num_days() >= 2 {
        plural(lifetime.num_days(), "day")
    } else if lifetime.num_hours() >= 2 {
        plural(lifetime.num_hours(), "hour")
    } else {
        plural(lifetime.num_minutes().max(1), "minute")
    }
}

/// Renders `mail` and writes it to the outbox in `txn`.
pub async fn send(txn: &impl ConnectionTrait, mail: AccountMail<'_>, now: DateTime<Utc>) -> Result<Sent, DomainError> {
    let Some(mailbox) = notify::sending_mailbox(txn).await? else {
        tracing::warn!(event = mail.event.as_str(), "no mailbox can send mail: an account mail was not sent");
        return Ok(Sent::NoMailbox);
    };
    let config = Config::load(txn).await?;
    let mail_settings = settings::load(txn, &config).await?;
    let template = mail_settings.template(mail.event)?;
    let mut values: HashMap<&str, String> = HashMap::from([
        ("person.name", mail.to.name.clone()),
        ("link.url", format!("{}{}", mail_settings.public_url, mail.path)),
        ("link.expires", lifetime_text(mail.lifetime)),
        ("desk.name", mailbox.name.clone()),
    ]);
    values.extend(mail.extra);
    let domain = notify::mailbox_domain(&mailbox);
    let message_id = notify::new_message_id("account", domain);
    let payload = compose::compose(&compose::Outgoing {
        from_name: &mailbox.name,
        from_address: &mailbox.address,
        reply_to: &mailbox.address,
        to_name: Some(&mail.to.name),
        to_address: &mail.to.email,
        subject: &templates::render(&template.subject, &values),
        text: &templates::render(&template.body, &values),
        message_id: &message_id,
        thread: &[],
        auto_submitted: Some("auto-generated"),
        desk_id: domain,
    });
    let payload = match payload {
        Ok(payload) => payload,
        Err(error) => {
            tracing::warn!(user = mail.to.id, %error, "cannot compose an account mail");
            return Err(DomainError::Internal);
        }
    };
    let queued = NewMail {
        event: mail.event,
        mailbox_id: mailbox.id,
        ticket_id: None,
        ticket_message_id: None,
        sender: mailbox.address.clone(),
        recipient: mail.to.email.clone(),
        message_id,
        payload,
        automatic: false,
    };
    outbox::enqueue(txn, queued, now).await?;
    Ok(Sent::Queued)
}

#[cfg(test)]
mod tests {
    use super::lifetime_text;
    use chrono::Duration;

    #[test]
    fn lifetimes_read_naturally() {
        assert_eq!(lifetime_text(Duration::minutes(20)), "20 minutes");
        assert_eq!(lifetime_text(Duration::hours(24)), "24 hours");
        assert_eq!(lifetime_text(Duration::days(7)), "7 days");
        assert_eq!(lifetime_text(Duration::days(1) + Duration::hours(1)), "25 hours");
        assert_eq!(lifetime_text(Duration::seconds(5)), "1 minute");
    }
}
