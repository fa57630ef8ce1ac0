//! The knowledge base: categories and sections, articles with their history, the article search
//! index and search, the help center's reads, and what readers tell us (views, votes, answers
//! that spared a ticket). `types` is wasm-safe; the rest is server-only.

pub mod types;

#[cfg(feature = "server")]
pub mod articles;
#[cfg(feature = "server")]
pub mod categories;
#[cfg(feature = "server")]
pub mod feedback;
#[cfg(feature = "server")]
pub mod files;
#[cfg(feature = "server")]
pub mod from_ticket;
#[cfg(feature = "server")]
pub mod index;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod search;
#[cfg(feature = "server")]
mod summaries;
#[cfg(feature = "server")]
pub mod text;
#[cfg(feature = "server")]
pub mod ticket_links;
#[cfg(feature = "server")]
pub mod views_counter;
#[cfg(feature = "server")]
pub mod writers;
