//! Starts the email channel's background work for `docket serve`: the outbox sender, the IMAP
//! poller, and the SMTP/LMTP listeners when their addresses are configured.

use crate::config::Config;
use anyhow::Context;
use domain::desk::Desk;
use tokio::task::JoinHandle;

pub struct MailJobs(Vec<JoinHandle<()>>);

impl MailJobs {
    pub fn stop(self) {
        for job in self.0 {
            job.abort();
        }
    }
}

pub async fn start(desk: Desk, config: &Config) -> anyhow::Result<MailJobs> {
    let mut jobs = vec![super::sender::spawn(desk.clone()), super::poller::spawn(desk.clone(), config.mail_poll)];
    for (address, protocol) in
        [(config.smtp_listen, super::listener::Protocol::Smtp), (config.lmtp_listen, super::listener::Protocol::Lmtp)]
    {
        let Some(address) = address else { continue };
        let socket = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("cannot listen for {protocol:?} mail on {address}"))?;
        tracing::info!(%address, ?protocol, "receiving mail");
        jobs.push(super::delivery::serve(desk.clone(), socket, protocol));
    }
    Ok(MailJobs(jobs))
}
