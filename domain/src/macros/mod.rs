//! Macros: canned responses with placeholders and optional actions (a status, tags, an
//! assignee), personal or shared, inserted from the reply box, previewed with the ticket's
//! values before sending, and counted when used. `types` is wasm-safe; the rest needs the
//! `server` feature.

pub mod types;

#[cfg(feature = "server")]
pub mod commands;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod reply;
