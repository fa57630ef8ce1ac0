//! The email channel's adapters to the outside world: the SMTP/LMTP listener, the IMAP poller
//! and the SMTP sender. What mail becomes is decided in `domain::email`.

pub mod delivery;
pub mod imap;
pub mod jobs;
pub mod listener;
pub mod poller;
pub mod sender;
