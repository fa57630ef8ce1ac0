//! Reading a mailbox over IMAP for the email channel's poller: log in (plain or implicit TLS),
//! open one folder read-only, fetch the messages above a UID without marking them \Seen, and wait
//! for new mail with IDLE. After any error, drop the session and connect again: a command that
//! failed or timed out leaves the connection in an unknown state.

mod connect;
mod idle;
mod uid_set;

use anyhow::{Context, anyhow};
use futures::TryStreamExt;
use std::{collections::BTreeMap, fmt, future::Future, time::Duration};

/// How long connecting, the TLS handshake, the greeting and LOGIN may take together.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a short command (EXAMINE, SEARCH, NOOP, DONE, LOGOUT) may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one batch of messages may take to download.
const FETCH_TIMEOUT: Duration = Duration::from_secs(300);

/// Where and as whom to read mail.
#[derive(Clone)]
pub struct ImapSettings {
    pub host: String,
    pub port: u16,
    /// Implicit TLS (usually port 993), checked against the webpki roots. Without it the
    /// password crosses the network in clear: only for loopback and tests.
    pub tls: bool,
    pub username: String,
    pub password: String,
    /// The folder to read, usually `INBOX`; sent as given (modified UTF-7 if not ASCII).
    pub folder: String,
}

impl fmt::Debug for ImapSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("folder", &self.folder)
            .finish()
    }
}

/// One message as the server stores it.
#[derive(Clone, PartialEq, Eq)]
pub struct Fetched {
    pub uid: u32,
    pub raw: Vec<u8>,
}

impl fmt::Debug for Fetched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fetched {{ uid: {}, raw: {} bytes }}", self.uid, self.raw.len())
    }
}

/// A logged-in IMAP connection reading one folder.
pub struct ImapSession {
    session: connect::Session,
    idle: bool,
    folder: String,
    /// Names the server and account in errors and logs; never holds the password.
    server: String,
    opened: bool,
}

impl fmt::Debug for ImapSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapSession")
            .field("server", &self.server)
            .field("folder", &self.folder)
            .field("idle", &self.idle)
            .field("opened", &self.opened)
            .finish()
    }
}

impl ImapSession {
    /// Connects and logs in, giving up after a timeout.
    pub async fn connect(settings: &ImapSettings) -> anyhow::Result<ImapSession> {
        let server = format!("IMAP {}:{} as {}", settings.host, settings.port, settings.username);
        let (session, idle) = within(CONNECT_TIMEOUT, connect::login(settings))
            .await
            .with_context(|| format!("cannot log in to {server}"))?;
        tracing::debug!(%server, idle, "logged in");
        Ok(ImapSession { session, idle, folder: settings.folder.clone(), server, opened: false })
    }

    /// Opens the folder read-only (EXAMINE, so nothing this session does can change a flag) and
    /// returns its UIDVALIDITY: when that changes, every UID remembered for the folder is void.
    pub async fn open_folder(&mut self) -> anyhow::Result<u32> {
        let mailbox = within(COMMAND_TIMEOUT, self.session.examine(&self.folder))
            .await
            .with_context(|| format!("cannot open the folder {:?} on {}", self.folder, self.server))?;
        self.opened = true;
        mailbox
            .uid_validity
            .with_context(|| format!("{} sent no UIDVALIDITY for the folder {:?}", self.server, self.folder))
    }

    /// Every message with a UID above `after_uid`, oldest first, at most `limit`, fetched with
    /// BODY.PEEK[] so that the \Seen flag is never set.
    pub async fn fetch_after(&mut self, after_uid: u32, limit: usize) -> anyhow::Result<Vec<Fetched>> {
        if !self.opened {
            return Err(anyhow!("open_folder must come before fetch_after on {}", self.server));
        }
        let Some(first) = after_uid.checked_add(1) else { return Ok(Vec::new()) };
        if limit == 0 {
            return Ok(Vec::new());
        }
        let found = within(COMMAND_TIMEOUT, self.session.uid_search(format!("UID {first}:*")))
            .await
            .with_context(|| format!("cannot search {:?} on {}", self.folder, self.server))?;
        let wanted = uid_set::above(found, after_uid, limit);
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let fetches = within(FETCH_TIMEOUT, async {
            self.session
                .uid_fetch(uid_set::sequence_set(&wanted), "(UID BODY.PEEK[])")
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await
        .with_context(|| format!("cannot fetch {} messages from {:?} on {}", wanted.len(), self.folder, self.server))?;
        // The server may add FETCH responses of its own (flag changes): keep only what was asked.
        let mut by_uid = BTreeMap::new();
        for fetch in &fetches {
            if let (Some(uid), Some(raw)) = (fetch.uid, fetch.body())
                && wanted.binary_search(&uid).is_ok()
            {
                by_uid.insert(uid, raw.to_vec());
            }
        }
        for uid in wanted.iter().filter(|uid| !by_uid.contains_key(uid)) {
            // Expunged between SEARCH and FETCH, most likely; nothing left to read.
            tracing::warn!(server = %self.server, folder = %self.folder, uid, "message not returned by FETCH");
        }
        Ok(by_uid.into_iter().map(|(uid, raw)| Fetched { uid, raw }).collect())
    }

    /// Whether the server offers IDLE, so that [`Self::wait_for_mail`] wakes on new mail.
    pub fn supports_idle(&self) -> bool {
        self.idle
    }

    pub async fn logout(mut self) -> anyhow::Result<()> {
        within(COMMAND_TIMEOUT, self.session.logout())
            .await
            .with_context(|| format!("cannot log out of {}", self.server))
    }
}

/// Runs an IMAP step with a deadline, so that a server that stops answering cannot hold the
/// poller forever.
async fn within<T, E>(limit: Duration, step: impl Future<Output = Result<T, E>>) -> anyhow::Result<T>
where
    E: Into<anyhow::Error>,
{
    match tokio::time::timeout(limit, step).await {
        Ok(result) => result.map_err(Into::into),
        Err(_) => Err(anyhow!("no answer within {} s", limit.as_secs())),
    }
}
