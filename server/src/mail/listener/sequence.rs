//! The order of a mail transaction, kept by mailin's state machine: which of the greeting, MAIL,
//! RCPT, DATA and the end of data may come next, and where RSET and a new greeting lead.
//!
//! mailin is fed stand-in lines for steps the session has already decided on, never the
//! client's own lines. Everything else it could do is done around it, because:
//! - its `Handler` is synchronous, while `Deliver::accepts` and `Deliver::deliver` are async;
//! - its parser cannot read what we must accept (see `command`) and cannot tell 500 from 501;
//! - it knows no LHLO, its EHLO reply lists only 8BITMIME, and after DATA it gives one reply
//!   where LMTP needs one per recipient (RFC 2033 §4.2);
//! - its end of data is any `.` CRLF line, where we also require the line before to end in CRLF.

use std::net::IpAddr;

use mailin::{Action, Handler, Session, SessionBuilder};

#[derive(Clone, Copy, Debug)]
pub(super) enum Step {
    Helo,
    Ehlo,
    Mail,
    Rcpt,
    Data,
    DataEnd,
    Rset,
}

pub(super) struct Sequence(Session<Decided>);

/// mailin's handler, with nothing left to decide by the time a step reaches it.
struct Decided;

impl Handler for Decided {}

impl Sequence {
    pub(super) fn new(hostname: &str, peer: IpAddr) -> Self {
        Self(SessionBuilder::new(hostname).build(peer, Decided))
    }

    /// Takes `step` if it may come now. `false` means it is out of order (503) and nothing changed.
    pub(super) fn advance(&mut self, step: Step) -> bool {
        let line: &[u8] = match step {
            Step::Helo => b"HELO client\r\n",
            // LHLO too: in mailin's states it is EHLO under another name.
            Step::Ehlo => b"EHLO client\r\n",
            Step::Mail => b"MAIL FROM:<sender>\r\n",
            Step::Rcpt => b"RCPT TO:<recipient>\r\n",
            Step::Data => b"DATA\r\n",
            Step::DataEnd => b".\r\n",
            Step::Rset => b"RSET\r\n",
        };
        let response = self.0.process(line);
        !response.is_error && response.action != Action::Close
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sequence() -> Sequence {
        Sequence::new("mx.example", IpAddr::from([127, 0, 0, 1]))
    }

    #[test]
    fn a_transaction_goes_greeting_mail_rcpt_data() {
        let mut seq = sequence();
        for step in [Step::Ehlo, Step::Mail, Step::Rcpt, Step::Rcpt, Step::Data, Step::DataEnd, Step::Mail] {
            assert!(seq.advance(step), "{step:?}");
        }
    }

    #[test]
    fn steps_out_of_order_are_refused_and_change_nothing() {
        let mut seq = sequence();
        assert!(!seq.advance(Step::Mail), "MAIL before the greeting");
        assert!(seq.advance(Step::Helo));
        assert!(!seq.advance(Step::Rcpt), "RCPT before MAIL");
        assert!(!seq.advance(Step::Data), "DATA before MAIL");
        assert!(seq.advance(Step::Mail));
        assert!(!seq.advance(Step::Mail), "a second MAIL");
        assert!(!seq.advance(Step::Data), "DATA before any RCPT");
        assert!(seq.advance(Step::Rcpt));
    }

    #[test]
    fn rset_and_a_new_greeting_end_the_transaction() {
        let mut seq = sequence();
        assert!(seq.advance(Step::Rset), "RSET before the greeting is harmless");
        for reset in [Step::Rset, Step::Ehlo] {
            assert!(seq.advance(Step::Ehlo) && seq.advance(Step::Mail) && seq.advance(Step::Rcpt));
            assert!(seq.advance(reset));
            assert!(!seq.advance(Step::Rcpt), "after {reset:?}");
            assert!(seq.advance(Step::Mail));
            assert!(seq.advance(Step::Rset));
        }
    }
}
