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
pub mod matching;
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

/// The new-request form's element id, which the form stylesheet's rules start from.
pub const NEW_REQUEST_FORM_ID: &str = "new-request";

/// Where the server serves the stylesheet that shows the chosen category's fields.
pub const FORM_STYLES_PATH: &str = "/forms.css";

/// The element id of a category's option in the new-request form's category select.
pub fn category_option_id(category_id: i64) -> String {
    format!("category-option-{category_id}")
}
