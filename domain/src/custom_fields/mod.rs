//! Custom fields: the fields a desk defines for its tickets (text, long text, number, date,
//! single and multi select, checkbox), with their rules, the per-category forms that show them
//! to customers, and their values on tickets. `types` and `views` are the wasm-safe vocabulary
//! and the reading and checking of a value that forms and the server share; the rest needs the
//! `server` feature.

pub mod types;
pub mod views;

#[cfg(feature = "server")]
pub mod catalog;
#[cfg(feature = "server")]
pub mod columns;
#[cfg(feature = "server")]
pub mod filter;
#[cfg(feature = "server")]
pub mod input;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod setup;
#[cfg(feature = "server")]
pub mod values;

/// The name of a field's input in forms, and of its error: `field_<id>`.
pub fn input_name(field_id: i64) -> String {
    format!("field_{field_id}")
}
