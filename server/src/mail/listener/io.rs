//! The connection's bytes: bounded line reading that treats a bare LF as a line end, buffered
//! replies flushed only when the client waits for them, and the idle timeout on both.

use std::{io, time::Duration};

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, BufWriter};

/// Longest command line kept. RFC 5321 asks for 512; the slack covers long UTF-8 addresses.
pub(super) const MAX_COMMAND_LINE: usize = 4096;

/// What one read up to a line end produced.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Segment {
    /// Ends with LF.
    Line,
    /// Stopped at the length limit; the line goes on.
    Partial,
    /// The client closed the connection (any unfinished line is dropped).
    Closed,
}

/// A command line as read.
pub(super) enum CommandLine {
    /// Without its CRLF or LF.
    Line(Vec<u8>),
    /// Longer than `MAX_COMMAND_LINE`; read to its end and dropped.
    TooLong,
    Closed,
}

pub(super) struct Connection<R, W> {
    reader: BufReader<R>,
    writer: BufWriter<W>,
    idle_timeout: Duration,
}

impl<R: AsyncRead + Unpin, W: AsyncWrite + Unpin> Connection<R, W> {
    pub(super) fn new(reader: R, writer: W, idle_timeout: Duration) -> Self {
        Self { reader: BufReader::new(reader), writer: BufWriter::new(writer), idle_timeout }
    }

    /// Appends bytes to `out` up to and including the next LF, or until `out` holds `limit`
    /// bytes. Times out with `ErrorKind::TimedOut` after the idle timeout without input.
    pub(super) async fn read_segment(&mut self, out: &mut Vec<u8>, limit: usize) -> io::Result<Segment> {
        loop {
            // Replies to pipelined commands wait in the buffer until the client has no more
            // input queued, i.e. until it is waiting for them (RFC 2920 §3).
            if self.reader.buffer().is_empty() {
                self.flush().await?;
            }
            let (consumed, segment) = {
                let available = within(self.idle_timeout, self.reader.fill_buf()).await?;
                if available.is_empty() {
                    return Ok(Segment::Closed);
                }
                let room = limit.saturating_sub(out.len());
                let window = &available[..available.len().min(room)];
                match window.iter().position(|&b| b == b'\n') {
                    Some(lf) => {
                        out.extend_from_slice(&window[..=lf]);
                        (lf + 1, Some(Segment::Line))
                    }
                    None => {
                        out.extend_from_slice(window);
                        (window.len(), (out.len() >= limit).then_some(Segment::Partial))
                    }
                }
            };
            self.reader.consume(consumed);
            if let Some(segment) = segment {
                return Ok(segment);
            }
        }
    }

    /// Reads one command line, dropping (but reading past) one that is too long so the session
    /// can answer it and carry on.
    pub(super) async fn read_command(&mut self) -> io::Result<CommandLine> {
        let mut line = Vec::with_capacity(128);
        match self.read_segment(&mut line, MAX_COMMAND_LINE).await? {
            Segment::Line => {
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                Ok(CommandLine::Line(line))
            }
            Segment::Closed => Ok(CommandLine::Closed),
            Segment::Partial => loop {
                line.clear();
                match self.read_segment(&mut line, MAX_COMMAND_LINE).await? {
                    Segment::Line => return Ok(CommandLine::TooLong),
                    Segment::Partial => {}
                    Segment::Closed => return Ok(CommandLine::Closed),
                }
            },
        }
    }

    /// Queues a reply; `read_segment` sends it once the client is waiting for it.
    pub(super) async fn send(&mut self, reply: &str) -> io::Result<()> {
        within(self.idle_timeout, self.writer.write_all(reply.as_bytes())).await
    }

    /// Sends what is queued now, for replies that should not wait for the next read.
    pub(super) async fn flush(&mut self) -> io::Result<()> {
        within(self.idle_timeout, self.writer.flush()).await
    }

    /// Sends what is queued and closes our side.
    pub(super) async fn shutdown(&mut self) -> io::Result<()> {
        within(self.idle_timeout, self.writer.shutdown()).await
    }
}

/// Bounds waiting on the client by the idle timeout, writes included, so one that stops reading
/// cannot hold the session (and the message it may be buffering) forever.
async fn within<T>(limit: Duration, work: impl Future<Output = io::Result<T>>) -> io::Result<T> {
    tokio::time::timeout(limit, work).await.map_err(|_| io::Error::from(io::ErrorKind::TimedOut))?
}
