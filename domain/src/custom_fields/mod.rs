//! Custom fields: the fields a desk defines for its tickets (text, long text, number, date,
//! single and multi select, checkbox), with their rules. `types` is the wasm-safe vocabulary and
//! the reading and checking of a value that forms and the server share.

pub mod types;
