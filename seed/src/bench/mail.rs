//! Inbound mail for the ingest benchmark: deterministic messages from the bench customers, most
//! opening tickets, some answering earlier ones by In-Reply-To, some with HTML, quoted history
//! or a small attachment, as a desk's inbox would hold.

use super::{CUSTOMERS, customer_email, text};
use text::Rng;

/// `count` raw messages, in the order they would arrive.
pub fn messages(count: usize, seed: u64) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(seed);
    // (sender, Message-ID) of every message that opened a ticket, for replies to refer to.
    let mut opened: Vec<(usize, String)> = Vec::new();
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        let id = format!("bench.{seed}.{n}@mail.bench.example");
        let reply_to =
            (!opened.is_empty() && rng.chance(0.3)).then(|| opened[rng.below(opened.len() as u64) as usize].clone());
        let (sender, thread) = match &reply_to {
            Some((sender, parent)) => (*sender, Some(parent.clone())),
            None => (rng.below(CUSTOMERS as u64) as usize, None),
        };
        let subject = match &thread {
            Some(_) => format!("Re: {}", text::subject(&mut rng)),
            None => text::subject(&mut rng),
        };
        let mut body = match &thread {
            Some(_) => text::reply(&mut rng),
            None => text::description(&mut rng, &[]),
        };
        if thread.is_some() && rng.chance(0.5) {
            body.push_str("\r\n\r\nOn Mon, 2 Nov 2026 at 10:00, Support <help@bench.example> wrote:\r\n> Could you tell us more?\r\n> Thanks");
        }
        let mut headers = format!(
            "From: Customer {sender} <{}>\r\nTo: help@bench.example\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\nDate: Sun, 29 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n",
            customer_email(sender)
        );
        if let Some(parent) = &thread {
            headers.push_str(&format!("In-Reply-To: <{parent}>\r\nReferences: <{parent}>\r\n"));
        }
        let raw = if rng.chance(0.2) {
            let html = format!("<html><body><p>{}</p></body></html>", body.replace("\r\n\r\n", "</p><p>"));
            format!(
                "{headers}Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--b1--\r\n"
            )
        } else if rng.chance(0.05) {
            let log = format!("log line {n}\n").repeat(64);
            format!(
                "{headers}Content-Type: multipart/mixed; boundary=\"b2\"\r\n\r\n--b2\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n--b2\r\nContent-Type: text/plain; name=\"error-{n}.log\"\r\nContent-Disposition: attachment; filename=\"error-{n}.log\"\r\n\r\n{log}\r\n--b2--\r\n"
            )
        } else {
            format!("{headers}Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n")
        };
        if thread.is_none() {
            opened.push((sender, id));
        }
        out.push(raw.into_bytes());
    }
    out
}
