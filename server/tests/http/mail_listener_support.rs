//! What the listener tests share: a `Deliver` that records what it gets, a listener on a free
//! port, and a client for hand-typed conversations.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use lettre::{
    address::Address,
    transport::smtp::{client::AsyncSmtpConnection, extension::ClientId},
};
use server::mail::listener::{Deliver, DeliverError, ListenerConfig, Protocol, serve};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{
        TcpListener, TcpStream,
        tcp::{OwnedReadHalf, OwnedWriteHalf},
    },
};

#[derive(Debug, PartialEq)]
pub struct Delivery {
    pub recipient: String,
    pub sender: String,
    pub raw: Vec<u8>,
}

/// Knows the `@desk.test` addresses except `nobody@`; `busy@` fails for now and `gone@` for good.
#[derive(Default)]
pub struct Recorder {
    delivered: Mutex<Vec<Delivery>>,
}

impl Recorder {
    /// Takes what was delivered so far, so each check sees only what came after the last.
    pub fn delivered(&self) -> Vec<Delivery> {
        std::mem::take(&mut *self.delivered.lock().expect("lock"))
    }
}

#[async_trait::async_trait]
impl Deliver for Recorder {
    async fn accepts(&self, recipient: &str) -> bool {
        recipient.ends_with("@desk.test") && !recipient.starts_with("nobody@")
    }

    async fn deliver(&self, recipient: &str, sender: &str, raw: Vec<u8>) -> Result<(), DeliverError> {
        if recipient.starts_with("busy@") {
            return Err(DeliverError::Temporary("mailbox busy".into()));
        }
        if recipient.starts_with("gone@") {
            return Err(DeliverError::Permanent("mailbox closed".into()));
        }
        let delivery = Delivery { recipient: recipient.into(), sender: sender.into(), raw };
        self.delivered.lock().expect("lock").push(delivery);
        Ok(())
    }
}

pub async fn start_with(config: ListenerConfig) -> (SocketAddr, Arc<Recorder>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let recorder = Arc::new(Recorder::default());
    tokio::spawn(serve(listener, config, recorder.clone()));
    (addr, recorder)
}

pub async fn start(protocol: Protocol) -> (SocketAddr, Arc<Recorder>) {
    let mut config = ListenerConfig::new(protocol, "mx.desk.test");
    config.max_message_bytes = 2000;
    config.max_recipients = 3;
    start_with(config).await
}

/// A hand-typed conversation.
pub struct Raw {
    pub reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
}

impl Raw {
    pub async fn connect(addr: SocketAddr) -> Self {
        let (reader, writer) = TcpStream::connect(addr).await.expect("connect").into_split();
        let mut raw = Self { reader: BufReader::new(reader), writer };
        assert!(raw.reply().await.starts_with("220 mx.desk.test"));
        raw
    }

    pub async fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.expect("write");
    }

    /// One whole reply, multi-line ones joined; panics rather than hang.
    pub async fn reply(&mut self) -> String {
        let mut reply = String::new();
        loop {
            let mut line = String::new();
            let read = tokio::time::timeout(Duration::from_secs(10), self.reader.read_line(&mut line));
            assert!(read.await.expect("a reply in time").expect("read") > 0, "closed after {reply:?}");
            reply.push_str(&line);
            if line.as_bytes().get(3) != Some(&b'-') {
                return reply;
            }
        }
    }

    /// Sends one command and checks the reply's code.
    pub async fn expect(&mut self, command: &str, code: &str) -> String {
        self.send(format!("{command}\r\n").as_bytes()).await;
        let reply = self.reply().await;
        assert!(reply.starts_with(code), "{command:?} got {reply:?}, expected {code}");
        reply
    }
}

pub fn address(text: &str) -> Address {
    text.parse().expect("address")
}

pub async fn lettre_connection(addr: SocketAddr) -> AsyncSmtpConnection {
    let hello = ClientId::Domain("client.test".into());
    AsyncSmtpConnection::connect_tokio1(addr, Some(Duration::from_secs(10)), &hello, None, None).await.expect("connect")
}

pub fn code(error: &lettre::transport::smtp::Error) -> String {
    error.status().map(|code| code.to_string()).unwrap_or_else(|| format!("{error}"))
}
