//! What the mail tests share: the loopback dovecot and SMTP capture server that
//! scripts/test-all starts (scripts/lib/mail.sh), found through `DOCKET_TEST_IMAP`,
//! `DOCKET_TEST_IMAP_PASSWORD`, `DOCKET_TEST_SMTP` and `DOCKET_TEST_SMTP_CAPTURE`.
//! Any user name logs in to that dovecot and starts with an empty INBOX, so each test takes a
//! fresh one from [`unique_user`] and tests run in parallel.

use server::mail::imap::ImapSettings;
use std::{
    path::PathBuf,
    sync::atomic::{AtomicU32, Ordering},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};
use tokio::net::TcpStream;

pub type TestSession = async_imap::Session<TcpStream>;

/// The test IMAP server, or `None` (after saying so) when this run has none and need not.
pub fn imap_server(test: &str) -> Option<(String, u16, String)> {
    let Ok(address) = std::env::var("DOCKET_TEST_IMAP") else {
        crate::support::skip_without(
            "mail",
            &format!("{test}: DOCKET_TEST_IMAP is not set (scripts/test-all sets it)"),
        );
        return None;
    };
    let (host, port) = address.rsplit_once(':').expect("DOCKET_TEST_IMAP is HOST:PORT");
    let password = std::env::var("DOCKET_TEST_IMAP_PASSWORD").expect("DOCKET_TEST_IMAP_PASSWORD");
    Some((host.to_owned(), port.parse().expect("DOCKET_TEST_IMAP's port"), password))
}

/// The test SMTP server as `(host, port)`, or `None` (after saying so) when this run has none
/// and need not.
pub fn smtp_server(test: &str) -> Option<(String, u16)> {
    let Ok(address) = std::env::var("DOCKET_TEST_SMTP") else {
        crate::support::skip_without(
            "mail",
            &format!("{test}: DOCKET_TEST_SMTP is not set (scripts/test-all sets it)"),
        );
        return None;
    };
    let (host, port) = address.rsplit_once(':').expect("DOCKET_TEST_SMTP is HOST:PORT");
    Some((host.to_owned(), port.parse().expect("DOCKET_TEST_SMTP's port")))
}

/// A name no other test (in this run or an earlier one on the same server) has used.
pub fn unique_user(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_nanos();
    format!("{prefix}-{}-{nanos}-{}@docket.test", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Settings for Docket's client to read `user`'s INBOX on the test server.
pub fn imap_settings(user: &str) -> ImapSettings {
    let (host, port, password) = imap_server("imap_settings").expect("DOCKET_TEST_IMAP");
    ImapSettings { host, port, tls: false, username: user.to_owned(), password, folder: "INBOX".to_owned() }
}

/// Another client of the same mailbox, logged in with async-imap directly.
pub async fn imap_login(user: &str) -> TestSession {
    let (host, port, password) = imap_server("imap_login").expect("DOCKET_TEST_IMAP");
    let tcp = TcpStream::connect((host.as_str(), port)).await.expect("connect to the test IMAP server");
    let mut client = async_imap::Client::new(tcp);
    client.read_response().await.expect("greeting").expect("greeting line");
    client.login(user, password).await.map_err(|(error, _)| error).expect("log in to the test IMAP server")
}

/// Delivers `raw` to `user`'s INBOX, as a mail server would.
pub async fn imap_append(user: &str, raw: &[u8]) {
    let mut session = imap_login(user).await;
    session.append("INBOX", None, None, raw).await.expect("APPEND");
    session.logout().await.expect("LOGOUT");
}

/// Every message the SMTP capture server received for `recipient`, oldest first, waiting up to
/// ten seconds for the first one to arrive.
pub async fn captured(recipient: &str) -> Vec<Vec<u8>> {
    captured_at_least(recipient, 1).await
}

/// Like [`captured`], waiting for `count` messages (and returning however many came).
pub async fn captured_at_least(recipient: &str, count: usize) -> Vec<Vec<u8>> {
    let root = std::env::var("DOCKET_TEST_SMTP_CAPTURE").expect("DOCKET_TEST_SMTP_CAPTURE");
    let directory = PathBuf::from(root).join(recipient.to_lowercase());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        // The server writes under a hidden temporary name and renames: *.eml files are complete.
        let mut names: Vec<PathBuf> = std::fs::read_dir(&directory)
            .map(|entries| entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect())
            .unwrap_or_default();
        names.retain(|path| path.extension().is_some_and(|extension| extension == "eml"));
        if names.len() >= count || Instant::now() >= deadline {
            names.sort();
            return names.iter().map(|path| std::fs::read(path).expect("read a captured message")).collect();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
