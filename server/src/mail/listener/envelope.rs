//! The envelope of the transaction under way: set by MAIL and RCPT in the session, read when the
//! message after DATA is delivered.

/// Who a message in progress is from and for.
pub(super) struct Envelope {
    /// "" for the null sender.
    pub(super) sender: String,
    /// Accepted recipients in RCPT order, as LMTP replies for them.
    pub(super) recipients: Vec<String>,
}
