//! Requests that look like the same problem: a new request against the customer's open tickets
//! ("Is this the same as DKT-1042?"), and a ticket against the open tickets it could be merged
//! with. Texts become stemmed word weights (`words`), each word weighted by its rarity on the desk
//! (`corpus`); similarity is their cosine, and a pair at
//! or above `tickets::SAME_PROBLEM` is suggested (the threshold is measured, see
//! `domain/benches/duplicates.rs`). `types` is wasm-safe.

pub mod types;

#[cfg(feature = "server")]
pub mod corpus;
#[cfg(feature = "server")]
pub mod tickets;
#[cfg(feature = "server")]
pub mod words;
