//! The email channel: what inbound mail becomes (parse, limits, loop safety, threading, ingest,
//! its log and reprocessing), the mail the desk sends (templates, composition, the outbox), and
//! mailboxes. The doors to the outside world (IMAP, the SMTP/LMTP listener, the SMTP sender) are
//! in the server's `mail` module; they call `ingest::ingest` and drain `outbox`.

pub mod automatic;
pub mod body;
pub mod compose;
pub mod copied;
pub mod ingest;
pub mod ingest_counts;
pub mod lenient;
pub mod limits;
pub mod log;
pub mod mailboxes;
pub mod notify;
pub mod outbox;
pub mod parse;
pub mod quotes;
pub mod reaction;
pub mod reprocess;
pub mod settings;
pub mod templates;
pub mod threading;
pub mod token;
