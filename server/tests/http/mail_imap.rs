//! Docket's IMAP client against a real dovecot (started by scripts/lib/mail.sh): a stable
//! UIDVALIDITY, fetching above a UID with exact bytes, IMAP's `n:*` trap, never setting \Seen,
//! IDLE, and refusals that do not reveal the password. Each test skips (with a note) when
//! `DOCKET_TEST_IMAP` is not set; scripts/test-all always sets it.

use crate::mail_support::{captured, imap_append, imap_login, imap_server, imap_settings, smtp_server, unique_user};
use async_imap::types::Flag;
use futures::TryStreamExt;
use server::mail::imap::{Fetched, ImapSession};
use std::{
    collections::BTreeMap,
    io::Write,
    sync::{Mutex, PoisonError},
    time::Duration,
};
use tracing_subscriber::util::SubscriberInitExt;

/// A message with 8-bit text, a line that starts with a dot and trailing white space, so that
/// any rewriting on the way shows.
fn message(n: u32) -> Vec<u8> {
    format!(
        "From: Customer {n} <customer{n}@example.com>\r\nTo: help@docket.test\r\n\
         Subject: Question {n}\r\nMessage-ID: <q{n}@example.com>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
         Grüße, question {n} \r\n.a line with a leading dot\r\n"
    )
    .into_bytes()
}

fn uids(fetched: &[Fetched]) -> Vec<u32> {
    fetched.iter().map(|message| message.uid).collect()
}

async fn open(user: &str) -> (ImapSession, u32) {
    let mut session = ImapSession::connect(&imap_settings(user)).await.expect("connect and log in");
    let validity = session.open_folder().await.expect("open INBOX");
    (session, validity)
}

#[tokio::test]
async fn fetch_after_returns_new_messages_oldest_first_with_exact_bytes() {
    let Some(_) = imap_server("fetch_after_returns_new_messages_oldest_first_with_exact_bytes") else { return };
    let user = unique_user("fetch");
    let sent = [message(1), message(2), message(3)];
    for raw in &sent {
        imap_append(&user, raw).await;
    }
    let (mut session, validity) = open(&user).await;

    let all = session.fetch_after(0, 10).await.expect("fetch all");
    assert_eq!(all.iter().map(|message| &message.raw).collect::<Vec<_>>(), sent.iter().collect::<Vec<_>>());
    assert!(all.windows(2).all(|pair| pair[0].uid < pair[1].uid), "UIDs ascend: {:?}", uids(&all));

    let first_two = session.fetch_after(0, 2).await.expect("fetch with a limit");
    assert_eq!(uids(&first_two), uids(&all)[..2]);
    let rest = session.fetch_after(first_two[1].uid, 10).await.expect("fetch the rest");
    assert_eq!(rest, all[2..]);

    // `UID n:*` matches the last message even when its UID is below n; none of it may come back.
    let last = all[2].uid;
    assert_eq!(session.fetch_after(last, 10).await.expect("fetch after the last"), Vec::<Fetched>::new());
    assert_eq!(session.fetch_after(last + 100, 10).await.expect("fetch far after the last"), Vec::<Fetched>::new());
    assert_eq!(session.fetch_after(u32::MAX, 10).await.expect("fetch after the highest UID"), Vec::<Fetched>::new());
    session.logout().await.expect("log out");

    let (again, validity_again) = open(&user).await;
    assert_eq!(validity_again, validity, "UIDVALIDITY is stable across sessions");
    again.logout().await.expect("log out");
}

#[tokio::test]
async fn fetching_sets_no_flag_and_seen_messages_are_fetched_too() {
    let Some(_) = imap_server("fetching_sets_no_flag_and_seen_messages_are_fetched_too") else { return };
    let user = unique_user("seen");
    imap_append(&user, &message(1)).await;
    imap_append(&user, &message(2)).await;
    // Someone reads the second message in their own mail client before Docket polls.
    let mut reader = imap_login(&user).await;
    reader.select("INBOX").await.expect("SELECT");
    let mut existing: Vec<u32> = reader.uid_search("ALL").await.expect("SEARCH").into_iter().collect();
    existing.sort_unstable();
    let read_uid = existing[1];
    let stored = reader.uid_store(read_uid.to_string(), "+FLAGS (\\Seen)").await.expect("STORE");
    stored.try_collect::<Vec<_>>().await.expect("STORE responses");
    reader.logout().await.expect("log out");

    let (mut session, _) = open(&user).await;
    let fetched = session.fetch_after(0, 10).await.expect("fetch");
    assert_eq!(uids(&fetched), existing, "the message read elsewhere is fetched as well");
    session.logout().await.expect("log out");

    let mut checker = imap_login(&user).await;
    checker.examine("INBOX").await.expect("EXAMINE");
    let flags: BTreeMap<u32, bool> = checker
        .uid_fetch("1:*", "(UID FLAGS)")
        .await
        .expect("FETCH FLAGS")
        .try_collect::<Vec<_>>()
        .await
        .expect("FETCH responses")
        .iter()
        .map(|fetch| (fetch.uid.expect("UID"), fetch.flags().any(|flag| flag == Flag::Seen)))
        .collect();
    assert_eq!(flags, BTreeMap::from([(existing[0], false), (read_uid, true)]), "\\Seen per UID after the poll");
    checker.logout().await.expect("log out");
}

