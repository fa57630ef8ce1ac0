//! A message after DATA: reading it to the end-of-data line while keeping no more than the size
//! limit, handing it to `Deliver` once per recipient, and the replies that report how that went.

use std::io;

use tokio::io::{AsyncRead, AsyncWrite};

use super::{
    Deliver, DeliverError, Protocol,
    envelope::Envelope,
    io::{Connection, Segment},
};

/// How much of a message line is read at once; longer lines are read in pieces, not refused.
const DATA_CHUNK: usize = 8192;

const TOO_BIG: &str = "552 5.3.4 Message too big for system\r\n";

/// Reads the message up to its end-of-data line and undoes the dot-stuffing. `None` if it was
/// larger than `max` bytes: the rest is still read, and dropped, so the session can go on.
pub(super) async fn receive<R, W>(conn: &mut Connection<R, W>, max: usize) -> io::Result<Option<Vec<u8>>>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut message = Vec::new();
    let mut too_big = false;
    let mut segment = Vec::with_capacity(DATA_CHUNK);
    let mut at_line_start = true;
    // End of data is `.` CRLF after a CRLF, not after a bare LF: an upstream MTA that passes
    // `LF . CRLF` through as message text would otherwise let a sender end the message early and
    // smuggle commands in behind it (SMTP smuggling, CVE-2023-51764; RFC 5321 §4.1.1.4).
    let mut after_crlf = true;
    let mut ended_in_cr = false;
    loop {
        segment.clear();
        let read = conn.read_segment(&mut segment, DATA_CHUNK).await?;
        if read == Segment::Closed {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed during DATA"));
        }
        if after_crlf && segment == b".\r\n" {
            return Ok((!too_big).then_some(message));
        }
        let mut bytes = segment.as_slice();
        if at_line_start && let Some(unstuffed) = bytes.strip_prefix(b".") {
            bytes = unstuffed;
        }
        let wanted = message.len() + bytes.len();
        if too_big || wanted > max {
            too_big = true;
            message = Vec::new();
        } else {
            if wanted > message.capacity() {
                // Grow by doubling as usual, but not past the limit, which would let a session
                // hold up to twice what it may keep.
                let target = message.capacity().saturating_mul(2).min(max).max(wanted);
                message.reserve_exact(target - message.len());
            }
            message.extend_from_slice(bytes);
        }
        at_line_start = read == Segment::Line;
        after_crlf = at_line_start && (segment.ends_with(b"\r\n") || (segment == b"\n" && ended_in_cr));
        ended_in_cr = segment.last() == Some(&b'\r');
    }
}

/// Hands `raw` to `deliver` for each recipient in turn and returns the reply (SMTP) or replies
/// (LMTP, one per recipient in RCPT order) that report the outcome.
///
/// In SMTP one failed recipient fails the whole message, and the retry goes to every recipient
/// again: `Deliver` has to take a message it already has, one more reason to prefer LMTP.
pub(super) async fn deliver(
    deliver: &dyn Deliver,
    protocol: Protocol,
    envelope: &Envelope,
    mut raw: Vec<u8>,
) -> String {
    let mut results: Vec<Result<(), DeliverError>> = Vec::with_capacity(envelope.recipients.len());
    for (at, recipient) in envelope.recipients.iter().enumerate() {
        // A recipient named twice (in whatever letter case) gets one copy, and both its RCPTs
        // the same reply.
        let earlier = envelope.recipients[..at].iter().position(|other| other.eq_ignore_ascii_case(recipient));
        let result = match earlier.and_then(|first| results.get(first)) {
            Some(result) => result.clone(),
            None => {
                let last = at + 1 == envelope.recipients.len();
                let copy = if last { std::mem::take(&mut raw) } else { raw.clone() };
                let result = deliver.deliver(recipient, &envelope.sender, copy).await;
                match &result {
                    Ok(()) => tracing::debug!(%recipient, "delivered"),
                    Err(error) => tracing::debug!(%recipient, %error, "not delivered"),
                }
                result
            }
        };
        results.push(result);
    }
    match protocol {
        Protocol::Smtp => smtp_reply(&results),
        Protocol::Lmtp => results.iter().map(lmtp_reply).collect(),
    }
}

/// The replies for a message over the size limit.
pub(super) fn too_big(protocol: Protocol, envelope: &Envelope) -> String {
    match protocol {
        Protocol::Smtp => TOO_BIG.to_owned(),
        Protocol::Lmtp => TOO_BIG.repeat(envelope.recipients.len()),
    }
}

/// 250 only if every recipient got the message; otherwise a temporary failure wins over a
/// permanent one, since the retry may then succeed.
fn smtp_reply(results: &[Result<(), DeliverError>]) -> String {
    let mut errors = results.iter().filter_map(|result| result.as_ref().err());
    let temporary = errors.clone().find(|error| matches!(error, DeliverError::Temporary(_)));
    match temporary.or_else(|| errors.next()) {
        None => "250 2.0.0 Message accepted for delivery\r\n".to_owned(),
        Some(DeliverError::Temporary(reason)) => format!("451 4.3.0 {}\r\n", reply_text(reason, "Try again later")),
        Some(DeliverError::Permanent(reason)) => format!("554 5.3.0 {}\r\n", reply_text(reason, "Delivery failed")),
    }
}

fn lmtp_reply(result: &Result<(), DeliverError>) -> String {
    match result {
        Ok(()) => "250 2.0.0 Delivered\r\n".to_owned(),
        Err(DeliverError::Temporary(reason)) => format!("451 4.3.0 {}\r\n", reply_text(reason, "Try again later")),
        Err(DeliverError::Permanent(reason)) => format!("550 5.3.0 {}\r\n", reply_text(reason, "Delivery failed")),
    }
}

/// `reason` made safe for one reply line: printable ASCII, short, never empty.
fn reply_text(reason: &str, fallback: &str) -> String {
    let printable = |c: char| match c {
        _ if c.is_control() || c.is_whitespace() => ' ',
        _ if c.is_ascii() => c,
        _ => '?',
    };
    let text: String = reason.chars().take(200).map(printable).collect();
    if text.trim().is_empty() { fallback.to_owned() } else { text.trim().to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temporary(reason: &str) -> Result<(), DeliverError> {
        Err(DeliverError::Temporary(reason.into()))
    }

    fn permanent(reason: &str) -> Result<(), DeliverError> {
        Err(DeliverError::Permanent(reason.into()))
    }

    #[test]
    fn smtp_answers_for_the_worst_recipient_retryable_first() {
        assert!(smtp_reply(&[Ok(()), Ok(())]).starts_with("250 "));
        assert_eq!(smtp_reply(&[Ok(()), permanent("gone"), temporary("busy")]), "451 4.3.0 busy\r\n");
        assert_eq!(smtp_reply(&[permanent("gone"), Ok(())]), "554 5.3.0 gone\r\n");
    }

    #[test]
    fn failure_reasons_cannot_break_the_reply_line() {
        assert_eq!(lmtp_reply(&temporary("db down\r\n250 fake")), "451 4.3.0 db down  250 fake\r\n");
        assert_eq!(lmtp_reply(&permanent(" \n")), "550 5.3.0 Delivery failed\r\n");
        assert_eq!(reply_text(&"é".repeat(500), "x").len(), 200);
    }
}
