//! The suggested category and priority: a multinomial naive Bayes model (linfa-bayes) per field,
//! trained on the desk's own solved tickets (subject and first message as hashed, stemmed
//! words), retrained by a scheduled job and on demand, measured on tickets held out from its
//! training next to always guessing the most common value, shown to agents with its confidence,
//! and applied to new tickets by itself above a confidence an admin chooses. `types` is
//! wasm-safe; the rest needs the `server` feature.

pub mod types;

#[cfg(feature = "server")]
pub mod features;
#[cfg(feature = "server")]
pub mod model;
#[cfg(feature = "server")]
pub mod settings;
#[cfg(feature = "server")]
pub mod suggest;
#[cfg(feature = "server")]
pub mod train;