#[tokio::test]
async fn idle_wakes_when_mail_arrives() {
    let Some(_) = imap_server("idle_wakes_when_mail_arrives") else { return };
    let user = unique_user("idle");
    let (mut session, _) = open(&user).await;
    assert!(session.supports_idle(), "dovecot offers IDLE");
    assert_eq!(session.fetch_after(0, 10).await.expect("fetch from the empty INBOX"), Vec::<Fetched>::new());

    let (mut session, woke) = session.wait_for_mail(Duration::from_secs(1)).await.expect("idle with nothing to say");
    assert!(!woke, "nothing arrived, so nothing was signalled");
    assert_eq!(session.fetch_after(0, 10).await.expect("the session works after IDLE"), Vec::<Fetched>::new());

    let deliverer = user.clone();
    let delivery = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(500)).await;
        imap_append(&deliverer, &message(1)).await;
    });
    let (mut session, woke) = session.wait_for_mail(Duration::from_secs(30)).await.expect("idle");
    delivery.await.expect("the delivery task");
    assert!(woke, "IDLE signals the new message before the 30 s timeout");
    let fetched = session.fetch_after(0, 10).await.expect("fetch the new message");
    assert_eq!(fetched.iter().map(|message| &message.raw).collect::<Vec<_>>(), [&message(1)]);
    session.logout().await.expect("log out");
}

#[tokio::test]
async fn a_wrong_password_is_an_error_that_does_not_contain_it() {
    let Some(_) = imap_server("a_wrong_password_is_an_error_that_does_not_contain_it") else { return };
    let mut settings = imap_settings(&unique_user("wrong"));
    settings.password = unique_user("not-the-password");
    let error = ImapSession::connect(&settings).await.expect_err("a wrong password is refused");
    let shown = format!("{error:#}\n{error:?}");
    assert!(shown.contains("login refused") && shown.contains(&settings.host), "{shown}");
    assert!(!shown.contains(&settings.password), "the error shows the password: {shown}");
    assert!(!format!("{settings:?}").contains(&settings.password), "Debug shows the password");
}

#[tokio::test]
async fn tls_to_a_plaintext_port_fails_cleanly() {
    let Some(_) = imap_server("tls_to_a_plaintext_port_fails_cleanly") else { return };
    let mut settings = imap_settings(&unique_user("tls"));
    settings.tls = true;
    let error = ImapSession::connect(&settings).await.expect_err("no TLS on the plaintext port");
    let shown = format!("{error:#}");
    assert!(shown.contains("TLS") && !shown.contains(&settings.password), "{shown}");
}

/// Everything the trace-level subscriber of [`logins_are_traced_without_the_password`] wrote.
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct LogWriter;

impl Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        LOG.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logins_are_traced_without_the_password() {
    let Some((_, _, password)) = imap_server("logins_are_traced_without_the_password") else { return };
    // async-imap writes each command (LOGIN included) to the `log` crate at trace level, which
    // the subscriber picks up; the server's filter must keep that target off even at trace. The
    // subscriber is this test's thread's alone (the test runs on one thread), so the other tests
    // of the binary neither write to it nor pay for tracing at that level.
    let _subscriber = tracing_subscriber::fmt()
        .with_env_filter(server::startup::log_filter("trace"))
        .with_writer(|| LogWriter)
        .finish()
        .set_default();
    let (session, _) = open(&unique_user("traced")).await;
    session.logout().await.expect("log out");
    let log = String::from_utf8_lossy(&LOG.lock().unwrap_or_else(PoisonError::into_inner)).into_owned();
    assert!(log.contains("logged in"), "the subscriber captured the session's own events: {log}");
    assert!(!log.contains(&password), "the log shows the password: {log}");
}

#[tokio::test]
async fn the_smtp_capture_keeps_each_message_exactly_per_recipient() {
    use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor, address::Envelope};
    let Some((host, port)) = smtp_server("the_smtp_capture_keeps_each_message_exactly_per_recipient") else {
        return;
    };
    let first = unique_user("Agent");
    let second = unique_user("customer");
    let envelope =
        Envelope::new(None, vec![first.parse().expect("address"), second.parse().expect("address")]).expect("envelope");
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port).build();
    // lettre ends DATA with CRLF.CRLF whatever the message ends with, so a message that ends in
    // a line break arrives with an extra empty line: send it without its last one.
    let sent = message(7);
    let unterminated = sent.strip_suffix(b"\r\n").expect("the message ends with CRLF");
    transport.send_raw(&envelope, unterminated).await.expect("send with a null reverse-path");
    assert_eq!(captured(&first).await, std::slice::from_ref(&sent), "captured under the lowercased recipient");
    assert_eq!(captured(&second).await, [sent]);
}

/// The poller runs in a spawned task, so a session and its futures must be `Send`.
fn poll_in_a_task(session: ImapSession) -> tokio::task::JoinHandle<anyhow::Result<()>> {
    tokio::spawn(async move {
        let (mut session, _) = session.wait_for_mail(Duration::from_secs(1)).await?;
        session.open_folder().await?;
        session.fetch_after(0, 1).await?;
        session.logout().await
    })
}

#[test]
fn sessions_can_move_into_spawned_tasks() {
    let _: fn(ImapSession) -> tokio::task::JoinHandle<anyhow::Result<()>> = poll_in_a_task;
}
