//! The SMTP sender job: drains the outbox through each mailbox's outgoing server, and records
//! each attempt (sent, retried later with backoff, or failed for good) on the outbox row that the
//! message's delivery state is read from.

use anyhow::Context;
use chrono::Utc;
use domain::{
    desk::Desk,
    email::outbox,
    entities::{mailbox, outbox as outbox_row},
};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Tokio1Executor,
    address::Envelope,
    transport::smtp::{
        authentication::Credentials,
        client::{Tls, TlsParameters},
    },
};
use sea_orm::EntityTrait;
use std::{collections::HashMap, time::Duration};

/// How often the outbox is looked at when nothing wakes the sender.
const IDLE_POLL: Duration = Duration::from_millis(500);
const BATCH: u64 = 20;

/// Runs until the task is dropped.
pub fn spawn(desk: Desk) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut transports: HashMap<i64, (chrono::DateTime<Utc>, AsyncSmtpTransport<Tokio1Executor>)> = HashMap::new();
        loop {
            match send_due(&desk, &mut transports).await {
                Ok(0) => tokio::time::sleep(IDLE_POLL).await,
                Ok(_) => {}
                Err(error) => {
                    tracing::error!(error = %format!("{error:#}"), "the mail sender failed; retrying");
                    tokio::time::sleep(Duration::from_secs(5)).await;
                }
            }
        }
    })
}

/// Sends what is due now; returns how many mails it tried.
pub async fn send_due(
    desk: &Desk,
    transports: &mut HashMap<i64, (chrono::DateTime<Utc>, AsyncSmtpTransport<Tokio1Executor>)>,
) -> anyhow::Result<usize> {
    let claimed = outbox::claim(&desk.db, BATCH, Utc::now()).await.context("claiming mail to send")?;
    for row in &claimed {
        let result = send_one(desk, transports, row).await;
        let now = Utc::now();
        match result {
            Ok(()) => outbox::mark_sent(&desk.db, row.id, now).await?,
            Err(Failure { message, permanent }) => {
                tracing::warn!(outbox = row.id, attempt = row.attempts + 1, permanent, %message, "mail not sent");
                outbox::mark_failed(&desk.db, row, &message, permanent, now).await?;
            }
        }
    }
    Ok(claimed.len())
}

struct Failure {
    message: String,
    permanent: bool,
}

impl Failure {
    fn permanent(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), permanent: true }
    }
}

async fn send_one(
    desk: &Desk,
    transports: &mut HashMap<i64, (chrono::DateTime<Utc>, AsyncSmtpTransport<Tokio1Executor>)>,
    row: &outbox_row::Model,
) -> Result<(), Failure> {
    let Some(mailbox_id) = row.mailbox_id else { return Err(Failure::permanent("its mailbox was deleted")) };
    let found = mailbox::Entity::find_by_id(mailbox_id)
        .one(&desk.db)
        .await
        .map_err(|e| Failure { message: format!("database: {e}"), permanent: false })?;
    let Some(mailbox) = found else { return Err(Failure::permanent("its mailbox was deleted")) };
    let fresh = transports.get(&mailbox.id).is_some_and(|(at, _)| *at == mailbox.updated_at);
    if !fresh {
        let transport = transport_for(&mailbox).map_err(Failure::permanent)?;
        transports.insert(mailbox.id, (mailbox.updated_at, transport));
    }
    let Some((_, transport)) = transports.get(&mailbox.id) else { return Err(Failure::permanent("no transport")) };
    let from = row.sender.parse().map_err(|_| Failure::permanent(format!("bad sender address {}", row.sender)))?;
    let to =
        row.recipient.parse().map_err(|_| Failure::permanent(format!("bad recipient address {}", row.recipient)))?;
    let envelope = Envelope::new(Some(from), vec![to]).map_err(|e| Failure::permanent(e.to_string()))?;
    match transport.send_raw(&envelope, row.payload.as_bytes()).await {
        Ok(_) => Ok(()),
        Err(error) => Err(Failure { permanent: error.is_permanent(), message: smtp_error(&error) }),
    }
}

/// The error as an admin can act on it (lettre's text, without any credentials).
fn smtp_error(error: &lettre::transport::smtp::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn transport_for(mailbox: &mailbox::Model) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let host = mailbox.smtp_host.clone().filter(|h| !h.is_empty()).ok_or("the mailbox has no SMTP server")?;
    let security = mailbox.smtp_security.as_str();
    let default_port = match security {
        "tls" => 465,
        "starttls" => 587,
        _ => 25,
    };
    let port = mailbox.smtp_port.and_then(|p| u16::try_from(p).ok()).unwrap_or(default_port);
    let tls = match security {
        "none" => Tls::None,
        other => {
            let params = TlsParameters::new(host.clone()).map_err(|e| format!("TLS for {host}: {e}"))?;
            if other == "tls" { Tls::Wrapper(params) } else { Tls::Required(params) }
        }
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(30)));
    if let (Some(user), Some(password)) = (&mailbox.smtp_username, &mailbox.smtp_password)
        && !user.is_empty()
    {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    Ok(builder.build())
}
