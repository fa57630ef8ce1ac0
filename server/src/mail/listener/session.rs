//! One client connection: the greeting, each command and its reply, and the envelope of the
//! transaction under way, until QUIT, hang-up or the idle timeout.

use std::{io, net::IpAddr, sync::Arc};

use tokio::io::{AsyncRead, AsyncWrite};

use super::{
    Deliver, ListenerConfig, Protocol,
    command::{self, Command, Hello, ParseError},
    envelope::Envelope,
    io::{CommandLine, Connection},
    message,
    sequence::{Sequence, Step},
};

pub(super) struct Session<R, W> {
    conn: Connection<R, W>,
    config: Arc<ListenerConfig>,
    deliver: Arc<dyn Deliver>,
    sequence: Sequence,
    /// Set by an accepted MAIL, cleared by the end of data, RSET and a new greeting.
    envelope: Option<Envelope>,
}

enum Flow {
    Continue,
    Close,
}

const BAD_SEQUENCE: &str = "503 5.5.1 Bad sequence of commands\r\n";

impl<R: AsyncRead + Unpin, W: AsyncWrite + Unpin> Session<R, W> {
    pub(super) fn new(
        reader: R,
        writer: W,
        peer: IpAddr,
        config: Arc<ListenerConfig>,
        deliver: Arc<dyn Deliver>,
    ) -> Self {
        Self {
            conn: Connection::new(reader, writer, config.idle_timeout),
            sequence: Sequence::new(&config.hostname, peer),
            config,
            deliver,
            envelope: None,
        }
    }

    pub(super) async fn run(mut self) -> io::Result<()> {
        let result = self.converse().await;
        if let Err(error) = &result
            && error.kind() == io::ErrorKind::TimedOut
        {
            tracing::debug!("idle timeout");
            let goodbye = format!("421 4.4.2 {} Idle for too long, closing connection\r\n", self.config.hostname);
            // Best effort: a client that stopped reading will not see it either way.
            let _sent = self.conn.send(&goodbye).await;
            let _closed = self.conn.shutdown().await;
            return Ok(());
        }
        // The conversation is over either way; failing to close it cleanly changes nothing.
        let _closed = self.conn.shutdown().await;
        result
    }

    async fn converse(&mut self) -> io::Result<()> {
        let kind = if self.config.protocol == Protocol::Lmtp { "LMTP" } else { "ESMTP" };
        self.conn.send(&format!("220 {} {kind} Docket ready\r\n", self.config.hostname)).await?;
        loop {
            let line = match self.conn.read_command().await? {
                CommandLine::Line(line) => line,
                CommandLine::TooLong => {
                    self.conn.send("500 5.5.2 Line too long\r\n").await?;
                    continue;
                }
                CommandLine::Closed => {
                    tracing::debug!("client hung up");
                    return Ok(());
                }
            };
            let flow = match command::parse(&line) {
                Ok(command) => self.execute(command).await?,
                Err(error) => {
                    let reply = match error {
                        ParseError::Unknown => "500 5.5.1 Command unrecognized\r\n".to_owned(),
                        ParseError::Syntax(why) => format!("501 5.5.4 Syntax error: {why}\r\n"),
                        ParseError::Parameter => "555 5.5.4 Parameter not recognized or not implemented\r\n".to_owned(),
                    };
                    self.conn.send(&reply).await?;
                    Flow::Continue
                }
            };
            if let Flow::Close = flow {
                return Ok(());
            }
        }
    }

    async fn execute(&mut self, command: Command) -> io::Result<Flow> {
        match command {
            Command::Hello { verb, domain } => self.hello(verb, &domain).await?,
            Command::Mail { sender, size } => self.mail(sender, size).await?,
            Command::Rcpt { recipient } => self.rcpt(recipient).await?,
            Command::Data => self.data().await?,
            Command::Rset => {
                self.sequence.advance(Step::Rset);
                self.envelope = None;
                self.conn.send("250 2.0.0 OK\r\n").await?;
            }
            Command::Noop => self.conn.send("250 2.0.0 OK\r\n").await?,
            Command::Vrfy => {
                self.conn.send("252 2.5.0 Cannot VRFY user, but will accept message for delivery\r\n").await?
            }
            Command::NotImplemented => self.conn.send("502 5.5.1 Command not implemented\r\n").await?,
            Command::Quit => {
                self.conn.send(&format!("221 2.0.0 {} closing connection\r\n", self.config.hostname)).await?;
                return Ok(Flow::Close);
            }
        }
        Ok(Flow::Continue)
    }

