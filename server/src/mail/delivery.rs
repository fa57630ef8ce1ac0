//! The built-in SMTP/LMTP listener's link to the desk: a recipient is ours when an active
//! listener mailbox has that address (a +tag allowed), and each delivered message goes through
//! ingest. Mail that ingest quarantines was still received: only a failure to store it is
//! reported back to the sending server, as temporary, so that it retries.

use super::listener::{self, Deliver, DeliverError, ListenerConfig, Protocol};
use domain::{
    desk::Desk,
    email::{ingest, limits::Limits, mailboxes},
};
use std::sync::Arc;

struct DeskDelivery {
    desk: Desk,
    protocol: Protocol,
}

#[async_trait::async_trait]
impl Deliver for DeskDelivery {
    async fn accepts(&self, recipient: &str) -> bool {
        matches!(mailboxes::by_recipient(&self.desk.db, recipient).await, Ok(Some(_)))
    }

    async fn deliver(&self, recipient: &str, sender: &str, raw: Vec<u8>) -> Result<(), DeliverError> {
        let mailbox = match mailboxes::by_recipient(&self.desk.db, recipient).await {
            Ok(Some(mailbox)) => mailbox,
            Ok(None) => return Err(DeliverError::Permanent("no such mailbox here".into())),
            Err(_) => return Err(DeliverError::Temporary("the desk cannot take mail now".into())),
        };
        let via = match self.protocol {
            Protocol::Smtp => "smtp",
            Protocol::Lmtp => "lmtp",
        };
        let received = ingest::Received {
            mailbox: &mailbox,
            via,
            raw: &raw,
            envelope_sender: Some(sender),
            envelope_recipient: Some(recipient),
        };
        match ingest::ingest(&self.desk, received).await {
            Ok(_) => Ok(()),
            Err(error) => {
                tracing::error!(%error, "a delivered message could not be ingested");
                Err(DeliverError::Temporary("the desk cannot take mail now".into()))
            }
        }
    }
}

/// Serves `protocol` on `socket` until the returned task is aborted.
pub fn serve(desk: Desk, socket: tokio::net::TcpListener, protocol: Protocol) -> tokio::task::JoinHandle<()> {
    let config = ListenerConfig {
        protocol,
        hostname: "docket".to_owned(),
        max_message_bytes: Limits::default().max_bytes,
        max_recipients: 100,
        idle_timeout: std::time::Duration::from_secs(300),
    };
    let deliver: Arc<dyn Deliver> = Arc::new(DeskDelivery { desk, protocol });
    tokio::spawn(async move {
        if let Err(error) = listener::serve(socket, config, deliver).await {
            tracing::error!(%error, ?protocol, "the mail listener stopped");
        }
    })
}
