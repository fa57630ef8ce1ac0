//! Attachments: files on messages. Uploads are checked and their bytes written to the
//! content-addressed file store; the rows are written by the ticket commands, in the same
//! transaction as the message; downloads are authorized like the message they belong to.

pub mod upload;

#[cfg(feature = "server")]
pub mod records;
#[cfg(feature = "server")]
pub mod store;

pub use upload::{AttachmentView, MAX_FILES, Upload};
