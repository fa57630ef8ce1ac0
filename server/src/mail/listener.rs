//! The built-in SMTP/LMTP listener an MTA delivers inbound mail to: the accept loop, its
//! configuration, and the `Deliver` seam through which received messages leave it.
//!
//! It speaks plain text only, with no STARTTLS and no AUTH: it is meant to listen on loopback or
//! on a private network behind an MTA (Postfix, Exim, a relay service) that faces the internet,
//! does TLS and spam filtering, and hands over only mail for our domains. Prefer LMTP there: its
//! per-recipient replies let one failed recipient be retried without redelivering to the others.

mod command;
mod envelope;
mod io;
mod message;
mod sequence;
mod session;

use std::{fmt, net::SocketAddr, sync::Arc, time::Duration};

use tokio::{net::TcpListener, task::JoinSet};
use tracing::Instrument;

/// Where received mail goes. Implemented by the server over `domain::email` ingest.
#[async_trait::async_trait]
pub trait Deliver: Send + Sync + 'static {
    /// Is this one of our addresses? Asked at RCPT TO; `false` answers 550 there.
    async fn accepts(&self, recipient: &str) -> bool;
    /// Takes one whole message (raw RFC 5322 bytes, dot-unstuffed, line ends as received) for one
    /// recipient. `sender` is the MAIL FROM reverse-path ("" for the null sender `<>`).
    async fn deliver(&self, recipient: &str, sender: &str, raw: Vec<u8>) -> Result<(), DeliverError>;
}

/// Why a delivery failed. The text is sent to the delivering MTA and may end up in a bounce to
/// the sender, so it should say what is wrong without internals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliverError {
    /// Worth retrying later (a busy database, a full disk): answered 451.
    Temporary(String),
    /// Retrying will not help (a disabled mailbox, a rejected message): answered 550 per
    /// recipient in LMTP, 554 for the transaction in SMTP.
    Permanent(String),
}

impl fmt::Display for DeliverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Temporary(reason) => write!(f, "temporary delivery failure: {reason}"),
            Self::Permanent(reason) => write!(f, "permanent delivery failure: {reason}"),
        }
    }
}

impl std::error::Error for DeliverError {}

/// Which dialect the listener speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// RFC 5321: one reply for the whole message after DATA.
    Smtp,
    /// RFC 2033: LHLO, and one reply per recipient after DATA.
    Lmtp,
}

/// How the listener behaves towards each connection.
#[derive(Clone, Debug)]
pub struct ListenerConfig {
    pub protocol: Protocol,
    /// Our name in the greeting and the EHLO/LHLO reply.
    pub hostname: String,
    /// Largest message accepted, in bytes after dot-unstuffing; also advertised as SIZE.
    pub max_message_bytes: usize,
    /// Recipients accepted per transaction; more are answered 452 so the client sends them later.
    pub max_recipients: usize,
    /// How long a client may stay silent (or refuse to read our replies) before we hang up with 421.
    pub idle_timeout: Duration,
}

impl ListenerConfig {
    /// The usual limits: 25 MiB messages, the 100 recipients RFC 5321 §4.5.3.1.8 asks servers to
    /// take, and its 5-minute server timeout.
    pub fn new(protocol: Protocol, hostname: impl Into<String>) -> Self {
        Self {
            protocol,
            hostname: hostname.into(),
            max_message_bytes: 25 * 1024 * 1024,
            max_recipients: 100,
            idle_timeout: Duration::from_secs(300),
        }
    }
}

/// Pause after a failed accept, so running out of file descriptors does not become a busy loop.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// Accepts connections until the future is dropped; one task per connection.
///
/// Dropping the future also ends the sessions still open: a client cut off before our final
/// reply keeps the message and retries. Errors of one connection (and a panicking `Deliver`)
/// end that session only; accept errors are logged and retried, so this never returns.
pub async fn serve(listener: TcpListener, config: ListenerConfig, deliver: Arc<dyn Deliver>) -> std::io::Result<()> {
    let config = Arc::new(config);
    let mut sessions = JoinSet::new();
    loop {
        while let Some(finished) = sessions.try_join_next() {
            if let Err(error) = finished
                && error.is_panic()
            {
                tracing::error!(%error, "a mail listener session panicked");
            }
        }
        match listener.accept().await {
            Ok((stream, peer)) => {
                let span = tracing::debug_span!("mail_session", %peer, protocol = ?config.protocol);
                sessions.spawn(run_session(stream, peer, Arc::clone(&config), Arc::clone(&deliver)).instrument(span));
            }
            Err(error) => {
                tracing::warn!(%error, "accepting a mail connection failed");
                tokio::time::sleep(ACCEPT_BACKOFF).await;
            }
        }
    }
}

async fn run_session(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    config: Arc<ListenerConfig>,
    deliver: Arc<dyn Deliver>,
) {
    tracing::debug!("connected");
    let (reader, writer) = stream.into_split();
    match session::Session::new(reader, writer, peer.ip(), config, deliver).run().await {
        Ok(()) => tracing::debug!("closed"),
        Err(error) => tracing::debug!(%error, "closed on error"),
    }
}
