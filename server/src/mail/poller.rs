//! The IMAP poller: one task per active IMAP mailbox, each taking in every message newer than
//! the last UID it saw (fetched with PEEK, so `\Seen` is never read or set), starting over when
//! the folder's UIDVALIDITY changes (Message-IDs keep that from posting anything twice), then
//! waiting with IDLE where the server offers it. A supervisor follows mailbox changes.

use super::imap::{ImapSession, ImapSettings};
use domain::{
    desk::Desk,
    email::{ingest, mailboxes},
    entities::mailbox,
};
use std::{collections::HashMap, time::Duration};

/// Messages taken per fetch, so one huge backlog cannot hold the whole mailbox in memory.
const FETCH_BATCH: usize = 50;
/// How often the supervisor looks for added, changed or removed mailboxes.
const SUPERVISE: Duration = Duration::from_secs(5);

pub fn spawn(desk: Desk, poll: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut running: HashMap<i64, (chrono::DateTime<chrono::Utc>, tokio::task::JoinHandle<()>)> = HashMap::new();
        loop {
            match mailboxes::polled(&desk.db).await {
                Ok(wanted) => {
                    running.retain(|id, (updated, task)| {
                        let keep =
                            wanted.iter().any(|m| m.id == *id && m.updated_at == *updated) && !task.is_finished();
                        if !keep {
                            task.abort();
                        }
                        keep
                    });
                    for m in wanted {
                        if let std::collections::hash_map::Entry::Vacant(slot) = running.entry(m.id) {
                            slot.insert((m.updated_at, tokio::spawn(watch(desk.clone(), m.clone(), poll))));
                        }
                    }
                }
                Err(error) => tracing::error!(%error, "cannot list the IMAP mailboxes"),
            }
            tokio::time::sleep(SUPERVISE).await;
        }
    })
}

fn settings_of(m: &mailbox::Model) -> Option<ImapSettings> {
    Some(ImapSettings {
        host: m.imap_host.clone().filter(|h| !h.is_empty())?,
        port: m.imap_port.and_then(|p| u16::try_from(p).ok()).unwrap_or(if m.imap_tls { 993 } else { 143 }),
        tls: m.imap_tls,
        username: m.imap_username.clone().unwrap_or_default(),
        password: m.imap_password.clone().unwrap_or_default(),
        folder: m.imap_folder.clone(),
    })
}

/// Polls one mailbox until aborted; errors are recorded on the mailbox for admins and retried.
async fn watch(desk: Desk, mut mailbox: mailbox::Model, poll: Duration) {
    let Some(settings) = settings_of(&mailbox) else {
        let _ = mailboxes::imap_checked(&desk.db, mailbox.id, Some("no IMAP server is set".into())).await;
        return;
    };
    loop {
        let waited = match poll_once(&desk, &mut mailbox, &settings).await {
            Ok(session) => {
                let _ = mailboxes::imap_checked(&desk.db, mailbox.id, None).await;
                match session {
                    Some(session) if session.supports_idle() => match session.wait_for_mail(poll).await {
                        Ok((session, _)) => {
                            let _ = session.logout().await;
                            true
                        }
                        Err(_) => false,
                    },
                    Some(session) => {
                        let _ = session.logout().await;
                        false
                    }
                    None => false,
                }
            }
            Err(error) => {
                let text = format!("{error:#}");
                tracing::warn!(mailbox = mailbox.id, error = %text, "IMAP poll failed");
                let _ = mailboxes::imap_checked(&desk.db, mailbox.id, Some(text)).await;
                false
            }
        };
        if !waited {
            tokio::time::sleep(poll).await;
        }
    }
}

/// Takes in everything new; returns the open session for waiting on more.
async fn poll_once(
    desk: &Desk,
    mailbox: &mut mailbox::Model,
    settings: &ImapSettings,
) -> anyhow::Result<Option<ImapSession>> {
    let mut session = ImapSession::connect(settings).await?;
    let validity = session.open_folder().await?;
    let mut last_uid = match mailbox.imap_uid_validity {
        Some(stored) if stored == i64::from(validity) => u32::try_from(mailbox.imap_last_uid).unwrap_or(0),
        Some(_) => {
            tracing::info!(mailbox = mailbox.id, "UIDVALIDITY changed: reading the folder again from the start");
            0
        }
        None => 0,
    };
    loop {
        let batch = session.fetch_after(last_uid, FETCH_BATCH).await?;
        if batch.is_empty() {
            break;
        }
        for fetched in batch {
            let received = ingest::Received {
                mailbox,
                via: "imap",
                raw: &fetched.raw,
                envelope_sender: None,
                envelope_recipient: None,
            };
            ingest::ingest(desk, received).await?;
            last_uid = fetched.uid;
            mailboxes::save_imap_cursor(&desk.db, mailbox.id, validity, last_uid).await?;
        }
    }
    mailbox.imap_uid_validity = Some(i64::from(validity));
    mailbox.imap_last_uid = i64::from(last_uid);
    Ok(Some(session))
}
