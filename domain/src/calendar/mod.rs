//! The calendar of due dates and SLA deadlines: the days a month or week shows and what falls
//! on them for me, my teams or a saved view, and each agent's private ICS feed.

pub mod types;

#[cfg(feature = "server")]
pub mod entries;
#[cfg(feature = "server")]
pub mod feed;
#[cfg(feature = "server")]
pub mod feed_tokens;
