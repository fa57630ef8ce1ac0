//! The SMTP/LMTP listener's protocol: one whole client conversation (any bytes: commands,
//! pipelined or not, DATA, over-long lines, bare LFs, a hang-up anywhere) fed to the listener's
//! real session state machine (server/src/mail/listener/: session, command, io, message,
//! sequence, compiled here from their own files) over an in-memory connection, with a stand-in
//! `Deliver` that refuses some recipients and fails some deliveries.
//! The first input byte picks the protocol (SMTP or LMTP), the size limit and the recipient
//! limit; the rest is what the client sends.
//! Checks: no panic; every reply line is well formed (three digits, a space or dash, printable
//! ASCII, CRLF) and starts with the 220 greeting; every command line the client finished gets
//! exactly one reply (a too-long one a 500), and the end of each message one reply per accepted
//! recipient in LMTP and one in SMTP; nothing is answered that was not asked, nothing after the
//! 221 of QUIT; no delivered message is over the size limit.
#![no_main]

use std::{
    cell::RefCell,
    io,
    pin::Pin,
    rc::Rc,
    sync::Arc,
    task::{Context, Poll},
    time::Duration,
};

use libfuzzer_sys::fuzz_target;
use tokio::io::AsyncWrite;

/// The listener module as the server has it: its public types (`Deliver`, `Protocol`, …).
#[path = "../../server/src/mail"]
mod mail {
    #[allow(dead_code, unused_imports)]
    pub mod listener;
}

/// The listener's session and the modules it uses, compiled from the same files beside a way in
/// to `Session`, which the server keeps private to its listener.
#[path = "../../server/src/mail/listener"]
#[allow(dead_code)]
mod listener {
    pub use super::mail::listener::{Deliver, DeliverError, ListenerConfig, Protocol};

    mod command;
    mod envelope;
    mod io;
    mod message;
    mod sequence;
    mod session;

    /// One conversation over `reader` and `writer`, as the server runs each connection.
    pub async fn converse<R, W>(
        reader: R,
        writer: W,
        config: std::sync::Arc<ListenerConfig>,
        deliver: std::sync::Arc<dyn Deliver>,
    ) -> std::io::Result<()>
    where
        R: tokio::io::AsyncRead + Unpin,
        W: tokio::io::AsyncWrite + Unpin,
    {
        let peer = std::net::IpAddr::from([127, 0, 0, 1]);
        session::Session::new(reader, writer, peer, config, deliver).run().await
    }
}

use listener::{Deliver, DeliverError, ListenerConfig, Protocol};

/// The limits of `listener/io.rs` and `listener/message.rs`, as a client sees them.
const MAX_COMMAND_LINE: usize = 4096;

thread_local! {
    static RUNTIME: tokio::runtime::Runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
}

/// Where the replies go.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl AsyncWrite for Sink {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.0.borrow_mut().extend_from_slice(buf);
        Poll::Ready(Ok(buf.len()))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// Refuses `nobody…`, fails deliveries to `busy…` (temporarily) and `gone…` (for good).
struct Desk {
    max_message_bytes: usize,
}

#[async_trait::async_trait]
impl Deliver for Desk {
    async fn accepts(&self, recipient: &str) -> bool {
        !recipient.to_ascii_lowercase().starts_with("nobody")
    }

    async fn deliver(&self, recipient: &str, _sender: &str, raw: Vec<u8>) -> Result<(), DeliverError> {
        assert!(raw.len() <= self.max_message_bytes, "a message of {} bytes over the limit", raw.len());
        let recipient = recipient.to_ascii_lowercase();
        if recipient.starts_with("busy") {
            Err(DeliverError::Temporary("database busy\r\n250 smuggled".into()))
        } else if recipient.starts_with("gone") {
            Err(DeliverError::Permanent("\u{7}".into()))
        } else {
            Ok(())
        }
    }
}

