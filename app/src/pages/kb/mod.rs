//! `/agent/kb`: the staff's knowledge base: every article with its readers' counts, the
//! categories and sections, and the editor where allowed writers write and publish.

pub mod categories;
pub mod editor;
pub mod fields;
pub mod files;
pub mod list;
pub mod writers;