    async fn hello(&mut self, verb: Hello, domain: &str) -> io::Result<()> {
        let step = match (self.config.protocol, verb) {
            (Protocol::Smtp, Hello::Helo) => Step::Helo,
            (Protocol::Smtp, Hello::Ehlo) | (Protocol::Lmtp, Hello::Lhlo) => Step::Ehlo,
            (Protocol::Smtp, Hello::Lhlo) => {
                return self.conn.send("500 5.5.1 This is SMTP, not LMTP: use EHLO\r\n").await;
            }
            (Protocol::Lmtp, _) => return self.conn.send("500 5.5.1 This is LMTP: use LHLO\r\n").await,
        };
        tracing::debug!(client = domain, "greeted");
        self.sequence.advance(step);
        self.envelope = None;
        let host = &self.config.hostname;
        let reply = match step {
            Step::Helo => format!("250 {host}\r\n"),
            _ => format!(
                "250-{host}\r\n250-PIPELINING\r\n250-SIZE {}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 ENHANCEDSTATUSCODES\r\n",
                self.config.max_message_bytes
            ),
        };
        self.conn.send(&reply).await
    }

    async fn mail(&mut self, sender: String, size: Option<u64>) -> io::Result<()> {
        if size.is_some_and(|size| size > u64::try_from(self.config.max_message_bytes).unwrap_or(u64::MAX)) {
            return self.conn.send("552 5.3.4 Message size exceeds fixed maximum message size\r\n").await;
        }
        if !self.sequence.advance(Step::Mail) {
            return self.conn.send(BAD_SEQUENCE).await;
        }
        tracing::debug!(%sender, "MAIL FROM");
        self.envelope = Some(Envelope { sender, recipients: Vec::new() });
        self.conn.send("250 2.1.0 Sender OK\r\n").await
    }

    async fn rcpt(&mut self, recipient: String) -> io::Result<()> {
        let Some(count) = self.envelope.as_ref().map(|envelope| envelope.recipients.len()) else {
            return self.conn.send(BAD_SEQUENCE).await;
        };
        if count >= self.config.max_recipients {
            return self.conn.send("452 4.5.3 Too many recipients\r\n").await;
        }
        if !self.deliver.accepts(&recipient).await {
            tracing::debug!(%recipient, "RCPT TO refused");
            return self.conn.send("550 5.1.1 Mailbox unavailable\r\n").await;
        }
        if !self.sequence.advance(Step::Rcpt) {
            return self.conn.send(BAD_SEQUENCE).await;
        }
        tracing::debug!(%recipient, "RCPT TO");
        if let Some(envelope) = self.envelope.as_mut() {
            envelope.recipients.push(recipient);
        }
        self.conn.send("250 2.1.5 Recipient OK\r\n").await
    }

    async fn data(&mut self) -> io::Result<()> {
        if !self.sequence.advance(Step::Data) {
            return self.conn.send(BAD_SEQUENCE).await;
        }
        let Some(envelope) = self.envelope.take() else {
            // mailin only takes DATA after an accepted RCPT, so there is an envelope; if the two
            // ever disagree, refusing is the safe side.
            self.sequence.advance(Step::DataEnd);
            return self.conn.send(BAD_SEQUENCE).await;
        };
        self.conn.send("354 Start mail input; end with <CRLF>.<CRLF>\r\n").await?;
        let received = message::receive(&mut self.conn, self.config.max_message_bytes).await?;
        self.sequence.advance(Step::DataEnd);
        let replies = match received {
            Some(raw) => {
                tracing::debug!(bytes = raw.len(), recipients = envelope.recipients.len(), "message received");
                message::deliver(self.deliver.as_ref(), self.config.protocol, &envelope, raw).await
            }
            None => {
                tracing::debug!(limit = self.config.max_message_bytes, "message too big");
                message::too_big(self.config.protocol, &envelope)
            }
        };
        self.conn.send(&replies).await
    }
}