fuzz_target!(|input: &[u8]| {
    let Some((&setting, client)) = input.split_first() else { return };
    let protocol = if setting & 1 == 0 { Protocol::Smtp } else { Protocol::Lmtp };
    let mut config = ListenerConfig::new(protocol, "mx.example");
    config.max_message_bytes = 64 << ((setting >> 1) & 7);
    config.max_recipients = 1 + usize::from((setting >> 4) & 3);
    config.idle_timeout = Duration::from_secs(300);
    let deliver = Arc::new(Desk { max_message_bytes: config.max_message_bytes });
    let sink = Sink::default();
    let result = RUNTIME.with(|rt| rt.block_on(listener::converse(client, sink.clone(), Arc::new(config), deliver)));
    if let Err(error) = result {
        // The only way a session over a connection that never stalls ends in an error: the
        // client hung up inside a message.
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof, "{error}");
    }
    let output = sink.0.borrow();
    check_conversation(protocol, client, &output);
});

/// One reply: its code and whether it is the last line of a multi-line one.
fn replies(output: &[u8]) -> Vec<u16> {
    assert!(output.is_empty() || output.ends_with(b"\r\n"), "a reply without CRLF: {:?}", String::from_utf8_lossy(output));
    let mut codes = Vec::new();
    let mut open: Option<u16> = None;
    for line in output.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let text = String::from_utf8_lossy(line);
        let line = line.strip_suffix(b"\r").unwrap_or_else(|| panic!("a bare LF in reply {text:?}"));
        assert!(line.len() >= 4 && line[..3].iter().all(u8::is_ascii_digit), "a malformed reply {text:?}");
        assert!(line[4..].iter().all(|&b| (0x20..0x7f).contains(&b)), "an unprintable reply {text:?}");
        let code = (line[0] - b'0') as u16 * 100 + (line[1] - b'0') as u16 * 10 + (line[2] - b'0') as u16;
        assert!(open.is_none_or(|c| c == code), "a multi-line reply changes code: {text:?}");
        match line[3] {
            b'-' => open = Some(code),
            b' ' => {
                open = None;
                codes.push(code);
            }
            _ => panic!("a malformed reply {text:?}"),
        }
    }
    assert!(open.is_none(), "an unfinished multi-line reply");
    codes
}

/// Walks the client's bytes as the listener must read them and pairs each finished command line
/// and each message with the replies it is owed.
fn check_conversation(protocol: Protocol, client: &[u8], output: &[u8]) {
    let shown = || String::from_utf8_lossy(output).into_owned();
    let mut codes = replies(output).into_iter();
    assert_eq!(codes.next(), Some(220), "no greeting: {}", shown());
    let mut rest = client;
    let mut recipients = 0usize;
    loop {
        // A command line: up to LF; one of 4096 bytes or more before its LF is too long.
        let Some(lf) = rest.iter().position(|&b| b == b'\n') else { break };
        let line = &rest[..lf];
        rest = &rest[lf + 1..];
        let Some(code) = codes.next() else {
            panic!("no reply to {:?}; replies: {}", String::from_utf8_lossy(line), shown())
        };
        if line.len() >= MAX_COMMAND_LINE {
            assert_eq!(code, 500, "a too-long line answered {code}");
            continue;
        }
        let verb = line.get(..4).map(|v| v.to_ascii_uppercase()).unwrap_or_default();
        match code {
            221 => {
                assert_eq!(verb, b"QUIT", "221 to {:?}", String::from_utf8_lossy(line));
                assert_eq!(codes.next(), None, "replies after 221: {}", shown());
                return;
            }
            354 => {
                assert!(verb == b"DATA" && recipients > 0, "354 to {:?}", String::from_utf8_lossy(line));
                // The message ends at the first CRLF . CRLF, counting the CRLF before it.
                let mut stream = b"\r\n".to_vec();
                stream.extend_from_slice(rest);
                let Some(end) = stream.windows(5).position(|w| w == b"\r\n.\r\n") else { break };
                rest = &rest[end + 3..];
                let owed = if protocol == Protocol::Lmtp { recipients } else { 1 };
                for _ in 0..owed {
                    let code = codes.next().unwrap_or_else(|| panic!("a message left unanswered: {}", shown()));
                    assert!(matches!(code, 250 | 451 | 550 | 552 | 554), "{code} after a message");
                }
                recipients = 0;
            }
            250 if verb == b"RCPT" => recipients += 1,
            250 if matches!(&verb[..], b"MAIL" | b"RSET" | b"HELO" | b"EHLO" | b"LHLO") => recipients = 0,
            421 => panic!("421 from a session that was never idle: {}", shown()),
            _ => {}
        }
    }
    assert_eq!(codes.next(), None, "more replies than lines: {}", shown());
}
