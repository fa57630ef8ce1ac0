//! Waiting for new mail: IMAP IDLE (RFC 2177) when the server offers it, otherwise a sleep
//! followed by a NOOP that collects whatever the server has to report.

use super::{COMMAND_TIMEOUT, ImapSession, within};
use anyhow::{Context, anyhow};
use async_imap::{
    extensions::idle::IdleResponse,
    imap_proto::{MailboxDatum, Response},
    types::UnsolicitedResponse,
};
use std::time::Duration;
use tokio::time::Instant;

impl ImapSession {
    /// Waits until the server reports new mail or `timeout` passes; `true` if new mail was
    /// signalled. Takes the session because IDLE owns the connection while it lasts. `false`
    /// does not prove the folder unchanged (a server may stay silent), so callers poll anyway.
    /// Keep `timeout` under 29 minutes: servers may log out a client that idles longer (RFC 2177).
    pub async fn wait_for_mail(mut self, timeout: Duration) -> anyhow::Result<(ImapSession, bool)> {
        // Reports that arrived during earlier commands are not repeated by IDLE.
        if self.drain_new_mail() {
            return Ok((self, true));
        }
        if !self.idle {
            tokio::time::sleep(timeout).await;
            within(COMMAND_TIMEOUT, self.session.noop()).await.with_context(|| format!("NOOP on {}", self.server))?;
            let new_mail = self.drain_new_mail();
            return Ok((self, new_mail));
        }
        let ImapSession { session, idle, folder, server, opened } = self;
        let deadline = Instant::now() + timeout;
        let mut handle = session.idle();
        within(COMMAND_TIMEOUT, handle.init()).await.with_context(|| format!("cannot start IDLE on {server}"))?;
        let mut new_mail = false;
        while !new_mail {
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                break;
            }
            // Dropping the stop source would end the wait at once: keep it until the wait ends.
            let (wait, _stop) = handle.wait_with_timeout(remaining);
            // The library's own timeout restarts with every keep-alive; this one does not.
            let Ok(response) = tokio::time::timeout_at(deadline, wait).await else { break };
            match response.with_context(|| format!("IDLE on {server}"))? {
                IdleResponse::NewData(data) => new_mail = announces_mail(data.parsed()),
                IdleResponse::Timeout => break,
                IdleResponse::ManualInterrupt => {
                    return Err(anyhow!("{server} closed the connection during IDLE"));
                }
            }
        }
        let session =
            within(COMMAND_TIMEOUT, handle.done()).await.with_context(|| format!("cannot end IDLE on {server}"))?;
        let mut this = ImapSession { session, idle, folder, server, opened };
        // Mail may also have been announced between the last wait and DONE's answer.
        let drained = this.drain_new_mail();
        Ok((this, new_mail || drained))
    }

    /// Empties the queue of unsolicited responses; `true` if one of them announced mail.
    fn drain_new_mail(&mut self) -> bool {
        let mut new_mail = false;
        while let Ok(response) = self.session.unsolicited_responses.try_recv() {
            new_mail |= matches!(response, UnsolicitedResponse::Exists(_) | UnsolicitedResponse::Recent(_));
        }
        new_mail
    }
}

/// EXISTS and RECENT announce arrivals; flag changes and expunges do not.
fn announces_mail(response: &Response<'_>) -> bool {
    matches!(response, Response::MailboxData(MailboxDatum::Exists(_) | MailboxDatum::Recent(_)))
}
